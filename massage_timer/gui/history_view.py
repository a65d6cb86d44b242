"""The history page: streak, sessions per day, minutes per week, pain, recent sessions.

The page opens the history store only while it reads it (``refresh``), so the database is
never held open by a page nobody looks at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from massage_timer.core.i18n import _, ngettext
from massage_timer.core.timefmt import clock_text
from massage_timer.gui.charts import BarChart, PainChart
from massage_timer.gui.language import date_time, day_month, weekday_day
from massage_timer.gui.text import TextLabel, tip
from massage_timer.gui.theme import em, scale_font
from massage_timer.storage.history import HistoryStore, SessionRecord

DAYS = 14
WEEKS = 8
RECENT = 50
READ_WAIT_S = 1.0  # the page reads on the GUI thread: wait for another's lock only briefly


def _own_history() -> HistoryStore:
    return HistoryStore(lock_timeout=READ_WAIT_S)


def _minutes_text(minutes: float) -> str:
    return f"{minutes:.0f}" if minutes >= 10 or minutes == 0 else f"{minutes:.1f}"


def _pain_text(record: SessionRecord) -> str:
    if record.pain_before is None and record.pain_after is None:
        return ""
    before = "–" if record.pain_before is None else str(record.pain_before)
    after = "–" if record.pain_after is None else str(record.pain_after)
    return f"{before} → {after}"


class _StatCard(QFrame):
    """A big number with a caption under it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.value = TextLabel("0")
        scale_font(self.value, 2.2, weight=700)
        self.caption = TextLabel(caption)
        self.value.setAccessibleName(caption)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, caption: str | None = None) -> None:
        self.value.setText(value)
        if caption is not None:
            self.caption.setText(caption)
            self.value.setAccessibleName(caption)


def _section(title: str, body: QWidget) -> QFrame:
    frame = QFrame()
    frame.setObjectName("card")
    heading = TextLabel(title)
    scale_font(heading, 1.1, weight=600)
    layout = QVBoxLayout(frame)
    layout.addWidget(heading)
    layout.addWidget(body, 1)
    return frame


class HistoryView(QWidget):
    """The history page. Call :meth:`refresh` whenever it is shown; emits ``closed()``.

    ``store_factory`` makes a :class:`HistoryStore` (the default opens the user's own);
    ``today`` fixes the date for tests, else the local date at each refresh.
    """

    closed = Signal()

    def __init__(
        self,
        store_factory: Callable[[], HistoryStore] = _own_history,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store_factory = store_factory
        self._today = today
        self.setAccessibleName(_("History"))

        back = QPushButton(_("← Back"))
        back.setAccessibleName(_("Back to routines"))
        back.setAccessibleDescription(_("Leave the history for the list of routines"))
        back.clicked.connect(self.closed.emit)
        self.back_button = back
        heading = TextLabel(_("History"))
        scale_font(heading, 1.6, weight=600)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addSpacing(em(self, 0.5))
        top.addWidget(heading)
        top.addStretch(1)

        self.streak_card = _StatCard(ngettext("day streak", "days in a row", 1))
        self.week_card = _StatCard(_("minutes this week"))
        self.days_card = _StatCard(_("sessions in the last {days} days").format(days=DAYS))
        self.total_card = _StatCard(_("sessions in all"))
        stats = QHBoxLayout()
        for card in (self.streak_card, self.week_card, self.days_card, self.total_card):
            stats.addWidget(card)

        self.per_day = BarChart(
            _("Sessions per day, last {days} days").format(days=DAYS),
            _("No sessions in these two weeks yet"),
        )
        self.per_week = BarChart(
            _("Minutes per week, last {weeks} weeks").format(weeks=WEEKS),
            _("No minutes in these weeks yet"),
            value_text=_minutes_text,
        )
        self.pain = PainChart()
        self.recent = QTreeWidget()
        self.recent.setAccessibleName(_("Recent sessions"))
        self.recent.setHeaderLabels([_("When"), _("Routine"), _("Time"), _("Done"), _("Pain")])
        self.recent.setRootIsDecorated(False)
        self.recent.setAlternatingRowColors(True)
        self.recent.setUniformRowHeights(True)
        header = self.recent.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.recent_empty = TextLabel(
            _("No sessions yet. Your finished sessions will be listed here.")
        )
        self.recent_empty.setWordWrap(True)
        self.recent_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        recent_box = QWidget()
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.setContentsMargins(0, 0, 0, 0)
        recent_layout.addWidget(self.recent, 1)
        recent_layout.addWidget(self.recent_empty, 1)

        grid = QGridLayout()
        grid.addWidget(
            _section(_("Sessions per day · last {days} days").format(days=DAYS), self.per_day), 0, 0
        )
        grid.addWidget(
            _section(_("Minutes per week · last {weeks} weeks").format(weeks=WEEKS), self.per_week),
            0,
            1,
        )
        grid.addWidget(_section(_("Pain before and after (0–10)"), self.pain), 1, 0)
        grid.addWidget(_section(_("Recent sessions"), recent_box), 1, 1)
        grid.setRowStretch(0, 2)
        grid.setRowStretch(1, 3)

        self.notice = TextLabel()
        self.notice.setObjectName("banner")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_("Notice"))
        self.notice.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(em(self, 1), em(self, 1), em(self, 1), em(self, 1))
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(stats)
        layout.addLayout(grid, 1)
        self.refresh()

    def refresh(self) -> None:
        """Read the history again and show it."""
        today = self._today or date.today()
        try:
            with self._store_factory() as store:
                warnings = store.warnings
                per_day = store.sessions_per_day(DAYS, today)
                per_week = store.minutes_per_week(WEEKS, today)
                streak = store.current_streak(today)
                pain = store.pain_series()
                recent = store.sessions(limit=RECENT)
                total, _minutes = store.totals()  # counted by the database
        except (sqlite3.Error, OSError) as exc:
            self._notify(_("The history could not be read: {reason}").format(reason=exc))
            return
        self._notify(" ".join(str(w) for w in warnings))

        self.streak_card.set(str(streak), ngettext("day streak", "days in a row", streak))
        this_week = per_week[-1][1] if per_week else 0.0
        self.week_card.set(_minutes_text(this_week))
        self.days_card.set(str(sum(count for _day, count in per_day)))
        self.total_card.set(str(total))

        self.per_day.set_data([(_day_label(day, today), float(n)) for day, n in per_day])
        self.per_week.set_data([(_week_label(monday, today), m) for monday, m in per_week])
        self.pain.set_data(pain)
        self._fill_recent(recent)

    def _notify(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _fill_recent(self, records: list[SessionRecord]) -> None:
        self.recent.clear()
        for record in records:
            local = record.started_at.astimezone()
            item = QTreeWidgetItem(
                [
                    date_time(local),
                    record.routine_title,
                    clock_text(record.actual_seconds),
                    "✓" if record.completed else _("stopped"),
                    _pain_text(record),
                ]
            )
            item.setToolTip(1, tip(record.routine_id))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            done = _("completed") if record.completed else _("stopped early")
            item.setData(3, Qt.ItemDataRole.AccessibleTextRole, done)
            self.recent.addTopLevelItem(item)
        self.recent.setVisible(bool(records))
        self.recent_empty.setVisible(not records)


def _day_label(day: date, today: date) -> str:
    if day == today:
        return _("Today")
    return weekday_day(day)


def _week_label(monday: date, today: date) -> str:
    if monday <= today < monday + timedelta(days=7):
        return _("This wk")
    return day_month(monday)
