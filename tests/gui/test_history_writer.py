"""The window's history writer keeps a session the database cannot take, and says so once."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from massage_timer.gui.history_writer import HistoryWriter
from massage_timer.gui.session_controller import SessionSummary
from massage_timer.storage import history
from massage_timer.storage.history import HistoryStore

SUMMARY = SessionSummary(
    routine_id="quick-5",
    title="Quick 5 minutes",
    completed=True,
    started_at=datetime(2026, 11, 25, 8, 0, tzinfo=UTC),
    planned_seconds=300,
    actual_seconds=300,
    steps_done=4,
    step_count=4,
    pain_before=5,
)


def test_a_locked_database_keeps_the_session_and_the_rating(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, "_LOCK_TIMEOUT", 0.05)
    db = tmp_path / "history.sqlite3"
    HistoryStore(db).sessions()  # the database exists
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    writer = HistoryWriter(db)
    told: list[str] = []
    failed: list[str] = []
    writer.warning.connect(told.append)
    writer.failed.connect(failed.append)
    try:
        with qtbot.waitSignal(writer.warning):
            writer.record_summary(SUMMARY)
        assert writer.last_record is not None
        writer.set_pain_after(writer.last_record, 2).result(timeout=30)
    finally:
        other.execute("ROLLBACK")
        other.close()
        writer.close()
    [line] = told
    assert "the session was kept in" in line and "will be added to the history next time" in line
    assert failed == []
    with HistoryStore(db) as store:
        [stored] = store.sessions()
    assert stored.routine_title == SUMMARY.title
    assert (stored.pain_before, stored.pain_after) == (5, 2)


def test_a_writable_database_reports_the_new_id(qtbot: QtBot, tmp_path: Path) -> None:
    writer = HistoryWriter(tmp_path / "history.sqlite3")
    try:
        with qtbot.waitSignal(writer.recorded) as blocker:
            writer.record_summary(SUMMARY)
    finally:
        writer.close()
    assert isinstance(blocker.args[0], int)
