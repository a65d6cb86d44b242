"""Finished sessions waiting for a history database that could not be written.

When the database is locked for too long, read-only, not a file, or its folder cannot
be written, a finished session is kept here instead of being lost: one JSON object a
line in a small file next to the database, or in the app's state folder when that
folder is unwritable too. Every change rewrites the whole file atomically, so a crash
leaves the old list or the new one. The history store adds these records to the
database the next time it can write to it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from massage_timer.core.files import read_regular_file
from massage_timer.storage.atomic import atomic_write_text

MAX_PENDING_BYTES = 4 * 1024 * 1024  # some 15 000 sessions; more means something else is wrong
_FIELDS = (
    "routine_id",
    "routine_title",
    "started_at",
    "planned_seconds",
    "actual_seconds",
    "completed",
    "pain_before",
    "pain_after",
)


@dataclass(frozen=True)
class PendingLine:
    """One line of a pending file: its fields, or the raw text when it could not be read."""

    fields: dict[str, Any] | None
    raw: str


def to_line(fields: dict[str, Any]) -> str:
    """One record's fields (``started_at`` an aware datetime) as a line of JSON."""
    data = {name: fields[name] for name in _FIELDS}
    data["started_at"] = fields["started_at"].isoformat()
    return json.dumps(data, ensure_ascii=False)


def read_lines(path: Path) -> list[PendingLine]:
    """The lines of the pending file ``path``; none if it does not exist.

    A line that is not a record is kept as text (so it is never dropped); other
    problems (a FIFO in its place, a file too large) raise OSError.
    """
    try:
        text = read_regular_file(path, MAX_PENDING_BYTES).decode("utf-8", errors="replace")
    except FileNotFoundError:
        return []
    return [_parse(line) for line in text.splitlines() if line.strip()]


def _parse(line: str) -> PendingLine:
    try:
        data = json.loads(line)
        fields = {name: data[name] for name in _FIELDS}
        fields["started_at"] = datetime.fromisoformat(str(fields["started_at"]))
    except (ValueError, TypeError, KeyError):
        return PendingLine(None, line)
    return PendingLine(fields, line)


def write_lines(path: Path, lines: Sequence[str]) -> None:
    """Replace the pending file with ``lines``; remove it when there are none left."""
    if lines:
        atomic_write_text(path, "".join(line + "\n" for line in lines), parents=True)
    else:
        path.unlink(missing_ok=True)


def append(places: Sequence[Path], line: str) -> Path:
    """Add ``line`` to the first of ``places`` that can be written; returns that place.

    Raises the last OSError when none can be written.
    """
    problem: OSError | None = None
    for place in places:
        try:
            kept = [item.raw for item in read_lines(place)]
            write_lines(place, [*kept, line])
        except OSError as exc:
            problem = exc
            continue
        return place
    assert problem is not None, "append needs at least one place"
    raise problem
