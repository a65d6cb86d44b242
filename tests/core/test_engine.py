"""The session engine, driven by a fake clock."""

from __future__ import annotations

import pytest

from massage_timer.core.clock import SystemClock
from massage_timer.core.engine import CueDue, SegmentStarted, Session, State, StateChanged
from massage_timer.core.planner import plan_routine
from massage_timer.core.timeline import CueKind, Plan, SegmentKind
from tests.doubles import FakeClock, fresh

from .helpers import builtin


@pytest.fixture
def quick() -> Plan:
    return plan_routine(builtin("quick-5"))


def run_to(session: Session, clock: FakeClock, ms: float) -> list[object]:
    clock.advance((ms - session.position_ms()) / 1000)
    return list(session.poll())


def test_a_whole_session_reports_every_segment_and_cue_once(quick: Plan) -> None:
    clock = FakeClock()
    s = Session(quick, clock)
    s.start()
    seen: list[object] = list(s.poll())
    while s.state is State.RUNNING:
        wait = s.next_due_ms()
        assert wait is not None
        clock.advance(wait / 1000)
        seen.extend(s.poll())
    segs = [e.segment.index for e in seen if isinstance(e, SegmentStarted)]
    cues = [e.cue for e in seen if isinstance(e, CueDue)]
    assert segs == list(range(len(quick.segments)))
    assert cues == list(quick.cues)
    assert isinstance(seen[-1], StateChanged) and seen[-1].state is State.FINISHED
    assert s.position_ms() == quick.total_ms


def test_a_late_wake_loses_nothing_and_keeps_order(quick: Plan) -> None:
    clock = FakeClock()
    s = Session(quick, clock)
    s.start()
    events = run_to(s, clock, 800)  # within the stale limit of the t=0 cues
    kinds = [type(e).__name__ for e in events]
    assert kinds[:3] == ["StateChanged", "SegmentStarted", "CueDue"]
    assert events[1].position_ms == pytest.approx(800)  # type: ignore[attr-defined]


def test_cues_long_overdue_are_dropped_not_played_late(quick: Plan) -> None:
    clock = FakeClock()
    s = Session(quick, clock)
    s.start()
    events = run_to(s, clock, 30_000)  # a 30 s stall
    assert not [e for e in events if isinstance(e, CueDue) and e.cue.at_ms < 28_000]
    assert [e for e in events if isinstance(e, SegmentStarted)][-1].segment.index == 1


def test_pause_costs_nothing(quick: Plan) -> None:
    clock = FakeClock()
    s = Session(quick, clock)
    s.start()
    run_to(s, clock, 5000)
    s.pause()
    clock.advance(600)
    assert s.position_ms() == 5000 and s.next_due_ms() is None
    assert [e.state for e in s.poll() if isinstance(e, StateChanged)] == [State.PAUSED]
    s.resume()
    clock.advance(1)
    assert s.position_ms() == pytest.approx(6000)
    s.toggle_pause()
    assert s.state is State.PAUSED
    s.toggle_pause()
    assert fresh(lambda: s.state) is State.RUNNING


def test_skip_and_back_move_by_steps(quick: Plan) -> None:
    clock = FakeClock()
    s = Session(quick, clock)
    s.start()
    run_to(s, clock, 20_000)  # inside step 1's work
    s.skip()
    snap = s.snapshot()
    assert snap.segment.step_index == 1 and snap.segment.kind is SegmentKind.TRANSITION
    events = s.poll()
    assert isinstance(events[0], SegmentStarted) and events[0].segment.step_index == 1
    assert isinstance(events[1], CueDue) and events[1].cue.text.startswith("Next: Shoulder")
    clock.advance(10)
    s.back()  # 10 s into step 2: back to its start
    assert s.snapshot().segment.step_index == 1
    s.back()  # right at the start: back to the step before
    assert s.snapshot().segment.step_index == 0 and s.position_ms() == 0
    s.back()
    assert s.position_ms() == 0
    for _ in range(len(quick.steps)):
        s.skip()
    assert s.snapshot().segment.title == "Well done"
    s.skip()
    assert s.snapshot().segment.title == "Well done"


def test_stop_and_commands_that_do_not_apply(quick: Plan) -> None:
    clock = FakeClock()
    s = Session(quick, clock)
    s.skip()
    s.back()
    s.pause()
    assert s.state is State.READY and s.next_due_ms() is None
    s.start()
    with pytest.raises(RuntimeError):
        s.start()
    clock.advance(3)
    s.stop()
    assert fresh(lambda: s.state) is State.STOPPED and s.position_ms() == pytest.approx(3000)
    last = s.poll()[-1]
    assert isinstance(last, StateChanged) and last.state is State.STOPPED
    assert last.position_ms == pytest.approx(3000)
    assert not s.active
    s.resume()
    assert fresh(lambda: s.state) is State.STOPPED


def test_snapshot_counts_reps_strokes_and_breaths() -> None:
    plan = plan_routine(builtin("quick-5"))
    clock = FakeClock()
    s = Session(plan, clock)
    s.start()
    squeeze = next(x for x in plan.segments if x.rep == 4 and x.kind is SegmentKind.WORK)
    run_to(s, clock, squeeze.start_ms + 1000)
    snap = s.snapshot()
    assert snap.count_label == "Squeeze 4 of 6"
    assert snap.segment_remaining_ms == pytest.approx(4000)
    rub = next(x for x in plan.segments if x.stroke_ms)
    run_to(s, clock, rub.start_ms + 12 * 1200 + 100)
    assert s.snapshot().count_label == "Stroke 13 of 50"
    breath = next(x for x in plan.segments if x.phase == "exhale")
    run_to(s, clock, breath.start_ms + 3000)
    snap = s.snapshot()
    assert snap.breath is not None and snap.breath.phase == "exhale"
    assert snap.breath.fullness == pytest.approx(0.5)
    assert snap.count_label == "Breath 1 of 3"
    inhale = plan.segments[breath.index + 1]
    assert snap.next_segment is inhale and inhale.title == "Breathe in"
    run_to(s, clock, inhale.start_ms + 500)
    spoken = s.snapshot().last_spoken
    assert spoken is not None and spoken.kind is CueKind.SPEECH and spoken.text == "Inhale."
    assert snap.step is not None and snap.step.title == "Paced breathing"
    assert snap.step_count == 5


def test_snapshot_without_count_or_pacer() -> None:
    plan = plan_routine(builtin("lower-back"))
    s = Session(plan, FakeClock())
    snap = s.snapshot()
    assert snap.state is State.READY and snap.count_label == "" and snap.breath is None
    assert snap.session_remaining_ms == plan.total_ms
    assert s.last_cue is None


def test_work_with_a_routine_pacer_reports_the_breath(quick: Plan) -> None:
    clock = FakeClock()
    s = Session(quick, clock)
    s.start()
    circles = quick.segments[1]
    run_to(s, clock, circles.start_ms + 5000)  # 4 s in, 1 s into the exhale
    breath = s.snapshot().breath
    assert breath is not None and breath.phase == "exhale"
    assert breath.remaining_ms == pytest.approx(5000)


def test_an_empty_plan_cannot_run() -> None:
    with pytest.raises(ValueError):
        Session(Plan("x", "x", (), ()), FakeClock())


def test_clocks() -> None:
    real = SystemClock()
    assert real.monotonic() <= real.monotonic()
    fake = FakeClock(5)
    fake.advance(1.5)
    assert fake.monotonic() == 6.5
    with pytest.raises(ValueError):
        fake.advance(-1)
