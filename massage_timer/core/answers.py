"""Spoken answers to commands given without looking: "Paused", "Going on", "Back to ...".

A person with both hands on their back presses a headset button, a media key or a key
in the terminal; the voice answers briefly so they know it worked. One rule for the
window and the terminal: :class:`Answerer` works out the answer after the command has
acted, from the session as it now stands. The words are in ``phrases``.
"""

from __future__ import annotations

from enum import StrEnum

from massage_timer.core import phrases
from massage_timer.core.engine import Session, State
from massage_timer.core.i18n import _
from massage_timer.core.timeline import Cue, CueKind, Plan, PlannedStep

REMIND_AFTER_S = 60.0  # a pause longer than this: the step's instruction is said again
ANNOUNCED_MS = 250  # a spoken cue this close to where the session now is speaks for it
# Needed in any session, at any moment (English; said through _()).
COMMON_ANSWERS = (phrases.PAUSED, phrases.GOING_ON, phrases.STOPPED)


class Command(StrEnum):
    PAUSE = "pause"
    RESUME = "resume"
    NEXT = "next"
    BACK = "back"
    STOP = "stop"


def answer_text(command: Command, step: PlannedStep | None, paused_s: float = 0.0) -> str:
    """What the voice says after ``command``; ``step`` is where the session now is."""
    title = step.title if step is not None else ""
    going_on = _(phrases.GOING_ON)
    if command is Command.PAUSE:
        return _(phrases.PAUSED)
    if command is Command.RESUME:
        if paused_s > REMIND_AFTER_S and step is not None and step.say:
            return _("{going_on} {instruction}").format(going_on=going_on, instruction=step.say)
        return going_on
    if command is Command.NEXT:
        return phrases.next_step_words(title) if title else going_on
    if command is Command.BACK:
        return phrases.back_to_words(title) if title else going_on
    return _(phrases.STOPPED)


def answer_texts(plan: Plan) -> list[str]:
    """Every answer ``plan`` can need, the short common ones first: to render ahead."""
    texts = [_(text) for text in COMMON_ANSWERS]
    for step in plan.steps:
        for command in (Command.NEXT, Command.BACK):
            texts.append(answer_text(command, step))
        texts.append(answer_text(Command.RESUME, step, paused_s=REMIND_AFTER_S + 1))
    return list(dict.fromkeys(texts))


class Answerer:
    """Follows one session's pauses and gives the spoken answer to each command."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._clock = session.clock
        self._paused_at: float | None = None

    def note_paused(self) -> None:
        """The session paused, by whatever means: the clock for "more than a minute"."""
        if self._paused_at is None:
            self._paused_at = self._clock.monotonic()

    def after(self, command: Command) -> Cue | None:
        """The answer to ``command``, which has just acted; None when none is wanted.

        ``Next`` lands on a step whose announcement ("Next: Kneading. ...") is due right
        there: that is the answer, and saying it twice would only crowd it.
        """
        session = self._session
        now = self._clock.monotonic()
        paused_s = 0.0
        if command is Command.PAUSE:
            if session.state is not State.PAUSED:
                return None
            self.note_paused()
        elif command is Command.RESUME:
            if self._paused_at is not None:
                paused_s = now - self._paused_at
            self._paused_at = None
        pos = session.position_ms()
        if command is Command.NEXT and self._announced_at(pos):
            return None
        text = answer_text(command, session.snapshot().step, paused_s)
        return Cue(round(pos), text, CueKind.SPEECH, length_ms=phrases.speech_ms(text))

    def _announced_at(self, pos: float) -> bool:
        cues = self._session.snapshot().segment.cues
        return any(c.kind is CueKind.SPEECH and abs(c.at_ms - pos) <= ANNOUNCED_MS for c in cues)
