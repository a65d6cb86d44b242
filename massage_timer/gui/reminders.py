"""Daily reminders: ``reminder_due(routine_id)`` at each "HH:MM" of the settings.

The wall clock is read only to find the next occurrence; a single-shot QTimer then
waits for it. The wait is cut into pieces of at most ``MAX_WAIT_MS``, and each wake
reads the clock again, so a suspended laptop or a clock change is noticed within
minutes instead of firing hours off. A reminder missed by more than ``GRACE`` (the
computer was asleep at 09:00) is skipped rather than shown late. ``now`` is injectable
so tests can move the clock and call :meth:`ReminderScheduler.check` directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from massage_timer.storage.settings import Settings

MAX_WAIT_MS = 10 * 60 * 1000
GRACE = timedelta(minutes=10)
_HHMM = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


def parse_times(reminders: Iterable[str]) -> list[time]:
    """The valid "HH:MM" entries as times, sorted, without duplicates."""
    found = set()
    for text in reminders:
        match = _HHMM.fullmatch(text.strip())
        if match:
            found.add(time(int(match.group(1)), int(match.group(2))))
    return sorted(found)


def next_occurrence(times: Iterable[time], after: datetime) -> datetime | None:
    """The first moment strictly after ``after`` that is one of ``times`` (local, daily)."""
    candidates = []
    for at in times:
        moment = datetime.combine(after.date(), at, tzinfo=after.tzinfo)
        if moment <= after:
            moment = datetime.combine(after.date() + timedelta(days=1), at, tzinfo=after.tzinfo)
        candidates.append(moment)
    return min(candidates, default=None)


class ReminderScheduler(QObject):
    """Fires ``reminder_due(routine_id)`` at each reminder time, every day."""

    reminder_due = Signal(str)

    def __init__(
        self,
        settings: Settings | None = None,
        now: Callable[[], datetime] = datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._times: list[time] = []
        self._routine = ""
        self._due: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)  # minutes matter, not milliseconds
        self.timer.timeout.connect(self.check)
        if settings is not None:
            self.apply_settings(settings)

    def apply_settings(self, settings: Settings) -> None:
        """Take the reminder times and routine from ``settings`` (call on every change)."""
        self.set_reminders(settings.reminders, settings.reminder_routine)

    def set_reminders(self, times: Iterable[str], routine_id: str) -> None:
        self._times = parse_times(times)
        self._routine = routine_id
        self._due = next_occurrence(self._times, self._now())
        self._arm()

    def stop(self) -> None:
        self._times = []
        self._due = None
        self.timer.stop()

    @property
    def routine_id(self) -> str:
        return self._routine

    def next_due(self) -> datetime | None:
        """When the next reminder comes, or None when there are none."""
        return self._due

    def check(self) -> None:
        """Wake-up: fire if the reminder is due, then arm for the next one."""
        if self._due is None:
            return
        now = self._now()
        if now >= self._due:
            if now - self._due <= GRACE:
                self.reminder_due.emit(self._routine)
            # From the due time, not from now: a timer waking a little early or late
            # must neither fire the same reminder twice nor skip the next one.
            self._due = next_occurrence(self._times, max(now, self._due))
        self._arm()

    def _arm(self) -> None:
        self.timer.stop()
        if self._due is None:
            return
        wait = (self._due - self._now()).total_seconds() * 1000
        self.timer.start(max(0, min(MAX_WAIT_MS, round(wait))))
