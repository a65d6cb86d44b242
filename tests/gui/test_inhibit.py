"""No sleep mid-session: a fake ScreenSaver service on a private bus sees every call.

The fake runs in its own process (the inhibitor's calls wait for their answer) and
takes only the real signatures, so a cookie sent back with the wrong type would fail.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from bench.rigs.dbus import missing_tools
from massage_timer.core.constants import QUICK_ID
from massage_timer.core.engine import State
from massage_timer.gui.inhibit import SleepInhibitor
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.remote import SessionRemote
from massage_timer.gui.session_controller import SessionController
from tests.doubles import FakeClock

if (why := missing_tools()) is not None:
    pytest.skip(why, allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]


class FakeScreenSaver:
    """The fake service's process and the lines it printed."""

    def __init__(self, address: str, *args: str) -> None:
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.rigs.fake_screensaver", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        ready = self.proc.stdout.readline().strip()
        assert ready == "ready", ready
        os.set_blocking(self.proc.stdout.fileno(), False)
        self.lines: list[str] = []

    def read(self) -> list[str]:
        assert self.proc.stdout is not None
        self.lines.extend(line.strip() for line in self.proc.stdout.readlines())
        return self.lines

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture
def screensaver(bus_address: str) -> Iterator[FakeScreenSaver]:
    fake = FakeScreenSaver(bus_address)
    yield fake
    fake.stop()


def start(window: MainWindow, clock: FakeClock) -> SessionController:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(5)
    controller.poll_now()
    return controller


def settle(qtbot: QtBot, inhibitor: SleepInhibitor) -> str:
    """Wait until the requests on their way are answered; what holds the desktop now."""
    qtbot.waitUntil(inhibitor.idle, timeout=5000)
    return inhibitor.holding


def wait_lines(qtbot: QtBot, fake: FakeScreenSaver, count: int) -> list[str]:
    qtbot.waitUntil(lambda: len(fake.read()) >= count, timeout=5000)
    return fake.read()


def test_held_while_running_and_released_at_stop(
    window: MainWindow,
    clock: FakeClock,
    bus: QDBusConnection,
    screensaver: FakeScreenSaver,
    qtbot: QtBot,
) -> None:
    inhibitor = SleepInhibitor(SessionRemote(window), bus)
    assert inhibitor.holding == ""
    controller = start(window, clock)
    assert settle(qtbot, inhibitor) == "org.freedesktop.ScreenSaver"
    assert wait_lines(qtbot, screensaver, 1) == [
        "inhibit massage-timer A_massage_session_is_running 1"
    ]
    controller.skip()  # a step change holds nothing new
    controller.stop()
    assert wait_lines(qtbot, screensaver, 2)[1] == "uninhibit 1"
    assert settle(qtbot, inhibitor) == ""


def test_released_at_the_finish_and_at_quit(
    window: MainWindow,
    clock: FakeClock,
    bus: QDBusConnection,
    screensaver: FakeScreenSaver,
    qtbot: QtBot,
) -> None:
    SleepInhibitor(SessionRemote(window), bus)
    controller = start(window, clock)
    clock.advance(controller.plan.total_seconds)
    controller.poll_now()
    assert controller.state is State.FINISHED
    assert wait_lines(qtbot, screensaver, 2) == [
        "inhibit massage-timer A_massage_session_is_running 1",
        "uninhibit 1",
    ]
    start(window, clock)
    window.quit_now()  # quitting stops the session, and so releases
    assert wait_lines(qtbot, screensaver, 4)[2:] == [
        "inhibit massage-timer A_massage_session_is_running 2",
        "uninhibit 2",
    ]


def test_a_long_pause_lets_the_screen_rest_and_resume_holds_again(
    window: MainWindow,
    clock: FakeClock,
    bus: QDBusConnection,
    screensaver: FakeScreenSaver,
    qtbot: QtBot,
) -> None:
    inhibitor = SleepInhibitor(SessionRemote(window), bus, pause_release_ms=50)
    controller = start(window, clock)
    assert settle(qtbot, inhibitor)
    controller.pause()
    assert inhibitor.holding  # a short pause keeps it
    qtbot.waitUntil(lambda: inhibitor.idle() and inhibitor.holding == "", timeout=3000)
    assert wait_lines(qtbot, screensaver, 2)[1] == "uninhibit 1"
    controller.resume()
    assert wait_lines(qtbot, screensaver, 3)[2].startswith("inhibit massage-timer")
    assert settle(qtbot, inhibitor)


def test_a_short_pause_keeps_the_hold(
    window: MainWindow,
    clock: FakeClock,
    bus: QDBusConnection,
    screensaver: FakeScreenSaver,
    qtbot: QtBot,
) -> None:
    inhibitor = SleepInhibitor(SessionRemote(window), bus, pause_release_ms=60_000)
    controller = start(window, clock)
    controller.pause()
    controller.resume()
    assert settle(qtbot, inhibitor)
    assert len(wait_lines(qtbot, screensaver, 1)) == 1  # one inhibit, never released again


def test_without_any_service_the_session_goes_on(
    window: MainWindow,
    clock: FakeClock,
    bus: QDBusConnection,
    caplog: pytest.LogCaptureFixture,
    qtbot: QtBot,
) -> None:
    inhibitor = SleepInhibitor(SessionRemote(window), bus)
    with caplog.at_level(logging.DEBUG, logger="massage_timer.gui.inhibit"):
        controller = start(window, clock)
        assert settle(qtbot, inhibitor) == ""
    assert controller.state is State.RUNNING
    lines = [r for r in caplog.records if r.name == "massage_timer.gui.inhibit"]
    assert len(lines) == 1 and lines[0].levelno == logging.DEBUG


def test_the_portal_is_used_where_it_is_present(
    window: MainWindow,
    clock: FakeClock,
    bus: QDBusConnection,
    bus_address: str,
    screensaver: FakeScreenSaver,
    qtbot: QtBot,
) -> None:
    portal = FakeScreenSaver(bus_address, "--portal")
    try:
        inhibitor = SleepInhibitor(SessionRemote(window), bus)
        controller = start(window, clock)
        assert settle(qtbot, inhibitor) == "org.freedesktop.portal.Inhibit"
        request = "/org/freedesktop/portal/desktop/request/fake/1"
        assert wait_lines(qtbot, portal, 1) == [
            f"portal-inhibit 12 A_massage_session_is_running {request}"  # idle and suspend
        ]
        controller.stop()
        assert wait_lines(qtbot, portal, 2)[1] == f"portal-close {request}"
        assert screensaver.read() == []  # one service is asked, not both
    finally:
        portal.stop()


def test_a_slow_service_never_holds_up_the_session(
    window: MainWindow, clock: FakeClock, bus: QDBusConnection, bus_address: str, qtbot: QtBot
) -> None:
    slow = FakeScreenSaver(bus_address, "--slow")  # answers Inhibit after a second
    try:
        inhibitor = SleepInhibitor(SessionRemote(window), bus)
        controller = start(window, clock)
        assert not inhibitor.idle()  # the session runs while the request is on its way
        assert controller.state is State.RUNNING
        assert settle(qtbot, inhibitor) == "org.freedesktop.ScreenSaver"
    finally:
        slow.stop()
