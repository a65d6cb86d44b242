"""One stored session: the record, its checks, and how the database writes its time.

Kept apart from :mod:`history` (the database) so that the statistics, the pending file
and the formatters share one definition of a record and of its time format.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from massage_timer.core.i18n import _

PAIN_MIN = 0
PAIN_MAX = 10
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"  # fixed width, so text order is time order


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


def session_record(
    routine_id: str,
    title: str,
    started_at: datetime,
    planned_seconds: float,
    actual_seconds: float,
    completed: bool,
    pain_before: int | None = None,
) -> SessionRecord:
    """The history record of a finished or stopped session (every front end uses this).

    The time actually massaged is kept to the millisecond the engine counts in.
    """
    return SessionRecord(
        id=None,
        routine_id=routine_id,
        routine_title=title,
        started_at=started_at,
        planned_seconds=planned_seconds,
        actual_seconds=round(actual_seconds, 3),
        completed=completed,
        pain_before=pain_before,
    )


@dataclass(frozen=True)
class Recorded:
    """Where :meth:`HistoryStore.record_or_keep` put a session: the database, or a file."""

    record: SessionRecord
    id: int | None  # the database id; None while the record waits in ``kept_in``
    kept_in: Path | None = None
    reason: str = ""  # why the database could not take it

    @property
    def message(self) -> str:
        """One line for the person; empty when the session is in the history."""
        if self.kept_in is None:
            return ""
        return _(
            "The history could not be written ({reason}); the session was kept in "
            "{path} and will be added to the history next time."
        ).format(reason=self.reason, path=self.kept_in)


def check_pain(value: int | None, name: str = "pain") -> None:
    """Raise ValueError unless ``value`` is None or a whole number from 0 to 10."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not PAIN_MIN <= value <= PAIN_MAX:
        raise ValueError(
            f"{name} must be a whole number from {PAIN_MIN} to {PAIN_MAX}, not {value!r}"
        )


def to_db(moment: datetime) -> str:
    """``moment`` as the database stores it: UTC text in one fixed format."""
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def from_db(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def local_midnight(day: date) -> datetime:
    # A naive datetime's astimezone() treats it as local time, which is what we want.
    return datetime.combine(day, time()).astimezone()
