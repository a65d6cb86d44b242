"""A real-time session in the terminal: a live status line, captions, JSON events, keys."""

from __future__ import annotations

import json
import math
import os
import select
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from massage_timer.core.engine import CueDue, Event, SegmentStarted, Session, State, StateChanged
from massage_timer.core.timeline import CueKind
from massage_timer.cue_player import CuePlayer

DISPLAY_MS = 1000  # the status line moves once a second
_STATE_EVENTS = {
    State.PAUSED: "paused",
    State.RUNNING: "resumed",
    State.FINISHED: "finished",
    State.STOPPED: "stopped",
}


def clock_text(ms: float) -> str:
    seconds = int(-(-ms // 1000))  # round up, as a countdown does
    return f"{seconds // 60}:{seconds % 60:02d}"


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
                    State.PAUSED: "Paused. Press space to go on.",
                    State.RUNNING: "Going on.",
                    State.FINISHED: "Finished.",
                    State.STOPPED: "Stopped.",
                }[event.state]
            )

    def _emit(self, obj: dict[str, Any]) -> None:
        if self.events is not None:
            self.events.write(json.dumps(obj) + "\n")
            self.events.flush()

    def _caption(self, text: str) -> None:
        self._end_line()
        seconds = int(self.session.position_ms() // 1000)
        self.out.write(f"[{seconds // 60}:{seconds % 60:02d}] {text}\n")
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
            parts.append(f"{snap.segment.side} side")
        if snap.count_label:
            parts.append(snap.count_label)
        if snap.breath is not None:
            parts.append(snap.breath.phase)
        parts.append(f"{clock_text(snap.segment_remaining_ms)} left")
        paused = " PAUSED" if snap.state is State.PAUSED else ""
        line = (
            f"[{'#' * done}{'-' * (width - done)}] {clock_text(snap.session_remaining_ms)}"
            f"{paused} | " + " | ".join(parts)
        )
        self.out.write("\r\x1b[K" + line[:200])
        self.out.flush()
        self._line_shown = True

    def key(self, ch: str) -> None:
        """Space pauses and resumes, n or right skips, b or left goes back, q or Esc stops."""
        actions: dict[str, Callable[[], None]] = {
            " ": self.session.toggle_pause,
            "p": self.session.toggle_pause,
            "n": self.session.skip,
            "\x1b[C": self.session.skip,
            "b": self.session.back,
            "\x1b[D": self.session.back,
            "q": self.session.stop,
            "\x1b": self.session.stop,
        }
        action = actions.get(ch)
        if action is not None:
            if self.player is not None:
                self.player.silence()  # what was being said belongs to where we were
            action()


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
                    ready, _, _ = select.select([stream], [], [], wait)
                    if ready:
                        run.key(os.read(stream.fileno(), 8).decode(errors="ignore"))
                elif wait > 0:
                    time.sleep(wait)
        except KeyboardInterrupt:
            run.session.stop()
            run.step()
    return run.session.state


@contextmanager
def _interrupt_wakeup(on_interrupt: Callable[[], None]) -> Iterator[socket.socket | None]:
    """Route Ctrl-C into a Qt event loop: yields a socket that becomes readable on SIGINT.

    Python runs signal handlers only between bytecodes, never inside Qt's C++ loop, so
    the signal also writes a byte to a wakeup socket that a QSocketNotifier watches.
    Yields None where signals cannot be set (not the main thread).
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    try:
        old_fd = signal.set_wakeup_fd(writer.fileno())
    except ValueError:  # not the main thread
        reader.close()
        writer.close()
        yield None
        return
    old_handler = signal.signal(signal.SIGINT, lambda signum, frame: on_interrupt())
    try:
        yield reader
    finally:
        signal.signal(signal.SIGINT, old_handler)
        signal.set_wakeup_fd(old_fd)
        reader.close()
        writer.close()


def run_with_qt(run: TerminalRun, keys: IO[str] | None = None) -> State:
    """Drive ``run`` from a Qt event loop (the player's audio needs one) until it ends.

    A single-shot precise QTimer wakes exactly when ``step()`` says; keys come through a
    QSocketNotifier when ``keys`` is a terminal; Ctrl-C stops the session cleanly. A
    QCoreApplication (or QGuiApplication) must exist.
    """
    from PySide6.QtCore import QEventLoop, QSocketNotifier, Qt, QTimer

    stream = keys if keys is not None else sys.stdin
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    interrupted = False

    def wake() -> None:
        timer.stop()
        if interrupted:
            run.session.stop()
        wait = run.step()
        if wait is None:
            loop.quit()
        else:
            # Rounded up: waking a hair late costs nothing, waking early a second pass.
            timer.start(max(0, math.ceil(wait * 1000)))

    def on_key() -> None:
        data = os.read(stream.fileno(), 8)
        if data:
            run.key(data.decode(errors="ignore"))
        wake()

    def on_interrupt() -> None:
        nonlocal interrupted
        interrupted = True

    def on_signal_byte() -> None:
        assert wakeup is not None
        try:
            wakeup.recv(64)
        except BlockingIOError:
            pass
        if interrupted:
            wake()

    timer.timeout.connect(wake)
    with _cbreak(stream) as interactive, _interrupt_wakeup(on_interrupt) as wakeup:
        notifiers = []
        if interactive:
            notifiers.append(QSocketNotifier(stream.fileno(), QSocketNotifier.Type.Read))
            notifiers[-1].activated.connect(on_key)
        if wakeup is not None:
            notifiers.append(QSocketNotifier(wakeup.fileno(), QSocketNotifier.Type.Read))
            notifiers[-1].activated.connect(on_signal_byte)
        run.begin()
        timer.start(0)  # the first step runs inside the loop, so quit() always lands
        loop.exec()
        for notifier in notifiers:
            notifier.setEnabled(False)
    return run.session.state
