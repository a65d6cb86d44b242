"""The routine model: what a routine file says, already validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path

from massage_timer.core.breathing import Breathing
from massage_timer.core.constants import STEP_LIMITS
from massage_timer.core.technique_library import get_technique
from massage_timer.core.techniques import Mode

SIDES = ("left", "right")
# The numeric keys of a step, in the order a routine file lists them.
STEP_NUMBER_KEYS = tuple(STEP_LIMITS)


DEFAULT_BREATHING = Breathing()


@dataclass(frozen=True)
class Step:
    """One step as written; ``None`` means "take the technique's default"."""

    technique: str
    duration: float | None = None
    reps: int | None = None
    hold: float | None = None
    rest: float | None = None
    sides: tuple[str, ...] | None = None
    strokes: int | None = None
    stroke_seconds: float | None = None
    title: str | None = None
    say: str | None = None
    notes: tuple[str, ...] = ()
    breathing: Breathing | None = None

    @property
    def display_title(self) -> str:
        return self.title or get_technique(self.technique).name


class RoutineOrigin(StrEnum):
    """Where a routine came from; the values are what ``list --json`` says."""

    BUILTIN = "builtin"
    USER = "user"
    FILE = "file"  # a file named on the command line


@dataclass(frozen=True)
class Routine:
    """A whole routine: a title and its steps, in order."""

    id: str
    title: str
    steps: tuple[Step, ...]
    description: str = ""
    tags: tuple[str, ...] = ()
    breathing: Breathing | None = None
    origin: RoutineOrigin = RoutineOrigin.FILE
    path: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Callers outside the core may still say "user": it becomes the enum (or fails).
        object.__setattr__(self, "origin", RoutineOrigin(self.origin))


class BodyKind(Enum):
    TIMED = "timed"
    REPS = "reps"
    STROKES = "strokes"
    BREATHING = "breathing"


@dataclass(frozen=True)
class Body:
    """What a step actually does once defaults are filled in (per side where it has sides)."""

    kind: BodyKind
    sides: tuple[str, ...]
    seconds: float = 0.0  # TIMED: length of one side
    reps: int = 0  # REPS: repetitions; BREATHING: breath cycles
    hold: float = 0.0
    rest: float = 0.0
    strokes: int = 0
    stroke_seconds: float = 0.0


def breathing_for(step: Step, routine: Routine, preferred: Breathing | None = None) -> Breathing:
    """The pattern breathed in ``step``: its own, else the routine's, else ``preferred``
    (the person's settings), else the default. Planner, editor and window all ask here."""
    return step.breathing or routine.breathing or preferred or DEFAULT_BREATHING


def pacer_for(step: Step, routine: Routine) -> Breathing | None:
    """The pacer shown during a step's work (not a breathing step): only one the file asks for."""
    return step.breathing or routine.breathing


def resolve_body(step: Step, breathing: Breathing) -> Body:
    """Fill a step in from its technique's defaults; the step's own keys decide its kind."""
    tech = get_technique(step.technique)
    d = tech.defaults
    sides = step.sides if step.sides is not None else d.sides
    if tech.mode is Mode.BREATHING:
        if step.reps is not None:
            cycles = step.reps
        else:
            seconds = step.duration if step.duration is not None else d.duration
            cycles = max(1, round(seconds / breathing.cycle))
        return Body(BodyKind.BREATHING, (), reps=cycles)
    if step.strokes is not None or (
        tech.mode is Mode.STROKES and step.duration is None and step.reps is None
    ):
        pace = step.stroke_seconds if step.stroke_seconds is not None else d.stroke_seconds
        strokes = step.strokes if step.strokes is not None else d.strokes
        return Body(BodyKind.STROKES, sides, strokes=strokes, stroke_seconds=pace)
    if step.reps is not None or (
        tech.mode is Mode.REPS and step.duration is None and step.hold is None
    ):
        return Body(
            BodyKind.REPS,
            sides,
            reps=step.reps if step.reps is not None else d.reps,
            hold=step.hold if step.hold is not None else d.hold,
            rest=step.rest if step.rest is not None else d.rest,
        )
    timed = step.duration if step.duration is not None else step.hold
    return Body(BodyKind.TIMED, sides, seconds=timed if timed is not None else d.duration)
