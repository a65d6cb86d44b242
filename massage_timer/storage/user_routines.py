"""The user's own routines: writing, copying, importing and exporting routine files.

Plain Python, no Qt. Every routine is written in the format of the design notes
(``routine_to_toml``), checked with the same parser that reads it back before a byte
lands on disk, and written atomically, so a crash never leaves half a file.

Rules kept here:

* A built-in routine is never overwritten: saving one writes a copy with its own id
  and title ("Shoulder relief (mine)", id ``shoulder-relief-mine``, then ``-2``...).
* A routine's id is its file name, unless another file or a built-in already has that
  id (core/routine_ids.py decides; ``user_routine_files`` is the one listing).
  Renaming changes only the title and keeps the id (and so the file) stable, because
  reminders, history and the command line refer to routines by id.
* Importing a broken file raises the file validation's ``RoutineError`` and writes
  nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from massage_timer import paths
from massage_timer.core.files import is_regular_file
from massage_timer.core.i18n import N_, _
from massage_timer.core.routine import Routine
from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.routine_file import (
    load_routine_file,
    parse_routine,
    read_routine_text,
    routine_id_for,
)
from massage_timer.core.routine_ids import check_routine_id, free_id, slug, user_file_ids
from massage_timer.core.routine_writer import routine_to_toml
from massage_timer.resources import builtin_routines_dir
from massage_timer.storage.atomic import atomic_write_text
from massage_timer.storage.builtins import builtin_files, builtin_ids, builtin_path, load_builtin

MINE_SUFFIX = N_(" (mine)")
MINE_NUMBERED = N_(" (mine {number})")
COPY_SUFFIX = N_(" (copy)")
_NEVER_OVERWRITTEN = N_("{path} is a built-in routine; it is never overwritten")


# --- ids and folders -----------------------------------------------------------------


def new_routine_id(title: str, taken: Collection[str]) -> str:
    """A file-name-safe id from ``title`` ("Shoulder relief (mine)" -> "shoulder-relief-mine").

    Accents are dropped, anything else becomes a dash; when the id is in ``taken``,
    "-2", "-3", ... is added until it is free.
    """
    return free_id(slug(title), {t.lower() for t in taken})


def _folder(folder: Path | None) -> Path:
    return paths.user_routines_dir() if folder is None else Path(folder)


def _builtin_titles() -> set[str]:
    titles: set[str] = set()
    for path in builtin_files():
        try:
            titles.add(load_builtin(path).title.lower())
        except RoutineError:
            continue  # a broken built-in is reported by the catalog, not here
    return titles


@dataclass(frozen=True)
class UserFolder:
    """The user's routine folder as the app sees it: each regular file under its id."""

    files: Mapping[str, Path]
    refused: tuple[RoutineError, ...] = ()  # FIFOs, devices, folders named *.toml

    def id_of(self, path: Path) -> str | None:
        return next((rid for rid, p in self.files.items() if p.name == path.name), None)


def user_routine_files(folder: Path | None = None) -> UserFolder:
    """The one listing of the user folder that the catalog and every operation use.

    Ids come from core/routine_ids.py, so they are unique whatever files the folder
    holds. Anything but a regular file is refused at once (never opened for reading,
    which would hang on a FIFO) with the usual one-line error.
    """
    folder = _folder(folder)
    if not folder.is_dir():
        return UserFolder({})
    regular: list[Path] = []
    refused: list[RoutineError] = []
    for path in sorted(folder.glob("*.toml")):
        if is_regular_file(path):
            regular.append(path)
            continue
        try:
            read_routine_text(path)  # does not block; raises the error that says what it is
        except RoutineError as exc:
            refused.append(exc)
    ids = user_file_ids([p.stem for p in regular], builtin_ids())
    return UserFolder(dict(zip(ids, regular, strict=True)), tuple(refused))


def _taken_ids(folder: Path) -> set[str]:
    files = user_routine_files(folder).files
    # File names too: a new "desk.toml" beside "Desk.toml" would shift the ids of both.
    return builtin_ids() | set(files) | {p.stem.lower() for p in files.values()}


def _user_file(routine_id: str, folder: Path) -> Path:
    """The file of the user routine ``routine_id``; KeyError when there is none."""
    key = check_routine_id(routine_id)
    files = user_routine_files(folder).files
    if key not in files:
        raise KeyError(_("no routine of yours with the id {id}").format(id=repr(routine_id)))
    return files[key]


def load_user_routine(path: Path) -> Routine:
    """A file of the user folder, under the id the catalog lists it by."""
    routine_id = user_routine_files(path.parent).id_of(path)
    return load_routine_file(path, origin="user", routine_id=routine_id)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().parent == folder.resolve()
    except OSError:
        return False


