"""Planning a routine into a session timeline, at its own length or fitted to given minutes.

Every front end (window, command line, self-test, editor) plans through
:func:`plan_routine` with the person's settings, so a routine lasts the same wherever it
is shown. Fitting (:func:`fit_routine`) hands back the step values it chose, so the
editor writes exactly those rather than reading them back from the segments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from massage_timer.core import phrases
from massage_timer.core.breathing import Breathing
from massage_timer.core.constants import STEP_LIMITS, minutes_problem
from massage_timer.core.cues import candidates, schedule
from massage_timer.core.drafts import (
    Draft,
    announcement,
    session_drafts,
    set_starts,
    to_ms,
    total_ms,
)
from massage_timer.core.routine import (
    DEFAULT_BREATHING,
    Body,
    BodyKind,
    Routine,
    Step,
    breathing_for,
    pacer_for,
    resolve_body,
)
from massage_timer.core.technique_library import get_technique
from massage_timer.core.timeline import Cue, Plan, PlannedStep, Segment, SegmentKind, SegmentRole

MIN_TIMED_S = 10  # shorter than this, a timed step is not worth doing
MIN_STROKES = 5
_CARRY_TRIES = 4  # re-plans allowed for one step to settle the spare milliseconds


class PlanSettings(Protocol):
    """What planning needs of the person's settings (storage's Settings has both)."""

    @property
    def rate(self) -> int: ...

    @property
    def breathing(self) -> Breathing: ...


@dataclass(frozen=True)
class DefaultSettings:
    """Planning as a fresh install plans: the default speech rate and breathing pattern."""

    rate: int = phrases.DEFAULT_RATE
    breathing: Breathing = DEFAULT_BREATHING


DEFAULTS = DefaultSettings()


@dataclass(frozen=True)
class FittedRoutine:
    """A routine fitted to given minutes: the plan, and the values each step got.

    ``bodies`` has one entry per step of the routine, None where the step was dropped.
    ``exact`` says whether those values alone make up the whole length; when False, no
    step could take the last milliseconds (or the time was too short for a lead-in) and
    a routine written from ``bodies`` lasts a little differently than ``plan``.
    """

    plan: Plan
    bodies: tuple[Body | None, ...]
    exact: bool


def plan_routine(
    routine: Routine, settings: PlanSettings = DEFAULTS, *, minutes: float | None = None
) -> Plan:
    """The session for ``routine`` under ``settings``; with ``minutes``, exactly that long."""
    if minutes is not None:
        return fit_routine(routine, settings, minutes).plan
    bodies = step_bodies(routine, settings.breathing)
    drafts = session_drafts(routine, routine.steps, bodies, settings.breathing)
    return _finish(routine, drafts, settings.rate)


def step_bodies(routine: Routine, preferred: Breathing | None) -> tuple[Body, ...]:
    """What each step does, under the person's ``preferred`` breathing pattern."""
    return tuple(resolve_body(s, breathing_for(s, routine, preferred)) for s in routine.steps)


def fit_routine(routine: Routine, settings: PlanSettings, minutes: float) -> FittedRoutine:
    """Scale every step alike so the session lasts exactly ``minutes``; drop steps if too short."""
    problem = minutes_problem(minutes)
    if problem is not None:
        raise ValueError(problem)
    target = round(minutes * 60000)
    steps, preferred = routine.steps, settings.breathing
    bodies = step_bodies(routine, preferred)

    def build(fitted: Sequence[Body]) -> list[Draft]:
        return session_drafts(routine, steps[: len(fitted)], tuple(fitted), preferred)

    def at(f: float, n: int) -> list[Body]:
        return [_scaled(b, f) for b in bodies[:n]]

    n = len(steps)
    while n > 1 and total_ms(build(at(0.0, n))) > target:
        n -= 1  # the shortest version of these steps is still too long: drop the last one
    if total_ms(build(at(0.0, n))) > target:
        draft, body = _compact(routine, steps[0], bodies[0], target)
        fitted_bodies: tuple[Body | None, ...] = (body, *([None] * (len(steps) - 1)))
        return FittedRoutine(_finish(routine, [draft], settings.rate), fitted_bodies, False)
    lo, hi = 0.0, 1.0
    while total_ms(build(at(hi, n))) <= target and hi < 1e4:
        lo, hi = hi, hi * 2
    for _ in range(40):
        mid = (lo + hi) / 2
        if total_ms(build(at(mid, n))) <= target:
            lo = mid
        else:
            hi = mid
    fitted = at(lo, n)
    carried = _carry(fitted, target, build)
    exact = carried is not None
    if carried is None:
        drafts = build(fitted)  # nothing can take the spare: the closing does
        drafts[-1].duration_ms += target - total_ms(drafts)
        set_starts(drafts)
    else:
        fitted, drafts = carried
    plan = _finish(routine, drafts, settings.rate)
    return FittedRoutine(plan, (*fitted, *([None] * (len(steps) - n))), exact)


def _limited(key: str, value: float) -> float:
    low, high = STEP_LIMITS[key]
    return max(low, min(high, value))


def _scaled(body: Body, f: float) -> Body:
    """``body`` with its length scaled by ``f``; counts stay whole, within a file's ranges."""
    if body.kind is BodyKind.TIMED:
        return replace(
            body, seconds=_limited("duration", max(MIN_TIMED_S, round(body.seconds * f)))
        )
    if body.kind is BodyKind.STROKES:
        strokes = max(MIN_STROKES, round(body.strokes * f))
        return replace(body, strokes=int(_limited("strokes", strokes)))
    return replace(body, reps=int(_limited("reps", max(1, round(body.reps * f)))))


