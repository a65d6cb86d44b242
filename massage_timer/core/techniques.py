"""The technique model: what a technique is and the defaults a step falls back on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Mode(Enum):
    """How a technique is done by default, which decides what a bare step plans into."""

    TIMED = "timed"  # one stretch of time
    REPS = "reps"  # counted repetitions, each held, with rests between
    STROKES = "strokes"  # counted strokes at a steady pace
    BREATHING = "breathing"  # paced breath cycles


@dataclass(frozen=True)
class Defaults:
    """Values a step takes when its file leaves them out."""

    duration: float = 180.0
    reps: int = 10
    hold: float = 5.0
    rest: float = 2.0
    strokes: int = 200
    stroke_seconds: float = 1.2
    sides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Technique:
    """One massage technique or exercise, in our own words."""

    id: str
    name: str
    area: str
    summary: str
    instructions: tuple[str, ...]
    cue: str  # the key instruction, short enough to speak at the start
    mode: Mode
    defaults: Defaults = field(default_factory=Defaults)
    safety: str = ""
    count_word: str = "Rep"  # shown as "<count_word> 4 of 10"
    reminders: tuple[str, ...] = ()  # spoken now and then during long timed work
    source: str = ""

    def __post_init__(self) -> None:
        if not self.instructions:
            raise ValueError(f"technique {self.id} has no instructions")