def _write_checked(routine: Routine, path: Path) -> Routine:
    """Write ``routine`` to ``path`` only if the text reads back valid; return what was written."""
    text = routine_to_toml(routine)
    # The same parser as loading: a routine that could not be read back is never saved.
    parse_routine(text, str(path), routine_id_for(path), "user", path)
    if _inside(path, builtin_routines_dir()):
        raise PermissionError(_(_NEVER_OVERWRITTEN).format(path=path))
    atomic_write_text(path, text, parents=True)  # the app's own folder
    return load_user_routine(path)


# --- the public operations ---------------------------------------------------------------


def save_user_routine(routine: Routine, folder: Path | None = None) -> Path:
    """Save ``routine`` as the user's own and return the file written.

    * A built-in routine gets a new file: its title gains " (mine)" (when it still has
      a built-in's title) and its id is made from that title, with "-2", "-3" if taken.
    * A user routine loaded from the user folder is written back to its own file.
    * Anything else (a new routine, a file from elsewhere) is stored under its id when
      that is free, else under a fresh id made from its title.

    Raises RoutineError if the routine is not valid (nothing is written then).
    """
    folder = _folder(folder)
    taken = _taken_ids(folder)
    if routine.origin == "builtin":
        title = routine.title
        kept_title = title.lower() in _builtin_titles()
        # A kept title may be in any script: the id then comes from the built-in's id.
        base = f"{routine.id} mine" if kept_title or slug(title) == "routine" else title
        routine_id = new_routine_id(base, taken)
        if kept_title:
            number = routine_id.rsplit("-", 1)[-1]
            first = routine_id == new_routine_id(base, ())
            # Keep the title telling the copies apart, like their ids do.
            title += _(MINE_SUFFIX) if first else _(MINE_NUMBERED).format(number=number)
        routine = replace(routine, id=routine_id, title=title)
        path = folder / f"{routine_id}.toml"
    elif routine.origin == "user" and routine.path is not None and _inside(routine.path, folder):
        path = routine.path
    else:
        own_id_usable = routine.id == new_routine_id(routine.id, ()) and routine.id not in taken
        routine_id = routine.id if own_id_usable else new_routine_id(routine.title, taken)
        routine = replace(routine, id=routine_id)
        path = folder / f"{routine_id}.toml"
    _write_checked(routine, path)
    return path


def delete_user_routine(routine_id: str, folder: Path | None = None) -> Path:
    """Delete the user's routine file ``routine_id``; returns the path that was removed.

    Raises KeyError when the user has no routine with that id (built-ins cannot be deleted).
    """
    path = _user_file(routine_id, _folder(folder))
    path.unlink()
    return path


def duplicate_user_routine(routine_id: str, folder: Path | None = None) -> Routine:
    """Copy a routine (the user's own, or a built-in) to a new file titled "... (copy)"."""
    folder = _folder(folder)
    key = check_routine_id(routine_id)  # the built-in's path below is made from it
    try:
        source = load_user_routine(_user_file(key, folder))
    except KeyError:
        builtin = builtin_path(key)
        if builtin is None:
            raise
        source = load_builtin(builtin)
    title = source.title + _(COPY_SUFFIX)
    new_id = new_routine_id(title, _taken_ids(folder))
    return _write_checked(replace(source, id=new_id, title=title), folder / f"{new_id}.toml")


def rename_user_routine(routine_id: str, new_title: str, folder: Path | None = None) -> Routine:
    """Give a user routine a new title; its id and file stay the same (see module notes)."""
    path = _user_file(routine_id, _folder(folder))
    routine = load_user_routine(path)
    return _write_checked(replace(routine, title=new_title.strip()), path)


def import_routine_file(path: Path, folder: Path | None = None) -> Routine:
    """Copy a routine file into the user folder under a free id and return it.

    The file is validated first with the same rules as every routine file; a broken one
    raises that RoutineError and nothing is written. The file's own text (comments
    included) is kept, normalised to UTF-8 with plain line ends.
    """
    path = Path(path)
    folder = _folder(folder)
    text = read_routine_text(path)  # a FIFO or device is refused, never read
    new_id = new_routine_id(routine_id_for(path), _taken_ids(folder))
    target = folder / f"{new_id}.toml"
    # The text actually written, with the file's own name and line in any error.
    parse_routine(text, str(path), new_id)
    atomic_write_text(target, text, parents=True)  # the app's own folder
    return load_user_routine(target)


def export_routine(routine: Routine, dest: Path) -> None:
    """Write ``routine`` to ``dest`` (any place the user picks) atomically."""
    dest = Path(dest)
    if _inside(dest, builtin_routines_dir()):
        raise PermissionError(_(_NEVER_OVERWRITTEN).format(path=dest))
    atomic_write_text(dest, routine_to_toml(routine))
