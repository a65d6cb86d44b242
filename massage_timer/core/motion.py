"""Where a technique's moving parts are at a moment of the session: a pose.

A pose is worked out from the session position alone (the segment, how far into it,
the breath the pacer shows), so the same position always gives the same pose, a paused
session (whose position stands still) holds it, and a jump back or forward lands on the
right one. Nothing here keeps time. The GUI turns a pose into transforms of the drawing's
moving groups; this module knows no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum

from massage_timer.core.breath import BreathState
from massage_timer.core.timeline import Segment, SegmentKind, SegmentRole

CIRCLE_MS = 2500  # one calm fingertip circle
KNEAD_MS = 2000  # one squeeze-and-release of kneading
ROCK_MS = 4000  # one slow rock down and back on the roller
EASE_MS = 1200  # drawing in at the start of a hold, letting go in the rest
STRETCH_EASE_MS = 3000  # a stretch eases in over its first seconds, then holds


class Motion(Enum):
    """How a technique's moving parts move."""

    CIRCLE = "circle"  # small circles at CIRCLE_MS a turn
    KNEAD = "knead"  # squeeze and release, over and over
    HOLD = "hold"  # draw in during each hold, let go in the rest
    STROKE = "stroke"  # one up-and-down per counted stroke
    EASE_IN = "ease-in"  # ease in at the start of the work, then hold there
    TWIST = "twist"  # turn to one side and back in each rep, sides taking turns
    ROCK = "rock"  # rock slowly down and back
    BREATH = "breath"  # the chest rises and falls with the paced breath


# Every technique of the library has its motion (a test keeps this complete).
MOTIONS: dict[str, Motion] = {
    "gentle-circles": Motion.CIRCLE,
    "kneading": Motion.KNEAD,
    "shoulder-blade-squeeze": Motion.HOLD,
    "cross-body-stretch": Motion.EASE_IN,
    "palm-rub": Motion.STROKE,
    "thumb-knuckle-circles": Motion.CIRCLE,
    "foam-roller": Motion.ROCK,
    "paced-breathing": Motion.BREATH,
    "glute-trigger-point": Motion.EASE_IN,
    "waist-twist": Motion.TWIST,
    "chest-expansion": Motion.HOLD,
    "back-extension": Motion.HOLD,
}


@dataclass(frozen=True)
class Pose:
    """The moving parts at one moment; every field is 0 in the still picture's pose.

    ``phase`` is how far through the current cycle (a circle, a stroke, a rep), 0..1.
    ``angle`` is the turn of a circle in degrees, 0..360. ``offset`` is the travel along
    the motion's path, 0..1 (a stroke's way down; for a twist signed, -1..1, the side
    taking its turn). ``squeeze`` is how far drawn in or pressed, 0..1. ``chest`` is how
    full the lungs are, 0..1, from the same breath the pacer shows. ``mirrored`` is set on
    the left side: the drawings show the right, and the left is their mirror image.
    """

    phase: float = 0.0
    angle: float = 0.0
    offset: float = 0.0
    squeeze: float = 0.0
    chest: float = 0.0
    mirrored: bool = False


STILL = Pose()


def motion_for(technique_id: str) -> Motion | None:
    return MOTIONS.get(technique_id)


def moves(segment: Segment) -> bool:
    """Whether the picture moves during ``segment`` (it may still hold a pose when not)."""
    motion = MOTIONS.get(segment.technique)
    if motion is None or segment.kind is SegmentKind.TRANSITION:
        return False
    if motion is Motion.BREATH:
        return segment.breathing is not None
    if motion is Motion.HOLD:
        return segment.role in (SegmentRole.REP, SegmentRole.REST)
    if motion is Motion.TWIST:
        return segment.role is SegmentRole.REP  # it rests facing forward
    return segment.kind is SegmentKind.WORK


