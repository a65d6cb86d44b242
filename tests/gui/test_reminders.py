"""Daily reminders on a fake wall clock, and the tray wrapper where there is no tray."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from massage_timer.gui.reminders import (
    GRACE,
    MAX_WAIT_MS,
    ReminderScheduler,
    next_occurrence,
    parse_times,
)
from massage_timer.gui.tray import TrayIcon, app_icon
from massage_timer.storage.settings import Settings

DAY = datetime(2026, 11, 23)


class FakeNow:
    """A wall clock that only moves when the test says so."""

    def __init__(self, start: datetime) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def set(self, hh: int, mm: int, ss: int = 0, days: int = 0) -> None:
        self.value = datetime.combine(DAY.date() + timedelta(days=days), time(hh, mm, ss))


@pytest.fixture
def now() -> FakeNow:
    return FakeNow(DAY.replace(hour=8, minute=59))


@pytest.fixture
def scheduler(qtbot: QtBot, now: FakeNow) -> ReminderScheduler:
    settings = Settings(reminders=("18:30", "09:00", "09:00"), reminder_routine="desk-break")
    return ReminderScheduler(settings, now=now)


def test_parse_and_next_occurrence() -> None:
    assert parse_times(["18:30", "09:00", "9:00", "25:00", " 07:05 ", "09:00"]) == [
        time(7, 5),
        time(9),
        time(18, 30),
    ]
    times = [time(9), time(18, 30)]
    assert next_occurrence(times, DAY.replace(hour=9)) == DAY.replace(hour=18, minute=30)
    assert next_occurrence(times, DAY.replace(hour=20)) == DAY.replace(day=24, hour=9)
    assert next_occurrence([], DAY) is None


def test_arms_a_single_shot_timer_for_the_next_time(scheduler: ReminderScheduler) -> None:
    assert scheduler.next_due() == DAY.replace(hour=9)
    assert scheduler.timer.isSingleShot() and scheduler.timer.isActive()
    assert scheduler.timer.interval() == 60_000


def test_fires_then_rearms_for_the_next_one_and_daily(
    qtbot: QtBot, scheduler: ReminderScheduler, now: FakeNow
) -> None:
    now.set(9, 0)
    with qtbot.waitSignal(scheduler.reminder_due) as blocker:
        scheduler.check()
    assert blocker.args == ["desk-break"]
    assert scheduler.next_due() == DAY.replace(hour=18, minute=30)
    assert scheduler.timer.interval() == MAX_WAIT_MS  # long waits are cut into pieces
    now.set(18, 30, 1)
    with qtbot.waitSignal(scheduler.reminder_due):
        scheduler.check()
    assert scheduler.next_due() == DAY.replace(day=24, hour=9)  # re-armed for tomorrow


def test_a_wake_before_the_time_does_not_fire(
    qtbot: QtBot, scheduler: ReminderScheduler, now: FakeNow
) -> None:
    now.set(8, 59, 30)
    with qtbot.assertNotEmitted(scheduler.reminder_due):
        scheduler.check()
    assert scheduler.next_due() == DAY.replace(hour=9)
    assert scheduler.timer.interval() == 30_000


def test_a_reminder_missed_while_asleep_is_skipped(
    qtbot: QtBot, scheduler: ReminderScheduler, now: FakeNow
) -> None:
    late = DAY.replace(hour=9) + GRACE + timedelta(minutes=1)
    now.value = late
    with qtbot.assertNotEmitted(scheduler.reminder_due):
        scheduler.check()
    assert scheduler.next_due() == DAY.replace(hour=18, minute=30)


def test_the_real_timer_wakes_it(qtbot: QtBot) -> None:
    # The clock reads 50 ms before nine the first time, nine from then on.
    readings = iter([DAY.replace(hour=8, minute=59, second=59, microsecond=950_000)])
    scheduler = ReminderScheduler(
        Settings(reminders=("09:00",)), now=lambda: next(readings, DAY.replace(hour=9))
    )
    with qtbot.waitSignal(scheduler.reminder_due, timeout=5000) as blocker:
        pass
    assert blocker.args == ["quick-5"]


def test_changed_settings_rearm_or_stop(scheduler: ReminderScheduler, now: FakeNow) -> None:
    scheduler.apply_settings(Settings(reminders=("08:00",), reminder_routine="lower-back"))
    assert scheduler.next_due() == DAY.replace(day=24, hour=8)
    assert scheduler.routine_id == "lower-back"
    scheduler.apply_settings(Settings(reminders=()))
    assert scheduler.next_due() is None and not scheduler.timer.isActive()
    scheduler.check()  # nothing due, nothing happens


def test_tray_without_a_system_tray_does_nothing_and_says_so(qtbot: QtBot) -> None:
    tray = TrayIcon()
    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("this desktop has a system tray")
    assert not tray.available
    assert "No system tray" in tray.status
    tray.show()
    assert not tray.is_visible()
    with qtbot.assertNotEmitted(tray.start_requested):
        assert not tray.notify_reminder("quick-5", "Quick 5 minutes")
    assert tray.pending_routine == "quick-5"
    assert not app_icon().isNull()
