"""Session history: CRUD, statistics on local days, migrations and damaged databases."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from massage_timer.storage import history
from massage_timer.storage.history import HistoryStore, SessionRecord, check_pain

TODAY = date(2026, 11, 25)  # a Wednesday


def local(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """An aware datetime at a local wall-clock time (tests do not depend on TZ)."""
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


def rec(
    started_at: datetime,
    *,
    actual: float = 300.0,
    planned: float = 300.0,
    completed: bool = True,
    before: int | None = None,
    after: int | None = None,
    routine: str = "quick-5",
) -> SessionRecord:
    return SessionRecord(
        id=None,
        routine_id=routine,
        routine_title=routine.replace("-", " ").title(),
        started_at=started_at,
        planned_seconds=planned,
        actual_seconds=actual,
        completed=completed,
        pain_before=before,
        pain_after=after,
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(db_path) as opened:
        yield opened


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _corrupt_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


# --- records -------------------------------------------------------------------------


def test_opens_lazily(db_path: Path) -> None:
    store = HistoryStore(db_path)
    assert not db_path.exists()
    assert store.sessions() == []
    assert db_path.exists()
    assert store.warnings == []
    store.close()
    store.close()  # closing twice is harmless


def test_record_and_read_back(store: HistoryStore) -> None:
    started = datetime(2026, 11, 25, 9, 30, 15, 250000, tzinfo=timezone(timedelta(hours=2)))
    new_id = store.record(rec(started, actual=181.5, planned=300, completed=False, before=6))
    [stored] = store.sessions()
    assert stored == SessionRecord(
        id=new_id,
        routine_id="quick-5",
        routine_title="Quick 5",
        started_at=datetime(2026, 11, 25, 7, 30, 15, 250000, tzinfo=UTC),
        planned_seconds=300.0,
        actual_seconds=181.5,
        completed=False,
        pain_before=6,
        pain_after=None,
    )
    assert stored.started_at.tzinfo == UTC


def test_sessions_are_newest_first_and_limited(store: HistoryStore) -> None:
    ids = [store.record(rec(local(TODAY - timedelta(days=n)))) for n in (2, 0, 1)]
    assert ids == sorted(ids)
    newest_first = [s.id for s in store.sessions()]
    assert newest_first == [ids[1], ids[2], ids[0]]
    assert [s.id for s in store.sessions(limit=2)] == [ids[1], ids[2]]
    assert store.sessions(limit=0) == []
    with pytest.raises(ValueError, match="limit"):
        store.sessions(limit=-1)


def test_given_id_is_ignored(store: HistoryStore) -> None:
    first = store.record(rec(local(TODAY)))
    second = store.record(SessionRecord(first, "x", "X", local(TODAY), 1, 1, True))
    assert second != first
    assert len(store.sessions()) == 2


def test_history_survives_reopening(db_path: Path) -> None:
    with HistoryStore(db_path) as store:
        store.record(rec(local(TODAY), before=4, after=2))
    with HistoryStore(db_path) as store:
        [stored] = store.sessions()
        assert (stored.pain_before, stored.pain_after) == (4, 2)


def test_set_pain_after(store: HistoryStore) -> None:
    session_id = store.record(rec(local(TODAY), before=7))
    store.set_pain_after(session_id, 3)
    assert store.sessions()[0].pain_after == 3
    store.set_pain_after(session_id, None)
    assert store.sessions()[0].pain_after is None


def test_set_pain_after_unknown_session(store: HistoryStore) -> None:
    with pytest.raises(KeyError, match="no session with id 42"):
        store.set_pain_after(42, 3)
    assert store.sessions() == []


@pytest.mark.parametrize("pain", [-1, 11, 3.5, True, "5"])
def test_pain_must_be_0_to_10(store: HistoryStore, pain: object) -> None:
    with pytest.raises(ValueError, match="from 0 to 10"):
        rec(local(TODAY), before=pain)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="pain_after must be a whole number from 0 to 10"):
        rec(local(TODAY), after=pain)  # type: ignore[arg-type]
    session_id = store.record(rec(local(TODAY)))
    with pytest.raises(ValueError, match="pain_after"):
        store.set_pain_after(session_id, pain)  # type: ignore[arg-type]
    assert store.sessions()[0].pain_after is None


def test_pain_bounds_are_allowed() -> None:
    for pain in (0, 10, None):
        check_pain(pain)


def test_record_needs_an_aware_time_and_sane_durations() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        rec(datetime(2026, 11, 25, 12, 0))
    with pytest.raises(ValueError, match="actual_seconds must be zero or more"):
        rec(local(TODAY), actual=-1)
    with pytest.raises(ValueError, match="planned_seconds"):
        rec(local(TODAY), planned=float("nan"))


# --- statistics ----------------------------------------------------------------------


def test_sessions_per_day(store: HistoryStore) -> None:
    store.record(rec(local(TODAY, 0, 5)))
    store.record(rec(local(TODAY, 23, 55)))
    store.record(rec(local(TODAY - timedelta(days=2), 8)))
    store.record(rec(local(TODAY - timedelta(days=3), 23, 59)))  # just outside the range
    store.record(rec(local(TODAY + timedelta(days=1), 0, 1)))  # tomorrow: not counted
    assert store.sessions_per_day(3, TODAY) == [
        (date(2026, 11, 23), 1),
        (date(2026, 11, 24), 0),
        (date(2026, 11, 25), 2),
    ]
    assert store.sessions_per_day(0, TODAY) == []


def test_minutes_per_week_starts_on_monday(store: HistoryStore) -> None:
    monday = date(2026, 11, 23)
    store.record(rec(local(monday, 0, 1), actual=600))  # this week
    store.record(rec(local(TODAY), actual=90))  # this week
    store.record(rec(local(monday - timedelta(days=1), 23, 59), actual=120))  # Sunday before
    store.record(rec(local(monday - timedelta(days=14)), actual=60))  # two weeks ago
    store.record(rec(local(monday - timedelta(days=21)), actual=6000))  # outside the range
    assert store.minutes_per_week(3, TODAY) == [
        (date(2026, 11, 9), 1.0),
        (date(2026, 11, 16), 2.0),
        (date(2026, 11, 23), 11.5),
    ]
    assert store.minutes_per_week(0, TODAY) == []


def test_streak_counts_consecutive_days_up_to_today(store: HistoryStore) -> None:
    assert store.current_streak(TODAY) == 0
    for days_ago in (0, 0, 1, 2):  # two sessions today count once
        store.record(rec(local(TODAY - timedelta(days=days_ago), 8 + days_ago)))
    store.record(rec(local(TODAY - timedelta(days=4))))  # after a one-day gap
    store.record(rec(local(TODAY - timedelta(days=5))))
    store.record(rec(local(TODAY + timedelta(days=1))))  # future (clock change): ignored
    assert store.current_streak(TODAY) == 3
    # Seen from later days: a gap breaks the streak, a run ending yesterday still counts.
    assert store.current_streak(TODAY + timedelta(days=1)) == 4  # includes "tomorrow"
    assert store.current_streak(TODAY + timedelta(days=3)) == 0
    assert store.current_streak(TODAY - timedelta(days=3)) == 2  # days 4 and 5 ago


def test_streak_ending_yesterday(store: HistoryStore) -> None:
    store.record(rec(local(TODAY - timedelta(days=1), 23, 59)))
    store.record(rec(local(TODAY - timedelta(days=2), 0, 0)))
    assert store.current_streak(TODAY) == 2
    store.record(rec(local(TODAY, 0, 0)))
    assert store.current_streak(TODAY) == 3


def test_streak_lost_after_a_missed_day(store: HistoryStore) -> None:
    store.record(rec(local(TODAY - timedelta(days=2))))
    assert store.current_streak(TODAY) == 0


def test_pain_series_is_oldest_first_and_skips_unrated(store: HistoryStore) -> None:
    store.record(rec(local(TODAY, 9), before=5, after=3))
    store.record(rec(local(TODAY - timedelta(days=1)), before=None, after=None))
    store.record(rec(local(TODAY - timedelta(days=2)), before=8))
    store.record(rec(local(TODAY, 7), after=2))
    series = store.pain_series()
    assert [(p[1], p[2]) for p in series] == [(8, None), (None, 2), (5, 3)]
    assert series[0][0] == local(TODAY - timedelta(days=2)).astimezone(UTC)


@pytest.fixture
def new_york_ish() -> Iterator[None]:
    """Switch the process to UTC-5 (no DST) so local days differ from UTC days."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "EST5"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.mark.usefixtures("new_york_ish")