def shows_pose(segment: Segment) -> bool:
    """Whether the picture takes a pose during ``segment`` (else it is the still drawing).

    Where the pose moves, and also in the "get ready" and "switch sides" before a held
    technique: the drawing shows it held, and the work starts from rest, so these show the
    pose of rest rather than jump from the one to the other as the work begins.
    """
    if moves(segment):
        return True
    motion = MOTIONS.get(segment.technique)
    starts_at_rest = motion in (Motion.HOLD, Motion.EASE_IN)
    return starts_at_rest and segment.role in (SegmentRole.LEAD, SegmentRole.SWITCH)


def pose_at(segment: Segment, into_ms: float, breath: BreathState | None = None) -> Pose:
    """The pose ``into_ms`` into ``segment``; ``breath`` is the pacer's breath then."""
    pose = _moving_parts(segment, into_ms, breath)
    return replace(pose, mirrored=True) if segment.side == "left" else pose


def _moving_parts(segment: Segment, into_ms: float, breath: BreathState | None) -> Pose:
    chest = breath.fullness if breath is not None else 0.0
    motion = MOTIONS.get(segment.technique)
    if motion is None or segment.kind is SegmentKind.TRANSITION:
        return Pose(chest=chest)
    into = max(0.0, min(into_ms, float(segment.duration_ms)))
    if motion is Motion.BREATH:
        return Pose(phase=breath.progress if breath else 0.0, chest=chest)
    if motion is Motion.HOLD:
        return _hold(segment, into, chest)
    if motion is Motion.TWIST:
        return _twist(segment, into, chest)
    if segment.kind is not SegmentKind.WORK:
        return Pose(chest=chest)
    if motion is Motion.CIRCLE:
        phase = _cycle(into, CIRCLE_MS)
        return Pose(phase=phase, angle=360.0 * phase, chest=chest)
    if motion is Motion.KNEAD:
        phase = _cycle(into, KNEAD_MS)
        return Pose(phase=phase, squeeze=_wave(phase), chest=chest)
    if motion is Motion.STROKE:
        # A stroke starts at the top as its count (and the metronome's tick) comes.
        phase = _cycle(into, segment.stroke_ms or 1200)
        return Pose(phase=phase, offset=_wave(phase), chest=chest)
    if motion is Motion.ROCK:
        phase = _cycle(into, ROCK_MS)
        return Pose(phase=phase, offset=_wave(phase), chest=chest)
    # EASE_IN: the stretch or the pressure comes on gently, then holds.
    amount = _ease(into / STRETCH_EASE_MS)
    return Pose(phase=amount, offset=amount, squeeze=amount, chest=chest)


def _hold(segment: Segment, into: float, chest: float) -> Pose:
    span = min(EASE_MS, segment.duration_ms / 2)
    phase = into / max(1, segment.duration_ms)
    if segment.role is SegmentRole.REP:
        amount = _ease(into / span) if span > 0 else 1.0
    elif segment.role is SegmentRole.REST:
        amount = 1.0 - (_ease(into / span) if span > 0 else 1.0)
    else:
        amount = 0.0
    return Pose(phase=phase, offset=amount, squeeze=amount, chest=chest)


def _twist(segment: Segment, into: float, chest: float) -> Pose:
    if segment.role is not SegmentRole.REP:
        return Pose(chest=chest)
    phase = into / max(1, segment.duration_ms)
    side = 1.0 if (segment.rep or 1) % 2 else -1.0  # odd reps turn one way, even the other
    turn = side * math.sin(math.pi * phase)
    return Pose(phase=phase, angle=30.0 * turn, offset=turn, chest=chest)


def _cycle(into_ms: float, period_ms: float) -> float:
    return (into_ms % period_ms) / period_ms


def _wave(phase: float) -> float:
    """0 at a cycle's start and end, 1 half way: a smooth there-and-back."""
    return (1.0 - math.cos(2.0 * math.pi * phase)) / 2.0


def _ease(t: float) -> float:
    """Smooth start and stop from 0 to 1 over t in 0..1."""
    t = max(0.0, min(1.0, t))
    return t * t * (3.0 - 2.0 * t)
