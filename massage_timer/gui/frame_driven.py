"""What the session's moving widgets (the picture, the breath pacer) share: when to want frames.

Such a widget keeps no time and has no timer. It wants frames only while it is shown, the
window is not minimized, the session runs, and it has something that moves; the session
view asks the controller for frame wake-ups while one of them wants them, and calls each
one's ``frame()`` on them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget


class FrameDrivenWidget(QWidget):
    """A widget that moves on the session's frame wake-ups; see :attr:`animating`."""

    animating_changed = Signal(bool)  # whether it wants frames now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._running = False  # the session runs (not paused, not waiting)
        self._suspended = False  # the window is minimized
        self._animating = False
        self.frames = 0  # moving frames drawn (tests and the bench read it)

    @property
    def animating(self) -> bool:
        """Whether it wants frames: shown, not minimized, running, with something to move."""
        return self._animating

    def set_suspended(self, suspended: bool) -> None:
        """No frames while the window is minimized; they resume when it comes back."""
        self._suspended = suspended
        self._sync()

    def _moves(self) -> bool:
        """Whether there is something to move now, the session and the window apart."""
        raise NotImplementedError

    def _sync(self) -> None:
        wanted = self._running and self._moves() and self.isVisible() and not self._suspended
        if wanted != self._animating:
            self._animating = wanted
            self.animating_changed.emit(wanted)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._sync()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self._sync()
