"""``massage-timer run --no-window``: put a plan, the clock, the voice and history together."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import IO

from massage_timer.core.clock import SystemClock
from massage_timer.core.engine import Session, State
from massage_timer.core.timeline import Plan
from massage_timer.cue_player import CuePlayer
from massage_timer.terminal_run import TerminalRun, run_blocking

EXIT_STOPPED = 130  # as a shell reports a program ended by Ctrl-C


def run_in_terminal(plan: Plan, events: IO[str] | None, mute: bool, routine_id: str) -> int:
    """Run ``plan`` in real time here; returns the exit code."""
    # With events on stdout, people's text goes to stderr so the JSON stays clean.
    out = sys.stderr if events is sys.stdout else sys.stdout
    player = None if mute else make_player(out)
    session = Session(plan, SystemClock())
    run = TerminalRun(session, out, events=events, player=player, live=out.isatty())
    started = datetime.now(UTC)
    state = run_blocking(run)
    record_session(
        plan, routine_id, started, session.position_ms() / 1000, state is State.FINISHED, out
    )
    return 0 if state is State.FINISHED else EXIT_STOPPED


def make_player(out: IO[str]) -> CuePlayer | None:
    """The voice for a terminal session; None (captions only) until one can be had."""
    return None


def record_session(
    plan: Plan,
    routine_id: str,
    started: datetime,
    actual_seconds: float,
    completed: bool,
    out: IO[str],
) -> None:
    """Add the session to the history; a history that cannot be written never fails a run."""
    from massage_timer.storage.history import HistoryStore, SessionRecord

    try:
        with HistoryStore() as store:
            for warning in store.warnings:
                print(f"massage-timer: {warning.message}", file=out)
            store.record(
                SessionRecord(
                    id=None,
                    routine_id=routine_id,
                    routine_title=plan.title,
                    started_at=started,
                    planned_seconds=plan.total_seconds,
                    actual_seconds=round(actual_seconds, 3),
                    completed=completed,
                    pain_before=None,
                    pain_after=None,
                )
            )
    except OSError as exc:
        print(f"massage-timer: the session could not be added to the history ({exc})", file=out)
