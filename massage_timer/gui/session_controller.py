"""The one adapter between the session engine and Qt.

It owns the :class:`~massage_timer.core.engine.Session`, the cue player and a single-shot
QTimer. The timer keeps no time: it is armed to the next moment something is due (a
segment, a cue, the end) or the display must move (the countdown's next whole second, the
next counted stroke), and on waking the engine works out what happened from its clock.
Each event is re-emitted as a signal named after what happened.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from massage_timer.core.breath import BreathState
from massage_timer.core.clock import Clock, SystemClock
from massage_timer.core.cue_player import CuePlayer, SilentPlayer
from massage_timer.core.engine import CueDue, SegmentStarted, Session, Snapshot, State, StateChanged
from massage_timer.core.motion import Pose
from massage_timer.core.timeline import Cue, Plan, Segment

WAKE_MARGIN_MS = 1  # wake just after a boundary, never just before it
Answer = Callable[[], Cue | None]  # works out a command's spoken answer once it has acted
# Frames a second at most. Enough for motions that take a second or more (a 1.2 s palm
# stroke gets a dozen frames, a 2.5 s fingertip circle 25), and each frame fewer is CPU
# saved for a running session's 2 % budget: a frame costs about 1.5 ms of Python, Qt's
# repaint and the X server's round trip, so 10 a second took 0.15 % of a core less than
# 12, and 12 some 0.3 % less than 15 (side by side, bench/window_startup.py).
FRAME_RATE = 10
FRAME_MS = 1000 / FRAME_RATE


def frame_slot(pos_ms: float) -> int:
    """Which frame of the grid laid on the session position ``pos_ms`` falls in.

    Multiplied rather than divided by FRAME_MS: at some rates dividing would put every
    whole second in the slot before it (1000 / (1000 / 15) is just under 15).
    """
    return math.floor(pos_ms * FRAME_RATE / 1000)


def frame_start_ms(slot: int) -> float:
    """The session position where frame ``slot`` of the grid begins."""
    return slot * 1000 / FRAME_RATE


@dataclass(frozen=True)
class SessionSummary:
    """What a finished or stopped session did: shown on the finish screen and stored."""

    routine_id: str
    title: str
    completed: bool
    started_at: datetime
    planned_seconds: float
    actual_seconds: float
    steps_done: int
    step_count: int
    pain_before: int | None = None


class HistoryRecorder(Protocol):
    """Where summaries go when a session ends (the history writer, or a test double)."""

    def record_summary(self, summary: SessionSummary) -> None: ...


class SessionController(QObject):
    """Runs one session and reports it as signals; the views only show its state."""

    segment_started = Signal(object)  # Segment
    step_started = Signal(object)  # PlannedStep
    cue_due = Signal(object)  # Cue
    state_changed = Signal(str)  # a State value: "running", "paused", "finished", "stopped"
    session_finished = Signal(object)  # SessionSummary, after a finish or a stop
    tick = Signal()  # the display should refresh from snapshot()
    frame = Signal()  # an animation frame is due: moving views read the pose or breath now

    def __init__(
        self,
        plan: Plan,
        *,
        clock: Clock | None = None,
        player: CuePlayer | None = None,
        recorder: HistoryRecorder | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.session = Session(plan, clock or SystemClock())
        self._player: CuePlayer = player or SilentPlayer()
        self._recorder = recorder
        self._muted = False
        self._display = True  # the window shows the countdown (not minimized)
        self._frames = False  # a view animates and wants frames
        self._frame_wake = False  # the timer is armed for a frame only, nothing else due
        self._due_at: float | None = None  # session position of the next thing due
        self._frame_slot = -1  # the slot of the grid the last frame was drawn for
        self._step = -1
        self._started_at: datetime | None = None
        self._summary: SessionSummary | None = None
        self.pain_before: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._wake)
        self._player.prepare(plan)

    # -- state --------------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self.session.state

    @property
    def active(self) -> bool:
        """Running or paused: a session that closing the window would throw away."""
        return self.session.active

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def summary(self) -> SessionSummary | None:
        return self._summary

    def snapshot(self) -> Snapshot:
        return self.session.snapshot()

    @property
    def last_spoken(self) -> Cue | None:
        """The last spoken cue, as the engine reported it."""
        return self.session.last_spoken

    def breath(self) -> BreathState | None:
        """The breath at this moment; the pacer reads it every frame, so only this is asked."""
        return self.session.breath_now()

    def pose(self) -> Pose:
        """The moving parts' pose at this moment; a moving picture reads it every frame."""
        return self.session.pose_now()

    @property
    def frames_wanted(self) -> bool:
        return self._frames

    def next_wake_ms(self) -> int | None:
        """Milliseconds the timer was last armed for, or None when it sleeps.

        The interval, not ``remainingTime()``: that shrinks with real time, which the
        session's clock (perhaps a fake one) knows nothing of.
        """
        return self._timer.interval() if self._timer.isActive() else None

    # -- commands -----------------------------------------------------------------------

    def start(self) -> None:
        if self.session.state is State.READY:
            self._started_at = datetime.now(UTC)
            self.session.start()
            self.poll_now()

    def toggle_pause(self) -> None:
        if self.session.state is State.RUNNING:
            self.pause()
        elif self.session.state is State.PAUSED:
            self.resume()

    def pause(self, answer: Answer | None = None) -> None:
        self._player.silence()
        self.session.pause()
        self._then(answer)

    def resume(self, answer: Answer | None = None) -> None:
        self.session.resume()
        self._then(answer)

    def skip(self, answer: Answer | None = None) -> None:
        self._player.silence()
        self.session.skip()
        self._then(answer)

    def back(self, answer: Answer | None = None) -> None:
        self._player.silence()
        self.session.back()
        self._then(answer)

    def stop(self, answer: Answer | None = None) -> None:
        """End the session now; it is recorded as not completed."""
        self._player.silence()
        self.session.stop()
        self._then(answer)

    def _then(self, answer: Answer | None) -> None:
        # A spoken answer ("Back to Palm rub") goes before what the new place says.
        cue = answer() if answer is not None else None
        if cue is not None:
            self.say(cue)
        self.poll_now()

    def say(self, cue: Cue) -> None:
        """Speak ``cue`` now (a spoken answer, not a cue of the plan), unless muted."""
        if not self._muted:
            self._player.play(cue)

    def set_player(self, player: CuePlayer) -> None:
        """Use ``player`` from now on (the voice may become ready after the session starts)."""
        self._player.silence()
        self._player = player
        player.prepare(self.plan)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self._player.silence()

    def set_display_active(self, active: bool) -> None:
        """While the window is minimized only due cues wake the engine, not the countdown."""
        self._display = active
        if active:
            self.poll_now()
        else:
            self._arm()

    def set_frames_wanted(self, wanted: bool) -> None:
        """Wake for animation frames too (a view animates), or stop doing so."""
        if wanted != self._frames:
            self._frames = wanted
            self._arm()

    # -- waking -------------------------------------------------------------------------

    def _wake(self) -> None:
        if self._frame_wake:
            self._emit_frame(self.session.position_ms())
            self._arm(frame_only=True)
        else:
            self.poll_now()

    def poll_now(self) -> None:
        """Let the engine report what became due, re-emit it, and sleep until the next thing."""
        for event in self.session.poll():
            if isinstance(event, SegmentStarted):
                self._segment_started(event.segment)
            elif isinstance(event, CueDue):
                if not self._muted:
                    self._player.play(event.cue)
                self.cue_due.emit(event.cue)
            elif isinstance(event, StateChanged):
                self.state_changed.emit(event.state.value)
                if event.state in (State.FINISHED, State.STOPPED):
                    self._ended(event.state is State.FINISHED)
        self.tick.emit()
        if self._frames and self._display:
            # A wake for something else that comes just after a frame of the grid (each
            # whole second does) draws that frame now rather than skip it.
            pos = self.session.position_ms()
            if pos - frame_start_ms(frame_slot(pos)) < FRAME_MS / 2:
                self._emit_frame(pos)
        self._arm()

    def _segment_started(self, seg: Segment) -> None:
        if seg.step_index != self._step:
            self._step = seg.step_index
            step = next((s for s in self.plan.steps if s.index == seg.step_index), None)
            if step is not None:
                self.step_started.emit(step)
        self.segment_started.emit(seg)

    def _emit_frame(self, pos: float) -> None:
        slot = frame_slot(pos)
        if slot != self._frame_slot:  # one frame per slot of the grid
            self._frame_slot = slot
            self.frame.emit()

    def _arm(self, frame_only: bool = False) -> None:
        pos = self.session.position_ms()
        if frame_only and self._due_at is not None:
            # Nothing happened since the last arming but a frame: what is due next stands
            # (a snapshot a frame would cost more than the frame's own drawing).
            due: float | None = self._due_at - pos
        else:
            due = self.session.next_due_ms()
            if due is not None and self._display:
                due = min(due, self._display_due_ms())
        if due is None:
            self._timer.stop()
            self._due_at = None
            return
        self._due_at = pos + due
        self._frame_wake = False
        if self._frames and self._display:
            # The next frame on a grid laid on the session position: frames stay even
            # whenever the timer wakes, and a paused session (not running) gets none.
            frame_due = frame_start_ms(frame_slot(pos) + 1) - pos
            if frame_due < due:
                due, self._frame_wake = frame_due, True
        self._timer.start(max(0, math.ceil(due)) + WAKE_MARGIN_MS)

    def _display_due_ms(self) -> float:
        """Milliseconds until the countdown, the session clock or the stroke count changes."""
        snap = self.session.snapshot()
        waits = [_to_next_second(snap.segment_remaining_ms)]
        waits.append(_to_next_second(snap.session_remaining_ms))
        seg = snap.segment
        if seg.stroke_ms:
            into = snap.position_ms - seg.start_ms
            waits.append(seg.stroke_ms - into % seg.stroke_ms)
        return min(waits)

    def _ended(self, completed: bool) -> None:
        if self._started_at is None:  # stopped before it began: nothing to record
            return
        pos = self.session.position_ms()
        done = sum(1 for s in self.plan.steps if s.end_ms <= pos + 1)
        self._summary = SessionSummary(
            routine_id=self.plan.routine_id,
            title=self.plan.title,
            completed=completed,
            started_at=self._started_at,
            planned_seconds=self.plan.total_seconds,
            actual_seconds=round(pos / 1000, 3),
            steps_done=len(self.plan.steps) if completed else done,
            step_count=len(self.plan.steps),
            pain_before=self.pain_before,
        )
        if self._recorder is not None:
            self._recorder.record_summary(self._summary)
        self.session_finished.emit(self._summary)


def _to_next_second(remaining_ms: float) -> float:
    """Milliseconds until a countdown shown in whole seconds (rounded up) next changes."""
    part = remaining_ms % 1000
    return part if part > 0 else 1000.0
