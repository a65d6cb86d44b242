"""Every key works whatever has focus, and each has a button whose tooltip names it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from massage_timer.core.constants import QUICK_ID
from massage_timer.core.engine import State
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.session_controller import SessionController
from massage_timer.gui.shortcuts import COMMANDS
from massage_timer.storage.history import HistoryStore
from tests.doubles import FakeClock, RecordingPlayer, ScriptedConfirm, fresh


@pytest.fixture
def running(window: MainWindow, clock: FakeClock) -> SessionController:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(20)  # into the first step's work
    controller.poll_now()
    return controller


def step_index(controller: SessionController) -> int:
    return controller.snapshot().segment.step_index


def test_space_pauses_and_resumes(
    window: MainWindow, running: SessionController, qtbot: QtBot
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert running.state is State.PAUSED
    assert window.session_view.buttons["pause"].text().startswith("Resume")
    assert window.session_view.phase_label.text().startswith("Paused")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert fresh(lambda: running.state) is State.RUNNING
    assert window.session_view.buttons["pause"].text().startswith("Pause")


@pytest.mark.parametrize("key", [Qt.Key.Key_Right, Qt.Key.Key_N])
def test_right_or_n_goes_to_the_next_step(
    window: MainWindow, running: SessionController, qtbot: QtBot, key: Qt.Key
) -> None:
    assert step_index(running) == 0
    qtbot.keyClick(window, key)
    assert step_index(running) == 1
    assert window.session_view.step_label.text() == "Shoulder blade squeeze"


@pytest.mark.parametrize("key", [Qt.Key.Key_Left, Qt.Key.Key_B])
def test_left_or_b_goes_back(
    window: MainWindow, running: SessionController, qtbot: QtBot, clock: FakeClock, key: Qt.Key
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N)
    clock.advance(8)  # well into the step: back goes to its start
    running.poll_now()
    qtbot.keyClick(window, key)
    assert step_index(running) == 1
    assert running.snapshot().segment.start_ms == running.plan.steps[1].start_ms
    qtbot.keyClick(window, key)  # at the start already: back to the step before
    assert step_index(running) == 0


def test_esc_asks_and_a_no_keeps_the_session(
    window: MainWindow, running: SessionController, qtbot: QtBot, confirm: ScriptedConfirm
) -> None:
    confirm.answer = False
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert confirm.asked == ["Stop the session?"]
    assert running.state is State.RUNNING
    assert window.current_page() is window.session_view


def test_esc_asks_and_a_yes_stops_and_records(
    window: MainWindow, running: SessionController, qtbot: QtBot, confirm: ScriptedConfirm
) -> None:
    with qtbot.waitSignal(window.history.recorded):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert confirm.asked == ["Stop the session?"]
    assert running.state is State.STOPPED
    assert window.current_page() is window.finish_view
    assert window.finish_view.heading.text() == "Session stopped"
    [record] = HistoryStore().sessions()
    assert record.routine_id == QUICK_ID
    assert not record.completed
    assert record.actual_seconds == pytest.approx(20, abs=0.01)
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # from the finish screen, Esc goes home
    assert window.current_page() is window.home


def test_m_mutes_and_unmutes(
    window: MainWindow, running: SessionController, qtbot: QtBot, player: RecordingPlayer
) -> None:
    silenced = player.silenced
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert window.settings.mute and running.muted
    assert player.silenced > silenced
    assert player.settings[-1].mute
    assert window.session_view.buttons["mute"].text().startswith("Unmute")
    assert window.session_view.caption_frame.isVisible()  # muted: captions carry the cues
    played = len(player.played)
    qtbot.keyClick(window, Qt.Key.Key_N)  # the next step's cue falls due but is not played
    assert len(player.played) == played
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert not fresh(lambda: window.settings.mute) and not fresh(lambda: running.muted)


def test_f_toggles_full_screen(
    window: MainWindow, running: SessionController, qtbot: QtBot
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_ctrl_q_asks_then_quits(
    window: MainWindow, running: SessionController, qtbot: QtBot, confirm: ScriptedConfirm
) -> None:
    confirm.answer = False
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert confirm.asked == ["Quit massage-timer?"]
    assert window.isVisible() and running.state is State.RUNNING
    confirm.answer = True
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert fresh(lambda: running.state) is State.STOPPED
    [record] = HistoryStore().sessions()  # closing waited for the write
    assert not record.completed


def test_keys_work_whatever_has_focus(
    window: MainWindow, running: SessionController, qtbot: QtBot
) -> None:
    for name in ("stop", "mute", "back"):
        button = window.session_view.buttons[name]
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert running.state is State.PAUSED, name  # Space pauses; it does not press the button
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert fresh(lambda: running.state) is State.RUNNING


def test_session_keys_do_nothing_at_home(window: MainWindow, qtbot: QtBot) -> None:
    for name in ("pause", "next", "back"):
        assert not window.actions_[name].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert window.current_page() is window.home


def test_every_button_names_its_key(window: MainWindow, running: SessionController) -> None:
    for command in COMMANDS:
        if command.name == "quit":
            continue
        button = window.session_view.buttons[command.name]
        key = command.keys[-1].replace("Escape", "Esc")
        assert key in button.toolTip(), command.name
        assert button.accessibleName()


@pytest.mark.parametrize(
    ("key", "stopped"), [(Qt.Key.Key_Return, True), (Qt.Key.Key_Escape, False)]
)
def test_the_real_question_enter_stops_esc_keeps_going(
    window: MainWindow,
    running: SessionController,
    qtbot: QtBot,
    confirm: ScriptedConfirm,
    key: Qt.Key,
    stopped: bool,
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from massage_timer.gui.notices import ask

    window.confirm = ask  # the modal dialog a person sees
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        qtbot.keyClick(box, key)

    QTimer.singleShot(50, answer)
    try:
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    finally:
        window.confirm = confirm  # closing the window at teardown must not wait for a person
    assert asked and "Stop this session" in asked[0]
    assert (running.state is State.STOPPED) == stopped
