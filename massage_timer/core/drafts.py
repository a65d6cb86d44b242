"""Turning steps into the skeleton of a session: segments with lengths, before cues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from massage_timer.core import phrases
from massage_timer.core.breathing import Breathing
from massage_timer.core.i18n import _, ngettext
from massage_timer.core.routine import (
    Body,
    BodyKind,
    Routine,
    Step,
    breathing_for,
    pacer_for,
)
from massage_timer.core.technique_library import get_technique
from massage_timer.core.timeline import BreathPhase, SegmentKind, SegmentRole

LEAD_MS = 5000  # the "get ready" transition before each step, at the least
SWITCH_MS = 6000  # the "switch sides" transition
CLOSING_MS = 5000  # the closing "well done"
LEAD_TAIL_MS = 3500  # room after the announcement for the 3-2-1 beeps


@dataclass
class Draft:
    """A segment under construction; ``role`` tells the cue writer what kind of moment it is."""

    kind: SegmentKind
    duration_ms: int
    title: str
    technique: str
    step_index: int
    role: SegmentRole
    side: str | None = None
    rep: int | None = None
    reps: int | None = None
    count_word: str = ""
    stroke_ms: int | None = None
    breathing: Breathing | None = None
    phase: BreathPhase | None = None
    announce: str = ""
    start_ms: int = 0


def to_ms(seconds: float) -> int:
    """Seconds as whole milliseconds, as every segment length is counted."""
    return round(seconds * 1000)


def how_long(body: Body) -> str:
    """The spoken length of a step: "Ten times, holding five seconds." and the like."""
    if body.kind is BodyKind.REPS:
        text = ngettext(
            "{n} time, holding {hold}.", "{n} times, holding {hold}.", body.reps
        ).format(n=phrases.number_words(body.reps), hold=phrases.seconds_words(body.hold))
    elif body.kind is BodyKind.STROKES:
        text = ngettext("About {n} stroke.", "About {n} strokes.", body.strokes).format(
            n=phrases.number_words(body.strokes)
        )
    elif body.kind is BodyKind.BREATHING:
        text = ngettext("{n} slow breath.", "{n} slow breaths.", body.reps).format(
            n=phrases.number_words(body.reps)
        )
    elif len(body.sides) > 1:
        text = _("{length} on each side.").format(length=phrases.seconds_words(body.seconds))
    else:
        text = _("{length}.").format(length=phrases.seconds_words(body.seconds))
    if body.sides:
        text = _("{length} {first_side}").format(
            length=text, first_side=phrases.side_first(body.sides[0])
        )
    return phrases.capitalized(text)


def announcement(step: Step, body: Body, first: bool, after_reps: bool) -> str:
    """What the voice says as a step comes up."""
    if step.say:
        text = step.say
    else:
        tech = get_technique(step.technique)
        text = _("{title}. {cue} {how_long}").format(
            title=step.display_title, cue=tech.cue, how_long=how_long(body)
        )
    if not first:
        text = _("Next: {announcement}").format(announcement=text)
    if after_reps:
        text = _("{release} {announcement}").format(release=_(phrases.RELEASE), announcement=text)
    return text


def step_drafts(
    step: Step, body: Body, index: int, pacer: Breathing | None, breathing: Breathing
) -> list[Draft]:
    """The segments of one step's work, without its lead-in."""
    tech = get_technique(step.technique)
    title = step.display_title
    out: list[Draft] = []

    def add(kind: SegmentKind, ms: int, label: str, role: SegmentRole, **extra: Any) -> None:
        out.append(
            Draft(kind, ms, label, step.technique, index, role, count_word=tech.count_word, **extra)
        )

    if body.kind is BodyKind.BREATHING:
        _breath_cycles(add, body, breathing)
        return out
    for n, side in enumerate(body.sides or (None,)):
        if n:
            add(
                SegmentKind.TRANSITION,
                SWITCH_MS,
                _("Switch sides"),
                SegmentRole.SWITCH,
                side=side,
            )
        if body.kind is BodyKind.TIMED:
            add(
                SegmentKind.WORK,
                to_ms(body.seconds),
                title,
                SegmentRole.TIMED,
                side=side,
                breathing=pacer,
            )
        elif body.kind is BodyKind.STROKES:
            add(
                SegmentKind.WORK,
                to_ms(body.strokes * body.stroke_seconds),
                title,
                SegmentRole.STROKES,
                side=side,
                reps=body.strokes,
                stroke_ms=to_ms(body.stroke_seconds),
                breathing=pacer,
            )
        else:
            _reps(add, body, title, side, pacer)
    return out


