"""The moving parts' pose follows the session position, on a fake clock."""

from __future__ import annotations

import pytest

from massage_timer.core import motion
from massage_timer.core.engine import Session
from massage_timer.core.motion import MOTIONS, STILL, Motion, Pose, moves, pose_at
from massage_timer.core.planner import plan_routine
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.core.timeline import BreathPhase, Plan, Segment, SegmentKind, SegmentRole
from tests.doubles import FakeClock

from .helpers import builtin, routine


@pytest.fixture
def quick() -> Plan:
    return plan_routine(builtin("quick-5"))


def first(plan: Plan, technique: str, role: SegmentRole) -> Segment:
    return next(s for s in plan.segments if s.technique == technique and s.role is role)


def running_at(plan: Plan, ms: float) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    clock.advance(ms / 1000)
    session.poll()
    return session, clock


def test_every_technique_has_a_motion() -> None:
    assert set(MOTIONS) == set(TECHNIQUES)


def test_the_same_position_always_gives_the_same_pose(quick: Plan) -> None:
    rub = first(quick, "palm-rub", SegmentRole.STROKES)
    at = rub.start_ms + 7_300
    a, _ = running_at(quick, at)
    b, _ = running_at(quick, at)
    assert a.pose_now() == b.pose_now() == a.pose_now()
    assert a.pose_now() != STILL


def test_a_paused_session_holds_its_pose(quick: Plan) -> None:
    circles = first(quick, "gentle-circles", SegmentRole.TIMED)
    session, clock = running_at(quick, circles.start_ms + 1_000)
    session.pause()
    held = session.pose_now()
    clock.advance(1.7)
    assert session.pose_now() == held
    session.resume()
    clock.advance(0.5)
    assert session.pose_now() != held


def test_the_palm_rub_strokes_once_per_stroke_in_step_with_the_count(quick: Plan) -> None:
    rub = first(quick, "palm-rub", SegmentRole.STROKES)
    stroke = rub.stroke_ms
    assert stroke == 1200
    for n in range(1, 6):
        start = rub.start_ms + (n - 1) * stroke + 1  # a millisecond into stroke n
        session, _ = running_at(quick, start)
        assert session.snapshot().count == n
        pose = session.pose_now()
        assert pose.phase == pytest.approx(1 / stroke, abs=1e-6)
        assert pose.offset == pytest.approx(0.0, abs=1e-4)  # at the top as the count comes
        half, _ = running_at(quick, start + stroke / 2)
        assert half.snapshot().count == n
        assert half.pose_now().offset == pytest.approx(1.0, abs=1e-4)  # the bottom, half way


def test_a_stroke_at_time_t_shows_the_stroke_phase_of_t(quick: Plan) -> None:
    rub = first(quick, "palm-rub", SegmentRole.STROKES)
    for into in (0, 150, 300, 900, 1199, 1201, 33_333):
        pose = pose_at(rub, into)
        assert pose.phase == pytest.approx((into % 1200) / 1200)


def test_the_squeeze_draws_in_in_each_hold_and_lets_go_in_the_rest(quick: Plan) -> None:
    rep = first(quick, "shoulder-blade-squeeze", SegmentRole.REP)
    rest = first(quick, "shoulder-blade-squeeze", SegmentRole.REST)
    assert pose_at(rep, 0).squeeze == 0.0
    rising = [pose_at(rep, ms).squeeze for ms in range(0, motion.EASE_MS + 1, 100)]
    assert rising == sorted(rising) and rising[-1] == pytest.approx(1.0)
    assert pose_at(rep, rep.duration_ms - 1).squeeze == pytest.approx(1.0)
    falling = [pose_at(rest, ms).squeeze for ms in range(0, motion.EASE_MS + 1, 100)]
    assert falling == sorted(falling, reverse=True)
    assert falling[0] == pytest.approx(1.0) and falling[-1] == pytest.approx(0.0)


def test_the_breathing_figure_follows_the_pacer(quick: Plan) -> None:
    inhale = next(s for s in quick.segments if s.phase is BreathPhase.INHALE)
    exhale = next(s for s in quick.segments if s.phase is BreathPhase.EXHALE)
    session, clock = running_at(quick, inhale.start_ms)
    chests = []
    while session.position_ms() < exhale.end_ms - 1:
        breath = session.breath_now()
        pose = session.pose_now()
        assert breath is not None
        assert pose.chest == pytest.approx(breath.fullness)
        chests.append((breath.phase, pose.chest))
        clock.advance(0.25)
        session.poll()
    ins = [c for p, c in chests if p is BreathPhase.INHALE]
    outs = [c for p, c in chests if p is BreathPhase.EXHALE]
    assert ins == sorted(ins) and ins[-1] > 0.9
    assert outs == sorted(outs, reverse=True) and outs[-1] < 0.1


