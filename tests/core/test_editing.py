"""The routine editor model: edits, fitting to minutes, validation wording, undo and redo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from massage_timer.core.breathing import Breathing
from massage_timer.core.editing import EditableRoutine, fields_for
from massage_timer.core.planner import DEFAULTS, DefaultSettings, plan_routine
from massage_timer.core.routine import BodyKind, Routine, Step
from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.routine_file import parse_routine
from massage_timer.core.routine_writer import routine_to_toml
from massage_timer.storage.catalog import load_catalog

BUILTINS = {r.id: r for r in load_catalog(Path("/nonexistent")).routines}


@pytest.fixture
def shoulder() -> EditableRoutine:
    return EditableRoutine(BUILTINS["shoulder-relief"])


def test_starts_as_the_routine(shoulder: EditableRoutine) -> None:
    routine = BUILTINS["shoulder-relief"]
    assert shoulder.to_routine() == routine
    assert shoulder.title == "Shoulder relief" and len(shoulder) == 4
    assert shoulder.total_seconds() == plan_routine(routine).total_seconds
    assert shoulder.validate() == []
    assert not shoulder.is_modified and not shoulder.can_undo() and not shoulder.can_redo()


def test_kinds_and_their_fields(shoulder: EditableRoutine) -> None:
    assert [shoulder.kind(i) for i in range(4)] == [
        BodyKind.TIMED,
        BodyKind.TIMED,
        BodyKind.REPS,
        BodyKind.TIMED,
    ]
    assert fields_for(BodyKind.REPS) == ("reps", "hold", "rest")
    assert shoulder.value(2, "hold") == 5 and shoulder.value(3, "duration") == 25


def test_set_values_update_the_total_live(shoulder: EditableRoutine) -> None:
    before = shoulder.total_seconds()
    assert before is not None
    shoulder.set_value(0, "duration", 300)
    assert shoulder.total_seconds() == pytest.approx(before + 60)
    shoulder.set_value(2, "reps", 5)
    assert shoulder.steps[2].reps == 5
    shoulder.set_value(2, "hold", 4)
    shoulder.set_value(2, "rest", 0)
    assert shoulder.steps[2] == Step("shoulder-blade-squeeze", reps=5, hold=4, rest=0)
    assert shoulder.total_seconds() == plan_routine(shoulder.to_routine()).total_seconds
    assert shoulder.is_modified


def test_a_hold_style_timed_step_keeps_its_key(shoulder: EditableRoutine) -> None:
    shoulder.set_value(3, "duration", 30)
    assert shoulder.steps[3].hold == 30 and shoulder.steps[3].duration is None


def test_editing_a_bare_reps_step_writes_all_its_values() -> None:
    # A lone "hold" would turn a bare reps step into a timed one; the model prevents that.
    draft = EditableRoutine(Routine("x", "X", (Step("shoulder-blade-squeeze"),)))
    draft.set_value(0, "hold", 7)
    assert draft.steps[0] == Step("shoulder-blade-squeeze", reps=10, hold=7, rest=2)
    assert draft.kind(0) is BodyKind.REPS


def test_strokes_and_breathing_steps() -> None:
    draft = EditableRoutine(BUILTINS["quick-5"])
    draft.set_value(3, "strokes", 80)
    draft.set_value(3, "stroke_seconds", 1.5)
    assert (draft.steps[3].strokes, draft.steps[3].stroke_seconds) == (80, 1.5)
    draft.set_value(4, "reps", 6)
    assert draft.steps[4].reps == 6 and draft.kind(4) is BodyKind.BREATHING
    with pytest.raises(ValueError):
        draft.set_value(3, "duration", 10)  # a strokes step has no duration to set


def test_sides(shoulder: EditableRoutine) -> None:
    shoulder.set_sides(3, ("left",))
    assert shoulder.steps[3].sides == ("left",)
    shoulder.set_sides(3, ("left", "right"))
    assert shoulder.body(3).sides == ("left", "right")
    shoulder.set_sides(0, ("right",))
    assert shoulder.body(0).sides == ("right",)
    shoulder.set_sides(0, ())
    assert shoulder.steps[0].sides is None  # kneading's own default: no sides, no key
    shoulder.set_sides(3, ())
    assert shoulder.validate() == [
        'Step 4 (Cross-body stretch), sides: must be a list such as ["left", "right"]'
    ]


def test_reorder_remove_duplicate_add(shoulder: EditableRoutine) -> None:
    def techs() -> list[str]:
        return [s.technique for s in shoulder.steps]

    assert shoulder.move_down(0) == 1
    assert techs()[:2] == ["kneading", "gentle-circles"]
    assert shoulder.move_up(1) == 0
    assert shoulder.move_up(0) == 0 and shoulder.move_down(3) == 3  # ends stay put
    assert shoulder.duplicate(2) == 3
    assert techs() == [
        "gentle-circles",
        "kneading",
        "shoulder-blade-squeeze",
        "shoulder-blade-squeeze",
        "cross-body-stretch",
    ]
    shoulder.remove(3)
    assert shoulder.add_technique("palm-rub") == 4
    assert shoulder.add_technique("waist-twist", 0) == 0
    assert techs()[0] == "waist-twist" and techs()[-1] == "palm-rub"
    assert shoulder.kind(5) is BodyKind.STROKES
    with pytest.raises(ValueError):
        shoulder.add_technique("nope")


def test_rename_and_undo_redo(shoulder: EditableRoutine) -> None:
    shoulder.rename("E")
    shoulder.rename("Ev")
    shoulder.rename("Evening")  # typing is one undo step
    shoulder.remove(0)
    assert shoulder.undo()
    assert shoulder.title == "Evening" and len(shoulder) == 4
    assert shoulder.undo()
    assert shoulder.title == "Shoulder relief" and not shoulder.can_undo()
    assert not shoulder.undo()
    assert shoulder.redo() and shoulder.redo() and not shoulder.redo()
    assert shoulder.title == "Evening" and len(shoulder) == 3
    shoulder.undo()
    shoulder.set_value(0, "duration", 100)
    assert not shoulder.can_redo()  # a new edit drops what could be redone


def test_same_field_edits_merge_but_other_fields_do_not(shoulder: EditableRoutine) -> None:
    for seconds in (1, 12, 120):
        shoulder.set_value(0, "duration", seconds)
    shoulder.set_value(1, "duration", 60)
    shoulder.undo()
    assert shoulder.steps[0].duration == 120 and shoulder.steps[1].duration == 240
    shoulder.undo()
    assert shoulder.steps[0].duration == 240 and not shoulder.can_undo()


SLOW = DefaultSettings(rate=200, breathing=Breathing(6, 0, 8))


@pytest.mark.parametrize("settings", [DEFAULTS, SLOW], ids=["defaults", "6-0-8"])
@pytest.mark.parametrize("routine_id", sorted(BUILTINS))
@pytest.mark.parametrize("minutes", [2, 5, 12, 45, 180])
def test_set_minutes_makes_the_saved_routine_last_exactly_that(
    routine_id: str, minutes: int, settings: DefaultSettings
) -> None:
    draft = EditableRoutine(BUILTINS[routine_id], settings)
    assert draft.set_minutes(minutes)
    assert draft.validate() == []
    routine = parse_routine(routine_to_toml(draft.to_routine()), "x", routine_id, "user")
    assert plan_routine(routine, settings).total_ms == minutes * 60_000
    assert draft.total_seconds() == minutes * 60


def test_the_editor_plans_under_the_settings_it_is_given() -> None:
    text = 'title = "b"\n[[steps]]\ntechnique = "paced-breathing"\nduration = 120\n'
    routine = parse_routine(text, "x", "b", "user")
    slow, default = EditableRoutine(routine, SLOW), EditableRoutine(routine)
    assert slow.body(0).reps == 9 and default.body(0).reps == 12  # 120 s of 14 s or 10 s breaths
    assert slow.total_seconds() == plan_routine(routine, SLOW).total_seconds
    assert slow.total_seconds() != default.total_seconds()


def test_fitted_values_split_evenly_over_sides_and_say_when_inexact() -> None:
    sided = 'title = "s"\n[[steps]]\ntechnique = "cross-body-stretch"\nhold = 25\n'
    draft = EditableRoutine(parse_routine(sided, "x", "s", "user"))
    assert draft.set_minutes(1.5)
    (step,) = draft.steps
    assert step.hold is not None and step.duration is None  # written as it was
    counts = 'title = "c"\n[[steps]]\ntechnique = "shoulder-blade-squeeze"\nreps = 7\nhold = 3\n'
    draft = EditableRoutine(parse_routine(counts, "x", "c", "user"))
    assert not draft.set_minutes(2.5)  # whole reps of 5 s cannot make up every millisecond
    assert draft.total_seconds() != 150


def test_set_minutes_is_one_undo_step(shoulder: EditableRoutine) -> None:
    shoulder.set_minutes(30)
    assert shoulder.steps[0].duration is not None and shoulder.steps[0].duration > 240
    assert shoulder.steps[2].hold == 5  # holds stay; the number of reps changes
    shoulder.undo()
    assert shoulder.to_routine() == BUILTINS["shoulder-relief"]


def test_set_minutes_very_short_drops_steps_that_do_not_fit(shoulder: EditableRoutine) -> None:
    shoulder.set_minutes(1)
    assert 0 < len(shoulder) < 4
    assert shoulder.total_seconds() == 60


def test_set_minutes_refuses_while_values_are_out_of_range(shoulder: EditableRoutine) -> None:
    shoulder.set_value(0, "duration", 0)
    with pytest.raises(ValueError, match="fix the values"):
        shoulder.set_minutes(10)


def test_validation_uses_the_file_wording_and_names_each_step(
    shoulder: EditableRoutine,
) -> None:
    shoulder.set_value(0, "duration", 0)
    shoulder.set_value(2, "reps", 900)
    assert shoulder.validate() == [
        "Step 1 (Gentle circles), duration: must be a number of seconds from 1 to 3600 (got 0)",
        "Step 3 (Shoulder blade squeeze), reps: must be a whole number from 1 to 500 (got 900)",
    ]
    assert [p.step for p in shoulder.problems()] == [0, 2]
    assert [p.key for p in shoulder.problems()] == ["duration", "reps"]
    assert shoulder.total_seconds() is None
    # The same words as a file with that value.
    text = routine_to_toml(shoulder.to_routine())
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "f.toml", "x")
    assert caught.value.message == shoulder.problems()[0].message


def test_validation_of_title_steps_and_total_length(shoulder: EditableRoutine) -> None:
    shoulder.rename("   ")
    assert shoulder.validate() == ["Title: must not be empty"]
    shoulder.rename("Long one")
    for _ in range(3):
        shoulder.remove(0)
    shoulder.set_value(0, "duration", 3600)
    for _ in range(3):
        shoulder.duplicate(0)
    problems = shoulder.validate()
    assert len(problems) == 1 and "at most 3 hours" in problems[0]
    while len(shoulder):
        shoulder.remove(0)
    assert shoulder.validate() == ["Add at least one step"]


def test_mark_saved_takes_the_written_routine(shoulder: EditableRoutine) -> None:
    shoulder.set_value(0, "duration", 200)
    written = shoulder.to_routine()
    saved = replace(written, id="shoulder-relief-mine", title="Shoulder relief (mine)")
    shoulder.mark_saved(saved)
    assert not shoulder.is_modified
    assert shoulder.title == "Shoulder relief (mine)" and shoulder.original.id == saved.id
    assert shoulder.to_routine() == saved


def test_trying_minutes_in_a_row_fits_from_the_same_routine(shoulder: EditableRoutine) -> None:
    shoulder.set_minutes(1)  # drops steps
    shoulder.set_minutes(20)  # from the routine before the first try: all four are back
    assert len(shoulder) == 4
    total = shoulder.total_seconds()
    assert total is not None and abs(total - 1200) <= 12
    shoulder.undo()
    assert shoulder.to_routine() == BUILTINS["shoulder-relief"]
