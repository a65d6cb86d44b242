"""The main window's own events that matter once it is on screen.

PySide6 makes ``QEvent`` and its 177 event types as Python objects the first time Qt hands
an event to Python, about 2 ms. An event handler the window defines in Python
(``changeEvent``, ``showEvent``) would be called while the window is made, before its first
frame, which needs none of these events; this filter takes them instead, from just after
that frame (:meth:`MainWindow.finish_startup`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class WindowEvents(QObject):
    """Calls ``shown`` when ``window`` is shown again, ``state_changed`` when it is minimized
    or restored, and ``font_changed`` when the application font changes."""

    def __init__(
        self,
        window: QWidget,
        shown: Callable[[], None],
        state_changed: Callable[[], None],
        font_changed: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._calls = {
            QEvent.Type.Show: shown,
            QEvent.Type.WindowStateChange: state_changed,
            QEvent.Type.ApplicationFontChange: font_changed,
        }
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        call = self._calls.get(event.type())
        if call is not None:
            call()
        return False  # the window handles the event as ever