class _Add(Protocol):
    def __call__(
        self, kind: SegmentKind, ms: int, label: str, role: SegmentRole, **extra: Any
    ) -> None: ...


def _breath_cycles(add: _Add, body: Body, breathing: Breathing) -> None:
    phases = (
        (BreathPhase.INHALE, breathing.inhale, _("Breathe in")),
        (BreathPhase.HOLD, breathing.hold, _("Hold")),
        (BreathPhase.EXHALE, breathing.exhale, _("Breathe out")),
    )
    for cycle in range(1, body.reps + 1):
        for phase, seconds, label in phases:
            if seconds > 0:
                add(
                    SegmentKind.BREATHING,
                    to_ms(seconds),
                    label,
                    SegmentRole.BREATH,
                    rep=cycle,
                    reps=body.reps,
                    breathing=breathing,
                    phase=phase,
                )


def _reps(add: _Add, body: Body, title: str, side: str | None, pacer: Breathing | None) -> None:
    for rep in range(1, body.reps + 1):
        add(
            SegmentKind.WORK,
            to_ms(body.hold),
            title,
            SegmentRole.REP,
            side=side,
            rep=rep,
            reps=body.reps,
            breathing=pacer,
        )
        if rep < body.reps and body.rest > 0:
            add(SegmentKind.REST, to_ms(body.rest), _("Rest"), SegmentRole.REST, side=side)


def session_drafts(
    routine: Routine,
    steps: tuple[Step, ...],
    bodies: tuple[Body, ...],
    preferred: Breathing | None,
) -> list[Draft]:
    """Lead-in, work and closing segments for the whole session, with start times set.

    ``preferred`` is the person's breathing pattern, for steps whose file sets none.
    """
    drafts: list[Draft] = []
    for index, (step, body) in enumerate(zip(steps, bodies, strict=True)):
        after_reps = bool(drafts) and drafts[-1].role is SegmentRole.REP
        text = announcement(step, body, first=index == 0, after_reps=after_reps)
        # Sized at the default rate, so a routine lasts the same whatever voice speed is set.
        lead = max(LEAD_MS, -(-(phrases.speech_ms(text) + LEAD_TAIL_MS) // 1000) * 1000)
        drafts.append(
            Draft(
                SegmentKind.TRANSITION,
                lead,
                _("Get ready: {step}").format(step=step.display_title),
                step.technique,
                index,
                role=SegmentRole.LEAD,
                announce=text,
            )
        )
        pattern = breathing_for(step, routine, preferred)
        drafts.extend(step_drafts(step, body, index, pacer_for(step, routine), pattern))
    last = steps[-1]
    drafts.append(
        Draft(
            SegmentKind.TRANSITION,
            CLOSING_MS,
            _("Well done"),
            last.technique,
            len(steps) - 1,
            role=SegmentRole.CLOSING,
        )
    )
    set_starts(drafts)
    return drafts


def set_starts(drafts: list[Draft]) -> None:
    start = 0
    for d in drafts:
        d.start_ms = start
        start += d.duration_ms


def total_ms(drafts: list[Draft]) -> int:
    return sum(d.duration_ms for d in drafts)
