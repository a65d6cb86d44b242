"""The history page: stats for sessions on several days, empty history, damaged database."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from massage_timer import paths
from massage_timer.gui.history_view import DAYS, WEEKS, HistoryView
from massage_timer.storage.history import HistoryStore, SessionRecord

TODAY = date(2026, 11, 18)  # a Wednesday


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()  # local time, as the user lived it


def _record(day: date, hour: int, seconds: float, before: int | None, after: int | None) -> None:
    with HistoryStore() as store:
        store.record(
            SessionRecord(
                None,
                "quick-5",
                "Quick 5 minutes",
                _at(day, hour),
                300,
                seconds,
                completed=seconds >= 300,
                pain_before=before,
                pain_after=after,
            )
        )


def _row(view: HistoryView, index: int) -> QTreeWidgetItem:
    item = view.recent.topLevelItem(index)
    assert item is not None, f"no row {index}"
    return item


@pytest.fixture
def sessions() -> None:
    """Today twice, yesterday, the day before (a 3-day streak), a gap, last week, older."""
    _record(TODAY, 8, 300, 6, 3)
    _record(TODAY, 19, 300, None, None)
    _record(TODAY - timedelta(days=1), 8, 300, 7, 4)
    _record(TODAY - timedelta(days=2), 8, 120, 5, None)  # stopped after two minutes
    _record(TODAY - timedelta(days=5), 8, 600, None, None)
    _record(TODAY - timedelta(days=30), 8, 300, 8, 5)


def _view(qtbot: QtBot, today: date = TODAY) -> HistoryView:
    view = HistoryView(today=today)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.usefixtures("sessions")
def test_stats_for_sessions_on_several_days(qtbot: QtBot) -> None:
    view = _view(qtbot)
    assert view.streak_card.value.text() == "3"
    assert view.streak_card.caption.text() == "days in a row"
    per_day = view.per_day.data
    assert len(per_day) == DAYS and per_day[-1] == ("Today", 2.0)
    assert [count for _, count in per_day[-6:]] == [1, 0, 0, 1, 1, 2]
    assert view.days_card.value.text() == "5"
    assert view.total_card.value.text() == "6"
    # This week (from Monday the 16th): 5 + 5 + 5 + 2 minutes; last week: 10 minutes.
    per_week = view.per_week.data
    assert len(per_week) == WEEKS
    assert per_week[-1][0] == "This wk" and per_week[-1][1] == pytest.approx(17.0)
    assert per_week[-2][1] == pytest.approx(10.0)
    assert view.week_card.value.text() == "17"
    assert [(b, a) for _, b, a in view.pain.points] == [(8, 5), (5, None), (7, 4), (6, 3)]
    assert "not rated after" in view.pain.accessibleDescription()
    assert view.recent.topLevelItemCount() == 6
    newest = _row(view, 0)
    assert newest.text(1) == "Quick 5 minutes" and newest.text(2) == "5:00"
    stopped = _row(view, 3)
    assert (stopped.text(2), stopped.text(3), stopped.text(4)) == ("2:00", "stopped", "5 → –")
    assert _row(view, 1).text(4) == "6 → 3"
    assert not view.notice.isVisible()
    assert not view.grab().isNull()


def test_no_history_is_shown_gracefully(qtbot: QtBot) -> None:
    view = _view(qtbot)
    assert view.streak_card.value.text() == "0"
    assert all(count == 0 for _, count in view.per_day.data)
    assert view.pain.points == [] and view.pain.accessibleDescription() == "No pain ratings yet"
    assert view.recent_empty.isVisible() and not view.recent.isVisible()
    assert not view.grab().isNull()  # the charts paint their empty state


@pytest.mark.usefixtures("sessions")
def test_refresh_reads_new_sessions(qtbot: QtBot) -> None:
    view = _view(qtbot, TODAY + timedelta(days=1))
    assert view.streak_card.value.text() == "3"  # not lost before the day is over
    _record(TODAY + timedelta(days=1), 7, 300, 4, 2)
    view.refresh()
    assert view.streak_card.value.text() == "4"
    assert view.pain.points[-1][1:] == (4, 2)


def test_a_damaged_database_is_reported_and_set_aside(qtbot: QtBot) -> None:
    db = paths.history_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    view = _view(qtbot)
    assert view.notice.isVisible()
    assert "History database" in view.notice.text()
    assert view.total_card.value.text() == "0"
    kept = [p for p in db.parent.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1


def test_uses_the_given_store_factory(qtbot: QtBot, tmp_path: Path) -> None:
    own = tmp_path / "elsewhere.sqlite3"
    with HistoryStore(own) as store:
        store.record(SessionRecord(None, "x", "X", _at(TODAY, 9), 60, 60, True))
    view = HistoryView(store_factory=lambda: HistoryStore(own), today=TODAY)
    qtbot.addWidget(view)
    assert view.total_card.value.text() == "1"
    assert not paths.history_db().exists()


def test_back_emits_closed(qtbot: QtBot) -> None:
    view = _view(qtbot)
    with qtbot.waitSignal(view.closed):
        qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
