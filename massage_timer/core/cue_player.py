"""The seam between the session and whatever makes sound.

The terminal run and the window both hand due cues to a ``CuePlayer``; the voice
package provides the real one (speech, beeps, ticks through QtMultimedia), tests a
recording double, and a session without sound the ``SilentPlayer``.
"""

from __future__ import annotations

from typing import Protocol

from massage_timer.core.timeline import Cue, Plan


class CuePlayer(Protocol):
    """Sounds cues the moment they are due."""

    def prepare(self, plan: Plan) -> None:
        """Get the plan's sounds ready (in the background); returns at once."""

    def play(self, cue: Cue) -> None:
        """Sound ``cue`` now; a cue that is not ready yet is skipped, never delayed."""

    def silence(self) -> None:
        """Cut off whatever is sounding (on pause, skip or stop)."""


class SilentPlayer:
    """A player for sessions without sound: captions carry everything."""

    def prepare(self, plan: Plan) -> None:
        pass

    def play(self, cue: Cue) -> None:
        pass

    def silence(self) -> None:
        pass
