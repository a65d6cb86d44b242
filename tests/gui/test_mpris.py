"""MPRIS on a private session bus: exact wire types, commands, and changes announced once.

A real ``dbus-daemon`` on its own socket; the window runs on the fake clock; calls go
through ``gdbus`` (another process, so what it prints is what went over the wire).
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from bench.rigs.dbus import gdbus_command, missing_tools
from massage_timer.core.constants import QUICK_ID
from massage_timer.core.engine import State
from massage_timer.gui.hands_free import HandsFree, start_hands_free
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.mpris import BUS_NAME, OBJECT_PATH, introspection_xml, start_mpris
from massage_timer.gui.remote import SessionRemote
from massage_timer.gui.session_controller import SessionController
from tests.doubles import FakeClock, ScriptedConfirm, fresh

if (why := missing_tools()) is not None:
    pytest.skip(why, allow_module_level=True)

PLAYER = "org.mpris.MediaPlayer2.Player"


@pytest.fixture
def hands_free(window: MainWindow, bus: QDBusConnection) -> Iterator[HandsFree]:
    started = start_hands_free(window, bus)
    assert started.mpris is not None
    yield started
    started.mpris.close()


@pytest.fixture
def running(window: MainWindow, clock: FakeClock, hands_free: HandsFree) -> SessionController:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(20)
    controller.poll_now()
    return controller


def gdbus(qtbot: QtBot, address: str, *args: str) -> str:
    """Run gdbus while the Qt loop keeps serving the calls it makes."""
    proc = subprocess.Popen(
        gdbus_command(address, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return out.strip()


def call(qtbot: QtBot, address: str, method: str, *args: str) -> str:
    return gdbus(qtbot, address, "call", "-d", BUS_NAME, "-o", OBJECT_PATH, "-m", method, *args)


def prop(qtbot: QtBot, address: str, name: str, interface: str = PLAYER) -> str:
    return call(qtbot, address, "org.freedesktop.DBus.Properties.Get", interface, name)


def test_the_player_properties_have_the_spec_types(
    qtbot: QtBot, bus_address: str, running: SessionController
) -> None:
    everything = call(qtbot, bus_address, "org.freedesktop.DBus.Properties.GetAll", PLAYER)
    assert "'PlaybackStatus': <'Playing'>" in everything
    assert "'mpris:length': <int64 300000000>" in everything  # int64, though it fits int32
    assert "'mpris:trackid': <objectpath '/io/github/massage_timer/" in everything
    assert "'xesam:title': <'Gentle circles'>" in everything
    assert "'xesam:album': <'Quick 5 minutes'>" in everything
    assert "'Position': <int64 20000000>" in everything
    for flag in ("CanGoNext", "CanGoPrevious", "CanPlay", "CanPause", "CanControl"):
        assert f"'{flag}': <true>" in everything
    assert "'CanSeek': <false>" in everything
    root = call(
        qtbot, bus_address, "org.freedesktop.DBus.Properties.GetAll", "org.mpris.MediaPlayer2"
    )
    assert "'Identity': <'massage-timer'>" in root
    assert "'DesktopEntry': <'massage-timer'>" in root
    assert "'SupportedUriSchemes': <@as []>" in root


def test_without_a_session_nothing_plays_and_there_is_no_track(
    qtbot: QtBot, bus_address: str, hands_free: HandsFree
) -> None:
    assert prop(qtbot, bus_address, "PlaybackStatus") == "(<'Stopped'>,)"
    meta = prop(qtbot, bus_address, "Metadata")
    assert "/org/mpris/MediaPlayer2/TrackList/NoTrack" in meta
    assert "xesam:title" not in meta
    assert prop(qtbot, bus_address, "CanPause") == "(<false>,)"
    call(qtbot, bus_address, f"{PLAYER}.PlayPause")  # nothing to do, and no error


def test_pause_never_toggles_and_play_never_pauses(
    qtbot: QtBot, bus_address: str, running: SessionController
) -> None:
    call(qtbot, bus_address, f"{PLAYER}.Pause")
    assert fresh(lambda: running.state) is State.PAUSED
    call(qtbot, bus_address, f"{PLAYER}.Pause")
    assert fresh(lambda: running.state) is State.PAUSED
    assert prop(qtbot, bus_address, "PlaybackStatus") == "(<'Paused'>,)"
    call(qtbot, bus_address, f"{PLAYER}.Play")
    assert fresh(lambda: running.state) is State.RUNNING
    call(qtbot, bus_address, f"{PLAYER}.Play")
    assert fresh(lambda: running.state) is State.RUNNING
    call(qtbot, bus_address, f"{PLAYER}.PlayPause")
    assert fresh(lambda: running.state) is State.PAUSED
    call(qtbot, bus_address, f"{PLAYER}.PlayPause")
    assert fresh(lambda: running.state) is State.RUNNING


def test_next_and_previous_move_between_steps_and_change_the_title(
    qtbot: QtBot, bus_address: str, running: SessionController
) -> None:
    call(qtbot, bus_address, f"{PLAYER}.Next")
    assert running.snapshot().segment.step_index == 1
    assert "'xesam:title': <'Shoulder blade squeeze'>" in prop(qtbot, bus_address, "Metadata")
    call(qtbot, bus_address, f"{PLAYER}.Previous")  # at the step's start: the one before
    assert running.snapshot().segment.step_index == 0
    assert "'xesam:title': <'Gentle circles'>" in prop(qtbot, bus_address, "Metadata")


def test_stop_stops_without_the_windows_question(
    qtbot: QtBot, bus_address: str, running: SessionController, confirm: ScriptedConfirm
) -> None:
    call(qtbot, bus_address, f"{PLAYER}.Stop")
    assert fresh(lambda: running.state) is State.STOPPED
    assert confirm.asked == []
    assert prop(qtbot, bus_address, "PlaybackStatus") == "(<'Stopped'>,)"


def test_introspection_lists_both_interfaces(
    qtbot: QtBot, bus_address: str, hands_free: HandsFree
) -> None:
    # gdbus parses the XML: a malformed document would fail here.
    parsed = gdbus(qtbot, bus_address, "introspect", "-d", BUS_NAME, "-o", OBJECT_PATH)
    assert "interface org.mpris.MediaPlayer2 {" in parsed
    assert "interface org.mpris.MediaPlayer2.Player {" in parsed
    assert "readonly a{sv} Metadata = {" in parsed  # values read through Properties.GetAll
    assert introspection_xml().startswith("<node>")


def test_an_unknown_method_is_an_error_not_a_crash(
    qtbot: QtBot, bus_address: str, hands_free: HandsFree
) -> None:
    proc = subprocess.Popen(
        gdbus_command(
            bus_address, "call", "-d", BUS_NAME, "-o", OBJECT_PATH, "-m", f"{PLAYER}.Fly"
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
    assert proc.returncode != 0
    assert "UnknownMethod" in proc.communicate()[1]


def test_changes_are_announced_once_and_not_on_ticks(
    qtbot: QtBot, bus_address: str, running: SessionController, clock: FakeClock
) -> None:
    monitor = subprocess.Popen(
        gdbus_command(bus_address, "monitor", "-d", BUS_NAME, "-o", OBJECT_PATH),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.wait(300)  # the monitor subscribes; nothing in the app waits on it
        for _ in range(5):  # five seconds of ticks: nothing announced
            clock.advance(1)
            running.poll_now()
        call(qtbot, bus_address, f"{PLAYER}.Pause")
        call(qtbot, bus_address, f"{PLAYER}.Pause")  # no change: no signal
        call(qtbot, bus_address, f"{PLAYER}.Play")
        qtbot.wait(300)
    finally:
        monitor.terminate()
    lines = [line for line in monitor.communicate()[0].splitlines() if "PropertiesChanged" in line]
    assert len(lines) == 2, lines
    assert "'PlaybackStatus': <'Paused'>" in lines[0]
    assert "'PlaybackStatus': <'Playing'>" in lines[1]


def test_a_second_copy_takes_an_instance_name(
    window: MainWindow, bus: QDBusConnection, hands_free: HandsFree, bus_address: str
) -> None:
    name = f"mt-test-second-{os.getpid()}"
    other = QDBusConnection.connectToBus(bus_address, name)
    try:
        second = start_mpris(SessionRemote(window), other)
        assert second is not None
        assert second.bus_name == f"{BUS_NAME}.instance{os.getpid()}"
        second.close()
    finally:
        QDBusConnection.disconnectFromBus(name)


def test_no_session_bus_is_one_debug_line(
    window: MainWindow, caplog: pytest.LogCaptureFixture, tmp_path: object
) -> None:
    name = f"mt-test-nobus-{os.getpid()}"
    nowhere = QDBusConnection.connectToBus(f"unix:path={tmp_path}/no-bus-here", name)
    try:
        with caplog.at_level(logging.DEBUG, logger="massage_timer.gui.mpris"):
            started = start_hands_free(window, nowhere)
        assert started.mpris is None
        records = [r for r in caplog.records if r.name == "massage_timer.gui.mpris"]
        assert len(records) == 1 and records[0].levelno == logging.DEBUG
    finally:
        QDBusConnection.disconnectFromBus(name)


def test_quit_asks_first_when_a_session_runs(
    qtbot: QtBot,
    bus_address: str,
    window: MainWindow,
    running: SessionController,
    confirm: ScriptedConfirm,
) -> None:
    confirm.answer = False  # the person keeps the session
    call(qtbot, bus_address, "org.mpris.MediaPlayer2.Quit")
    qtbot.waitUntil(lambda: confirm.asked == ["Quit massage-timer?"], timeout=3000)
    assert window.isVisible() and running.state is State.RUNNING


def test_raise_shows_the_window(
    qtbot: QtBot, bus_address: str, window: MainWindow, hands_free: HandsFree
) -> None:
    window.hide()
    call(qtbot, bus_address, "org.mpris.MediaPlayer2.Raise")
    qtbot.waitUntil(window.isVisible, timeout=3000)
