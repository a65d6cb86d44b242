"""The test doubles every test shares: a fake clock, a recording cue player, a scripted confirm.

One home, so a change to the protocols they stand in for (``core.clock.Clock``,
``core.cue_player.CuePlayer``, the window's confirm question) is made once. The audio
package's own doubles (a speech engine, an output device) are in ``tests/audio/fakes.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from massage_timer.core.timeline import Cue, Plan
from massage_timer.storage.settings import Settings

T = TypeVar("T")


def fresh(read: Callable[[], T]) -> T:
    """What ``read()`` gives now: ``assert fresh(lambda: x.state) is State.RUNNING``.

    After ``assert x.state is State.PAUSED`` (or ``assert pacer.animating``) mypy keeps
    that narrowing across the calls that change it (a key press, a resume), takes a later
    check of another value for unreachable and skips the rest of the test. A function's
    result is never narrowed.
    """
    return read()


class FakeClock:
    """A monotonic clock (``core.clock.Clock``) that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def monotonic(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock never goes back")
        self._now += seconds


class RecordingPlayer:
    """A cue player (``core.cue_player.CuePlayer``) that remembers what it was asked to do."""

    def __init__(self) -> None:
        self.prepared: list[Plan] = []
        self.played: list[Cue] = []
        self.silenced = 0
        self.settings: list[Settings] = []

    def prepare(self, plan: Plan) -> None:
        self.prepared.append(plan)

    def play(self, cue: Cue) -> None:
        self.played.append(cue)

    def silence(self) -> None:
        self.silenced += 1

    def apply_settings(self, settings: Settings) -> None:
        self.settings.append(settings)


class ScriptedConfirm:
    """Stands in for the window's modal question: answers ``answer``, records what was asked."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent: object, title: str, question: str, yes: str) -> bool:
        self.asked.append(title)
        return self.answer


# A user routine whose length depends on the breathing pattern (issue: editor and session
# disagreed under 6/0/8 s): 120 s of paced breathing, then 200 s of kneading.
BREATHE_AND_KNEAD = """title = "Breathe and knead"

[[steps]]
technique = "paced-breathing"
duration = 120

[[steps]]
technique = "kneading"
duration = 200
"""
