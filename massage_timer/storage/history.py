"""Session history in a small SQLite database (stdlib ``sqlite3``).

The schema version lives in ``PRAGMA user_version``; ``_MIGRATIONS[n]`` upgrades a
database from version ``n`` to ``n + 1``, so a later release only appends a function.
Times are stored as UTC text in one fixed format, so text order is time order.

Day boundaries for the statistics (per day, per week, streak) are the user's *local*
calendar days, counted by SQLite (:mod:`history_stats`): a session at 00:30 counts for
the day the user lived it, not for the UTC date.

A damaged database is moved aside (never deleted) and a fresh one is started; the
reason is reported in :attr:`HistoryStore.warnings`. A finished session that cannot be
written (the database locked for longer than the wait, read-only, not a file, its
folder unwritable) is kept in a pending file (:mod:`history_pending`) by
:meth:`HistoryStore.record_or_keep`, and added the next time the database opens.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import fields, replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from massage_timer import paths
from massage_timer.core.files import NotARegularFileError, kind_of
from massage_timer.core.i18n import N_, _
from massage_timer.storage import history_pending, history_stats
from massage_timer.storage.history_record import (
    PAIN_MAX,
    PAIN_MIN,
    Recorded,
    SessionRecord,
    check_pain,
    from_db,
    session_record,
    to_db,
)
from massage_timer.storage.quarantine import StorageWarning, move_aside, unreadable_file_warning

_LOCK_TIMEOUT = 10.0  # seconds to wait for another instance holding a lock
_COLUMNS = (
    "id, routine_id, routine_title, started_at, planned_seconds, actual_seconds,"
    " completed, pain_before, pain_after"
)
_LABEL = N_("History database")
__all__ = [  # the record types live in history_record; callers may import them from here
    "PAIN_MAX",
    "PAIN_MIN",
    "HistoryStore",
    "Recorded",
    "SessionRecord",
    "check_pain",
    "session_record",
]


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

    def __init__(self, path: Path | None = None, lock_timeout: float | None = None) -> None:
        self.path = paths.history_db() if path is None else Path(path)
        # How long to wait for another instance's lock (a window reading waits less).
        self.lock_timeout = _LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        self._conn: sqlite3.Connection | None = None
        self._warnings: list[StorageWarning] = []
        self._in_memory = False  # a damaged file could not be moved: nothing lasts
        # Waiting records: beside the database, else (the user's own history only) in
        # the state folder, for when the data folder itself cannot be written.
        self.pending_places = [self.path.with_name(self.path.name + ".pending.jsonl")]
        if path is None:
            self.pending_places.append(paths.state_dir() / "history.pending.jsonl")

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
    def notices(self) -> list[StorageWarning]:
        """The problems met so far, without opening the database to look for more."""
        return list(self._warnings)

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
                _values(rec),
            )
        assert cursor.lastrowid is not None  # always set after an INSERT
        return cursor.lastrowid

    def record_or_keep(self, rec: SessionRecord) -> Recorded:
        """Store ``rec`` in the database, or keep it in a pending file if that cannot be.

        Raises OSError only when neither the database nor any pending place can be
        written; the session is lost only then.
        """
        try:
            if not self._in_memory:
                return Recorded(rec, self.record(rec))
            reason = _("the database is damaged and could not be moved aside")
        except (sqlite3.Error, OSError) as exc:
            self.close()  # the next use tries the file again
            reason = _why(exc, self.lock_timeout)
        kept_in = history_pending.append(self.pending_places, history_pending.to_line(_fields(rec)))
        return Recorded(rec, None, kept_in, reason)

    def set_pain_after_of(self, recorded: Recorded, pain: int | None) -> Recorded:
        """Store the rating given after the session ``recorded`` (None clears it).

        Works wherever the session is: in the database, or still waiting in a pending
        file (then the waiting line is updated). Returns where the rating went.
        """
        check_pain(pain, "pain_after")
        rec = replace(recorded.record, pain_after=pain)
        if recorded.id is not None:
            self.set_pain_after(recorded.id, pain)
            return replace(recorded, record=rec)
        for place in self.pending_places:
            lines = history_pending.read_lines(place)
            raws = [item.raw for item in lines]
            for n, item in enumerate(lines):
                if item.fields is not None and _same_session(item.fields, rec):
                    raws[n] = history_pending.to_line(_fields(rec))
                    history_pending.write_lines(place, raws)
                    return replace(recorded, record=rec, kept_in=place)
        # Added to the database meanwhile (another instance opened it): update it there.
        conn = self._connection()
        with _transaction(conn):
            cursor = conn.execute(
                "UPDATE sessions SET pain_after = ? WHERE routine_id = ? AND started_at = ?",
                (pain, rec.routine_id, to_db(rec.started_at)),
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no session of {rec.routine_id} at {rec.started_at}")
        return replace(recorded, record=rec, kept_in=None)

    def pending(self) -> list[tuple[Path, list[SessionRecord]]]:
        """The pending files that still hold sessions, with the sessions waiting in each.

        Lines that are not records count as waiting too (they stay in the file), but
        are not returned as records.
        """
        found: list[tuple[Path, list[SessionRecord]]] = []
        for place in self.pending_places:
            with contextlib.suppress(OSError):
                if lines := history_pending.read_lines(place):
                    found.append((place, _records_of(lines)[0]))
        return found

    def exists(self) -> bool:
        """Whether there is any history: a database file, or sessions waiting for one."""
        return os.path.lexists(self.path) or bool(self.pending())

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
        return history_stats.sessions_per_day(self._connection(), days, today)

    def minutes_per_week(self, weeks: int, today: date) -> list[tuple[date, float]]:
        """Sum the minutes actually massaged in each of ``weeks`` weeks, oldest first.

        Weeks start on Monday (local time); the last one is the week holding ``today``.
        Each entry is (that Monday, minutes); empty weeks give 0.0.
        """
        return history_stats.minutes_per_week(self._connection(), weeks, today)

    def current_streak(self, today: date) -> int:
        """Count consecutive local days with at least one session.

        The run ends today, or yesterday when there is no session yet today (the
        streak is not lost before the day is over). 0 when neither day has one.
        """
        return history_stats.current_streak(self._connection(), today)

    def totals(self) -> tuple[int, float]:
        """(sessions, minutes) over the whole history, counted by the database."""
        return history_stats.totals(self._connection())

    def pain_series(self) -> list[tuple[datetime, int | None, int | None]]:
        """Return (started_at, pain_before, pain_after) for sessions with any rating.

        Oldest first, ready to plot; sessions without any pain rating are left out.
        """
        rows = self._connection().execute(
            "SELECT started_at, pain_before, pain_after FROM sessions"
            " WHERE pain_before IS NOT NULL OR pain_after IS NOT NULL"
            " ORDER BY started_at, id"
        )
        return [(from_db(text), before, after) for text, before, after in rows]

    # --- opening -------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        self._refuse_special_file()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(self.path, self.lock_timeout)
        try:
            problem = _health_problem(conn)
            if problem is None:
                self._migrate(conn)
                self._add_pending(conn)
                return conn
        except BaseException:
            conn.close()
            raise
        conn.close()
        conn = self._start_afresh(problem)
        if not self._in_memory:
            self._add_pending(conn)
        return conn

    def _refuse_special_file(self) -> None:
        # SQLite would open a FIFO and wait on it forever, or write into a device.
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            return
        if not stat.S_ISREG(mode):
            raise NotARegularFileError(
                errno.EINVAL, f"{kind_of(mode)} is there, not a database", str(self.path)
            )

    def _add_pending(self, conn: sqlite3.Connection) -> None:
        """Move the records waiting in pending files into the database, if it can take them.

        A record already in the database (a crash between the insert and the rewrite
        of the file) is not added twice; lines that are not records stay in the file.
        """
        for place in self.pending_places:
            try:
                lines = history_pending.read_lines(place)
                if not lines:
                    continue
                records, left = _records_of(lines)
                with _transaction(conn):
                    for rec in records:
                        _insert_once(conn, rec)
                history_pending.write_lines(place, left)
            except (sqlite3.Error, OSError):
                continue  # read-only or locked: they wait for the next time

    def _start_afresh(self, problem: str) -> sqlite3.Connection:
        try:
            kept_at = move_aside(self.path, problem)
        except OSError as exc:
            # Cannot move it, so cannot reuse the name: keep this run's history in
            # memory rather than refusing to start.
            reason = _("{reason}; moving it failed: {why}").format(
                reason=problem, why=exc.strerror or exc
            )
            outcome = N_("history is kept only until the app closes")
            self._warnings.append(unreadable_file_warning(_LABEL, self.path, reason, None, outcome))
            self._in_memory = True
            conn = _connect(":memory:", self.lock_timeout)
        else:
            # No need to move -journal/-wal files too: SQLite's own recovery already
            # dealt with them while the damaged file was probed and closed.
            outcome = N_("a new, empty history was started")
            self._warnings.append(
                unreadable_file_warning(_LABEL, self.path, problem, kept_at, outcome)
            )
            conn = _connect(self.path, self.lock_timeout)
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
                    _(
                        "History database {path} was written by a newer version of "
                        "massage-timer (schema {schema}); it is used as far as this version "
                        "understands it."
                    ).format(path=self.path, schema=version)
                )
            )


def _connect(target: Path | str, timeout: float) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves (see _transaction), so
    # that migrations with CREATE TABLE are atomic too.
    return sqlite3.connect(target, timeout=timeout, isolation_level=None)


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


def _fields(rec: SessionRecord) -> dict[str, Any]:
    return {f.name: getattr(rec, f.name) for f in fields(rec) if f.name != "id"}


def _same_session(stored: dict[str, Any], rec: SessionRecord) -> bool:
    return bool(stored["routine_id"] == rec.routine_id and stored["started_at"] == rec.started_at)


def _records_of(
    lines: list[history_pending.PendingLine],
) -> tuple[list[SessionRecord], list[str]]:
    """The records of pending ``lines``, and the lines that hold none (they wait for a person)."""
    records: list[SessionRecord] = []
    left: list[str] = []
    for item in lines:
        try:
            if item.fields is None:
                raise ValueError("not a record")
            records.append(SessionRecord(id=None, **item.fields))  # checked as any record
        except (ValueError, TypeError):
            left.append(item.raw)
    return records, left


def _insert_once(conn: sqlite3.Connection, rec: SessionRecord) -> None:
    conn.execute(
        "INSERT INTO sessions (routine_id, routine_title, started_at, planned_seconds,"
        " actual_seconds, completed, pain_before, pain_after)"
        " SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
        " (SELECT 1 FROM sessions WHERE routine_id = ? AND started_at = ?)",
        (*_values(rec), rec.routine_id, to_db(rec.started_at)),
    )


def _values(rec: SessionRecord) -> tuple[object, ...]:
    return (
        rec.routine_id,
        rec.routine_title,
        to_db(rec.started_at),
        float(rec.planned_seconds),
        float(rec.actual_seconds),
        int(bool(rec.completed)),
        rec.pain_before,
        rec.pain_after,
    )


def _why(exc: BaseException, waited: float) -> str:
    """Why the database could not be written, in a few words for a one-line message."""
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "locked" in text:
        return _("it was locked by another program for more than {seconds:g} s").format(
            seconds=waited
        )
    return " ".join(text.split())


def _from_row(row: Any) -> SessionRecord:
    ident, routine_id, title, started, planned, actual, completed, before, after = row
    return SessionRecord(
        id=ident,
        routine_id=routine_id,
        routine_title=title,
        started_at=from_db(started),
        planned_seconds=planned,
        actual_seconds=actual,
        completed=bool(completed),
        pain_before=before,
        pain_after=after,
    )
