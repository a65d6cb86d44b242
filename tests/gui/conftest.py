"""Fixtures for the window tests: a fake clock, a recording player, a scripted confirm."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

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
