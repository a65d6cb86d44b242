"""PySide6 6.12 drops a reference to None on every void call; on Python 3.11 that aborts the
interpreter after some tens of thousands of calls (a session makes that many in minutes).
pyproject keeps 6.12 and later away from 3.11 and the app refuses them
(massage_timer/audio/pyside_check.py); this test fails if an installed PySide6 has the leak,
whatever its version says."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(2000):  # few enough to be safe on 3.11 even with the leak
        widget.update()
        timer.start(1000)
        timer.stop()
    assert sys.getrefcount(None) >= before - 100
