"""How big the desktop bundle is and how fast it starts.

Times ``dist/massage-timer/massage-timer`` from launch to its window being mapped on a
private Xvfb screen (when Xvfb and xdotool are installed), and from launch to the end of
``massage-timer list``; prints the median of 5 runs after one warm-up, and the bundle's
size on disk. Without a bundle it says so and exits 0.

    python bench/bundle_startup.py [PATH/TO/massage-timer]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if not __package__:  # run as `python bench/NAME.py`: the repository root holds `bench`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.rigs.processes import end
from bench.rigs.xvfb import find_window, xvfb

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "massage-timer" / "massage-timer"
RUNS = 5
WINDOW_TIMEOUT_S = 30.0
POLL_S = 0.01
TITLE = "massage-timer"


def folder_size(folder: Path) -> int:
    """Bytes of the files under ``folder``, symlinks counted as links (as du does)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            total += (Path(dirpath) / name).lstat().st_size
    return total


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """No virtual environment and private user folders: a person's first start."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    env.update(extra)
    return env


def time_to_window(bundle: Path, display: str) -> float:
    """Seconds from launch until the main window is mapped; the app is then closed."""
    with tempfile.TemporaryDirectory() as tmp:
        env = clean_env(Path(tmp), DISPLAY=display, QT_QPA_PLATFORM="xcb")
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(bundle)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while not find_window(display, f"^{TITLE}$"):
                if proc.poll() is not None:
                    raise RuntimeError(f"the bundle exited with {proc.returncode} before a window")
                if time.perf_counter() - start > WINDOW_TIMEOUT_S:
                    raise RuntimeError(f"no window within {WINDOW_TIMEOUT_S:g} s")
                time.sleep(POLL_S)
            elapsed = time.perf_counter() - start
        finally:
            end(proc)  # SIGTERM: the app saves and quits
    return elapsed


def time_to_list(bundle: Path) -> float:
    """Seconds for ``massage-timer list`` to run to the end."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run(
            [str(bundle), "list"], env=clean_env(Path(tmp)), capture_output=True, check=True
        )
        return time.perf_counter() - start


def median_of(runs: int, measure: Callable[[], float]) -> tuple[float, float]:
    """The median and the worst of ``runs`` timings, after one untimed warm-up."""
    measure()  # fills the page cache: later runs are the usual, not the very first, start
    times = [measure() for _ in range(runs)]
    return statistics.median(times), max(times)


def main(argv: list[str]) -> int:
    bundle = Path(argv[1]) if len(argv) > 1 else BUNDLE
    if not bundle.is_file():
        print("no bundle: run make bundle")
        return 0
    size = folder_size(bundle.parent)
    print(f"bundle: {bundle.parent} {size / 1e6:.0f} MB ({size / 2**20:.0f} MiB)")
    if shutil.which("Xvfb") and shutil.which("xdotool"):
        with xvfb() as display:
            median, worst = median_of(RUNS, lambda: time_to_window(bundle, display))
        print(f"start-up to a mapped window (Xvfb): median {median:.2f} s, worst {worst:.2f} s")
    else:
        print("start-up to a window: skipped (needs Xvfb and xdotool: make system-deps)")
    median, worst = median_of(RUNS, lambda: time_to_list(bundle))
    print(f"start-up to the end of `list`: median {median:.2f} s, worst {worst:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
