"""Planning a routine into a session timeline, at its own length or fitted to given minutes."""

from __future__ import annotations

from dataclasses import replace

from massage_timer.core import phrases as P
from massage_timer.core.cues import candidates, schedule
from massage_timer.core.drafts import Draft, announcement, session_drafts, set_starts, total_ms
from massage_timer.core.routine import Body, BodyKind, Breathing, Routine, Step, resolve_body
from massage_timer.core.technique_library import get_technique
from massage_timer.core.timeline import Cue, Plan, PlannedStep, Segment, SegmentKind

DEFAULT_BREATHING = Breathing(4, 0, 6)
MIN_TIMED_S = 10  # shorter than this, a timed step is not worth doing
MIN_STROKES = 5
MIN_FIT_MS = 1000
MAX_FIT_MS = 3 * 3600 * 1000


def plan_routine(
    routine: Routine,
    *,
    minutes: float | None = None,
    rate: int = P.DEFAULT_RATE,
    breathing: Breathing | None = None,
) -> Plan:
    """The session for ``routine``; with ``minutes``, fitted to exactly that long."""
    pattern = routine.breathing or breathing or DEFAULT_BREATHING
    steps = routine.steps
    bodies = tuple(resolve_body(s, s.breathing or pattern) for s in steps)
    if minutes is None:
        drafts = session_drafts(routine, steps, bodies, pattern)
    else:
        target = round(minutes * 60000)
        if not MIN_FIT_MS <= target <= MAX_FIT_MS:
            raise ValueError("minutes must be between 1/60 (one second) and 180")
        drafts = _fitted(routine, steps, bodies, pattern, target)
    return _finish(routine, steps, drafts, rate)


def _scaled(body: Body, f: float) -> Body:
    """``body`` with its length scaled by ``f``; counts stay whole and never below a minimum."""
    if body.kind is BodyKind.TIMED:
        return replace(body, seconds=max(MIN_TIMED_S, round(body.seconds * f)))
    if body.kind is BodyKind.STROKES:
        return replace(body, strokes=max(MIN_STROKES, round(body.strokes * f)))
    return replace(body, reps=max(1, round(body.reps * f)))


def _fitted(
    routine: Routine,
    steps: tuple[Step, ...],
    bodies: tuple[Body, ...],
    pattern: Breathing,
    target: int,
) -> list[Draft]:
    """Drafts lasting exactly ``target`` ms: scale every step alike, drop steps if too short."""

    def build(f: float, n: int) -> list[Draft]:
        return session_drafts(routine, steps[:n], tuple(_scaled(b, f) for b in bodies[:n]), pattern)

    n = len(steps)
    while n > 1 and total_ms(build(0.0, n)) > target:
        n -= 1  # the shortest version of these steps is still too long: drop the last one
    if total_ms(build(0.0, n)) > target:
        return [_compact(routine, steps[0], bodies[0], target)]
    lo, hi = 0.0, 1.0
    while total_ms(build(hi, n)) <= target and hi < 1e4:
        lo, hi = hi, hi * 2
    for _ in range(40):
        mid = (lo + hi) / 2
        if total_ms(build(mid, n)) <= target:
            lo = mid
        else:
            hi = mid
    drafts = build(lo, n)
    _absorb(drafts, target - total_ms(drafts))
    return drafts


def _absorb(drafts: list[Draft], spare_ms: int) -> None:
    """Give the time that whole counts could not fill to the longest timed stretch."""
    timed = [d for d in drafts if d.role == "timed"]
    target = max(timed, key=lambda d: d.duration_ms) if timed else drafts[-1]
    target.duration_ms += spare_ms
    set_starts(drafts)


def _compact(routine: Routine, step: Step, body: Body, target: int) -> Draft:
    """A session too short for even one step with its lead-in: the step alone, as one stretch."""
    tech = get_technique(step.technique)
    return Draft(
        SegmentKind.WORK,
        target,
        step.display_title,
        step.technique,
        0,
        "timed",
        count_word=tech.count_word,
        breathing=step.breathing or routine.breathing,
        announce=announcement(step, replace(body, sides=()), True, False).split(". ")[0] + ".",
    )


def _finish(routine: Routine, steps: tuple[Step, ...], drafts: list[Draft], rate: int) -> Plan:
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
        own = [s for s in segments if s.step_index == index and s.title != "Well done"]
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
            )
        )
    return Plan(routine.id, routine.title, segments, tuple(planned))
