"""The real app under Xvfb, driven through MPRIS on a private session bus.

A private ``dbus-daemon --session``, a fake ``org.freedesktop.ScreenSaver`` on it, and
``dbus-monitor`` watching every call; then ``massage-timer --quick`` in a real X window.
``PlayPause`` through gdbus makes ``PlaybackStatus`` read ``Paused`` and the window stop
moving (two screenshots a second and more apart are equal), then ``Playing`` again (they
differ); ``Next`` changes ``xesam:title``; ``Stop`` ends the session; the inhibit call is
seen on the bus at the start and its release at the stop. Set MT_SHOT_DIR to keep the
screenshots.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench.rigs.dbus import gdbus_command, missing_tools, private_bus
from bench.rigs.processes import end
from bench.rigs.xvfb import app_command, find_window, xvfb

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

_MISSING = [t for t in ("Xvfb", "xdotool", "import", "dbus-monitor") if shutil.which(t) is None]
if _MISSING or missing_tools():
    pytest.skip(
        f"needs {', '.join(_MISSING) or missing_tools()} (make system-deps)",
        allow_module_level=True,
    )

ROOT = Path(__file__).resolve().parents[2]
NAME = "org.mpris.MediaPlayer2.massage_timer"
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"


def wait_for(check: Callable[[], str | bool], timeout: float, what: str) -> str:
    end = time.monotonic() + timeout
    while not (result := check()) and time.monotonic() < end:
        time.sleep(0.05)
    if not result:
        pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
    return str(result)


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    try:
        with xvfb() as name:
            yield name
    except RuntimeError as exc:
        pytest.skip(str(exc))


class Bus:
    def __init__(self, address: str) -> None:
        self.address = address

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            gdbus_command(self.address, *args), capture_output=True, text=True, timeout=20
        )
        if check and done.returncode != 0:
            raise AssertionError(f"gdbus {' '.join(args)}: {done.stderr}")
        return done.stdout.strip() if done.returncode == 0 else ""

    def call(self, method: str, *args: str) -> str:
        return self.run("call", "-d", NAME, "-o", PATH, "-m", method, *args)

    def prop(self, name: str) -> str:
        return self.call("org.freedesktop.DBus.Properties.Get", PLAYER, name)

    def served(self) -> bool:
        probe = ("call", "-d", NAME, "-o", PATH, "-m", "org.freedesktop.DBus.Peer.Ping")
        return bool(self.run(*probe, check=False) == "()")


def window_shot(env: dict[str, str], win: str, path: Path) -> bytes:
    """The window's pixels (the PNG's header carries a date, so compare pixels, not files)."""
    from PySide6.QtGui import QImage

    subprocess.run(["import", "-window", win, str(path)], env=env, check=True, timeout=20)
    image = QImage(str(path))
    assert not image.isNull(), path
    return bytes(image.constBits())


def test_media_keys_drive_a_real_session(display: str, tmp_path: Path) -> None:
    shots = Path(os.environ.get("MT_SHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with private_bus() as address:
        bus = Bus(address)
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        runtime = tmp_path / "runtime"
        runtime.mkdir(mode=0o700)
        home = tmp_path / "user"
        env.update(
            DISPLAY=display,
            DBUS_SESSION_BUS_ADDRESS=address,
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_RUNTIME_DIR=str(runtime),
            PULSE_SERVER=f"unix:{tmp_path / 'no-pulse-here'}",
        )
        fake_env = {**env, "QT_QPA_PLATFORM": "offscreen"}
        fake = subprocess.Popen(
            [sys.executable, "-m", "bench.rigs.fake_screensaver"],
            cwd=ROOT,
            env=fake_env,
            stdout=subprocess.PIPE,
            text=True,
        )
        monitor_log = (tmp_path / "monitor.log").open("w")
        monitor = subprocess.Popen(
            ["dbus-monitor", "--address", address, "interface='org.freedesktop.ScreenSaver'"],
            stdout=monitor_log,
            stderr=subprocess.STDOUT,
        )
        log = (tmp_path / "app.log").open("w")
        app: subprocess.Popen[bytes] | None = None
        try:
            assert fake.stdout is not None and fake.stdout.readline().strip() == "ready"
            time.sleep(0.3)  # dbus-monitor becomes a monitor; nothing else waits on it
            app = subprocess.Popen([*app_command(), "--quick"], env=env, stdout=log, stderr=log)
            win = wait_for(lambda: find_window(display, "Quick 5 minutes"), 30, "the window")
            wait_for(bus.served, 20, "the app to serve MPRIS")
            wait_for(lambda: "'Playing'" in bus.prop("PlaybackStatus"), 20, "the session")
            assert "'xesam:title': <'Gentle circles'>" in bus.prop("Metadata")
            assert "<int64 300000000>" in bus.prop("Metadata")

            bus.call(f"{PLAYER}.PlayPause")
            assert bus.prop("PlaybackStatus") == "(<'Paused'>,)"
            wait_for(lambda: "(paused)" in _title(env, win), 10, "the title to say paused")
            time.sleep(0.5)  # the pause settles on screen
            before = window_shot(env, win, shots / "paused-1.png")
            time.sleep(1.5)
            assert window_shot(env, win, shots / "paused-2.png") == before, "moved while paused"

            bus.call(f"{PLAYER}.PlayPause")
            assert bus.prop("PlaybackStatus") == "(<'Playing'>,)"
            running = window_shot(env, win, shots / "playing-1.png")
            time.sleep(1.5)
            assert window_shot(env, win, shots / "playing-2.png") != running, "not moving"

            bus.call(f"{PLAYER}.Next")
            assert "'xesam:title': <'Shoulder blade squeeze'>" in bus.prop("Metadata")

            bus.call(f"{PLAYER}.Stop")
            assert bus.prop("PlaybackStatus") == "(<'Stopped'>,)"
            time.sleep(0.5)  # the release reaches the monitor
        finally:
            if app is not None:
                end(app, timeout_s=20)  # SIGTERM: the app stops cleanly
            for proc in (monitor, fake):
                proc.terminate()
                proc.wait(10)
            if fake.stdout is not None:
                fake.stdout.close()
            monitor_log.close()
            log.close()
    seen = (tmp_path / "monitor.log").read_text()
    calls = [line for line in seen.splitlines() if "member=" in line and "method call" in line]
    assert any("member=Inhibit" in line for line in calls), seen
    assert any("member=UnInhibit" in line for line in calls), seen
    inhibit_at = next(i for i, line in enumerate(calls) if "member=Inhibit" in line)
    release_at = next(i for i, line in enumerate(calls) if "member=UnInhibit" in line)
    assert inhibit_at < release_at
    output = (tmp_path / "app.log").read_text()
    assert "Traceback" not in output, output


def _title(env: dict[str, str], win: str) -> str:
    done = subprocess.run(
        ["xdotool", "getwindowname", win], env=env, capture_output=True, text=True, timeout=20
    )
    return done.stdout.strip()


def test_without_a_session_bus_the_app_runs_and_says_nothing(display: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    home = tmp_path / "user"
    env.update(
        DISPLAY=display,
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus-here'}",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        PULSE_SERVER=f"unix:{tmp_path / 'no-pulse-here'}",
    )
    log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen([*app_command(), "--quick"], env=env, stdout=log, stderr=log)
    try:
        win = wait_for(lambda: find_window(display, "Quick 5 minutes"), 30, "the window")
        time.sleep(1.0)
        first = window_shot(env, win, tmp_path / "nobus-1.png")
        time.sleep(1.5)
        assert window_shot(env, win, tmp_path / "nobus-2.png") != first, "the session stands"
        app.terminate()  # SIGTERM: stopped, recorded, and a clean exit
        assert app.wait(20) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
        log.close()
    output = (tmp_path / "app.log").read_text()
    for word in ("bus", "mpris", "inhibit", "screensaver", "traceback", "error"):
        assert word not in output.lower(), output
