"""The moving picture in a real X window under Xvfb.

1. ``massage-timer --quick`` on a private Xvfb: screenshots (ImageMagick's ``import`` of
   the root window) 100 ms apart during the timed fingertip circles show the picture and
   the breath pacer moving; after Space pauses, a series shows nothing moving at all.
2. Every technique on both sides, from a routine of one step per technique and side run
   in a real window on a fake clock (``shoot_techniques.py``): each screenshot shows the
   drawing, and the left side's picture is the right side's turned over.

Set MT_SHOT_DIR to keep the screenshots (they were looked at when this was written).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.rigs.xvfb import app_command, find_window, xvfb

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

_MISSING = [t for t in ("Xvfb", "xdotool", "import") if shutil.which(t) is None]
if _MISSING:
    pytest.skip(
        f"needs {', '.join(_MISSING)} (Debian: apt-get install xvfb xdotool imagemagick)",
        allow_module_level=True,
    )

WIDTH, HEIGHT = 1280, 800


def lead_seconds() -> float:
    """The quick session's "Get ready" before the circles, as the planner makes it."""
    from massage_timer.core.planner import plan_routine
    from massage_timer.storage.catalog import load_catalog

    quick = load_catalog().get("quick-5")
    assert quick is not None
    return plan_routine(quick).segments[0].duration_ms / 1000


LEAD_S = lead_seconds()


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    try:
        with xvfb() as name:
            yield name
    except RuntimeError as exc:
        pytest.skip(str(exc))


def user_env(display: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(
        DISPLAY=display,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        PULSE_SERVER=f"unix:{tmp_path / 'no-pulse-here'}",
    )
    return env


def xdo(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=20)
    return done.stdout.strip()


def shots_dir(tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("MT_SHOT_DIR", tmp_path)) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def series(env: dict[str, str], folder: Path, prefix: str, count: int) -> list[Path]:
    """``count`` screenshots of the whole screen, one every 100 ms."""
    paths = []
    next_at = time.monotonic()
    for i in range(count):
        time.sleep(max(0.0, next_at - time.monotonic()))
        next_at += 0.1
        path = folder / f"{prefix}-{i}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=env, check=True, timeout=20)
        paths.append(path)
    return paths


def changed(a: Path, b: Path, box: tuple[float, float, float, float]) -> int:
    """Pixels that differ between two screenshots inside ``box`` (fractions of the size)."""
    from PySide6.QtGui import QImage

    one, two = QImage(str(a)), QImage(str(b))
    w, h = one.width(), one.height()
    x0, y0, x1, y1 = round(box[0] * w), round(box[1] * h), round(box[2] * w), round(box[3] * h)
    return sum(
        1 for y in range(y0, y1) for x in range(x0, x1) if one.pixel(x, y) != two.pixel(x, y)
    )


# Where things are on the 1280x800 session screen: the picture on the left; the breath
# pacer at the right, beside the countdown (whose digits change every second, so the
# pacer's box stays clear of them).
PICTURE = (0.02, 0.25, 0.52, 0.8)
PACER = (0.78, 0.36, 0.9, 0.53)


def test_the_picture_and_the_pacer_move_and_a_pause_holds_them(
    display: str, tmp_path: Path
) -> None:
    env = user_env(display, tmp_path)
    folder = shots_dir(tmp_path, "moving")
    log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen([*app_command(), "--quick"], env=env, stdout=log, stderr=log)
    try:
        end = time.monotonic() + 30
        while not (win := find_window(display, "Quick 5 minutes")):
            assert time.monotonic() < end, "no session window"
            time.sleep(0.05)
        started = time.monotonic()
        xdo(env, "windowmove", win, "0", "0")
        xdo(env, "windowsize", win, str(WIDTH), str(HEIGHT))
        time.sleep(max(0.0, started + LEAD_S + 1.5 - time.monotonic()))  # into the circles
        moving = series(env, folder, "running", 6)
        xdo(env, "key", "--window", win, "space")
        end = time.monotonic() + 10
        while "(paused)" not in xdo(env, "getwindowname", win):
            assert time.monotonic() < end, "Space did not pause"
            time.sleep(0.05)
        time.sleep(0.3)
        paused = series(env, folder, "paused", 6)
    finally:
        app.kill()
        app.wait(10)
        log.close()
    pairs = list(itertools.pairwise(moving))
    picture_moves = [changed(a, b, PICTURE) for a, b in pairs]
    pacer_moves = [changed(a, b, PACER) for a, b in pairs]
    # Every 100 ms the fingertips have moved on their circle; the pacer's circle grows or
    # shrinks a whole pixel at a time (a few times a second), so most 100 ms see a change
    # and the series as a whole a clear one.
    assert sum(n > 20 for n in picture_moves) >= len(pairs) - 1, picture_moves
    assert sum(n > 0 for n in pacer_moves) >= len(pairs) // 2, pacer_moves
    assert changed(moving[0], moving[-1], PACER) > 50, pacer_moves
    still = [changed(a, b, (0, 0, 1, 1)) for a, b in itertools.pairwise(paused)]
    assert still == [0] * len(still), f"something moved during the pause: {still}"


def test_every_technique_on_both_sides(display: str, tmp_path: Path) -> None:
    env = user_env(display, tmp_path)
    folder = shots_dir(tmp_path, "techniques")
    script = Path(__file__).with_name("shoot_techniques.py")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(script), str(folder)],
        env={**env, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from massage_timer.core.technique_library import TECHNIQUES

    for technique in TECHNIQUES:
        right = QImage(str(folder / f"{technique}-right.png"))
        left = QImage(str(folder / f"{technique}-left.png"))
        assert not right.isNull() and not left.isNull(), technique
        # Quarter size and smoothed: the picture turned over, to within a pixel's resampling.
        size = (right.width() // 4, right.height() // 4)
        a = left.scaled(
            *size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        b = right.flipped(Qt.Orientation.Horizontal).scaled(
            *size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        off = sum(
            1
            for y in range(size[1])
            for x in range(size[0])
            if max(
                abs(a.pixelColor(x, y).red() - b.pixelColor(x, y).red()),
                abs(a.pixelColor(x, y).green() - b.pixelColor(x, y).green()),
            )
            > 40
        )
        assert off < size[0] * size[1] // 100, f"{technique}: left is not right turned over"
        dark = sum(
            1
            for y in range(0, right.height(), 3)
            for x in range(0, right.width(), 3)
            if right.pixelColor(x, y).lightness() < 80
        )
        assert dark > 200, f"{technique}: no drawing in the screenshot"
