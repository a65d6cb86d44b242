"""An editor model for one routine, with undo and redo; plain Python, no Qt.

The state is an immutable ``(title, steps)`` pair of core ``Step`` values, so undo is a
stack of snapshots. Values are stored as the user typed them, even out of range:
``validate`` reports them with the file validation's own words, because it writes the
draft with ``routine_to_toml`` and reads it back with ``parse_routine``.

Lengths are the planner's under the person's settings (breathing pattern and rate),
given at construction, so the total shown is what the session lasts. Fitting to
minutes (``set_minutes``) writes the step values the planner's fitting chose, one step
carrying the milliseconds whole counts cannot fill; steps it had to drop are removed
(undo brings them back). The routine then lasts exactly those minutes, except where no
step could take the last milliseconds (only reps and breaths): ``set_minutes`` says so.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace

from massage_timer.core.i18n import _
from massage_timer.core.planner import DEFAULTS, PlanSettings, fit_routine, plan_routine
from massage_timer.core.routine import (
    SIDES,
    STEP_NUMBER_KEYS,
    Body,
    BodyKind,
    Routine,
    Step,
    breathing_for,
    resolve_body,
)
from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.routine_file import parse_routine
from massage_timer.core.routine_writer import routine_to_toml
from massage_timer.core.technique_library import TECHNIQUES, get_technique

MAX_UNDO = 200
_WHOLE_FIELDS = ("reps", "strokes")
_MINUTES = ("minutes",)  # the undo merge key of fitting to minutes


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the draft: the step it belongs to (0-based, or None), and why."""

    step: int | None
    key: str | None  # the file key it is about ("duration", "title"), when known
    message: str  # the file validation's own wording
    step_title: str = ""

    def __str__(self) -> str:
        what = f"{self.key}: {self.message}" if self.key else self.message
        if self.step is None:
            return what[0].upper() + what[1:] if what else what
        return _("Step {number} ({title}), {problem}").format(
            number=self.step + 1, title=self.step_title, problem=what
        )


@dataclass(frozen=True)
class _State:
    title: str
    steps: tuple[Step, ...]


def fields_for(kind: BodyKind) -> tuple[str, ...]:
    """The values a step of this kind is edited by (sides aside)."""
    return {
        BodyKind.TIMED: ("duration",),
        BodyKind.REPS: ("reps", "hold", "rest"),
        BodyKind.STROKES: ("strokes", "stroke_seconds"),
        BodyKind.BREATHING: ("reps",),
    }[kind]


