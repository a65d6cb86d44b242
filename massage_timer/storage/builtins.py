"""The routines shipped with the app, read in the current language.

A built-in routine's texts (title, description, step titles, ``say`` and notes) are
messages of the translation catalogs (``make translations`` extracts them from
``routines/*.toml``); a user's own routine is shown as its file says.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from massage_timer.core.constants import QUICK_ID, QUICK_MINUTES
from massage_timer.core.editing import fitted_steps
from massage_timer.core.i18n import _
from massage_timer.core.planner import DEFAULTS
from massage_timer.core.routine import Routine, Step
from massage_timer.core.routine_file import load_routine_file, routine_id_for
from massage_timer.resources import builtin_routines_dir


def builtin_files() -> list[Path]:
    return sorted(builtin_routines_dir().glob("*.toml"))


def builtin_ids() -> set[str]:
    """The ids of the routines shipped with the app."""
    return {routine_id_for(p) for p in builtin_files()}


def _step_in_language(step: Step) -> Step:
    return replace(
        step,
        title=_(step.title) if step.title else step.title,
        say=_(step.say) if step.say else step.say,
        notes=tuple(_(note) for note in step.notes),
    )


def in_current_language(routine: Routine) -> Routine:
    """A built-in routine with its texts translated (itself in English)."""
    return replace(
        routine,
        title=_(routine.title),
        description=_(routine.description) if routine.description else "",
        tags=tuple(_(tag) for tag in routine.tags),
        steps=tuple(_step_in_language(s) for s in routine.steps),
    )


def load_builtin(path: Path) -> Routine:
    """One built-in routine file, validated, in the current language; RoutineError if broken.

    The quick session lasts exactly QUICK_MINUTES in every language: its lead-ins grow
    with the language's announcements, so its steps are fitted to make up for them.
    """
    routine = in_current_language(load_routine_file(path, origin="builtin"))
    if routine.id == QUICK_ID:
        steps, _exact = fitted_steps(routine, DEFAULTS, QUICK_MINUTES)
        routine = replace(routine, steps=steps)
    return routine


def builtin_path(routine_id: str) -> Path | None:
    """The file of the built-in ``routine_id`` (a plain id, checked by the caller), if any."""
    path = builtin_routines_dir() / f"{routine_id}.toml"
    return path if path.is_file() else None
