"""A planned session: contiguous segments, each with the cues that fall inside it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from massage_timer.core.breathing import Breathing


class SegmentKind(StrEnum):
    WORK = "work"
    REST = "rest"
    TRANSITION = "transition"
    BREATHING = "breathing"


class SegmentRole(StrEnum):
    """What moment of the session a segment is; views and cues go by this, never by a title."""

    LEAD = "lead"  # the "get ready" before a step
    TIMED = "timed"  # timed work
    REP = "rep"  # one repetition
    REST = "rest"  # the pause between repetitions
    STROKES = "strokes"  # counted strokes
    SWITCH = "switch"  # the "switch sides" transition
    BREATH = "breath"  # one phase of a breathing step
    CLOSING = "closing"  # the closing "well done"


class BreathPhase(StrEnum):
    INHALE = "inhale"
    HOLD = "hold"  # held after the inhale
    EXHALE = "exhale"


class CueKind(StrEnum):
    SPEECH = "speech"
    BEEP = "beep"
    TICK = "tick"


@dataclass(frozen=True)
class Cue:
    """Something to say or sound at ``at_ms`` from the session start."""

    at_ms: int
    text: str
    kind: CueKind
    sound: str = ""  # for beeps and ticks: the sound's name ("beep", "chime", "tick", ...)
    length_ms: int = 0  # expected length, used to keep cues from sounding over each other

    @property
    def at(self) -> float:
        return self.at_ms / 1000

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at, "text": self.text, "kind": self.kind.value}


@dataclass(frozen=True)
class Segment:
    """One stretch of the session: a rep, a rest, a side, a breath phase, a transition."""

    index: int
    start_ms: int
    duration_ms: int
    kind: SegmentKind
    title: str
    technique: str
    step_index: int
    role: SegmentRole = SegmentRole.TIMED
    step_title: str = ""  # the title of the step it belongs to, as the session shows it
    side: str | None = None
    rep: int | None = None
    reps: int | None = None
    count_word: str = ""
    stroke_ms: int | None = None  # set on counted-stroke work: the pace of one stroke
    breathing: Breathing | None = None  # the pacer shown during this segment
    phase: BreathPhase | None = None  # on breathing segments
    cues: tuple[Cue, ...] = ()

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.duration_ms

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start_ms / 1000,
            "duration": self.duration_ms / 1000,
            "title": self.title,
            "technique": self.technique,
            "kind": self.kind.value,
            "side": self.side,
            "rep": self.rep,
            "reps": self.reps,
            "cues": [c.to_json() for c in self.cues],
        }


@dataclass(frozen=True)
class PlannedStep:
    """A step as the session shows it: its title, lines of instruction and time span."""

    index: int
    title: str
    technique: str
    lines: tuple[str, ...]
    safety: str
    start_ms: int  # where its lead-in starts
    end_ms: int  # where its last segment ends
    say: str = ""  # its key instruction, as the voice says it (again after a long pause)

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "title": self.title,
            "technique": self.technique,
            "start": self.start_ms / 1000,
            "end": self.end_ms / 1000,
        }


@dataclass(frozen=True)
class Plan:
    """The whole session, ready for the engine."""

    routine_id: str
    title: str
    segments: tuple[Segment, ...]
    steps: tuple[PlannedStep, ...]

    @property
    def total_ms(self) -> int:
        return self.segments[-1].end_ms if self.segments else 0

    @property
    def total_seconds(self) -> float:
        return self.total_ms / 1000

    @property
    def cues(self) -> tuple[Cue, ...]:
        return tuple(c for s in self.segments for c in s.cues)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.routine_id,
            "title": self.title,
            "total_seconds": self.total_seconds,
            "steps": [s.to_json() for s in self.steps],
            "segments": [s.to_json() for s in self.segments],
        }
