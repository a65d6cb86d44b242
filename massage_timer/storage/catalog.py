"""Finding routines: the built-ins shipped with the app and the user's own files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from massage_timer.core.constants import QUICK_ID
from massage_timer.core.i18n import _
from massage_timer.core.routine import Routine
from massage_timer.core.routine_errors import RoutineError, did_you_mean
from massage_timer.core.routine_file import load_routine_file, routine_id_for
from massage_timer.storage.builtins import builtin_files, load_builtin
from massage_timer.storage.user_routines import user_routine_files

BUILTIN_ORDER = (QUICK_ID, "shoulder-relief", "lower-back", "foam-roller-breathing", "desk-break")


@dataclass
class Catalog:
    """Every routine that loaded, and a clear error for each file that did not."""

    routines: list[Routine] = field(default_factory=list)
    errors: list[RoutineError] = field(default_factory=list)

    def get(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)

    def ids(self) -> list[str]:
        return [r.id for r in self.routines]


def _order(path: Path) -> tuple[int, str]:
    stem = routine_id_for(path)
    return (BUILTIN_ORDER.index(stem) if stem in BUILTIN_ORDER else len(BUILTIN_ORDER), stem)


def load_catalog(user_dir: Path | None = None) -> Catalog:
    """Built-ins first, in their set order, then the user's routines by name."""
    catalog = Catalog()
    for path in sorted(builtin_files(), key=_order):
        try:
            catalog.routines.append(load_builtin(path))
        except RoutineError as exc:
            catalog.errors.append(exc)
    user = user_routine_files(user_dir)
    catalog.errors.extend(user.refused)
    for routine_id, path in user.files.items():
        try:
            catalog.routines.append(load_routine_file(path, "user", routine_id))
        except RoutineError as exc:
            catalog.errors.append(exc)
    return catalog


def looks_like_path(ref: str) -> bool:
    return ref.endswith(".toml") or "/" in ref or "\\" in ref


def find_routine(ref: str, catalog: Catalog | None = None) -> Routine:
    """A routine by id, or from a path to a .toml file; RoutineError if there is none."""
    if looks_like_path(ref):
        return load_routine_file(Path(ref))
    catalog = catalog if catalog is not None else load_catalog()
    found = catalog.get(ref.lower())
    if found is None:
        known = catalog.ids()
        raise RoutineError(
            ref,
            _("no routine with this id{hint}; known: {known}").format(
                hint=did_you_mean(ref, known), known=", ".join(known)
            ),
        )
    return found
