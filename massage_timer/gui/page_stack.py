"""The window's screens: home at the bottom, full-window pages pushed on top of it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from massage_timer.core.i18n import _
from massage_timer.gui.text import TextLabel
from massage_timer.gui.theme import em, scale_font


class PageStack(QStackedWidget):
    """Home, the session and finish screens, and pages pushed over them (newest on top)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._home: QWidget | None = None
        self.pages: list[QWidget] = []  # pushed pages, newest last

    @property
    def home(self) -> QWidget:
        """The bottom screen, given once by :meth:`set_home`."""
        if self._home is None:
            raise RuntimeError("PageStack.set_home was never called")
        return self._home

    def set_home(self, home: QWidget) -> None:
        """Put ``home`` at the bottom; made with the stack as its parent, it is not moved."""
        self._home = home
        self.addWidget(home)

    def current(self) -> QWidget:
        return self.currentWidget() or self.home

    def push(self, widget: QWidget, title: str = "", chrome: bool = True) -> None:
        """Show ``widget`` over everything; with ``chrome``, under a Back button and title."""
        page = self._framed(widget, title) if chrome else widget
        self.pages.append(page)
        self.addWidget(page)
        self.setCurrentWidget(page)
        widget.setFocus()

    def pop(self) -> None:
        """Close the newest pushed page and show what was under it."""
        if not self.pages:
            return
        page = self.pages.pop()
        self.removeWidget(page)
        page.deleteLater()
        self.setCurrentWidget(self.pages[-1] if self.pages else self.home)

    def pop_all(self) -> None:
        while self.pages:
            self.pop()

    def _framed(self, widget: QWidget, title: str) -> QWidget:
        from massage_timer.gui.icons import button_icon

        page = QWidget()
        col = QVBoxLayout(page)
        col.setContentsMargins(em(self, 1.2), em(self, 0.8), em(self, 1.2), em(self, 0.8))
        top = QHBoxLayout()
        back = QPushButton(_("Back  Esc"))
        back.setIcon(button_icon(self, "home"))
        back.setAccessibleName(_("Back"))
        back.setToolTip(_("Back to the routines (Esc)"))
        back.clicked.connect(self.pop)
        top.addWidget(back)
        heading = TextLabel(title)
        scale_font(heading, 1.4, weight=700)
        top.addSpacing(em(self, 0.8))
        top.addWidget(heading, 1)
        col.addLayout(top)
        col.addWidget(widget, 1)
        return page
