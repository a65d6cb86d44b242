"""The real app in a real X window: `massage-timer --quick` under Xvfb, driven by xdotool.

It starts a private Xvfb, runs the installed command with the xcb platform, sound pointed
at a server that does not exist, and private user folders; pauses with Space, takes
screenshots at 1280x800 and 800x560 and checks they show a drawn session, then quits
with Ctrl+Q and confirms. Set MT_SHOT_DIR to keep the screenshots.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench.rigs.xvfb import app_command, find_window, xvfb

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

TOOLS = ("Xvfb", "xdotool", "import")
_MISSING = [t for t in TOOLS if shutil.which(t) is None]
if _MISSING:
    pytest.skip(
        f"needs {', '.join(_MISSING)} (Debian: apt-get install xvfb xdotool imagemagick)",
        allow_module_level=True,
    )

WIDTH, HEIGHT = 1280, 800


def poll(check: Callable[[], str | bool], timeout: float) -> str | bool:
    """``check()`` as soon as it is truthy, or its last (falsy) value after ``timeout``."""
    end = time.monotonic() + timeout
    while not (result := check()) and time.monotonic() < end:
        time.sleep(0.05)
    return result


def wait_for(check: Callable[[], str | bool], timeout: float, what: str) -> str:
    """Like :func:`poll`, but a timeout fails the test naming ``what``."""
    result = poll(check, timeout)
    if not result:
        pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
    return str(result)


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    try:
        with xvfb() as name:  # the same private screen the benchmarks use
            yield name
    except RuntimeError as exc:
        pytest.skip(str(exc))


def xdo(env: dict[str, str], *args: str, timeout: float = 20) -> str:
    done = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    return done.stdout.strip()


def screenshot(env: dict[str, str], path: Path) -> Path:
    subprocess.run(["import", "-window", "root", str(path)], env=env, check=True, timeout=20)
    return path


def looks_drawn(path: Path, window: tuple[int, int]) -> None:
    """The session screen is drawn: many colours, dark picture strokes, a big countdown."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(path))
    assert not image.isNull(), path
    w, h = window
    colours: set[int] = set()
    dark_left = 0  # the illustration's dark outline, in the left half of the body
    dark_right = 0  # the countdown's digits, in the right half
    for y in range(h // 5, h * 4 // 5, 3):
        for x in range(0, w, 3):
            rgb = image.pixel(x, y)
            colours.add(rgb)
            if QColor(rgb).lightness() < 80:
                if x < w // 2:
                    dark_left += 1
                else:
                    dark_right += 1
    assert len(colours) > 200, f"{path}: only {len(colours)} colours; is anything drawn?"
    assert dark_left > 300, f"{path}: no dark strokes where the illustration should be"
    assert dark_right > 300, f"{path}: no large dark text where the countdown should be"


def test_quick_session_in_a_real_window(display: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # xcb, for real
    home = tmp_path / "user"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env.update(
        DISPLAY=display,
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        PULSE_SERVER=f"unix:{tmp_path / 'no-pulse-here'}",  # no sound is attempted
    )
    shots = Path(os.environ.get("MT_SHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen([*app_command(), "--quick"], env=env, stdout=log, stderr=log)
    try:
        win = wait_for(lambda: find_window(display, "Quick 5 minutes"), 30, "the session window")
        xdo(env, "windowmove", win, "0", "0")
        xdo(env, "windowsize", win, str(WIDTH), str(HEIGHT))
        # Pause with Space: the title says so, and the countdown stops.
        xdo(env, "key", "--window", win, "space")
        wait_for(lambda: "(paused)" in xdo(env, "getwindowname", win), 10, "Space to pause")
        time.sleep(0.5)  # let the resize and the pause settle on screen
        looks_drawn(screenshot(env, shots / "session-1280x800.png"), (WIDTH, HEIGHT))
        xdo(env, "windowsize", win, "800", "560")
        time.sleep(0.5)
        small = screenshot(env, shots / "session-800x560.png")
        looks_drawn(small, (800, 560))
        # Ctrl+Q asks first (a session is running); Enter confirms.
        dialog: str | bool = ""
        for _ in range(3):  # xdotool under Xvfb now and then loses a chord: ask again
            xdo(env, "key", "--window", win, "ctrl+q")
            dialog = poll(lambda: find_window(display, "Quit massage-timer"), 3)
            if dialog:
                break
        assert dialog, "Ctrl+Q did not ask before quitting"
        xdo(env, "key", "--window", str(dialog), "Return")
        assert app.wait(20) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
        log.close()
    output = (tmp_path / "app.log").read_text()
    assert "Traceback" not in output and "Fatal" not in output, output
    history = subprocess.run(
        [*app_command(), "history", "--json"], env=env, capture_output=True, text=True, timeout=60
    )
    sessions = json.loads(history.stdout)["sessions"]
    assert len(sessions) == 1 and not sessions[0]["completed"], history.stdout
