"""Routine ids: what a plain id is, and which id each user file gets. One home for both rules.

A routine's id names it on the command line, in reminders and in history. A user file's
id is its file name (lower case, without ``.toml``) when that is a plain id no built-in
and no other file has; any other file gets a free id made from its name ("my-quick-5",
then "my-quick-5-2", ...). Ids are unique whatever the folder holds, so every file can
be opened, edited and deleted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence

from massage_timer.core.i18n import _
from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.text_safety import printable

MAX_ID_LENGTH = 60
# Letters, digits, dashes, underscores and inner dots: never a separator, "..", or a
# leading dot, so an id can name a file in a folder and nothing outside it.
_PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*")
_USER_PREFIX = "my-"


class RoutineIdError(RoutineError, KeyError):
    """A routine id that is not a plain id (such as ``../x`` or ``a/b``).

    A RoutineError, so the command line tells it in one line, and a KeyError, as every
    "no routine with this id" of the storage API is.
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return RoutineError.__str__(self)


def is_plain_id(text: str) -> bool:
    return len(text) <= 100 and _PLAIN_ID.fullmatch(text) is not None


def check_routine_id(routine_id: str) -> str:
    """``routine_id`` in lower case; RoutineIdError when it is not a plain id."""
    key = routine_id.lower()
    if not is_plain_id(key):
        raise RoutineIdError(
            printable(routine_id), _("not a routine id (letters, digits and dashes, no folders)")
        )
    return key


def slug(text: str) -> str:
    """A plain id made from any text: "Épaule à l'aise" -> "epaule-a-l-aise"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    made = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return made[:MAX_ID_LENGTH].rstrip("-") or "routine"


def free_id(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is first not in ``taken``."""
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def user_file_ids(stems: Sequence[str], reserved: Collection[str]) -> list[str]:
    """The id of each user file (by file name without ``.toml``), in the same order.

    First every file whose own name is a plain id that nothing else holds keeps it (in
    the order given, so sort the names for a stable answer); then each of the others
    gets its name's slug if free, else "my-<slug>", "my-<slug>-2", ...
    """
    taken = {r.lower() for r in reserved}
    ids: list[str | None] = []
    for stem in stems:
        own = stem.lower()
        if is_plain_id(own) and own not in taken:
            ids.append(own)
            taken.add(own)
        else:
            ids.append(None)
    for index, stem in enumerate(stems):
        if ids[index] is None:
            base = slug(stem)
            chosen = base if base not in taken else free_id(_USER_PREFIX + base, taken)
            ids[index] = chosen
            taken.add(chosen)
    return [i for i in ids if i is not None]
