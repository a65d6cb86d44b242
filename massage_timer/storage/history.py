"""Session history in a small SQLite database (stdlib ``sqlite3``).

The schema version lives in ``PRAGMA user_version``; ``_MIGRATIONS[n]`` upgrades a
database from version ``n`` to ``n + 1``, so a later release only appends a function.
Times are stored as UTC text in one fixed format, so text order is time order.

Day boundaries for the statistics (per day, per week, streak) are the user's *local*
calendar days, via ``datetime.astimezone()``: a session at 00:30 counts for the day
the user lived it, not for the UTC date.

A damaged database is moved aside (never deleted) and a fresh one is started; the
reason is reported in :attr:`HistoryStore.warnings`.
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from massage_timer import paths
from massage_timer.storage.quarantine import StorageWarning, move_aside, unreadable_file_warning

PAIN_MIN = 0
PAIN_MAX = 10
_LOCK_TIMEOUT = 5.0  # seconds to wait for another instance holding a write lock
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"  # fixed width, so text order is time order
_ONE_DAY = timedelta(days=1)
_COLUMNS = (
    "id, routine_id, routine_title, started_at, planned_seconds, actual_seconds,"
    " completed, pain_before, pain_after"
)
_LABEL = "History database"


@dataclass(frozen=True)
class SessionRecord:
    """One massage session as stored in the history.

    ``started_at`` must be timezone-aware and is kept in UTC; ``id`` is None until the
    record has been stored. Pain ratings are 0..10 or None when not asked/answered.
    """

    id: int | None
    routine_id: str
    routine_title: str
    started_at: datetime
    planned_seconds: float
    actual_seconds: float
    completed: bool
    pain_before: int | None = None
    pain_after: int | None = None

    def __post_init__(self) -> None:
        if self.started_at.utcoffset() is None:
            raise ValueError(f"started_at must be timezone-aware, not {self.started_at!r}")
        object.__setattr__(self, "started_at", self.started_at.astimezone(UTC))
        for name in ("planned_seconds", "actual_seconds"):
            seconds = getattr(self, name)
            if not (math.isfinite(seconds) and seconds >= 0):
                raise ValueError(f"{name} must be zero or more, not {seconds!r}")
        check_pain(self.pain_before, "pain_before")
        check_pain(self.pain_after, "pain_after")


def check_pain(value: int | None, name: str = "pain") -> None:
    """Raise ValueError unless ``value`` is None or a whole number from 0 to 10."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not PAIN_MIN <= value <= PAIN_MAX:
        raise ValueError(
            f"{name} must be a whole number from {PAIN_MIN} to {PAIN_MAX}, not {value!r}"
        )


