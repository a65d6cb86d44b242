"""The history page's numbers, counted by SQLite rather than by loading every row.

Days are the user's *local* calendar days: SQLite's ``'localtime'`` modifier uses the
same C library time zone as Python's ``astimezone()``, so a session at 00:30 counts
for the day the user lived it, not for the UTC date.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date, timedelta

from massage_timer.storage.history_record import local_midnight, to_db

_ONE_DAY = timedelta(days=1)
_LOCAL_DAY = "date(started_at, 'localtime')"
# 'weekday 0' moves to the coming Sunday (or stays on one); six days back is its Monday.
_LOCAL_MONDAY = "date(started_at, 'localtime', 'weekday 0', '-6 days')"


def _bounds(first: date, last: date) -> tuple[str, str]:
    """The stored-time range of local days ``first`` to ``last``, both included."""
    return to_db(local_midnight(first)), to_db(local_midnight(last + _ONE_DAY))


def sessions_per_day(conn: sqlite3.Connection, days: int, today: date) -> list[tuple[date, int]]:
    """Sessions on each of the ``days`` local days ending ``today``, oldest first (0s too)."""
    first = today - timedelta(days=max(days, 0) - 1)
    counts = {first + timedelta(days=n): 0 for n in range(max(days, 0))}
    rows = conn.execute(
        f"SELECT {_LOCAL_DAY} AS day, COUNT(*) FROM sessions"
        " WHERE started_at >= ? AND started_at < ? GROUP BY day",
        _bounds(first, today),
    )
    for text, count in rows:
        day = date.fromisoformat(text)
        if day in counts:
            counts[day] = count
    return list(counts.items())


def minutes_per_week(conn: sqlite3.Connection, weeks: int, today: date) -> list[tuple[date, float]]:
    """Minutes massaged in each of ``weeks`` weeks (Monday first), the last holding ``today``."""
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=max(weeks, 0) - 1)
    totals = {first + timedelta(weeks=n): 0.0 for n in range(max(weeks, 0))}
    rows = conn.execute(
        f"SELECT {_LOCAL_MONDAY} AS monday, SUM(actual_seconds) FROM sessions"
        " WHERE started_at >= ? AND started_at < ? GROUP BY monday",
        _bounds(first, monday + timedelta(days=6)),
    )
    for text, seconds in rows:
        week = date.fromisoformat(text)
        if week in totals:
            totals[week] = seconds / 60
    return list(totals.items())


def current_streak(conn: sqlite3.Connection, today: date) -> int:
    """Consecutive local days with a session, ending today (or yesterday, if none yet today)."""
    end = to_db(local_midnight(today + _ONE_DAY))
    streak = 0
    expected = today
    # Distinct days, newest first, read lazily: we stop at the first gap.
    with contextlib.closing(
        conn.execute(
            f"SELECT DISTINCT {_LOCAL_DAY} AS day FROM sessions WHERE started_at < ?"
            " ORDER BY day DESC",
            (end,),
        )
    ) as cursor:
        for (text,) in cursor:
            day = date.fromisoformat(text)
            if streak == 0 and day == today - _ONE_DAY:
                expected = day
            if day != expected:
                break
            streak += 1
            expected -= _ONE_DAY
    return streak


def totals(conn: sqlite3.Connection) -> tuple[int, float]:
    """How many sessions there are in all, and the minutes they add up to."""
    count, seconds = conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(actual_seconds), 0) FROM sessions"
    ).fetchone()
    return int(count), float(seconds) / 60
