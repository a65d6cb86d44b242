"""Where the breath is at a moment: the phase, and how far through it."""

from __future__ import annotations

from dataclasses import dataclass

from massage_timer.core.timeline import BreathPhase, Segment


@dataclass(frozen=True)
class BreathState:
    phase: BreathPhase
    progress: float  # 0.0 at the phase's start, 1.0 at its end
    remaining_ms: float

    @property
    def fullness(self) -> float:
        """How full the lungs are, 0..1: what a pacer shape grows and shrinks with."""
        if self.phase is BreathPhase.INHALE:
            return self.progress
        if self.phase is BreathPhase.HOLD:
            return 1.0
        return 1.0 - self.progress


def breath_state(segment: Segment, into_ms: float) -> BreathState | None:
    """The breath phase ``into_ms`` into ``segment``, or None where the breath is not paced."""
    b = segment.breathing
    if b is None:
        return None
    if segment.phase is not None:  # a breathing segment is one phase from end to end
        dur = max(1, segment.duration_ms)
        return BreathState(segment.phase, min(1.0, into_ms / dur), max(0.0, dur - into_ms))
    phases = (
        (BreathPhase.INHALE, b.inhale),
        (BreathPhase.HOLD, b.hold),
        (BreathPhase.EXHALE, b.exhale),
    )
    t = (into_ms / 1000) % b.cycle
    for name, seconds in phases:
        if seconds > 0 and t < seconds:
            return BreathState(name, t / seconds, (seconds - t) * 1000)
        t -= seconds
    # Only reached through float rounding at the end.
    return BreathState(BreathPhase.EXHALE, 1.0, 0.0)
