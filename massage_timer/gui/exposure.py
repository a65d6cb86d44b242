"""Whether the window is on screen at all, from its QWindow's expose events.

A window manager's minimize, an unmapped or hidden window, a screen locker that unmaps
it: each leaves the window unexposed, and then nothing needs to be drawn. The widget's
own minimized state does not cover all of these (without a window manager there is
none), the expose events do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow


class ExposureWatch(QObject):
    """Calls ``changed(exposed)`` when ``window`` comes on screen or leaves it."""

    def __init__(self, window: QWindow, changed: Callable[[bool], None]) -> None:
        super().__init__(window)
        self._changed = changed
        self.exposed = window.isExposed()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Expose and isinstance(watched, QWindow):
            exposed = watched.isExposed()
            if exposed != self.exposed:
                self.exposed = exposed
                self._changed(exposed)
        return False