class EditableRoutine:
    """A routine being edited: title and steps, live total, validation, undo and redo."""

    def __init__(self, routine: Routine, settings: PlanSettings = DEFAULTS) -> None:
        self._original = routine
        self._settings = settings
        self._state = _State(routine.title, routine.steps)
        self._saved = self._state
        self._undo: list[_State] = []
        self._redo: list[_State] = []
        self._merge_key: Hashable | None = None
        self._checked: dict[_State, tuple[list[Problem], float | None]] = {}

    # --- reading -----------------------------------------------------------------------

    @property
    def original(self) -> Routine:
        return self._original

    @property
    def settings(self) -> PlanSettings:
        """The settings lengths are planned under (those the session will run with)."""
        return self._settings

    @property
    def title(self) -> str:
        return self._state.title

    @property
    def steps(self) -> tuple[Step, ...]:
        return self._state.steps

    def __len__(self) -> int:
        return len(self._state.steps)

    def body(self, index: int) -> Body:
        """What step ``index`` does, defaults filled in (the values the editor shows)."""
        step = self._state.steps[index]
        return resolve_body(step, breathing_for(step, self._original, self._settings.breathing))

    def kind(self, index: int) -> BodyKind:
        return self.body(index).kind

    def value(self, index: int, name: str) -> float:
        """The effective value of ``name`` for step ``index`` (its own or the default)."""
        body = self.body(index)
        if name == "duration":
            return body.seconds
        return float(getattr(body, name))

    def to_routine(self) -> Routine:
        """The draft as a Routine with the original's id, origin, path and other keys."""
        return replace(self._original, title=self._state.title, steps=self._state.steps)

    @property
    def is_modified(self) -> bool:
        return self._state != self._saved

    def mark_saved(self, routine: Routine | None = None) -> None:
        """Record that the draft was saved; ``routine`` (as written) becomes the original."""
        if routine is not None:
            # What was read back from the file (a built-in's copy has a new id and title).
            self._original = routine
            self._state = _State(routine.title, routine.steps)
            self._checked.clear()
        self._saved = self._state
        self._merge_key = None

    # --- validation and length ---------------------------------------------------------

    def validate(self) -> list[str]:
        """Every problem of the draft, worded as the file validation words it."""
        return [str(p) for p in self.problems()]

    def problems(self) -> list[Problem]:
        return self._check()[0]

    def total_seconds(self) -> float | None:
        """How long the routine lasts as edited, or None while a value is out of range."""
        return self._check()[1]

    def _check(self) -> tuple[list[Problem], float | None]:
        state = self._state
        if state not in self._checked:
            self._checked.clear()  # only the current state is ever asked about again
            self._checked[state] = self._run_checks(state)
        return self._checked[state]

    def _parse(self, title: str, steps: tuple[Step, ...]) -> Routine:
        draft = replace(self._original, title=title, steps=steps)
        return parse_routine(routine_to_toml(draft), draft.title, draft.id, draft.origin)

    def _run_checks(self, state: _State) -> tuple[list[Problem], float | None]:
        problems: list[Problem] = []
        # One step at a time, so that every bad step is reported, not only the first.
        for index, step in enumerate(state.steps):
            try:
                self._parse("Step check", (step,))
            except RoutineError as exc:
                key = exc.key.split(".", 1)[1] if exc.key and "." in exc.key else None
                problems.append(Problem(index, key, exc.message, step.display_title))
        if not state.steps:
            problems.append(Problem(None, None, _("add at least one step")))
        try:
            self._parse(state.title, (Step("gentle-circles"),))  # the title on its own
        except RoutineError as exc:
            problems.append(Problem(None, exc.key, exc.message))
        if problems:
            return problems, None
        try:
            routine = self._parse(state.title, state.steps)
        except RoutineError as exc:  # the whole routine is too long
            return [Problem(None, exc.key, exc.message)], None
        return [], plan_routine(routine, self._settings).total_seconds

    # --- undo ----------------------------------------------------------------------------

    def _push(self, state: _State, merge_key: Hashable | None = None) -> None:
        if state == self._state:
            return
        # Typing "120" into one field is one undo step, not three.
        if merge_key is None or merge_key != self._merge_key or not self._undo:
            self._undo.append(self._state)
            del self._undo[:-MAX_UNDO]
        self._redo.clear()
        self._state = state
        self._merge_key = merge_key

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> bool:
        if not self._undo:
            return False
        self._redo.append(self._state)
        self._state = self._undo.pop()
        self._merge_key = None
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self._state)
        self._state = self._redo.pop()
        self._merge_key = None
        return True

    def _set_steps(self, steps: list[Step] | tuple[Step, ...], merge: Hashable = None) -> None:
        self._push(replace(self._state, steps=tuple(steps)), merge)

    # --- editing -------------------------------------------------------------------------

    def rename(self, title: str) -> None:
        self._push(replace(self._state, title=title), "title")

    def set_value(self, index: int, name: str, value: float) -> None:
        """Set one of ``STEP_NUMBER_KEYS`` on step ``index``, keeping the step's kind.

        The step's other values of that kind are written out too: a bare step relies on
        its technique's defaults, and a lone key could change what kind of step it is.
        """
        if name not in STEP_NUMBER_KEYS:
            raise ValueError(f"not a step value: {name}")
        step = self._state.steps[index]
        body = self.body(index)
        if name not in fields_for(body.kind):
            raise ValueError(f"a {body.kind.value} step has no {name}")
        number: float = round(value) if name in _WHOLE_FIELDS else float(value)
        values: dict[str, float | None] = dict.fromkeys(STEP_NUMBER_KEYS)
        if body.kind is BodyKind.TIMED:
            # Keep "hold = 25" style timed steps as they were written.
            key = "hold" if step.duration is None and step.hold is not None else "duration"
            values[key] = number
        elif body.kind is BodyKind.BREATHING:
            values["reps"] = number
        else:
            for field in fields_for(body.kind):
                values[field] = number if field == name else self.value(index, field)
            for field in _WHOLE_FIELDS:
                if values[field] is not None:
                    values[field] = int(values[field] or 0)
        new = replace(step, **values)  # type: ignore[arg-type]
        steps = list(self._state.steps)
        steps[index] = new
        self._set_steps(steps, ("value", index, name))

    def set_sides(self, index: int, sides: tuple[str, ...]) -> None:
        """Which sides the step is done on, in the order given; () means none."""
        step = self._state.steps[index]
        ordered = tuple(s for s in sides if s in SIDES)
        default = get_technique(step.technique).defaults.sides
        # The technique's own sides need no key; "no sides" on a sided technique cannot be
        # written, so it stays () and validation explains why.
        new_sides = None if ordered == default else ordered
        steps = list(self._state.steps)
        steps[index] = replace(step, sides=new_sides)
        self._set_steps(steps)

    def move_up(self, index: int) -> int:
        """Swap step ``index`` with the one before; returns its new index."""
        if index <= 0:
            return index
        steps = list(self._state.steps)
        steps[index - 1], steps[index] = steps[index], steps[index - 1]
        self._set_steps(steps)
        return index - 1

    def move_down(self, index: int) -> int:
        if index >= len(self._state.steps) - 1:
            return index
        steps = list(self._state.steps)
        steps[index + 1], steps[index] = steps[index], steps[index + 1]
        self._set_steps(steps)
        return index + 1

    def remove(self, index: int) -> None:
        steps = list(self._state.steps)
        del steps[index]
        self._set_steps(steps)

    def duplicate(self, index: int) -> int:
        """Copy step ``index`` right after itself; returns the copy's index."""
        steps = list(self._state.steps)
        steps.insert(index + 1, steps[index])
        self._set_steps(steps)
        return index + 1

    def add_technique(self, technique: str, index: int | None = None) -> int:
        """Add a step of ``technique`` with its defaults at ``index`` (default: the end)."""
        if technique not in TECHNIQUES:
            raise ValueError(f"unknown technique {technique!r}")
        steps = list(self._state.steps)
        at = len(steps) if index is None else max(0, min(index, len(steps)))
        steps.insert(at, Step(technique=technique))
        self._set_steps(steps)
        return at

    def set_minutes(self, minutes: float) -> bool:
        """Rescale the steps so the routine lasts ``minutes`` (see the module notes).

        Returns whether the steps alone last exactly that long. Raises ValueError when
        the draft has problems (it cannot be planned) or the minutes are outside what
        the planner can fit.
        """
        if self._merge_key == _MINUTES and self._undo:
            # Trying 10, 11, 12 minutes in a row fits the routine as it was before the first
            # try each time, so nothing is lost (a step dropped at 1 minute comes back at 20).
            base = self._undo[-1]
        elif self.problems():
            raise ValueError(_("fix the values marked first; the routine cannot be fitted yet"))
        else:
            base = self._state
        routine = replace(self._original, title=base.title, steps=base.steps)
        steps, exact = fitted_steps(routine, self._settings, minutes)
        self._set_steps(list(steps), _MINUTES)
        return exact


