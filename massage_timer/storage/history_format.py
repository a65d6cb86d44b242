"""Turn session history into JSON-ready data or a plain-text table for a terminal."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from massage_timer.core.i18n import N_, _, ngettext
from massage_timer.storage.history import SessionRecord

EMPTY_MESSAGE = N_("No sessions yet. Start a routine and it will show up here.")
_TITLE_WIDTH = 32  # longer routine titles are shortened so the table stays readable
_HEADINGS = (N_("Date"), N_("Routine"), N_("Minutes"), N_("Result"), N_("Pain"))


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _padded(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _newest_first(records: Iterable[SessionRecord]) -> list[SessionRecord]:
    return sorted(records, key=lambda rec: (rec.started_at, rec.id or 0), reverse=True)


def history_to_json(records: Iterable[SessionRecord]) -> dict[str, list[dict[str, Any]]]:
    """Return ``{"sessions": [...]}``, newest first, ready for :func:`json.dumps`.

    ``started_at`` is ISO 8601 in UTC; pain ratings are numbers or null.
    """
    return {
        "sessions": [
            {
                "id": rec.id,
                "routine_id": rec.routine_id,
                "routine_title": rec.routine_title,
                "started_at": rec.started_at.isoformat(),
                "planned_seconds": rec.planned_seconds,
                "actual_seconds": rec.actual_seconds,
                "completed": rec.completed,
                "pain_before": rec.pain_before,
                "pain_after": rec.pain_after,
            }
            for rec in _newest_first(records)
        ]
    }


def format_history_table(records: Iterable[SessionRecord]) -> str:
    """Return a plain-text table of ``records``, newest first, in local time.

    Columns: date and time, routine, minutes actual/planned, completed or stopped,
    pain before -> after. Gives a friendly line instead when there are no sessions.
    Uses ASCII only, so it prints on any console encoding (titles aside).
    """
    ordered = _newest_first(records)
    if not ordered:
        return _(EMPTY_MESSAGE)
    rows = [tuple(_(h) for h in _HEADINGS), *(_row(rec) for rec in ordered)]
    widths = [max(_width(row[col]) for row in rows) for col in range(len(_HEADINGS))]
    lines = [
        "  ".join(_padded(cell, width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    total = sum(rec.actual_seconds for rec in ordered) / 60
    lines.append(
        ngettext(
            "{count} session, {minutes:.1f} minutes in total.",
            "{count} sessions, {minutes:.1f} minutes in total.",
            len(ordered),
        ).format(count=len(ordered), minutes=total)
    )
    return "\n".join(line.rstrip() for line in lines)


def _row(rec: SessionRecord) -> tuple[str, ...]:
    title = rec.routine_title or rec.routine_id
    if len(title) > _TITLE_WIDTH:
        title = title[: _TITLE_WIDTH - 3] + "..."
    minutes = f"{rec.actual_seconds / 60:.1f}/{rec.planned_seconds / 60:.1f}"
    result = _("completed") if rec.completed else _("stopped")
    return (
        rec.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        title,
        minutes,
        result,
        _pain(rec.pain_before, rec.pain_after),
    )


def _pain(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    return f"{_rating(before)} -> {_rating(after)}"


def _rating(value: int | None) -> str:
    return "?" if value is None else str(value)
