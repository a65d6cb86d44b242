"""``massage-timer run --no-window``: put a plan, the clock, the voice and history together."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from massage_timer.cli.terminal_run import TerminalRun, run_blocking, run_with_qt
from massage_timer.core.clock import SystemClock
from massage_timer.core.engine import Session, State
from massage_timer.core.i18n import _
from massage_timer.core.timeline import Plan
from massage_timer.storage.settings import Settings, load_settings

if TYPE_CHECKING:
    from massage_timer.audio.player import SoundPlayer

EXIT_STOPPED = 130  # as a shell reports a program ended by Ctrl-C
READY_TIMEOUT_S = 3.0  # a sound stream that takes longer than this to start is not waited for


def run_in_terminal(
    plan: Plan,
    events: IO[str] | None,
    mute: bool,
    routine_id: str,
    settings: Settings | None = None,
) -> int:
    """Run ``plan`` in real time here; returns the exit code.

    With sound the session is driven by a Qt event loop (the audio stream needs one);
    muted, by a plain loop that never loads Qt.
    """
    # With events on stdout, people's text goes to stderr so the JSON stays clean.
    out = sys.stderr if events is sys.stdout else sys.stdout
    if settings is None:  # the command line loads them once, for the plan too
        settings = _settings(out)
    session = Session(plan, SystemClock())
    started = datetime.now(UTC)
    if mute or settings.mute:
        run = TerminalRun(session, out, events=events, live=out.isatty())
        state = run_blocking(run)
    else:
        state = _run_with_sound(session, out, events, settings)
    record_session(
        plan, routine_id, started, session.position_ms() / 1000, state is State.FINISHED, out
    )
    return 0 if state is State.FINISHED else EXIT_STOPPED


def _settings(out: IO[str]) -> Settings:
    settings, problems = load_settings()
    for problem in problems:
        print(f"massage-timer: {problem.message}", file=out)
    return settings


def _run_with_sound(
    session: Session, out: IO[str], events: IO[str] | None, settings: Settings
) -> State:
    """The session with voice and sounds; captions only (and one warning) if sound fails."""
    try:
        from massage_timer.audio.qt_loop import core_application, wait_until
        from massage_timer.audio.qtlog import quiet_multimedia_messages
    except ImportError as exc:  # Qt's libraries are missing
        from massage_timer.audio.availability import no_multimedia_warning

        print(f"massage-timer: {no_multimedia_warning(str(exc))}", file=out)
        return run_blocking(TerminalRun(session, out, events=events, live=out.isatty()))

    with quiet_multimedia_messages():
        _app = core_application()
        player = make_player(out, settings)
        try:
            # Speech for the first cues and a steady stream before the clock starts, so
            # the opening announcement is as punctual as the rest.
            player.prepare(session.plan)
            wait_until(player.is_ready, READY_TIMEOUT_S)
            run = TerminalRun(session, out, events=events, player=player, live=out.isatty())
            return run_with_qt(run)
        finally:
            player.close()


def make_player(out: IO[str], settings: Settings) -> SoundPlayer:
    """The voice for a terminal session; each warning about missing sound printed once."""
    from massage_timer.audio import create_cue_player

    player, warnings = create_cue_player(settings)
    for warning in warnings:
        print(f"massage-timer: {warning}", file=out)
    out.flush()
    player.problem.connect(lambda message: print(f"massage-timer: {message}", file=out))
    return player


class EventsFile(io.TextIOWrapper):
    """The ``--events FILE`` stream: a write that fails is told once, never a traceback.

    The session goes on (hands are busy, and the history is still kept); the command
    ends with a non-zero exit when :attr:`failed` is set.
    """

    failed: OSError | None = None  # the first write that failed
    path: Path = Path()

    @classmethod
    def open(cls, path: Path) -> EventsFile:
        """Open ``path`` for the events; raises OSError (see :meth:`problem`)."""
        events = cls(open(path, "wb"), encoding="utf-8", line_buffering=True)  # noqa: SIM115
        events.path = path
        return events

    @staticmethod
    def problem(path: Path, exc: OSError) -> str:
        """One line about why the events could not be written to ``path``."""
        return _("the events could not be written to {path} ({reason})").format(
            path=path, reason=exc.strerror or exc
        )

    def write(self, text: str) -> int:
        if self.failed is not None:
            return len(text)
        try:
            return super().write(text)
        except OSError as exc:
            self._fail(exc)
            return len(text)

    def flush(self) -> None:
        if self.failed is not None:
            return
        try:
            super().flush()
        except OSError as exc:
            self._fail(exc)

    def close(self) -> None:
        try:
            super().close()
        except OSError as exc:  # the last buffered line could not land either
            if self.failed is None:
                self._fail(exc)

    def _fail(self, exc: OSError) -> None:
        self.failed = exc
        print(f"massage-timer: {self.problem(self.path, exc)}", file=sys.stderr, flush=True)


def record_session(
    plan: Plan,
    routine_id: str,
    started: datetime,
    actual_seconds: float,
    completed: bool,
    out: IO[str],
) -> None:
    """Add the session to the history; a history that cannot be written never fails a run.

    A database that is locked for long, read-only or not there to write keeps the
    session in a pending file instead, which one line names.
    """
    from massage_timer.storage.history import HistoryStore, session_record

    rec = session_record(
        routine_id, plan.title, started, plan.total_seconds, actual_seconds, completed
    )
    store = HistoryStore()
    try:
        outcome = store.record_or_keep(rec)
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(
            _(
                "massage-timer: the session could not be added to the history, nor kept "
                "for later ({reason}{where})"
            ).format(reason=exc.strerror or exc, where=where),
            file=out,
        )
        return
    finally:
        for warning in store.notices:
            print(f"massage-timer: {warning.message}", file=out)
        store.close()
    if outcome.message:
        print(f"massage-timer: {outcome.message}", file=out)
