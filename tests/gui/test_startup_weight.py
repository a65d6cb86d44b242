"""The window's first frame leaves out what only later work needs.

No timing here (that is ``bench/window_startup.py``): these check, in a fresh Python, that
the home screen is built and painted without the modules and objects that would cost its
start-up most: Qt's namespace (~20 ms of Python enums), every widget class (~10 ms),
tomlkit (saving only), difflib (error hints only), QtSvg and the technique library (the
pictures come just after), QtMultimedia and the voice, html's entity table (a
millisecond), the keys (made just after), the quarantine of damaged files (none is). And
the window is built from the top down, so each widget takes the style sheet once rather
than again with every move into a new parent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import collections, json, sys
import PySide6.QtCore as core
import PySide6.QtWidgets as widgets
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from massage_timer.gui.main_window import MainWindow
from massage_timer.storage.settings import load_settings

settings, _warnings = load_settings()
app = QApplication([])
app.setStyleSheet("QPushButton { padding: 0.4em; }")  # as the theme sets one
styled = collections.Counter()

class StyleChanges(QObject):
    def eventFilter(self, obj, event):
        from PySide6.QtCore import QEvent
        if event.type() == QEvent.Type.StyleChange:
            styled[shiboken6.getCppPointer(obj)[0]] += 1
        return False

watch = StyleChanges()
if sys.argv[1:] == ["styles"]:  # the filter wraps every object: it hides the class count
    app.installEventFilter(watch)
window = MainWindow(settings, None, warnings=[])
app.removeEventFilter(watch)
window.resize(1000, 700)
window.show()  # placed and shown (the cards in their columns), not yet painted
qevent = "QEvent" in core.__dict__
window.grab()  # paints the home screen, as its first frame does
print(json.dumps({
    "qt_namespace": "Qt" in core.__dict__,
    # Wrapping a widget Qt made (a scroll area's own viewport) makes PySide6 load every
    # widget class to learn its type (~10 ms): QWizard stands for them.
    "all_widget_classes": "QWizard" in widgets.__dict__,
    # Any event handler of ours called before the first frame makes QEvent (~2 ms).
    "qevent_before_paint": qevent,
    "most_style_changes": max(styled.values(), default=0),
    "loaded": sorted(m for m in ("tomlkit", "difflib", "PySide6.QtMultimedia",
                                 "pyttsx3", "PySide6.QtSvg", "html",
                                 "massage_timer.core.techniques",
                                 "massage_timer.gui.shortcuts",
                                 "massage_timer.storage.quarantine") if m in sys.modules),
}))
"""


def _first_frame(*, count_styles: bool = False) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # the user folders: conftest's
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *(["styles"] if count_styles else [])],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    found: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return found


def test_the_first_frame_needs_neither_qt_namespace_nor_later_modules() -> None:
    first_start = _first_frame()  # reads the routines, and keeps their cards in the cache
    assert first_start["qt_namespace"] is False
    assert first_start["all_widget_classes"] is False
    # Every start after: the cards from the cache.
    assert _first_frame() == {
        "qt_namespace": False,
        "all_widget_classes": False,
        "qevent_before_paint": False,
        "most_style_changes": 0,
        "loaded": [],
    }
    assert _first_frame(count_styles=True)["most_style_changes"] == 1
