"""Telling the person things: the banner of one-line notices, and the confirm question."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from massage_timer.gui.theme import em

Confirm = Callable[[QWidget, str, str, str], bool]  # parent, title, question, yes-button


def ask(parent: QWidget, title: str, question: str, yes: str) -> bool:
    """A modal question; Enter answers ``yes``, Esc keeps things as they are."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is yes_button


class Banner(QFrame):
    """One-line notices at the top of the window, each shown once, dismissable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.shown: list[str] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(em(self, 0.7), em(self, 0.35), em(self, 0.35), em(self, 0.35))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Notice")
        row.addWidget(self.label, 1)
        close = QPushButton("Dismiss")
        close.setAccessibleName("Dismiss the notice")
        close.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # never takes the focus from a click
        close.clicked.connect(self.hide)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def add(self, messages: list[str]) -> None:
        """Show the messages not shown before; a dismissed banner comes back with new ones."""
        fresh = [m for m in messages if m and m not in self.shown]
        if not fresh:
            return
        self.shown.extend(fresh)
        showing = self.label.text().split("\n") if not self.isHidden() and self.label.text() else []
        self.label.setText("\n".join(showing + fresh))
        self.show()
