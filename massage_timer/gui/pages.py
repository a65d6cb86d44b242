"""Wiring the "make it yours" pages into the window: editor, history, settings, reminders, tray.

The main window only announces what the person asked for (customize, history, settings);
this router builds the page, pushes it, and carries what it changes back to the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from massage_timer.core.i18n import _
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.reminders import ReminderScheduler
from massage_timer.gui.text import message_box
from massage_timer.gui.theme import apply_theme
from massage_timer.gui.tray import TrayIcon
from massage_timer.storage.settings import Settings

if TYPE_CHECKING:
    # Imported when opened: a session that never opens them does not hold them (~3 MiB).
    from massage_timer.gui.history_view import HistoryView
    from massage_timer.gui.routine_editor import RoutineEditor
    from massage_timer.gui.settings_dialog import SettingsDialog

VoiceLister = Callable[[], list[tuple[str, str]]]


def engine_voices() -> list[tuple[str, str]]:
    """(id, label) of the voices installed, those of the app's language first.

    Each label says which language the voice speaks; none without a speech engine.
    """
    from massage_timer.audio import available_voices
    from massage_timer.audio.rules import voice_language
    from massage_timer.core.i18n import LANGUAGE_NAMES, current_language

    language = current_language()
    voices = available_voices()
    ordered = sorted(voices, key=lambda v: voice_language(v) != language)  # stable
    labels = []
    for v in ordered:
        speaks = voice_language(v)
        tag = LANGUAGE_NAMES[speaks] if speaks else ", ".join(v.languages) or "?"
        labels.append((v.id, _("{voice} — {language}").format(voice=v.name, language=tag)))
    return labels


class PageRouter(QObject):
    """Opens the editor, history and settings for ``window``; runs reminders and the tray."""

    def __init__(self, window: MainWindow, voices: VoiceLister = engine_voices) -> None:
        super().__init__(window)
        self.window = window
        self._voices = voices
        self.editor: RoutineEditor | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.reminders = ReminderScheduler(window.settings, parent=self)
        self.reminders.reminder_due.connect(self.remind)
        self.tray = TrayIcon(self)
        self.tray.start_requested.connect(self._start_from_tray)
        self.tray.show_requested.connect(self._show_window)
        self.tray.quit_requested.connect(self._quit_from_tray)
        self._leaving = False  # the tray's Quit: let the window close for real
        window.customize_requested.connect(self.open_editor)
        window.history_requested.connect(self.open_history)
        window.settings_requested.connect(self.open_settings)
        window.close_hides = self._close_hides
        self._sync_tray(window.settings)

    # -- pages ----------------------------------------------------------------------------

    def open_editor(self, routine_id: str) -> RoutineEditor | None:
        routine = self.window.catalog.get(routine_id)
        if routine is None:
            self.window.banner.add(
                [_("No routine {routine} to customize.").format(routine=routine_id)]
            )
            return None
        from massage_timer.gui.routine_editor import RoutineEditor

        editor = RoutineEditor(routine, settings=self.window.settings)
        editor.saved.connect(lambda _: self.window.reload_routines())
        editor.deleted.connect(lambda _: self.window.reload_routines())
        editor.closed.connect(self.window.pop_page)
        self.editor = editor
        self.window.show_page(editor, chrome=False)
        return editor

    def open_history(self) -> HistoryView:
        from massage_timer.gui.history_view import HistoryView

        view = HistoryView()
        view.closed.connect(self.window.pop_page)
        self.window.show_page(view, chrome=False)
        view.refresh()
        return view

    def open_settings(self) -> SettingsDialog:
        from massage_timer.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window.settings, self._voices(), self.window)
        dialog.settings_changed.connect(self.apply_settings)
        dialog.finished.connect(lambda _: dialog.deleteLater())
        self.settings_dialog = dialog
        dialog.open()  # window-modal, but the session's timers keep running
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        """Carry changed settings everywhere at once: voice, captions, theme, reminders."""
        old_theme = self.window.settings.theme
        self.window.apply_settings(settings)
        app = QApplication.instance()
        if settings.theme != old_theme and isinstance(app, QApplication):
            apply_theme(app, settings.theme)
        self.reminders.apply_settings(settings)
        self._sync_tray(settings)

    # -- reminders and the tray -----------------------------------------------------------

    def remind(self, routine_id: str) -> None:
        """A reminder is due: a notification in the tray, else a question in the window."""
        routine = self.window.catalog.get(routine_id)
        title = routine.title if routine is not None else routine_id
        if self.tray.notify_reminder(routine_id, title):
            return
        self._show_window()
        box = message_box(
            self.window,
            QMessageBox.Icon.Question,
            _("Reminder"),
            _("Time for your {title}. Start it now?").format(title=title),
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Start"))
        box.button(QMessageBox.StandardButton.No).setText(_("Later"))
        box.accepted.connect(lambda: self.window.open_session(routine_id))
        box.finished.connect(lambda _: box.deleteLater())
        box.open()

    def _sync_tray(self, settings: Settings) -> None:
        keep = settings.tray and self.tray.available
        QApplication.setQuitOnLastWindowClosed(not keep)
        if keep:
            self.tray.show()
        else:
            self.tray.hide()

    def _start_from_tray(self, routine_id: str) -> None:
        self._show_window()
        self.window.open_session(routine_id)

    def _show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _quit_from_tray(self) -> None:
        self._leaving = True
        if self.window.isVisible():
            self.window.close()  # asks first if a session is running
        else:
            self.window.shut_down()
        if self.window.isVisible():
            self._leaving = False  # the person chose to keep the session
            return
        QApplication.quit()

    def _close_hides(self) -> bool:
        # With the tray on, closing the window hides it; the app keeps running for reminders,
        # and a session keeps going (the tray's menu pauses, skips and stops it).
        return not self._leaving and self.window.settings.tray and self.tray.available
