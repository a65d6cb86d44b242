"""The voice answers remote commands (MPRIS, tray), and the window's keys when asked to."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from massage_timer.core.answers import REMIND_AFTER_S
from massage_timer.core.constants import QUICK_ID
from massage_timer.core.engine import State
from massage_timer.core.technique_library import get_technique
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.remote import SessionRemote
from massage_timer.gui.session_controller import SessionController
from massage_timer.gui.spoken_answers import SpokenAnswers
from tests.doubles import FakeClock, RecordingPlayer


@pytest.fixture
def remote(window: MainWindow) -> SessionRemote:
    remote = SessionRemote(window)
    SpokenAnswers(remote)
    return remote


@pytest.fixture
def running(window: MainWindow, clock: FakeClock, remote: SessionRemote) -> SessionController:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(20)
    controller.poll_now()
    return controller


def said(player: RecordingPlayer) -> list[str]:
    return [c.text for c in player.played]


def test_remote_commands_are_answered(
    remote: SessionRemote, running: SessionController, player: RecordingPlayer
) -> None:
    remote.pause()
    assert running.state is State.PAUSED and said(player)[-1] == "Paused."
    remote.pause()  # did nothing: no second answer
    assert said(player).count("Paused.") == 1
    remote.play()
    assert said(player)[-1] == "Going on."
    remote.next()  # the step's announcement is the answer
    assert said(player)[-1].startswith("Next: Shoulder blade squeeze.")
    remote.previous()  # the answer first, then the step's announcement from its start
    assert said(player)[-2] == "Back to Gentle circles."
    assert said(player)[-1].startswith("Gentle circles.")
    remote.stop()
    assert said(player)[-1] == "Stopped."


def test_after_a_long_pause_the_instruction_comes_again(
    remote: SessionRemote, running: SessionController, player: RecordingPlayer, clock: FakeClock
) -> None:
    remote.pause()
    clock.advance(REMIND_AFTER_S + 1)
    remote.play_pause()
    assert said(player)[-1] == f"Going on. {get_technique('gentle-circles').cue}"


def test_muted_answers_nothing(
    window: MainWindow, remote: SessionRemote, running: SessionController, player: RecordingPlayer
) -> None:
    window.toggle_mute()
    before = len(player.played)
    remote.pause()
    assert running.state is State.PAUSED and len(player.played) == before


def test_the_windows_keys_are_answered_only_when_the_setting_says(
    window: MainWindow, running: SessionController, player: RecordingPlayer, qtbot: QtBot
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert running.state is State.PAUSED and "Paused." not in said(player)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    window.apply_settings(window.settings.replace(answer_keys=True))
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert said(player)[-1] == "Paused."
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert said(player)[-1] == "Going on."