def fitted_steps(
    routine: Routine, settings: PlanSettings, minutes: float
) -> tuple[tuple[Step, ...], bool]:
    """``routine``'s steps rewritten to last ``minutes`` in all, and whether exactly so.

    The one way a routine becomes a fitted one: the editor's "whole routine", ``fit``
    and the quick session's fixed five minutes all come here.
    """
    fitted = fit_routine(routine, settings, minutes)
    steps = tuple(
        _step_from_body(step, body)
        for step, body in zip(routine.steps, fitted.bodies, strict=True)
        if body is not None
    )
    return steps, fitted.exact


def _step_from_body(step: Step, body: Body) -> Step:
    """``step`` written so that it does what ``body`` says (a fitted length or count)."""
    values: dict[str, float | None] = dict.fromkeys(STEP_NUMBER_KEYS)
    if body.kind is BodyKind.TIMED:
        was_timed = step.reps is None and step.strokes is None
        # Keep "hold = 25" style timed steps as they were written.
        key = (
            "hold" if was_timed and step.duration is None and step.hold is not None else "duration"
        )
        values[key] = body.seconds
    elif body.kind is BodyKind.BREATHING:
        values["reps"] = body.reps
    elif body.kind is BodyKind.STROKES:
        values.update(strokes=body.strokes, stroke_seconds=body.stroke_seconds)
    else:
        values.update(reps=body.reps, hold=body.hold, rest=body.rest)
    return replace(step, **values)  # type: ignore[arg-type]
