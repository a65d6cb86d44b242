"""Planning: contiguous segments, cues inside them, speech never over speech, exact fitting."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from massage_timer.core.planner import plan_routine
from massage_timer.core.timeline import CueKind, Plan, SegmentKind

from .helpers import all_builtins, builtin, routine


def check_plan(plan: Plan) -> None:
    """The promises every plan keeps."""
    assert plan.segments[0].start_ms == 0
    for a, b in zip(plan.segments, plan.segments[1:], strict=False):
        assert a.end_ms == b.start_ms, "segments are contiguous"
    for s in plan.segments:
        assert s.duration_ms > 0
        for c in s.cues:
            assert s.start_ms <= c.at_ms < s.end_ms, "each cue lies inside its segment"
            assert c.text
    sounds = sorted(
        (c.at_ms, c.at_ms + c.length_ms) for c in plan.cues if c.kind is not CueKind.TICK
    )
    for (_, end), (start, _) in itertools.pairwise(sounds):
        assert start >= end, "nothing is scheduled over a spoken cue or a beep"


@pytest.mark.parametrize("r", all_builtins(), ids=lambda r: r.id)
def test_builtin_plans_keep_their_promises(r: object) -> None:
    plan = plan_routine(r)  # type: ignore[arg-type]
    check_plan(plan)
    data = plan.to_json()
    assert data["total_seconds"] == plan.total_seconds
    assert {
        "start",
        "duration",
        "title",
        "technique",
        "kind",
        "side",
        "rep",
        "reps",
        "cues",
    } <= set(data["segments"][0])


def test_quick_session_is_exactly_five_minutes() -> None:
    assert plan_routine(builtin("quick-5")).total_ms == 300_000


def test_shoulder_relief_follows_the_article() -> None:
    plan = plan_routine(builtin("shoulder-relief"))
    work = [s for s in plan.segments if s.kind is SegmentKind.WORK]
    squeezes = [s for s in work if s.technique == "shoulder-blade-squeeze"]
    assert len(squeezes) == 10 and all(s.duration_ms == 5000 for s in squeezes)
    assert [s.rep for s in squeezes] == list(range(1, 11))
    stretch = [s for s in work if s.technique == "cross-body-stretch"]
    assert [(s.side, s.duration_ms) for s in stretch] == [("left", 25000), ("right", 25000)]
    assert any(s.title == "Switch sides" for s in plan.segments)
    circles = next(s for s in work if s.technique == "gentle-circles")
    assert 180_000 <= circles.duration_ms <= 300_000


def test_lower_back_counts_strokes() -> None:
    plan = plan_routine(builtin("lower-back"))
    rub = next(s for s in plan.segments if s.technique == "palm-rub" and s.kind.value == "work")
    assert rub.reps == 200 and rub.stroke_ms == 1200 and rub.duration_ms == 240_000
    counts = [c.text for c in rub.cues if c.kind is CueKind.SPEECH]
    assert "Twenty." in counts and "One hundred. Halfway." in counts
    ticks = [c for c in rub.cues if c.kind is CueKind.TICK and c.sound == "tick"]
    assert len(ticks) > 150
    knuckles = next(
        s
        for s in plan.segments
        if s.technique == "thumb-knuckle-circles" and s.kind.value == "work"
    )
    assert knuckles.duration_ms == 600_000


def test_breathing_segments_say_inhale_and_exhale() -> None:
    plan = plan_routine(builtin("foam-roller-breathing"))
    breaths = [s for s in plan.segments if s.kind is SegmentKind.BREATHING]
    assert {s.phase for s in breaths} == {"inhale", "hold", "exhale"}
    words = " ".join(c.text for s in breaths for c in s.cues).lower()
    assert "inhale" in words and "exhale" in words


def test_voice_says_the_essentials() -> None:
    texts = [c.text for c in plan_routine(builtin("shoulder-relief")).cues]
    joined = " ".join(texts)
    for phrase in (
        "Switch to your right side.",
        "Halfway.",
        "Ten seconds left.",
        "Three. Hold.",
        "Release.",
        "Well done.",
    ):
        assert phrase in joined
    assert texts[0].startswith("Gentle circles.")
    beeps = [c for c in plan_routine(builtin("shoulder-relief")).cues if c.kind is CueKind.BEEP]
    assert [b.text for b in beeps[:3]] == ["3", "2", "1"]


def test_plan_without_any_routine_pacer_uses_the_given_pattern() -> None:
    r = routine('title = "b"\n[[steps]]\ntechnique = "paced-breathing"\nduration = 30\n')
    from massage_timer.core.breathing import Breathing
    from massage_timer.core.planner import DefaultSettings

    plan = plan_routine(r, DefaultSettings(breathing=Breathing(3, 2, 5)))
    first = [s for s in plan.segments if s.kind is SegmentKind.BREATHING][:3]
    assert [(s.phase, s.duration_ms) for s in first] == [
        ("inhale", 3000),
        ("hold", 2000),
        ("exhale", 5000),
    ]


@pytest.mark.parametrize("minutes", [0.05, 0.1, 0.5, 1, 2, 5, 12, 30, 90])
@pytest.mark.parametrize(
    "rid", ["quick-5", "shoulder-relief", "lower-back", "foam-roller-breathing", "desk-break"]
)
def test_fitting_gives_exactly_the_minutes(rid: str, minutes: float) -> None:
    plan = plan_routine(builtin(rid), minutes=minutes)
    assert plan.total_ms == round(minutes * 60000)
    check_plan(plan)


def test_fitting_keeps_counts_whole_and_proportions() -> None:
    plan = plan_routine(builtin("shoulder-relief"), minutes=20)
    work = [s for s in plan.segments if s.kind is SegmentKind.WORK]
    circles = next(s for s in work if s.technique == "gentle-circles")
    kneading = next(s for s in work if s.technique == "kneading")
    assert abs(circles.duration_ms - kneading.duration_ms) <= 60_000
    squeezes = [s for s in work if s.technique == "shoulder-blade-squeeze"]
    assert len(squeezes) > 10 and all(isinstance(s.rep, int) for s in squeezes)


def test_a_very_short_fit_drops_steps_rather_than_squeezing() -> None:
    plan = plan_routine(builtin("shoulder-relief"), minutes=0.5)
    assert {s.step_index for s in plan.segments} == {0}
    tiny = plan_routine(builtin("shoulder-relief"), minutes=0.05)
    assert len(tiny.segments) == 1 and tiny.total_ms == 3000
    assert tiny.segments[0].cues[0].text == "Gentle circles."


def test_fitting_refuses_absurd_lengths() -> None:
    with pytest.raises(ValueError):
        plan_routine(builtin("quick-5"), minutes=0)
    with pytest.raises(ValueError):
        plan_routine(builtin("quick-5"), minutes=500)


@settings(max_examples=40, deadline=None)
@given(
    rid=st.sampled_from(
        ["quick-5", "shoulder-relief", "lower-back", "desk-break", "foam-roller-breathing"]
    ),
    minutes=st.floats(min_value=0.02, max_value=120, allow_nan=False),
)
def test_any_fit_is_exact_and_well_formed(rid: str, minutes: float) -> None:
    plan = plan_routine(builtin(rid), minutes=minutes)
    assert plan.total_ms == round(minutes * 60000)
    check_plan(plan)


def test_spoken_cues_are_shifted_not_stacked() -> None:
    # One-second holds with no rest: the counts cannot all be said on time.
    r = routine('title = "t"\n[[steps]]\ntechnique = "waist-twist"\nreps = 6\nhold = 1\nrest = 0\n')
    plan = plan_routine(r)
    check_plan(plan)
    spoken = [c for c in plan.cues if c.kind is CueKind.SPEECH]
    assert len(spoken) < 6 + 2  # some counts had to give way


def test_steps_know_their_lines_and_span() -> None:
    plan = plan_routine(builtin("lower-back"))
    assert [s.title for s in plan.steps] == ["Palm rub", "Thumb-knuckle circles"]
    assert plan.steps[0].lines[-1] == "Rub your palms warm again whenever they cool."
    # A step spans its lead-in and its work; the next step starts where it ends.
    assert plan.steps[0].start_ms == 0 and plan.steps[0].end_ms == plan.steps[1].start_ms


def test_fitting_hands_back_the_values_it_planned() -> None:
    from massage_timer.core.drafts import session_drafts
    from massage_timer.core.planner import DEFAULTS, fit_routine

    r = builtin("shoulder-relief")
    fitted = fit_routine(r, DEFAULTS, 9)
    assert fitted.exact and fitted.plan.total_ms == 540_000
    bodies = [b for b in fitted.bodies if b is not None]
    assert len(bodies) == len(r.steps)
    # The drafts of those values are the plan, to the millisecond: nothing hides in the closing.
    drafts = session_drafts(r, r.steps, tuple(bodies), DEFAULTS.breathing)
    assert [d.duration_ms for d in drafts] == [s.duration_ms for s in fitted.plan.segments]
    short = fit_routine(r, DEFAULTS, 1)
    assert None in short.bodies and short.plan.total_ms == 60_000


def test_two_sided_steps_take_the_spare_time_evenly() -> None:
    r = routine('title = "t"\n[[steps]]\ntechnique = "cross-body-stretch"\nhold = 25\n')
    for minutes in (1.234, 2.5, 7.77):
        plan = plan_routine(r, minutes=minutes)
        sides = [s.duration_ms for s in plan.segments if s.kind is SegmentKind.WORK]
        assert len(sides) == 2 and sides[0] == sides[1]
        assert plan.total_ms == round(minutes * 60000)


def test_roles_are_carried_on_segments() -> None:
    from massage_timer.core.timeline import SegmentRole

    plan = plan_routine(builtin("quick-5"))
    roles = [s.role for s in plan.segments]
    assert roles[0] is SegmentRole.LEAD and roles[-1] is SegmentRole.CLOSING
    assert roles.count(SegmentRole.CLOSING) == 1
    assert {SegmentRole.REP, SegmentRole.BREATH, SegmentRole.STROKES} <= set(roles)
    assert all(s.step_title == plan.steps[s.step_index].title for s in plan.segments)
