"""The system tray icon: reminders as notifications, and a menu to show, start or quit.

Where the desktop has no system tray (``QSystemTrayIcon.isSystemTrayAvailable()`` is
false, as under the offscreen platform or some Wayland desktops), the wrapper creates
nothing, every method does nothing, and :attr:`TrayIcon.status` says so, so the main
window can keep its window open instead of hiding into a tray nobody can see.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from massage_timer import APP_NAME
from massage_timer.core.i18n import _
from massage_timer.gui.text import first_line_tip, menu_text, one_line
from massage_timer.resources import icon_path

_log = logging.getLogger(__name__)
NOTIFICATION_MS = 15000


def app_icon() -> QIcon:
    """The app's icon, or a plain drawn one when the icon file is missing."""
    try:
        path = icon_path()
    except (ValueError, FileNotFoundError):
        path = None
    if path is not None and path.is_file():
        return QIcon(str(path))
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1d7a6c"))
    painter.drawEllipse(QRectF(4, 4, 56, 56))
    painter.setBrush(QColor("#ffffff"))
    painter.drawEllipse(QRectF(24, 14, 16, 16))  # a head over shoulders
    painter.drawRoundedRect(QRectF(16, 34, 32, 16), 8, 8)
    painter.end()
    return QIcon(pixmap)


def reminder_notice(title: str) -> tuple[str, str]:
    """The heading and body of a reminder's notification for the routine ``title``.

    The heading is plain text in both of Qt's notifications (a freedesktop summary, a
    balloon's PlainText label), so the title goes there as written, on one line; the body
    may be read as markup by a freedesktop server, so only our own words go in it.
    """
    return one_line(_("Time for your {title}").format(title=title)), _("Click here to start it.")


class TrayIcon(QObject):
    """A tray icon that shows reminders; signals what the user asked for.

    ``start_requested(routine_id)`` when the user clicks a reminder or its menu entry,
    ``show_requested()`` for the window, ``quit_requested()`` to leave the app.
    """

    start_requested = Signal(str)
    show_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending = ""  # the routine of the last reminder, started by a click on it
        self._icon: QSystemTrayIcon | None = None
        self.tooltip = "massage-timer"
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        # The menu and the tooltip exist with or without a tray: cheap, and checkable anywhere.
        self.menu = QMenu()
        self.show_action = QAction(_("Show {app_name}").format(app_name=APP_NAME), self.menu)
        self.show_action.triggered.connect(self.show_requested.emit)
        self.start_action = QAction(_("Start"), self.menu)
        self.start_action.triggered.connect(self._start_pending)
        self.start_action.setVisible(False)
        self.quit_action = QAction(_("Quit"), self.menu)
        self.quit_action.triggered.connect(self.quit_requested.emit)
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.start_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.tooltip = APP_NAME
        if not self.available:
            self.status = _("No system tray here: reminders show in the window instead.")
            _log.info(self.status)
            return
        self.status = ""
        self._icon = QSystemTrayIcon(app_icon(), self)
        self._icon.setToolTip(self.tooltip)
        self._icon.setContextMenu(self.menu)
        self._icon.activated.connect(self._activated)
        self._icon.messageClicked.connect(self._start_pending)

    def show(self) -> None:
        if self._icon is not None:
            self._icon.show()

    def hide(self) -> None:
        if self._icon is not None:
            self._icon.hide()

    def is_visible(self) -> bool:
        return self._icon is not None and self._icon.isVisible()

    def add_session_actions(self, actions: list[QAction]) -> None:
        """Put a session's commands (pause, next, back, stop) at the top of the menu."""
        if self._icon is None:
            return
        self.menu.insertActions(self.show_action, actions)
        self.menu.insertSeparator(self.show_action)

    def set_tooltip(self, text: str) -> None:
        self.tooltip = text
        if self._icon is not None:
            self._icon.setToolTip(text)

    def notify_reminder(self, routine_id: str, title: str) -> bool:
        """Show "Time for your <title>"; clicking it starts the routine. False if no tray."""
        self._pending = routine_id
        self.start_action.setText(menu_text(_("Start {title}").format(title=title)))
        self.start_action.setVisible(True)
        heading, body = reminder_notice(title)
        self.tooltip = first_line_tip(APP_NAME, heading)
        if self._icon is None:
            return False
        self._icon.setToolTip(self.tooltip)
        self._icon.show()
        self._icon.showMessage(
            heading, body, QSystemTrayIcon.MessageIcon.Information, NOTIFICATION_MS
        )
        return True

    @property
    def pending_routine(self) -> str:
        return self._pending

    def _start_pending(self) -> None:
        if self._pending:
            self.start_requested.emit(self._pending)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_requested.emit()
