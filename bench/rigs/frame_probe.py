"""Run a --quick session in a real window and report its animation frames as JSON.

Started by ``bench/window_startup.py`` on its Xvfb screen (DISPLAY set, private XDG
folders). It opens the window as the app does, waits SETTLE_S seconds into the session
(past the "Get ready", into the moving fingertip circles with the breath pacer), then for
WINDOW_S seconds records each frame the session controller emits and how many frames the
picture and the pacer actually drew. Prints one JSON line and exits.

    python -m bench.rigs.frame_probe SETTLE_S WINDOW_S
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.theme import apply_theme
from massage_timer.storage.settings import load_settings


def main() -> None:
    settle, window_s = float(sys.argv[1]), float(sys.argv[2])
    settings, _warnings = load_settings()
    app = QApplication([])
    apply_theme(app, settings.theme)
    window = MainWindow(settings)
    window.restore_geometry()
    controller = window.open_session("quick-5")
    assert controller is not None
    window.show()
    QTimer.singleShot(0, window.finish_startup)  # as the app does after its first frame
    view = window.session_view
    stamps: list[float] = []
    start: dict[str, float] = {}

    def begin() -> None:
        controller.frame.connect(lambda: stamps.append(time.perf_counter()))
        start.update(
            wall=time.perf_counter(),
            picture=view.illustration.frames,
            pacer=view.pacer.frames,
        )

    def end() -> None:
        wall = time.perf_counter() - start["wall"]
        gaps = [b - a for a, b in itertools.pairwise(stamps)]
        result = {
            "frames_per_s": len(stamps) / wall,
            "interval_ms": 1000 * statistics.mean(gaps) if gaps else 0.0,
            "interval_sd_ms": 1000 * statistics.pstdev(gaps) if gaps else 0.0,
            "picture_draws_per_s": (view.illustration.frames - start["picture"]) / wall,
            "pacer_draws_per_s": (view.pacer.frames - start["pacer"]) / wall,
        }
        print(json.dumps(result), flush=True)
        os._exit(0)  # a running session would ask before closing: no questions here

    QTimer.singleShot(round(settle * 1000), begin)
    QTimer.singleShot(round((settle + window_s) * 1000), end)
    app.exec()


if __name__ == "__main__":
    main()