def _carry(
    fitted: list[Body], target: int, build: Callable[[Sequence[Body]], list[Draft]]
) -> tuple[list[Body], list[Draft]] | None:
    """Give the milliseconds whole counts could not fill to one step's value.

    A routine written from the values then lasts ``target`` to the millisecond. The
    announcement says a step's length, so a changed value can change its lead-in:
    each try is planned again and the miss handed back, a few times at most.
    """
    drafts = build(fitted)
    spare = target - total_ms(drafts)
    if spare == 0:
        return fitted, drafts
    for i in _carriers(fitted):
        need = spare
        for _ in range(_CARRY_TRIES):
            body = _with_extra(fitted[i], need)
            if body is None:
                break
            trial = [*fitted[:i], body, *fitted[i + 1 :]]
            drafts = build(trial)
            miss = target - total_ms(drafts)
            if miss == 0:
                return trial, drafts
            need += miss
    return None


def _carriers(bodies: list[Body]) -> Iterator[int]:
    """Steps that may take spare time, best first: timed, then strokes, then reps; longest first."""
    for kind in (BodyKind.TIMED, BodyKind.STROKES, BodyKind.REPS):
        same = [i for i, b in enumerate(bodies) if b.kind is kind]
        yield from sorted(same, key=lambda i: -_side_ms(bodies[i]))


def _side_ms(body: Body) -> int:
    """How long one side of ``body`` lasts, as the drafts count it."""
    if body.kind is BodyKind.TIMED:
        return to_ms(body.seconds)
    if body.kind is BodyKind.STROKES:
        return to_ms(body.strokes * body.stroke_seconds)
    rests = body.reps - 1 if body.rest > 0 else 0
    return body.reps * to_ms(body.hold) + rests * to_ms(body.rest)


def _with_extra(body: Body, extra_ms: int) -> Body | None:
    """``body`` lasting ``extra_ms`` longer (or shorter), split evenly over its sides;
    None when that cannot be written in a routine file."""
    sides = max(1, len(body.sides))
    if extra_ms % sides:
        return None
    per_side = extra_ms // sides
    if body.kind is BodyKind.TIMED:
        seconds = (to_ms(body.seconds) + per_side) / 1000
        return replace(body, seconds=seconds) if _within("duration", seconds) else None
    if body.kind is BodyKind.STROKES:
        pace = _pace(body.strokes, _side_ms(body) + per_side)
        return replace(body, stroke_seconds=pace) if _within("stroke_seconds", pace) else None
    if body.kind is BodyKind.REPS and per_side % body.reps == 0:
        hold = (to_ms(body.hold) + per_side // body.reps) / 1000
        return replace(body, hold=hold) if _within("hold", hold) else None
    return None  # a breath lasts what the pattern says


def _within(key: str, value: float) -> bool:
    low, high = STEP_LIMITS[key]
    return low <= value <= high


def _pace(strokes: int, side_ms: int) -> float:
    """The shortest written stroke pace with which ``strokes`` strokes last ``side_ms``."""
    exact = side_ms / (strokes * 1000)
    for digits in range(3, 10):
        pace = round(exact, digits)
        if to_ms(strokes * pace) == side_ms:
            return pace
    return exact


def _compact(routine: Routine, step: Step, body: Body, target: int) -> tuple[Draft, Body]:
    """A session too short for even one step with its lead-in: the step alone, as one stretch.

    The body handed back is the step timed to that length, which a routine file can only
    hold with a lead-in and closing around it.
    """
    tech = get_technique(step.technique)
    draft = Draft(
        SegmentKind.WORK,
        target,
        step.display_title,
        step.technique,
        0,
        SegmentRole.TIMED,
        count_word=tech.count_word,
        breathing=pacer_for(step, routine),
        announce=announcement(step, replace(body, sides=()), True, False).split(". ")[0] + ".",
    )
    sides = max(1, len(body.sides))
    seconds = _limited("duration", round(target / sides) / 1000)
    return draft, Body(BodyKind.TIMED, body.sides, seconds=seconds)


def _finish(routine: Routine, drafts: list[Draft], rate: int) -> Plan:
    steps = routine.steps
    placed = schedule(candidates(drafts, rate), drafts)
    by_segment: list[list[Cue]] = [[] for _ in drafts]
    for seg, cue in placed:
        by_segment[seg].append(cue)
    segments = tuple(
        Segment(
            index=i,
            start_ms=d.start_ms,
            duration_ms=d.duration_ms,
            kind=d.kind,
            title=d.title,
            technique=d.technique,
            step_index=d.step_index,
            role=d.role,
            step_title=steps[d.step_index].display_title,
            side=d.side,
            rep=d.rep,
            reps=d.reps,
            count_word=d.count_word,
            stroke_ms=d.stroke_ms,
            breathing=d.breathing,
            phase=d.phase,
            cues=tuple(by_segment[i]),
        )
        for i, d in enumerate(drafts)
    )
    planned: list[PlannedStep] = []
    for index, step in enumerate(steps):
        own = [s for s in segments if s.step_index == index and s.role is not SegmentRole.CLOSING]
        if not own:
            continue
        tech = get_technique(step.technique)
        planned.append(
            PlannedStep(
                index,
                step.display_title,
                step.technique,
                tech.instructions + step.notes,
                tech.safety,
                own[0].start_ms,
                own[-1].end_ms,
                say=step.say or tech.cue,
            )
        )
    return Plan(routine.id, routine.title, segments, tuple(planned))
