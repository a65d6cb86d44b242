"""History as JSON data and as a plain-text table."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from massage_timer.storage.history import SessionRecord
from massage_timer.storage.history_format import (
    EMPTY_MESSAGE,
    format_history_table,
    history_to_json,
)

OLDER = SessionRecord(
    id=1,
    routine_id="neck-10",
    routine_title="Neck and shoulders",
    started_at=datetime(2026, 11, 22, 8, 0, tzinfo=UTC),
    planned_seconds=600,
    actual_seconds=600,
    completed=True,
    pain_before=6,
    pain_after=3,
)
NEWER = SessionRecord(
    id=2,
    routine_id="quick-5",
    routine_title="Quick five-minute reset for the lower back and hips, long",
    started_at=datetime(2026, 11, 23, 18, 30, tzinfo=UTC),
    planned_seconds=300,
    actual_seconds=90,
    completed=False,
    pain_before=None,
    pain_after=None,
)


def test_json_is_newest_first_and_serialisable() -> None:
    data = history_to_json([OLDER, NEWER])
    assert [s["id"] for s in data["sessions"]] == [2, 1]
    assert data["sessions"][1] == {
        "id": 1,
        "routine_id": "neck-10",
        "routine_title": "Neck and shoulders",
        "started_at": "2026-11-22T08:00:00+00:00",
        "planned_seconds": 600,
        "actual_seconds": 600,
        "completed": True,
        "pain_before": 6,
        "pain_after": 3,
    }
    assert json.loads(json.dumps(data)) == data
    assert history_to_json([]) == {"sessions": []}


def test_table_lists_sessions_newest_first_in_local_time() -> None:
    table = format_history_table([OLDER, NEWER])
    lines = table.splitlines()
    assert lines[0].split() == ["Date", "Routine", "Minutes", "Result", "Pain"]
    assert set(lines[1]) <= {"-", " "}
    newer_line, older_line = lines[2], lines[3]
    assert NEWER.started_at.astimezone().strftime("%Y-%m-%d %H:%M") in newer_line
    assert "Quick five-minute reset for t..." in newer_line  # long titles shortened
    assert "1.5/5.0" in newer_line and "stopped" in newer_line
    assert "Neck and shoulders" in older_line
    assert "10.0/10.0" in older_line and "completed" in older_line and "6 -> 3" in older_line
    assert lines[-1] == "2 sessions, 11.5 minutes in total."
    # Columns line up: the routine column starts at the same place on every row.
    starts = {line.index(word) for line, word in zip(lines[2:4], ["Quick", "Neck"], strict=True)}
    assert starts == {lines[0].index("Routine")}
    assert all(line == line.rstrip() for line in lines)


def test_table_shows_missing_pain_ratings() -> None:
    only_before = SessionRecord(3, "x", "", OLDER.started_at, 60, 60, True, 4, None)
    only_after = SessionRecord(4, "y", "Y", NEWER.started_at, 60, 60, True, None, 0)
    lines = format_history_table([only_before, only_after]).splitlines()
    assert lines[2].endswith("? -> 0")
    assert lines[3].endswith("4 -> ?")
    assert " x " in lines[3]  # the routine id stands in for an empty title
    assert lines[-1] == "2 sessions, 2.0 minutes in total."


def test_single_session_summary() -> None:
    assert format_history_table([OLDER]).splitlines()[-1] == "1 session, 10.0 minutes in total."


def test_empty_history_gets_a_friendly_line() -> None:
    assert format_history_table([]) == EMPTY_MESSAGE
    assert "No sessions yet" in EMPTY_MESSAGE
