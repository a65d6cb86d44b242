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

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's largest widget size, as setMaximumSize takes it


class SteadyLabel(TextLabel):
    """A TextLabel sized to the widest text it has shown, so a new text moves nothing."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        new_font = event.type() == QEvent.Type.FontChange
        if new_font:
            # A label's size hint is never below its minimum size: unfix it first, or a
            # smaller font would keep the size of the largest one ever shown.
            self.setMinimumSize(0, 0)
            self.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
        super().changeEvent(event)
        if new_font:
            self._fit()

    def _fit(self) -> None:
        # Fixed: keep the widest width shown; unfixed (new, or a new font): measure afresh.
        hint = self.sizeHint()
        fixed = self.minimumSize() == self.maximumSize()
        width = max(hint.width(), self.maximumWidth()) if fixed else hint.width()
        if not fixed or self.maximumSize() != QSize(width, hint.height()):
            self.setFixedSize(width, hint.height())
