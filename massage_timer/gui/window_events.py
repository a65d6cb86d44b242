"""The main window's own changes that matter once it is on screen: shown again, minimized
or restored, on screen or not (:mod:`.exposure`), a new application font.

They come as signals of the window's ``QWindow`` and of the application, not through an
event filter or an event handler: either would be called in Python for events the window
gets all the time, and a running session sends it one for every frame it draws (an
``UpdateRequest``), with two filters some 8 % of the session's CPU time
(bench/window_startup.py). Nor are they needed for the first frame, so
:meth:`MainWindow.finish_startup` connects them just after it: PySide6 makes ``QEvent`` and
its 177 event types as Python objects the first time Qt hands an event to Python (about
2 ms), so no handler of ours may run before that frame (the cards reflow in their grid's
``setGeometry``, not in a resize handler).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QGuiApplication, QWindow
from PySide6.QtWidgets import QWidget

from massage_timer.gui.exposure import ExposureWatch


class WindowEvents(QObject):
    """Calls ``shown`` when ``window`` is shown again, ``state_changed`` when it is minimized,
    restored, hidden, or comes on screen or leaves it, and ``font_changed`` when the
    application font changes.

    A child of ``window``: the connections end with it.
    """

    def __init__(
        self,
        window: QWidget,
        shown: Callable[[], None],
        state_changed: Callable[[], None],
        font_changed: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._shown = shown
        self._state_changed = state_changed
        self._font_changed = font_changed
        self._hidden = not window.isVisible()
        self._minimized = window.isMinimized()
        window.winId()  # its QWindow: made by the first show, or now for one not shown yet
        handle = window.windowHandle()
        handle.visibilityChanged.connect(self._visibility)
        self._exposure = ExposureWatch(handle, lambda _exposed: state_changed())
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.fontChanged.connect(self._font)

    @property
    def off_screen(self) -> bool:
        """Minimized, or not on screen at all (unmapped, hidden): nothing needs drawing.

        Minimized as the QWindow last said: it tells before the widget's own state
        follows, so ``isMinimized`` would still be the old state in ``state_changed``.
        """
        return self._minimized or not self._exposure.exposed

    def _visibility(self, visibility: QWindow.Visibility) -> None:
        hidden = visibility == QWindow.Visibility.Hidden
        self._minimized = visibility == QWindow.Visibility.Minimized
        was_hidden, self._hidden = self._hidden, hidden
        if was_hidden and not hidden:
            self._shown()
        self._state_changed()

    def _font(self, _font: QFont) -> None:
        self._font_changed()
