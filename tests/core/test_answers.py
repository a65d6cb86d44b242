"""Spoken answers: the words for each command, and the one rule the window and terminal share."""

from __future__ import annotations

import pytest

from massage_timer.core import phrases
from massage_timer.core.answers import (
    COMMON_ANSWERS,
    REMIND_AFTER_S,
    Answerer,
    Command,
    answer_text,
    answer_texts,
)
from massage_timer.core.engine import CueDue, Session
from massage_timer.core.planner import plan_routine
from massage_timer.core.technique_library import get_technique
from massage_timer.core.timeline import CueKind, Plan
from tests.core.helpers import builtin, routine
from tests.doubles import FakeClock


@pytest.fixture
def plan() -> Plan:
    return plan_routine(builtin("quick-5"))


def running(plan: Plan, clock: FakeClock, seconds: float = 20) -> Session:
    session = Session(plan, clock)
    session.start()
    session.poll()
    clock.advance(seconds)
    session.poll()
    return session


def test_the_words(plan: Plan) -> None:
    first, second = plan.steps[0], plan.steps[1]
    assert answer_text(Command.PAUSE, first) == "Paused."
    assert answer_text(Command.RESUME, first) == "Going on."
    assert answer_text(Command.NEXT, second) == f"Next: {second.title}."
    assert answer_text(Command.BACK, first) == "Back to Gentle circles."
    assert answer_text(Command.STOP, first) == "Stopped."
    long = answer_text(Command.RESUME, first, paused_s=REMIND_AFTER_S + 1)
    assert long == f"Going on. {get_technique('gentle-circles').cue}"
    assert answer_text(Command.RESUME, first, paused_s=REMIND_AFTER_S) == "Going on."


def test_a_steps_own_say_is_its_key_instruction() -> None:
    own = routine(
        'title = "Mine"\n\n[[steps]]\ntechnique = "kneading"\nduration = 60\n'
        'say = "Slow and kind."\n'
    )
    step = plan_routine(own).steps[0]
    assert step.say == "Slow and kind."
    assert answer_text(Command.RESUME, step, paused_s=90) == "Going on. Slow and kind."


def test_every_answer_is_rendered_ahead_common_ones_first(plan: Plan) -> None:
    texts = answer_texts(plan)
    assert tuple(texts[:3]) == COMMON_ANSWERS
    assert len(texts) == len(set(texts))
    for step in plan.steps:
        assert phrases.next_step_words(step.title) in texts
        assert phrases.back_to_words(step.title) in texts
        assert f"{phrases.GOING_ON} {step.say}" in texts


def test_pause_then_a_short_resume(plan: Plan) -> None:
    clock = FakeClock()
    session = running(plan, clock)
    answers = Answerer(session)
    session.pause()
    cue = answers.after(Command.PAUSE)
    assert cue is not None and cue.text == "Paused." and cue.kind is CueKind.SPEECH
    assert cue.at_ms == round(session.position_ms()) and cue.length_ms > 0
    clock.advance(30)
    session.resume()
    resumed = answers.after(Command.RESUME)
    assert resumed is not None and resumed.text == "Going on."


def test_after_more_than_a_minute_the_instruction_is_said_again(plan: Plan) -> None:
    clock = FakeClock()
    session = running(plan, clock)
    answers = Answerer(session)
    session.pause()
    answers.note_paused()  # paused by a key in the window: no answer asked, but noted
    clock.advance(REMIND_AFTER_S + 5)
    session.resume()
    cue = answers.after(Command.RESUME)
    assert cue is not None
    assert cue.text == f"Going on. {get_technique('gentle-circles').cue}"
    session.pause()
    answers.after(Command.PAUSE)
    clock.advance(5)  # the next pause is short: counted from its own start
    session.resume()
    again = answers.after(Command.RESUME)
    assert again is not None and again.text == "Going on."


def test_a_pause_that_did_nothing_gets_no_answer(plan: Plan) -> None:
    session = Session(plan, FakeClock())
    assert Answerer(session).after(Command.PAUSE) is None  # not started: nothing paused


def test_next_is_answered_by_the_steps_own_announcement(plan: Plan) -> None:
    clock = FakeClock()
    session = running(plan, clock)
    answers = Answerer(session)
    session.skip()
    spoken = [e for e in session.poll() if isinstance(e, CueDue) and e.cue.kind is CueKind.SPEECH]
    assert spoken and spoken[0].cue.text.startswith(f"Next: {plan.steps[1].title}.")
    assert answers.after(Command.NEXT) is None  # said once, by the announcement
    session.skip()  # asked before the poll, as the window does: the same
    assert answers.after(Command.NEXT) is None


def test_back_and_stop(plan: Plan) -> None:
    clock = FakeClock()
    session = running(plan, clock)
    answers = Answerer(session)
    session.back()
    session.poll()
    cue = answers.after(Command.BACK)
    assert cue is not None and cue.text == "Back to Gentle circles."
    session.stop()
    stopped = answers.after(Command.STOP)
    assert stopped is not None and stopped.text == "Stopped."