def _create_sessions(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            routine_id TEXT NOT NULL,
            routine_title TEXT NOT NULL,
            started_at TEXT NOT NULL,
            planned_seconds REAL NOT NULL,
            actual_seconds REAL NOT NULL,
            completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
            pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
            pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10)
        )
        """
    )
    conn.execute("CREATE INDEX sessions_started_at ON sessions (started_at)")


# Append only: entry n upgrades user_version n to n + 1 inside one transaction.
_MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_create_sessions]


class HistoryStore:
    """The session history, opened lazily on first use.

    Writes run in transactions; a database locked by another instance is waited for
    up to a few seconds. Use :meth:`close` (or ``with HistoryStore() as store:``).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = paths.history_db() if path is None else Path(path)
        self._conn: sqlite3.Connection | None = None
        self._warnings: list[StorageWarning] = []

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def warnings(self) -> list[StorageWarning]:
        """Problems met when opening the database (opens it if that has not happened)."""
        self._connection()
        return list(self._warnings)

    def close(self) -> None:
        """Close the connection; a later call opens it again."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def record(self, rec: SessionRecord) -> int:
        """Store a finished (or stopped) session and return its new id.

        ``rec.id`` is ignored: the database always assigns a fresh one.
        """
        conn = self._connection()
        with _transaction(conn):
            cursor = conn.execute(
                "INSERT INTO sessions (routine_id, routine_title, started_at, planned_seconds,"
                " actual_seconds, completed, pain_before, pain_after)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rec.routine_id,
                    rec.routine_title,
                    _to_db(rec.started_at),
                    float(rec.planned_seconds),
                    float(rec.actual_seconds),
                    int(bool(rec.completed)),
                    rec.pain_before,
                    rec.pain_after,
                ),
            )
        assert cursor.lastrowid is not None  # always set after an INSERT
        return cursor.lastrowid

    def set_pain_after(self, session_id: int, pain: int | None) -> None:
        """Store the pain rating given after the session (None clears it).

        Raises ValueError for a rating outside 0..10, KeyError for an unknown id.
        """
        check_pain(pain, "pain_after")
        conn = self._connection()
        with _transaction(conn):
            cursor = conn.execute(
                "UPDATE sessions SET pain_after = ? WHERE id = ?", (pain, session_id)
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no session with id {session_id}")

    def sessions(self, limit: int | None = None) -> list[SessionRecord]:
        """Return stored sessions, newest first; at most ``limit`` if given."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be zero or more, not {limit}")
        rows = self._connection().execute(
            f"SELECT {_COLUMNS} FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?",
            (-1 if limit is None else limit,),  # -1: no limit in SQLite
        )
        return [_from_row(row) for row in rows]

    def sessions_per_day(self, days: int, today: date) -> list[tuple[date, int]]:
        """Count sessions on each of the ``days`` local days ending ``today``, oldest first.

        Days without sessions are included with a count of 0.
        """
        first = today - timedelta(days=max(days, 0) - 1)
        counts = {first + timedelta(days=n): 0 for n in range(max(days, 0))}
        for started_at, _seconds in self._between(first, today):
            day = _local_day(started_at)
            if day in counts:
                counts[day] += 1
        return list(counts.items())

    def minutes_per_week(self, weeks: int, today: date) -> list[tuple[date, float]]:
        """Sum the minutes actually massaged in each of ``weeks`` weeks, oldest first.

        Weeks start on Monday (local time); the last one is the week holding ``today``.
        Each entry is (that Monday, minutes); empty weeks give 0.0.
        """
        monday = today - timedelta(days=today.weekday())
        first = monday - timedelta(weeks=max(weeks, 0) - 1)
        totals = {first + timedelta(weeks=n): 0.0 for n in range(max(weeks, 0))}
        for started_at, seconds in self._between(first, monday + timedelta(days=6)):
            day = _local_day(started_at)
            week = day - timedelta(days=day.weekday())
            if week in totals:
                totals[week] += seconds / 60
        return list(totals.items())

    def current_streak(self, today: date) -> int:
        """Count consecutive local days with at least one session.

        The run ends today, or yesterday when there is no session yet today (the
        streak is not lost before the day is over). 0 when neither day has one.
        """
        conn = self._connection()
        end = _to_db(_local_midnight(today + _ONE_DAY))
        streak = 0
        expected = today
        # Newest first, read lazily: we stop at the first gap instead of loading it all.
        with contextlib.closing(
            conn.execute(
                "SELECT started_at FROM sessions WHERE started_at < ? ORDER BY started_at DESC",
                (end,),
            )
        ) as cursor:
            for (text,) in cursor:
                day = _local_day(_from_db(text))
                if streak == 0 and day == today - _ONE_DAY:
                    expected = day
                if day == expected:
                    streak += 1
                    expected -= _ONE_DAY
                elif day < expected:
                    break
        return streak

    def pain_series(self) -> list[tuple[datetime, int | None, int | None]]:
        """Return (started_at, pain_before, pain_after) for sessions with any rating.

        Oldest first, ready to plot; sessions without any pain rating are left out.
        """
        rows = self._connection().execute(
            "SELECT started_at, pain_before, pain_after FROM sessions"
            " WHERE pain_before IS NOT NULL OR pain_after IS NOT NULL"
            " ORDER BY started_at, id"
        )
        return [(_from_db(text), before, after) for text, before, after in rows]

    # --- opening -------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(self.path)
        try:
            problem = _health_problem(conn)
            if problem is None:
                self._migrate(conn)
                return conn
        except BaseException:
            conn.close()
            raise
        conn.close()
        return self._start_afresh(problem)

    def _start_afresh(self, problem: str) -> sqlite3.Connection:
        try:
            kept_at = move_aside(self.path, problem)
        except OSError as exc:
            # Cannot move it, so cannot reuse the name: keep this run's history in
            # memory rather than refusing to start.
            reason = f"{problem}; moving it failed: {exc.strerror or exc}"
            outcome = "history is kept only until the app closes"
            self._warnings.append(unreadable_file_warning(_LABEL, self.path, reason, None, outcome))
            conn = _connect(":memory:")
        else:
            # No need to move -journal/-wal files too: SQLite's own recovery already
            # dealt with them while the damaged file was probed and closed.
            outcome = "a new, empty history was started"
            self._warnings.append(
                unreadable_file_warning(_LABEL, self.path, problem, kept_at, outcome)
            )
            conn = _connect(self.path)
        self._migrate(conn)
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        known = len(_MIGRATIONS)
        if _user_version(conn) < known:
            with _transaction(conn):
                # Read again under the write lock: another instance may have migrated.
                version = _user_version(conn)
                for migration in _MIGRATIONS[version:]:
                    migration(conn)
                conn.execute(f"PRAGMA user_version = {known:d}")
        version = _user_version(conn)
        if version > known:
            # Forward compatibility: a newer release may only have added columns.
            self._warnings.append(
                StorageWarning(
                    f"{_LABEL} {self.path} was written by a newer version of massage-timer "
                    f"(schema {version}); it is used as far as this version understands it."
                )
            )

    def _between(self, first: date, last: date) -> list[tuple[datetime, float]]:
        """(started_at, actual_seconds) of sessions from local day ``first`` to ``last``."""
        rows = self._connection().execute(
            "SELECT started_at, actual_seconds FROM sessions"
            " WHERE started_at >= ? AND started_at < ?",
            (_to_db(_local_midnight(first)), _to_db(_local_midnight(last + _ONE_DAY))),
        )
        return [(_from_db(text), seconds) for text, seconds in rows]


def _connect(target: Path | str) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves (see _transaction), so
    # that migrations with CREATE TABLE are atomic too.
    return sqlite3.connect(target, timeout=_LOCK_TIMEOUT, isolation_level=None)


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front, so two instances cannot interleave.
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # SQLite may already have rolled back (e.g. disk full)
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _health_problem(conn: sqlite3.Connection) -> str | None:
    """Return why the database is damaged, or None if it looks fine."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)
        raise  # locked, permissions, ...: not the file's fault, do not move it
    results = [str(row[0]) for row in rows]
    if results == ["ok"]:
        return None
    return "integrity check failed: " + "; ".join(results[:3])


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    # Extended result codes carry the primary code in the low byte.
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _to_db(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def _from_db(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def _local_midnight(day: date) -> datetime:
    # A naive datetime's astimezone() treats it as local time, which is what we want.
    return datetime.combine(day, time()).astimezone()


def _from_row(row: Any) -> SessionRecord:
    ident, routine_id, title, started, planned, actual, completed, before, after = row
    return SessionRecord(
        id=ident,
        routine_id=routine_id,
        routine_title=title,
        started_at=_from_db(started),
        planned_seconds=planned,
        actual_seconds=actual,
        completed=bool(completed),
        pain_before=before,
        pain_after=after,
    )
