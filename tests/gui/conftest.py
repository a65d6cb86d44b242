"""Fixtures for the window tests: a fake clock, a recording player, a scripted confirm,
and a private D-Bus session bus with the app's connection to it."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from bench.rigs.dbus import private_bus
from massage_timer.gui.main_window import MainWindow
from massage_timer.storage.settings import Settings
from tests.doubles import FakeClock, RecordingPlayer, ScriptedConfirm


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def player() -> RecordingPlayer:
    return RecordingPlayer()


@pytest.fixture
def confirm() -> ScriptedConfirm:
    return ScriptedConfirm(answer=True)


@pytest.fixture
def settings() -> Settings:
    return Settings(ask_pain=False)


@pytest.fixture
def window(
    qtbot: QtBot,
    clock: FakeClock,
    player: RecordingPlayer,
    confirm: ScriptedConfirm,
    settings: Settings,
) -> Iterator[MainWindow]:
    """The main window, shown and ready (its voice is the recording player)."""
    win = MainWindow(settings, clock=clock, player=player, confirm=confirm)
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.finish_startup()
    yield win
    win.quit_now()  # stops and records a running session, finishes history writes


@pytest.fixture
def bus_address() -> Iterator[str]:
    """A private ``dbus-daemon`` (the test module skips when the tools are missing)."""
    with private_bus() as address:
        yield address


@pytest.fixture
def bus(bus_address: str) -> Iterator[QDBusConnection]:
    """The app's side: a Qt connection of its own to that bus."""
    name = f"mt-test-{os.getpid()}-{id(bus_address)}"
    connection = QDBusConnection.connectToBus(bus_address, name)
    assert connection.isConnected()
    yield connection
    QDBusConnection.disconnectFromBus(name)
