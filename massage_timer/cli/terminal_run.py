"""A real-time session in the terminal: a live status line, captions, JSON events, keys."""

from __future__ import annotations

import json
import os
import select
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from massage_timer.core import phrases
from massage_timer.core.answers import Answerer, Command
from massage_timer.core.cue_player import CuePlayer
from massage_timer.core.engine import CueDue, Event, SegmentStarted, Session, State, StateChanged
from massage_timer.core.i18n import _
from massage_timer.core.timefmt import clock_text
from massage_timer.core.timeline import CueKind

DISPLAY_MS = 1000  # the status line moves once a second
_STATE_EVENTS = {
    State.PAUSED: "paused",
    State.RUNNING: "resumed",
    State.FINISHED: "finished",
    State.STOPPED: "stopped",
}


class TerminalRun:
    """Handles what the engine reports and works out when to wake next.

    ``step()`` is the whole of one wake-up, so a plain sleeping loop and a Qt event loop
    can both drive it.
    """

    def __init__(
        self,
        session: Session,
        out: IO[str],
        events: IO[str] | None = None,
        player: CuePlayer | None = None,
        live: bool = False,
    ) -> None:
        self.session = session
        self.out = out
        self.events = events
        self.player = player
        self.live = live  # a terminal: draw an updating status line
        self._started = False
        self._line_shown = False
        self._answers = Answerer(session)

    def begin(self) -> None:
        if self.player is not None:
            self.player.prepare(self.session.plan)
        self.session.start()

    def step(self) -> float | None:
        """Handle what is due; the seconds until the next wake, or None once the session ended."""
        for event in self.session.poll():
            self._handle(event)
        if self.session.state in (State.FINISHED, State.STOPPED):
            self._end_line()
            return None
        if self.live:
            self._draw()
        due = self.session.next_due_ms()
        if due is None:  # paused: nothing is due; wake only for keys
            return 0.5
        if self.live:
            into = self.session.snapshot().segment_remaining_ms % DISPLAY_MS
            due = min(due, into if into > 1 else DISPLAY_MS)
        return due / 1000

    def _handle(self, event: Event) -> None:
        t = event.position_ms / 1000  # when the engine saw it, not when it was planned
        if isinstance(event, SegmentStarted):
            s = event.segment
            self._emit(
                {
                    "event": "segment",
                    "t": t,
                    "at": s.start_ms / 1000,
                    "index": s.index,
                    "title": s.title,
                    "kind": s.kind.value,
                    "technique": s.technique,
                    "side": s.side,
                    "rep": s.rep,
                    "reps": s.reps,
                }
            )
        elif isinstance(event, CueDue):
            c = event.cue
            if self.player is not None:
                self.player.play(c)
            self._emit({"event": "cue", "t": t, "at": c.at, "text": c.text, "kind": c.kind.value})
            if c.kind is CueKind.SPEECH:
                self._caption(c.text)
        elif isinstance(event, StateChanged) and event.state in _STATE_EVENTS:
            if event.state is State.RUNNING and not self._started:
                self._started = True  # the first "running" is the start, not a resume
                return
            self._emit({"event": _STATE_EVENTS[event.state], "t": t})
            self._caption(
                {
                    State.PAUSED: _("Paused. Press space to go on."),
                    State.RUNNING: _("Going on."),
                    State.FINISHED: _("Finished."),
                    State.STOPPED: _("Stopped."),
                }[event.state]
            )

    def _emit(self, obj: dict[str, Any]) -> None:
        if self.events is not None:
            self.events.write(json.dumps(obj) + "\n")
            self.events.flush()

    def _caption(self, text: str) -> None:
        self._end_line()
        at = clock_text(self.session.position_ms() / 1000, "down")
        self.out.write(f"[{at}] {text}\n")
        self.out.flush()

    def _end_line(self) -> None:
        if self._line_shown:
            self.out.write("\r\x1b[K")
            self._line_shown = False

    def _draw(self) -> None:
        snap = self.session.snapshot()
        width = 20
        done = int(width * snap.position_ms / max(1, snap.total_ms))
        parts = [snap.segment.title]
        if snap.segment.side:
            parts.append(phrases.side_label(snap.segment.side))
        if snap.count_label:
            parts.append(snap.count_label)
        if snap.breath is not None:
            parts.append(phrases.breath_phase_name(snap.breath.phase))
        left_here = clock_text(snap.segment_remaining_ms / 1000, "up")
        parts.append(_("{time} left").format(time=left_here))
        left = clock_text(snap.session_remaining_ms / 1000, "up")
        paused = " " + _("PAUSED") if snap.state is State.PAUSED else ""
        line = f"[{'#' * done}{'-' * (width - done)}] {left}{paused} | " + " | ".join(parts)
        self.out.write("\r\x1b[K" + line[:200])
        self.out.flush()
        self._line_shown = True

    def key(self, ch: str) -> None:
        """Space pauses and resumes, n or right skips, b or left goes back, q or Esc stops.

        The voice answers each one briefly ("Paused", "Back to Palm rub"), as it does for
        the window's media keys.
        """
        command = _KEYS.get(ch)
        if command is None or not self.session.active:
            return
        if self.player is not None:
            self.player.silence()  # what was being said belongs to where we were
        if command is Command.PAUSE and self.session.state is State.PAUSED:
            command = Command.RESUME  # the pause key toggles
        {
            Command.PAUSE: self.session.pause,
            Command.RESUME: self.session.resume,
            Command.NEXT: self.session.skip,
            Command.BACK: self.session.back,
            Command.STOP: self.session.stop,
        }[command]()
        cue = self._answers.after(command)
        if cue is not None and self.player is not None:
            self.player.play(cue)  # before what the new place says: "Back to ...", then it
        self.step()


_KEYS = {
    " ": Command.PAUSE,
    "p": Command.PAUSE,
    "n": Command.NEXT,
    "\x1b[C": Command.NEXT,
    "b": Command.BACK,
    "\x1b[D": Command.BACK,
    "q": Command.STOP,
    "\x1b": Command.STOP,
}


@contextmanager
def _cbreak(stream: IO[str]) -> Iterator[bool]:
    """Read single keys from a terminal; yields whether keys can be read at all."""
    if not stream.isatty():
        yield False
        return
    import termios
    import tty

    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield True
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def run_blocking(run: TerminalRun, keys: IO[str] | None = None) -> State:
    """Drive ``run`` with a plain loop until it ends; Ctrl-C stops the session cleanly."""
    stream = keys if keys is not None else sys.stdin
    with _cbreak(stream) as interactive:
        try:
            run.begin()
            while (wait := run.step()) is not None:
                if interactive:
                    ready, _writable, _errors = select.select([stream], [], [], wait)
                    if ready:
                        run.key(os.read(stream.fileno(), 8).decode(errors="ignore"))
                elif wait > 0:
                    time.sleep(wait)
        except KeyboardInterrupt:
            run.session.stop()
            run.step()
    return run.session.state


def run_with_qt(run: TerminalRun, keys: IO[str] | None = None) -> State:
    """Drive ``run`` from a Qt event loop (the player's audio needs one) until it ends.

    Keys come in when ``keys`` (default: stdin) is a terminal; Ctrl-C stops the session
    cleanly. A QCoreApplication (or QGuiApplication) must exist.
    """
    from massage_timer.audio.qt_loop import drive

    stream = keys if keys is not None else sys.stdin
    with _cbreak(stream) as interactive:
        run.begin()
        drive(
            run.step,
            key_fd=stream.fileno() if interactive else None,
            on_key=run.key,
            on_interrupt=run.session.stop,
        )
    return run.session.state
