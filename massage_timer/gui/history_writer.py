"""Writes sessions to the history database on a worker thread, never on the GUI thread.

One worker thread does every write in order, so a pain rating given after the session
lands after the session's own record. The SQLite connection is made and used on that
thread only. Results come back as signals, queued to the GUI thread by Qt.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from massage_timer.core.i18n import _

if TYPE_CHECKING:
    from massage_timer.gui.session_controller import SessionSummary
    from massage_timer.storage.history import HistoryStore, Recorded, SessionRecord


class HistoryWriter(QObject):
    """Records sessions and pain ratings in the background."""

    recorded = Signal(int)  # the id of a session just stored in the database
    warning = Signal(str)  # something the person should know (a session kept for later)
    failed = Signal(str)  # a write that did not happen, in one line

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history")
        self._store: HistoryStore | None = None  # made on the worker thread
        self._told = 0  # how many of the store's notices were passed on already
        self._last: Future[Any] | None = None
        self.last_record: Future[Recorded] | None = None  # the latest session stored

    def record_summary(self, summary: SessionSummary) -> None:
        """Store a session the controller reports as finished or stopped."""
        from massage_timer.storage.history import session_record

        self.last_record = self.record(
            session_record(
                summary.routine_id,
                summary.title,
                summary.started_at,
                summary.planned_seconds,
                summary.actual_seconds,
                summary.completed,
                summary.pain_before,
            )
        )

    def record(self, rec: SessionRecord) -> Future[Recorded]:
        """Store ``rec`` (or keep it for later); the future says where it went."""
        future = self._pool.submit(self._record, rec)
        self._last = future
        return future

    def set_pain_after(self, record: Future[Recorded], pain: int | None) -> Future[None]:
        """Store the rating given after the session ``record`` stored (None: skipped)."""
        future = self._pool.submit(self._pain_after, record, pain)
        self._last = future
        return future

    def wait(self, timeout: float | None = 30.0) -> None:
        """Block until every write asked for so far is done (used at exit and in tests)."""
        if self._last is not None:
            # Any failure was reported through `failed` already.
            with suppress(Exception):
                self._last.result(timeout)

    def close(self) -> None:
        """Finish pending writes and close the database."""
        self._pool.submit(self._close)
        self._pool.shutdown(wait=True)

    # -- on the worker thread -----------------------------------------------------------

    def _open(self) -> HistoryStore:
        if self._store is None:
            from massage_timer.storage.history import HistoryStore

            self._store = HistoryStore(self._path)
        return self._store

    def _tell_notices(self, store: HistoryStore) -> None:
        notices = store.notices
        for item in notices[self._told :]:
            self.warning.emit(item.message)
        self._told = len(notices)

    def _record(self, rec: SessionRecord) -> Recorded:
        store = self._open()
        try:
            # Waits for a lock a while, then keeps the session in a pending file.
            outcome = store.record_or_keep(rec)
        except Exception as exc:
            self.failed.emit(
                _("The session could not be added to the history ({reason}).").format(reason=exc)
            )
            raise
        finally:
            self._tell_notices(store)
        if outcome.id is None:
            self.warning.emit(outcome.message)
        else:
            self.recorded.emit(outcome.id)
        return outcome

    def _pain_after(self, record: Future[Recorded], pain: int | None) -> None:
        try:
            self._open().set_pain_after_of(record.result(), pain)
        except Exception as exc:
            self.failed.emit(_("The pain rating could not be saved ({reason}).").format(reason=exc))
            raise

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
