"""Test doubles for the window: a recording player and a scripted confirm question."""

from __future__ import annotations

from massage_timer.core.timeline import Cue, Plan
from massage_timer.storage.settings import Settings


class RecordingPlayer:
    """A CuePlayer that remembers what it was asked to do."""

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
    """Stands in for the modal question: answers ``answer`` and records what was asked."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent: object, title: str, question: str, yes: str) -> bool:
        self.asked.append(title)
        return self.answer
