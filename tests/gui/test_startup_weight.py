"""The window's first frame leaves out what only later work needs.

No timing here (that is ``bench/window_startup.py``): these check, in a fresh Python, that
the home screen is built and painted without the modules and objects that would cost its
start-up most: Qt's namespace (~20 ms of Python enums), tomlkit (saving only), difflib
(error hints only), QtSvg and the technique library (the pictures come just after),
QtMultimedia and the voice, html's entity table (a millisecond).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
import PySide6.QtCore as core
from PySide6.QtWidgets import QApplication
from massage_timer.gui.main_window import MainWindow
from massage_timer.storage.settings import load_settings

settings, _warnings = load_settings()
app = QApplication([])
window = MainWindow(settings, None, warnings=[])
window.resize(1000, 700)
window.grab()  # paints the home screen, as its first frame does
print(json.dumps({
    "qt_namespace": "Qt" in core.__dict__,
    "loaded": sorted(m for m in ("tomlkit", "difflib", "PySide6.QtMultimedia",
                                 "pyttsx3", "PySide6.QtSvg", "html",
                                 "massage_timer.core.techniques") if m in sys.modules),
}))
"""


def _first_frame() -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # the user folders: conftest's
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    found: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return found


def test_the_first_frame_needs_neither_qt_namespace_nor_later_modules() -> None:
    first_start = _first_frame()  # reads the routines, and keeps their cards in the cache
    assert first_start["qt_namespace"] is False
    assert _first_frame() == {"qt_namespace": False, "loaded": []}  # every start after
