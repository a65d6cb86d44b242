"""Where the window's start goes, phase by phase, beside a bare PySide6 window.

``window_startup.py`` times launch to a mapped window from outside; this looks inside. On a
private Xvfb (started here) it runs a bare window and ``massage-timer`` RUNS times each, in
turns, and prints the median main-thread CPU time of each phase up to the window's
``show()``, which maps it (the first frame is drawn after). The app's phases are its own:
loading the command, the settings module (tomllib, platformdirs, dataclasses), PySide6,
the window's modules, reading the settings, the QApplication, making the window (fonts,
widgets, the cards from their cache) and showing it (polish and layout).

    python bench/startup_phases.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as `python bench/NAME.py`: the repository root holds `bench`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.rigs.xvfb import app_command, xvfb
from bench.window_startup import bench_env, time_to_window

RUNS = int(os.environ.get("MT_BENCH_RUNS", "15"))

_REPORT = """
def report(marks):
    import os, time
    pairs = zip(marks, marks[1:])
    print(" ".join(f"{b[0]}={1000 * (b[1] - a[1]):.2f}" for a, b in pairs))
    os._exit(0)
"""
BARE = (
    "import time\nT = [('start', time.thread_time())]\n"
    + _REPORT
    + """
from PySide6.QtWidgets import QApplication, QWidget
T.append(("pyside", time.thread_time()))
app = QApplication([])
T.append(("qapplication", time.thread_time()))
w = QWidget(); w.setWindowTitle("bare-pyside6"); w.resize(1000, 700)
T.append(("window", time.thread_time()))
w.show()
T.append(("show", time.thread_time()))
report(T)
"""
)
APP = (
    "import sys, time\nT = [('start', time.thread_time())]\n"
    + _REPORT
    + """
def mark(name):
    T.append((name, time.thread_time()))
sys.argv = ["massage-timer"]
import gc; gc.disable()  # as massage_timer.cli.run does
import massage_timer.cli.main as cli
mark("command")
open_window = cli.open_window
def measured_open_window(*args, **kwargs):
    import massage_timer.storage.settings
    mark("settings-module")
    import massage_timer.gui
    mark("pyside")
    import massage_timer.gui.app as app
    import massage_timer.gui.main_window as mw
    mark("window-modules")
    load = app.load_settings
    def load_settings(*a, **k):
        got = load(*a, **k); mark("read-settings"); return got
    app.load_settings = load_settings
    class QApplication(app.QApplication):
        def __init__(self, *a):
            super().__init__(*a); mark("qapplication")
    app.QApplication = QApplication
    restore = mw.MainWindow.restore_geometry
    def restore_geometry(self):
        mark("window"); restore(self)
    mw.MainWindow.restore_geometry = restore_geometry
    show = mw.MainWindow.show
    def shown(self):
        show(self); mark("show"); report(T)
    mw.MainWindow.show = shown
    return open_window(*args, **kwargs)
cli.open_window = measured_open_window
cli.main()
"""
)


def phases(code: str, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"the probe failed ({done.returncode}): {done.stderr[-500:]}")
    return {k: float(v) for k, v in (pair.split("=") for pair in lines[-1].split())}


def main() -> int:
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        print("startup_phases: skipped, needs Xvfb and xdotool")
        return 0
    with tempfile.TemporaryDirectory() as home, xvfb() as display:
        env = bench_env(home, display)
        for _ in range(2):  # as a second start finds it: the cards' cache, the settings
            time_to_window(app_command(), "massage-timer", env)
        runs: dict[str, list[dict[str, float]]] = {"bare": [], "app": []}
        for _ in range(RUNS):
            runs["bare"].append(phases(BARE, env))
            runs["app"].append(phases(APP, env))
    print(f"main-thread CPU up to show(), median of {RUNS} (ms):")
    totals = {}
    for name, got in runs.items():
        medians = {k: statistics.median(r[k] for r in got) for k in got[0]}
        totals[name] = statistics.median(sum(r.values()) for r in got)
        print(f"  {name:5s} " + "  ".join(f"{k} {v:.1f}" for k, v in medians.items()))
    bare, app = totals["bare"], totals["app"]
    print(f"  total: bare {bare:.1f}, app {app:.1f}, ratio {app / bare:.2f}")
    print("  (Python's own start before the first line is in neither: it is the same for both)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