def test_the_left_side_is_mirrored(quick: Plan) -> None:
    left = first(quick, "cross-body-stretch", SegmentRole.TIMED)
    right = next(
        s
        for s in quick.segments
        if s.technique == "cross-body-stretch" and s.side == "right" and s.role is SegmentRole.TIMED
    )
    assert left.side == "left"
    assert pose_at(left, 4000).mirrored and not pose_at(right, 4000).mirrored
    # Otherwise the same: the stretch eases in and holds on both sides.
    assert pose_at(left, 4000).offset == pose_at(right, 4000).offset == pytest.approx(1.0)
    assert pose_at(left, 500).offset < pose_at(left, 1500).offset < 1.0


def test_transitions_show_the_still_picture(quick: Plan) -> None:
    for seg in quick.segments:
        if seg.kind is SegmentKind.TRANSITION:
            pose = pose_at(seg, seg.duration_ms / 2)
            assert (pose.phase, pose.angle, pose.offset, pose.squeeze) == (0, 0, 0, 0)
            assert not moves(seg)


def test_back_and_next_jump_to_the_right_pose(quick: Plan) -> None:
    rub = first(quick, "palm-rub", SegmentRole.STROKES)
    session, clock = running_at(quick, rub.start_ms + 5_500)
    session.pause()
    session.skip()  # to the breathing step's lead-in: still
    assert session.pose_now() == Pose(mirrored=False)
    session.back()  # within 3 s: the step before, the palm rub's lead-in
    seg = quick.segments[session.snapshot().segment.index]
    assert seg.role is SegmentRole.LEAD and seg.step_index == rub.step_index
    session.resume()
    clock.advance((rub.start_ms - session.position_ms() + 600) / 1000)
    pose = session.pose_now()
    assert pose.phase == pytest.approx(0.5) and pose.offset == pytest.approx(1.0)
    assert pose == pose_at(rub, session.position_ms() - rub.start_ms, session.breath_now())


def test_circles_turn_at_the_circle_rate_and_twists_take_turns() -> None:
    plan = plan_routine(
        routine(
            """
title = "t"
[[steps]]
technique = "thumb-knuckle-circles"
duration = 30
[[steps]]
technique = "waist-twist"
reps = 2
hold = 3
rest = 1
"""
        )
    )
    circles = first(plan, "thumb-knuckle-circles", SegmentRole.TIMED)
    assert pose_at(circles, motion.CIRCLE_MS / 4).angle == pytest.approx(90)
    assert pose_at(circles, motion.CIRCLE_MS).angle == pytest.approx(0)
    reps = [s for s in plan.segments if s.technique == "waist-twist" and s.role is SegmentRole.REP]
    one, two = (pose_at(s, s.duration_ms / 2) for s in reps)
    assert one.offset == pytest.approx(1.0) and two.offset == pytest.approx(-1.0)
    assert pose_at(reps[0], 0).offset == pytest.approx(0.0)
    rest = next(s for s in plan.segments if s.role is SegmentRole.REST)
    assert pose_at(rest, 500) == STILL and moves(reps[0]) and not moves(rest)


@pytest.mark.parametrize("technique", sorted(MOTIONS))
def test_every_motion_moves_during_its_work(technique: str) -> None:
    tech = TECHNIQUES[technique]
    body = (
        "reps = 3\nhold = 4\nrest = 2" if MOTIONS[technique] in (Motion.HOLD, Motion.TWIST) else ""
    )
    if MOTIONS[technique] is Motion.BREATH:
        body = "reps = 2"
    plan = plan_routine(routine(f'title = "t"\n[[steps]]\ntechnique = "{tech.id}"\n{body}\n'))
    work = next(s for s in plan.segments if s.kind is not SegmentKind.TRANSITION)
    assert moves(work)
    poses = {pose_at(work, ms, None) for ms in range(0, min(work.duration_ms, 3000), 250)}
    if MOTIONS[technique] is Motion.BREATH:
        session, clock = running_at(plan, work.start_ms)
        poses = set()
        for _ in range(8):
            poses.add(session.pose_now())
            clock.advance(0.25)
    assert len(poses) > 3, f"{technique} does not move"


def test_a_held_technique_gets_ready_at_rest(quick: Plan) -> None:
    squeeze_lead = next(
        s
        for s in quick.segments
        if s.technique == "shoulder-blade-squeeze" and s.role is SegmentRole.LEAD
    )
    circles_lead = quick.segments[0]
    assert circles_lead.role is SegmentRole.LEAD
    # The squeeze's "get ready" shows the pose its first hold starts from; no motion.
    assert motion.shows_pose(squeeze_lead) and not moves(squeeze_lead)
    first_rep = first(quick, "shoulder-blade-squeeze", SegmentRole.REP)
    assert pose_at(squeeze_lead, 1000) == pose_at(first_rep, 0)
    switch = next(
        s
        for s in quick.segments
        if s.technique == "cross-body-stretch" and s.role is SegmentRole.SWITCH
    )
    assert motion.shows_pose(switch)
    # The circles' drawing is where they start: the still picture serves.
    assert not motion.shows_pose(circles_lead)
