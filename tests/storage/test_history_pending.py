"""The history store keeps sessions it cannot write, and adds them when it can."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from massage_timer.storage.history import HistoryStore, SessionRecord, session_record


def _session(minute: int = 0) -> SessionRecord:
    return session_record(
        "quick-5", "Quick 5", datetime(2026, 11, 25, 8, minute, tzinfo=UTC), 300, 299.99951, True, 6
    )


@contextmanager
def _locked(db: Path) -> Iterator[None]:
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        store.warnings  # noqa: B018 - creates the database
    return path


def test_one_function_builds_the_record() -> None:
    rec = _session()
    assert rec.id is None and rec.actual_seconds == 300.0  # to the millisecond
    assert (rec.pain_before, rec.pain_after) == (6, None)


def test_a_locked_database_keeps_the_record_and_the_next_open_adds_it(db: Path) -> None:
    rec = _session()
    with _locked(db):
        store = HistoryStore(db, lock_timeout=0.05)
        outcome = store.record_or_keep(rec)
        store.close()
    assert outcome.id is None and outcome.kept_in == db.with_name(db.name + ".pending.jsonl")
    assert "locked by another program for more than 0.05 s" in outcome.message
    assert str(outcome.kept_in) in outcome.message and "\n" not in outcome.message
    with HistoryStore(db) as store:
        [stored] = store.sessions()
        assert store.pending() == []
    assert (stored.routine_id, stored.started_at, stored.pain_before) == (
        rec.routine_id,
        rec.started_at,
        6,
    )
    assert outcome.kept_in is not None and not outcome.kept_in.exists()


def test_a_pain_rating_reaches_a_kept_record(db: Path) -> None:
    with _locked(db):
        store = HistoryStore(db, lock_timeout=0.05)
        outcome = store.record_or_keep(_session())
        rated = store.set_pain_after_of(outcome, 2)
        store.close()
    assert rated.kept_in == outcome.kept_in and rated.record.pain_after == 2
    with HistoryStore(db) as store:
        [stored] = store.sessions()
    assert stored.pain_after == 2


def test_a_pain_rating_reaches_a_record_added_meanwhile(db: Path) -> None:
    with _locked(db):
        store = HistoryStore(db, lock_timeout=0.05)
        outcome = store.record_or_keep(_session())
        store.close()
    HistoryStore(db).sessions()  # another instance opened it: the record moved in
    with HistoryStore(db) as store:
        store.set_pain_after_of(outcome, 1)
        [stored] = store.sessions()
    assert stored.pain_after == 1


def test_records_in_the_database_take_ratings_by_id(db: Path) -> None:
    with HistoryStore(db) as store:
        outcome = store.record_or_keep(_session())
        assert outcome.id is not None and outcome.message == ""
        store.set_pain_after_of(outcome, 3)
        assert store.sessions()[0].pain_after == 3


def test_lines_that_are_not_records_stay_in_the_file(db: Path) -> None:
    pending = db.with_name(db.name + ".pending.jsonl")
    with _locked(db):
        HistoryStore(db, lock_timeout=0.05).record_or_keep(_session())
    with pending.open("a") as handle:
        handle.write("{not json\n")
    with HistoryStore(db) as store:
        assert len(store.sessions()) == 1
    assert pending.read_text() == "{not json\n"


def test_totals_are_counted_by_the_database(db: Path) -> None:
    with HistoryStore(db) as store:
        assert store.totals() == (0, 0.0)
        store.record_or_keep(_session(0))
        store.record_or_keep(_session(10))
        count, minutes = store.totals()
    assert count == 2 and minutes == pytest.approx(10.0)


def test_a_line_with_impossible_values_does_not_hold_back_the_others(db: Path) -> None:
    pending = db.with_name(db.name + ".pending.jsonl")
    with _locked(db):
        HistoryStore(db, lock_timeout=0.05).record_or_keep(_session())
    good = pending.read_text()
    bad = good.replace('"actual_seconds": 300.0', '"actual_seconds": -5')
    assert bad != good
    pending.write_text(bad + good.replace("08:00:00", "09:00:00"))
    with HistoryStore(db) as store:
        assert [r.started_at.hour for r in store.sessions()] == [9]
    assert pending.read_text() == bad  # kept for a person to look at
