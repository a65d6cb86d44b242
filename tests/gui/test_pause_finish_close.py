"""Pause holds the countdown; a finished session shows what was done and is recorded;
closing the window mid-session asks first."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from massage_timer.core.constants import QUICK_ID
from massage_timer.core.engine import State
from massage_timer.core.timefmt import clock_text
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.session_controller import WAKE_MARGIN_MS, frame_slot, frame_start_ms
from massage_timer.storage.history import HistoryStore
from massage_timer.storage.settings import Settings
from tests.doubles import FakeClock, ScriptedConfirm


def test_the_countdown_does_not_move_while_paused(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(15)
    controller.poll_now()
    view = window.session_view
    shown = view.countdown_label.text()
    left = view.session_left_label.text()
    assert shown == "0:55"
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert controller.next_wake_ms() is None  # nothing wakes a paused session
    clock.advance(30)
    controller.poll_now()
    assert view.countdown_label.text() == shown
    assert view.session_left_label.text() == left
    assert not view.countdown_label.isEnabled()  # dimmed while paused
    qtbot.keyClick(window, Qt.Key.Key_Space)
    clock.advance(5)
    controller.poll_now()
    assert view.countdown_label.text() == "0:50"


def test_the_timer_wakes_for_the_next_second_only(window: MainWindow, clock: FakeClock) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(12.25)
    controller.poll_now()
    # The circles move and the pacer breathes: the next frame on the grid comes first,
    # then the countdown's second as soon as nothing animates.
    assert controller.frames_wanted
    frame = frame_start_ms(frame_slot(12_250) + 1)
    assert controller.next_wake_ms() == math.ceil(frame - 12_250) + WAKE_MARGIN_MS
    controller.set_frames_wanted(False)
    # 57.75 s left shows as 0:58 until 57 s are left, 0.75 s from now
    assert controller.next_wake_ms() == 750 + WAKE_MARGIN_MS


@pytest.fixture
def settings() -> Settings:
    return Settings(ask_pain=True)


def test_finish_shows_what_was_done_and_records_it(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    assert window.session_view.pain_strip.isVisible()
    qtbot.mouseClick(window.session_view.pain_before.buttons[6], Qt.MouseButton.LeftButton)
    assert not window.session_view.pain_strip.isVisible()
    with qtbot.waitSignal(controller.session_finished) as finished:
        for _ in range(31):
            clock.advance(10)
            controller.poll_now()
    summary = finished.args[0]
    assert summary.completed and summary.steps_done == summary.step_count == 5
    assert window.current_page() is window.finish_view
    finish = window.finish_view
    assert finish.heading.text() == "Well done"
    assert "5 minutes of Quick 5 minutes" in finish.details.text()
    assert "5 of 5 steps" in finish.details.text()
    window.history.wait()
    [record] = HistoryStore().sessions()
    assert record.completed and record.routine_id == QUICK_ID
    assert record.planned_seconds == 300 and record.actual_seconds == 300
    assert record.pain_before == 6 and record.pain_after is None
    assert finish.pain_after.isVisible()
    qtbot.mouseClick(finish.pain_after.buttons[3], Qt.MouseButton.LeftButton)
    window.history.wait()
    [record] = HistoryStore().sessions()
    assert record.pain_after == 3
    assert controller.state is State.FINISHED


def test_the_pain_questions_can_be_skipped(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    controller = window.open_session("desk-break")
    assert controller is not None
    qtbot.mouseClick(window.session_view.pain_before.skip_button, Qt.MouseButton.LeftButton)
    clock.advance(controller.plan.total_seconds + 1)
    with qtbot.waitSignal(window.history.recorded):
        controller.poll_now()
    qtbot.mouseClick(window.finish_view.pain_after.skip_button, Qt.MouseButton.LeftButton)
    window.history.wait()
    [record] = HistoryStore().sessions()
    assert record.pain_before is None and record.pain_after is None
    with qtbot.waitSignal(window.session_opened):
        qtbot.mouseClick(window.finish_view.again_button, Qt.MouseButton.LeftButton)
    assert window.controller is not None and window.controller.plan.routine_id == "desk-break"


def test_closing_mid_session_asks_and_no_keeps_it_running(
    window: MainWindow, clock: FakeClock, confirm: ScriptedConfirm
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    confirm.answer = False
    assert not window.close()
    assert confirm.asked == ["Quit massage-timer?"]
    assert window.isVisible()
    clock.advance(3)
    controller.poll_now()
    assert controller.state is State.RUNNING
    lead_s = controller.plan.segments[0].duration_ms / 1000
    assert window.session_view.countdown_label.text() == clock_text(lead_s - 3)


def test_closing_at_home_does_not_ask_and_remembers_the_window(
    window: MainWindow, confirm: ScriptedConfirm
) -> None:
    from massage_timer.storage.settings import load_settings

    window.resize(700, 500)  # inside the offscreen screen (800x600), which restoring keeps to
    window.move(40, 30)
    assert window.close()
    assert confirm.asked == []
    saved, _ = load_settings()
    assert saved.window_geometry
    fresh = MainWindow(saved)
    fresh.restore_geometry()
    assert fresh.size() == window.size()
    fresh.history.close()
    fresh.deleteLater()


def test_a_session_keeps_time_while_minimized(window: MainWindow, clock: FakeClock) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(17)  # between two breath tones, five seconds apart
    controller.poll_now()
    window.showMinimized()
    window.session_view.set_window_minimized(True)
    controller.set_display_active(False)
    assert not window.session_view.pacer.animating
    due = controller.session.next_due_ms()
    assert due is not None and due > 1001  # the next cue is seconds away
    # it alone wakes the engine; the countdown does not
    assert controller.next_wake_ms() == math.ceil(due) + WAKE_MARGIN_MS
    clock.advance(60)
    controller.poll_now()
    window.showNormal()
    controller.set_display_active(True)
    assert window.session_view.step_label.text() == "Shoulder blade squeeze"


def test_a_quit_from_the_terminal_while_the_quit_question_is_open_quits(
    window: MainWindow, clock: FakeClock
) -> None:
    # Ctrl+C or SIGTERM (a logout) arriving while the question waits for an answer: the
    # window is already closing, so a second close would do nothing and the app hang.
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(30)
    controller.poll_now()

    def answer_after_a_signal(*_question: object) -> bool:
        window.quit_now()
        return False  # the question goes away unanswered ("Keep going")

    window.confirm = answer_after_a_signal
    assert window.close()
    assert not window.isVisible()
    assert not controller.active
    [record] = HistoryStore().sessions()  # stopped, and kept
    assert not record.completed and record.actual_seconds == 30


class RealQuestion:
    """The window's real modal question, with something done while it is open.

    ``during`` runs 50 ms into the question; a question still open 2 s later is closed
    here and seen as "still open", so a test fails rather than hangs. Both timers stop at
    the test's end: one left running would close a later test's question.
    """

    def __init__(self, window: MainWindow) -> None:
        from PySide6.QtCore import QTimer

        from massage_timer.gui.notices import ask

        window.confirm = ask
        self.seen: list[str] = []
        self.timers = [QTimer(), QTimer()]
        for timer, ms in zip(self.timers, (50, 2000), strict=True):
            timer.setSingleShot(True)
            timer.setInterval(ms)
        self.timers[1].timeout.connect(self._still_open)

    def ask_while(self, during: Callable[[], None], ask: Callable[[], object]) -> list[str]:
        self.timers[0].timeout.connect(lambda: self._during(during))
        for timer in self.timers:
            timer.start()
        ask()
        return self.seen

    def _during(self, during: Callable[[], None]) -> None:
        box = QApplication.activeModalWidget()
        self.seen.append(box.windowTitle() if isinstance(box, QMessageBox) else "no question")
        during()

    def _still_open(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self.seen.append("still open")
            box.reject()

    def stop(self) -> None:
        for timer in self.timers:
            timer.stop()


@pytest.fixture
def question(window: MainWindow) -> Iterator[RealQuestion]:
    real = RealQuestion(window)
    yield real
    real.stop()


def test_a_quit_from_the_terminal_closes_an_open_question(
    window: MainWindow, qtbot: QtBot, question: RealQuestion
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    seen = question.ask_while(window.quit_now, window.close)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert seen == ["Quit massage-timer?"]
    assert QApplication.activeModalWidget() is None
    assert not controller.active


def _the_end(window: MainWindow, clock: FakeClock) -> Callable[[], None]:
    """The session reaches its end."""

    def end() -> None:
        assert window.controller is not None
        clock.advance(400)
        window.controller.poll_now()

    return end


def test_a_quit_question_outlived_by_its_session_is_withdrawn_and_the_close_goes_on(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, question: RealQuestion
) -> None:
    assert window.open_session(QUICK_ID) is not None
    seen = question.ask_while(_the_end(window, clock), window.close)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert seen == ["Quit massage-timer?"]
    assert QApplication.activeModalWidget() is None
    window.history.wait()
    [record] = HistoryStore().sessions()  # it ended on its own: completed
    assert record.completed and record.actual_seconds == 300


def test_a_stop_question_outlived_by_its_session_is_withdrawn(
    window: MainWindow, clock: FakeClock, question: RealQuestion
) -> None:
    assert window.open_session(QUICK_ID) is not None
    seen = question.ask_while(_the_end(window, clock), window.actions_["stop"].trigger)
    assert seen == ["Stop the session?"]
    assert QApplication.activeModalWidget() is None
    assert window.isVisible() and window.current_page() is window.finish_view
    assert "done" in window.windowTitle()


def test_the_end_of_a_session_leaves_other_dialogs_open(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialog

    from massage_timer.gui.notices import close_open_dialog

    settings_like = QDialog()
    qtbot.addWidget(settings_like)
    settings_like.setModal(True)
    settings_like.show()
    qtbot.waitUntil(lambda: settings_like.isVisible())
    close_open_dialog(questions_only=True)  # the session's end: edits must survive
    assert settings_like.isVisible()
    close_open_dialog(questions_only=False)  # a quit: every dialog goes
    assert not settings_like.isVisible() and settings_like.result() == QDialog.DialogCode.Rejected
    question = QMessageBox()
    qtbot.addWidget(question)
    question.setModal(True)
    question.show()
    qtbot.waitUntil(lambda: question.isVisible())
    close_open_dialog(questions_only=True)
    assert not question.isVisible()