def test_day_boundaries_use_local_time(store: HistoryStore) -> None:
    # 03:00 UTC on the 25th is 22:00 on the 24th for the user.
    store.record(rec(datetime(2026, 11, 25, 3, 0, tzinfo=UTC)))
    assert store.sessions_per_day(2, TODAY) == [(date(2026, 11, 24), 1), (TODAY, 0)]
    assert store.current_streak(TODAY) == 1  # yesterday, locally
    assert store.current_streak(date(2026, 11, 24)) == 1


# --- schema and migrations -----------------------------------------------------------


def test_migrates_from_user_version_0(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE unrelated (x)")  # an existing database at version 0
    conn.commit()
    conn.close()
    assert _user_version(db_path) == 0
    with HistoryStore(db_path) as store:
        store.record(rec(local(TODAY)))
        assert len(store.sessions()) == 1
        assert store.warnings == []
    assert _user_version(db_path) == len(history._MIGRATIONS) == 1


def test_empty_file_is_migrated(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")  # SQLite treats an empty file as an empty database
    with HistoryStore(db_path) as store:
        assert store.sessions() == []
        assert store.warnings == []
    assert _user_version(db_path) == 1


def test_later_migrations_run_in_order_and_keep_data(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with HistoryStore(db_path) as store:
        store.record(rec(local(TODAY), before=4))

    def add_notes(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(history, "_MIGRATIONS", [*history._MIGRATIONS, add_notes])
    with HistoryStore(db_path) as store:
        assert [s.pain_before for s in store.sessions()] == [4]
        store.record(rec(local(TODAY)))
    assert _user_version(db_path) == 2
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT notes FROM sessions").fetchall() == [("",), ("",)]
    finally:
        conn.close()


def test_failed_migration_changes_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(history, "_MIGRATIONS", [*history._MIGRATIONS, broken])
    with pytest.raises(RuntimeError, match="migration bug"):
        HistoryStore(db_path).sessions()
    conn = sqlite3.connect(db_path)
    try:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        assert tables == []  # the whole upgrade was rolled back
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    finally:
        conn.close()


def test_newer_database_is_used_with_a_warning(db_path: Path) -> None:
    with HistoryStore(db_path) as store:
        store.record(rec(local(TODAY)))
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    with HistoryStore(db_path) as store:
        [warning] = store.warnings
        assert "written by a newer version of massage-timer (schema 7)" in warning.message
        assert warning.kept_at is None
        assert len(store.sessions()) == 1
    assert _user_version(db_path) == 7  # never downgraded


# --- damaged databases ---------------------------------------------------------------


def _freelist_damaged_db(path: Path) -> bytes:
    """A real SQLite file whose free-page list points to nonsense (quick_check fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT NOT NULL)")
    conn.executemany("INSERT INTO t (b) VALUES (?)", [("x" * 50,)] * 200)
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    data[32:36] = (7).to_bytes(4, "big")  # first freelist trunk page
    data[36:40] = (5).to_bytes(4, "big")  # number of free pages
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(
            lambda p: b"this is not a database " * 100, "file is not a database", id="garbage"
        ),
        pytest.param(lambda p: bytes(range(256)) * 16, "file is not a database", id="binary"),
        pytest.param(
            lambda p: b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + b"\x07" * 4000,
            "file is not a database",
            id="bad-header",
        ),
        pytest.param(_freelist_damaged_db, "integrity check failed", id="integrity"),
    ],
)
def test_damaged_database_is_kept_aside_and_a_new_one_started(
    db_path: Path, make: object, reason: str
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    original = make(db_path)  # type: ignore[operator]
    db_path.write_bytes(original)
    with HistoryStore(db_path) as store:
        [warning] = store.warnings
        new_id = store.record(rec(local(TODAY), before=5))
        assert [s.id for s in store.sessions()] == [new_id]
    [kept] = _corrupt_copies(db_path)
    assert kept.read_bytes() == original  # the garbage is kept, unchanged
    assert warning.kept_at == kept
    assert warning.message.startswith(f"History database {db_path} was unreadable ({reason}")
    assert warning.message.endswith(f"it was kept as {kept} and a new, empty history was started.")
    assert "\n" not in warning.message
    with HistoryStore(db_path) as store:  # the fresh database is healthy next time
        assert store.warnings == []
        assert len(store.sessions()) == 1


@pytest.mark.parametrize("suffix", ["-journal", "-wal"])
def test_leftover_sidecar_does_not_spoil_the_fresh_database(db_path: Path, suffix: str) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 100)
    db_path.with_name(db_path.name + suffix).write_bytes(b"stale " + suffix.encode())
    with HistoryStore(db_path) as store:
        assert len(store.warnings) == 1
        store.record(rec(local(TODAY)))
    with HistoryStore(db_path) as store:
        assert store.warnings == []
        assert len(store.sessions()) == 1
    [kept] = _corrupt_copies(db_path)
    assert kept.read_bytes() == b"garbage" * 100


def test_database_that_cannot_be_moved_falls_back_to_memory(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, reason: str) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(history, "move_aside", refuse)
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 100)
    with HistoryStore(db_path) as store:
        [warning] = store.warnings
        assert warning.kept_at is None
        assert "moving it failed: Permission denied" in warning.message
        assert "history is kept only until the app closes" in warning.message
        store.record(rec(local(TODAY)))
        assert len(store.sessions()) == 1
    assert db_path.read_bytes() == b"garbage" * 100


def test_locked_database_is_not_mistaken_for_damage(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with HistoryStore(db_path) as store:
        store.record(rec(local(TODAY)))
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        store = HistoryStore(db_path, lock_timeout=0.0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            store.sessions()
        other.execute("ROLLBACK")
        assert len(store.sessions()) == 1  # works once the lock is gone
        store.close()
    finally:
        other.close()
    assert _corrupt_copies(db_path) == []


def test_default_path_is_the_platform_history_db(xdg_dirs: dict[str, Path]) -> None:
    with HistoryStore() as store:
        store.record(rec(local(TODAY)))
        assert store.path.is_relative_to(xdg_dirs["data"])
        assert store.path.is_file()
