"""The tray during a real session: under Xvfb with ``trayer`` as the system tray.

With "Keep running in the tray" on, closing the window (Ctrl+Q) hides it and the session
goes on (MPRIS says Playing and the position moves); a right click on the tray icon opens
its menu with the session's commands, and its first entry, Pause, pauses the session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench.rigs.dbus import gdbus_command, missing_tools, private_bus
from bench.rigs.processes import end
from bench.rigs.xvfb import app_command, find_window, xvfb

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

_MISSING = [t for t in ("Xvfb", "xdotool", "import", "trayer") if shutil.which(t) is None]
if _MISSING or missing_tools():
    pytest.skip(
        f"needs {', '.join(_MISSING) or missing_tools()} (make system-deps)",
        allow_module_level=True,
    )

WIDTH, HEIGHT = 1280, 800
TRAY_W, TRAY_H = 100, 32  # trayer's panel, top right
NAME = "org.mpris.MediaPlayer2.massage_timer"
PLAYER = "org.mpris.MediaPlayer2.Player"


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    try:
        with xvfb(f"{WIDTH}x{HEIGHT}x24") as name:
            yield name
    except RuntimeError as exc:
        pytest.skip(str(exc))


def wait_for(check: Callable[[], object], timeout: float, what: str) -> str:
    end = time.monotonic() + timeout
    while not (result := check()) and time.monotonic() < end:
        time.sleep(0.1)
    if not result:
        pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
    return str(result)


def prop(address: str, name: str) -> str:
    done = subprocess.run(
        gdbus_command(
            address,
            "call",
            "-d",
            NAME,
            "-o",
            "/org/mpris/MediaPlayer2",
            "-m",
            "org.freedesktop.DBus.Properties.Get",
            PLAYER,
            name,
        ),
        capture_output=True,
        text=True,
        timeout=20,
    )
    return done.stdout.strip()


def tray_icon_at(env: dict[str, str], shot: Path) -> tuple[int, int] | None:
    """The middle of the tray icon: the pixels of trayer's panel unlike its background."""
    from PySide6.QtGui import QImage

    subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=20)
    image = QImage(str(shot))
    left = WIDTH - TRAY_W
    background = image.pixel(left + 1, 1)
    found = [
        (x, y) for y in range(TRAY_H) for x in range(left, WIDTH) if image.pixel(x, y) != background
    ]
    if len(found) < 30:
        return None
    return (sum(x for x, _ in found) // len(found), sum(y for _, y in found) // len(found))


def test_the_tray_keeps_and_drives_a_session(display: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    home = tmp_path / "user"
    settings = home / "config" / "massage-timer" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("tray = true\nask_pain = false\n")
    env.update(
        DISPLAY=display,
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        PULSE_SERVER=f"unix:{tmp_path / 'no-pulse-here'}",
    )
    tray = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel",
         "--width", str(TRAY_W), "--height", str(TRAY_H)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    log = (tmp_path / "app.log").open("w")
    app: subprocess.Popen[bytes] | None = None
    try:
        with private_bus() as address:
            env["DBUS_SESSION_BUS_ADDRESS"] = address
            time.sleep(1.0)  # trayer takes the tray selection; the app looks for it at start
            app = subprocess.Popen([*app_command(), "--quick"], env=env, stdout=log, stderr=log)
            win = wait_for(lambda: find_window(display, "Quick 5 minutes"), 30, "the window")
            wait_for(lambda: "'Playing'" in prop(address, "PlaybackStatus"), 20, "the session")
            icon = tray_icon_at(env, tmp_path / "tray.png")
            assert icon is not None, "no icon in the tray"

            subprocess.run(["xdotool", "key", "--window", win, "ctrl+q"], env=env, timeout=20)
            wait_for(lambda: not find_window(display, "Quick 5 minutes"), 10, "the window to hide")
            before = prop(address, "Position")
            time.sleep(1.2)
            assert prop(address, "PlaybackStatus") == "(<'Playing'>,)"
            assert prop(address, "Position") != before, "the session stopped with the window"

            x, y = icon
            subprocess.run(
                ["xdotool", "mousemove", str(x), str(y), "click", "3"], env=env, timeout=20
            )
            time.sleep(0.8)  # the menu opens
            subprocess.run(["xdotool", "key", "Down", "Return"], env=env, timeout=20)
            wait_for(
                lambda: prop(address, "PlaybackStatus") == "(<'Paused'>,)", 10, "Pause in the menu"
            )
    finally:
        if app is not None:
            end(app, timeout_s=20)
        tray.terminate()
        tray.wait(10)
        log.close()
    output = (tmp_path / "app.log").read_text()
    assert "Traceback" not in output, output
