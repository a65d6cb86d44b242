"""Telling the person things: the banner of one-line notices, and the confirm question."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from massage_timer.core.i18n import _
from massage_timer.gui.text import TextLabel, message_box
from massage_timer.gui.theme import em

Confirm = Callable[[QWidget, str, str, str], bool]  # parent, title, question, yes-button


def ask(parent: QWidget, title: str, question: str, yes: str) -> bool:
    """A modal question; Enter answers ``yes``, Esc keeps things as they are."""
    from PySide6.QtWidgets import QMessageBox

    box = message_box(parent, QMessageBox.Icon.Question, title, question)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(_("Keep going"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is yes_button


def close_open_dialog(*, questions_only: bool) -> None:
    """Answer the open modal dialog as Esc does, if there is one.

    ``questions_only``: only a question box, never a dialog such as the settings, whose
    edits that answer would throw away.
    """
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QMessageBox if questions_only else QDialog):
        dialog.reject()


class Banner(QFrame):
    """One-line notices at the top of the window, each shown once, dismissable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.shown: list[str] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(em(self, 0.7), em(self, 0.35), em(self, 0.35), em(self, 0.35))
        self.label = TextLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(_("Notice"))
        row.addWidget(self.label, 1)
        close = QPushButton(_("Dismiss"))
        close.setAccessibleName(_("Dismiss the notice"))
        close.setAccessibleDescription(_("Hide this notice; the app goes on as it says"))
        close.clicked.connect(self.hide)
        row.addWidget(close)
        self.hide()
        self._close = close

    def add(self, messages: list[str]) -> None:
        """Show the messages not shown before; a dismissed banner comes back with new ones."""
        fresh = [m for m in messages if m and m not in self.shown]
        if not fresh:
            return
        self.shown.extend(fresh)
        if not self.shown[: -len(fresh)]:  # the first notice: set up what startup could skip
            from PySide6.QtCore import Qt

            self._close.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click never takes focus
        showing = self.label.text().split("\n") if not self.isHidden() and self.label.text() else []
        self.label.setText("\n".join(showing + fresh))
        self.show()
