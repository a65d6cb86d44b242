"""The session controller: one single-shot precise timer, cues to the player once each and
in order, history records at the end."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from massage_timer.core.constants import QUICK_ID
from massage_timer.core.engine import State
from massage_timer.core.planner import plan_routine
from massage_timer.core.timeline import Cue, Plan, PlannedStep, Segment
from massage_timer.gui.session_controller import (
    WAKE_MARGIN_MS,
    SessionController,
    SessionSummary,
)
from massage_timer.storage.catalog import find_routine
from tests.doubles import FakeClock, RecordingPlayer, fresh


class Recorder:
    def __init__(self) -> None:
        self.summaries: list[SessionSummary] = []

    def record_summary(self, summary: SessionSummary) -> None:
        self.summaries.append(summary)


@pytest.fixture
def plan() -> Plan:
    return plan_routine(find_routine(QUICK_ID))


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def controller(
    qtbot: QtBot, plan: Plan, clock: FakeClock, player: RecordingPlayer, recorder: Recorder
) -> SessionController:
    return SessionController(plan, clock=clock, player=player, recorder=recorder)


def test_one_precise_single_shot_timer_armed_to_the_next_second(
    controller: SessionController, clock: FakeClock
) -> None:
    timer = controller._timer
    assert timer.isSingleShot()
    assert timer.timerType() is Qt.TimerType.PreciseTimer
    assert controller.next_wake_ms() is None  # nothing runs before the start
    controller.start()
    assert controller.next_wake_ms() == 1000 + WAKE_MARGIN_MS  # the countdown's next second
    clock.advance(0.4)
    controller.poll_now()
    assert controller.next_wake_ms() == 600 + WAKE_MARGIN_MS


def test_every_cue_is_played_once_and_in_order(
    controller: SessionController, clock: FakeClock, player: RecordingPlayer, plan: Plan
) -> None:
    assert player.prepared == [plan]
    heard: list[Cue] = []
    controller.cue_due.connect(heard.append)
    controller.start()
    while controller.state is State.RUNNING:
        clock.advance(0.25)
        controller.poll_now()
    assert player.played == list(plan.cues)
    assert heard == list(plan.cues)


def test_signals_name_what_happened(
    controller: SessionController, clock: FakeClock, plan: Plan, qtbot: QtBot
) -> None:
    steps: list[PlannedStep] = []
    segments: list[Segment] = []
    states: list[str] = []
    controller.step_started.connect(steps.append)
    controller.segment_started.connect(segments.append)
    controller.state_changed.connect(states.append)
    controller.start()
    with qtbot.waitSignal(controller.session_finished):
        clock.advance(plan.total_seconds + 1)
        controller.poll_now()
    assert [s.index for s in steps] == [s.index for s in plan.steps]
    assert segments[0] == plan.segments[0]
    assert states == ["running", "finished"]


def test_pause_silences_sleeps_and_resume_wakes(
    controller: SessionController, clock: FakeClock, player: RecordingPlayer
) -> None:
    controller.start()
    controller.toggle_pause()
    assert controller.state is State.PAUSED
    assert player.silenced >= 1
    assert controller.next_wake_ms() is None
    clock.advance(100)
    controller.poll_now()
    assert controller.snapshot().position_ms == 0
    controller.toggle_pause()
    assert fresh(lambda: controller.state) is State.RUNNING
    assert controller.next_wake_ms() is not None


def test_muted_cues_show_but_are_not_played(
    controller: SessionController, clock: FakeClock, player: RecordingPlayer
) -> None:
    controller.set_muted(True)
    heard: list[Cue] = []
    controller.cue_due.connect(heard.append)
    controller.start()
    clock.advance(12)
    controller.poll_now()
    assert heard and player.played == []
    assert controller.last_spoken is not None


def test_a_stop_is_recorded_with_the_steps_done(
    controller: SessionController, clock: FakeClock, recorder: Recorder, plan: Plan
) -> None:
    controller.pain_before = 4
    controller.start()
    clock.advance(plan.steps[2].start_ms / 1000 + 5)  # into the third step
    controller.poll_now()
    controller.stop()
    [summary] = recorder.summaries
    assert not summary.completed
    assert summary.steps_done == 2 and summary.step_count == 5
    assert summary.actual_seconds == pytest.approx(plan.steps[2].start_ms / 1000 + 5)
    assert summary.pain_before == 4
    assert summary.started_at.tzinfo is not None


def test_stopping_before_the_start_records_nothing(
    controller: SessionController, recorder: Recorder
) -> None:
    controller.stop()
    assert recorder.summaries == []
    assert controller.summary is None


def test_skip_from_the_last_step_goes_to_the_close(
    controller: SessionController, clock: FakeClock, recorder: Recorder, plan: Plan
) -> None:
    controller.start()
    for _ in plan.steps:
        controller.skip()
    assert controller.snapshot().segment == plan.segments[-1]
    clock.advance(plan.segments[-1].duration_ms / 1000)
    controller.poll_now()
    assert recorder.summaries[-1].completed


def test_a_late_voice_takes_over(
    controller: SessionController, clock: FakeClock, player: RecordingPlayer, plan: Plan
) -> None:
    controller.start()
    voice = RecordingPlayer()
    controller.set_player(voice)
    assert player.silenced >= 1 and voice.prepared == [plan]
    for _ in range(48):
        clock.advance(0.25)
        controller.poll_now()
    assert voice.played and all(c.at_ms > 0 for c in voice.played)


def test_breath_matches_the_snapshot(controller: SessionController, clock: FakeClock) -> None:
    controller.start()
    for seconds in (0.5, 11, 13.3, 16.9, 84, 266, 271):
        clock.advance(seconds - controller.session.position_ms() / 1000)
        assert controller.breath() == controller.snapshot().breath
