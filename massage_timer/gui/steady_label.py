"""A label for a time that changes every second without laying the window out again.

When a QLabel's text changes it asks its layout to run again, and in the session view that
means every word-wrapped label measures its lines anew, once a second. Qt skips that for a
widget whose size is fixed, so this label fixes its size to the widest text it has shown
in its current font (a countdown's width then never shrinks and jitters back); a new font
(the view scales the countdown with the window) measures it afresh.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize

from massage_timer.gui.text import TextLabel


class SteadyLabel(TextLabel):
    """A TextLabel sized to the widest text it has shown, so a new text moves nothing."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._fit(grow_only=True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit(grow_only=False)

    def _fit(self, grow_only: bool) -> None:
        hint = self.sizeHint()
        fixed = self.minimumSize() == self.maximumSize()
        width = max(hint.width(), self.maximumWidth()) if grow_only and fixed else hint.width()
        if not fixed or self.maximumSize() != QSize(width, hint.height()):
            self.setFixedSize(width, hint.height())
