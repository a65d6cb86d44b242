"""The session engine: where a session is, what is due, and the commands a person gives.

The engine reads a monotonic clock and never counts ticks: whoever drives it (a QTimer,
a terminal loop, a test with a fake clock) just calls ``poll()`` when it wakes, and asks
``next_due_ms()`` how long it may sleep. A late wake-up loses nothing and drifts nothing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum

from massage_timer.core.breath import BreathState, breath_state
from massage_timer.core.clock import Clock
from massage_timer.core.i18n import _
from massage_timer.core.motion import Pose, pose_at
from massage_timer.core.timeline import Cue, CueKind, Plan, PlannedStep, Segment

STALE_CUE_MS = 1500  # a cue more than this late (after a stall or a skip) is dropped, not played
DUE_SLACK_MS = 0.01  # float rounding must never leave a moment "due in a hair" forever


class State(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True)
class SegmentStarted:
    segment: Segment
    position_ms: float


@dataclass(frozen=True)
class CueDue:
    cue: Cue
    position_ms: float


@dataclass(frozen=True)
class StateChanged:
    state: State
    position_ms: float


Event = SegmentStarted | CueDue | StateChanged


@dataclass(frozen=True)
class Snapshot:
    """Everything a display needs at one moment."""

    state: State
    position_ms: float
    total_ms: int
    segment: Segment
    segment_remaining_ms: float
    session_remaining_ms: float
    step: PlannedStep | None
    step_count: int
    count: int | None  # the current rep, stroke or breath, 1-based
    count_total: int | None
    breath: BreathState | None
    next_segment: Segment | None  # what comes after this segment; None in the last one
    last_cue: Cue | None  # the last cue reported, of any kind
    last_spoken: Cue | None  # the last spoken cue reported: what a caption shows

    @property
    def count_label(self) -> str:
        """ "Squeeze 4 of 10", "Stroke 120 of 200", or "" where nothing is counted."""
        if self.count is None or self.count_total is None:
            return ""
        word = self.segment.count_word or _("Rep")
        return _("{count_word} {rep} of {reps}").format(
            count_word=word, rep=self.count, reps=self.count_total
        )


class Session:
    """One run through a plan."""

    def __init__(self, plan: Plan, clock: Clock) -> None:
        if not plan.segments:
            raise ValueError("a plan with no segments cannot run")
        self.plan = plan
        self._clock = clock
        self._starts = [s.start_ms for s in plan.segments]
        self._cues = plan.cues
        self._cue_times = [c.at_ms for c in self._cues]
        self.state = State.READY
        self._offset_ms = 0.0  # position when the clock was last anchored
        self._anchor: float | None = None  # clock reading at that moment, while running
        self._segment = -1  # the last segment reported as started
        self._cue = 0  # the next cue to report
        self._pending: list[Event] = []
        self.last_cue: Cue | None = None
        self.last_spoken: Cue | None = None

    # -- time ---------------------------------------------------------------------------

    @property
    def clock(self) -> Clock:
        """The clock the session runs on (a fake one in tests)."""
        return self._clock

    def position_ms(self) -> float:
        """Milliseconds into the plan; pauses do not count."""
        return min(self.clock_ms(), float(self.plan.total_ms))

    def clock_ms(self) -> float:
        """Like ``position_ms`` but never held at the end: the true time a report is made."""
        if self._anchor is None:
            return self._offset_ms
        return self._offset_ms + (self._clock.monotonic() - self._anchor) * 1000

    def _segment_at(self, pos: float) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    # -- commands -----------------------------------------------------------------------

    def start(self) -> None:
        if self.state is not State.READY:
            raise RuntimeError(f"cannot start a session that is {self.state}")
        self._run_from(0.0)
        self._change(State.RUNNING)

    def pause(self) -> None:
        if self.state is State.RUNNING:
            self._offset_ms = self.position_ms()
            self._anchor = None
            self._change(State.PAUSED)

    def resume(self) -> None:
        if self.state is State.PAUSED:
            self._run_from(self._offset_ms)
            self._change(State.RUNNING)

    def toggle_pause(self) -> None:
        if self.state is State.RUNNING:
            self.pause()
        elif self.state is State.PAUSED:
            self.resume()

    def stop(self) -> None:
        if self.state in (State.RUNNING, State.PAUSED, State.READY):
            self._offset_ms = self.position_ms()
            self._anchor = None
            self._change(State.STOPPED)

    def skip(self) -> None:
        """Jump to the start of the next step (or to the end, from the last one)."""
        if not self.active:
            return
        current = self.plan.segments[self._segment_at(self.position_ms())].step_index
        later = [s.start_ms for s in self.plan.steps if s.index > current]
        lead = self._lead_start(later[0]) if later else self._closing_start()
        self._seek(lead)

    def back(self) -> None:
        """Back to the start of this step; within its first seconds, to the previous one."""
        if not self.active:
            return
        pos = self.position_ms()
        current = self.plan.segments[self._segment_at(pos)].step_index
        steps = [s for s in self.plan.steps if s.index <= current]
        if not steps:
            return self._seek(0)
        here = self._lead_start(steps[-1].start_ms)
        if pos - here < 3000 and len(steps) > 1:
            here = self._lead_start(steps[-2].start_ms)
        self._seek(here)

    def _lead_start(self, step_start_ms: int) -> int:
        # A step's lead-in transition sits just before its first segment of work.
        k = self._segment_at(step_start_ms)
        step = self.plan.segments[k].step_index
        while k > 0 and self.plan.segments[k - 1].step_index == step:
            k -= 1
        return self.plan.segments[k].start_ms

    def _closing_start(self) -> int:
        return self.plan.segments[-1].start_ms

    def _seek(self, pos: float) -> None:
        pos = max(0.0, min(pos, float(self.plan.total_ms)))
        self._segment = self._segment_at(pos) - 1
        self._cue = bisect.bisect_left(self._cue_times, pos)
        if self.state is State.RUNNING:
            self._run_from(pos)
        else:
            self._offset_ms = pos

    def _run_from(self, pos: float) -> None:
        self._offset_ms = pos
        self._anchor = self._clock.monotonic()

    def _change(self, state: State) -> None:
        self.state = state
        self._pending.append(StateChanged(state, self.clock_ms()))

    @property
    def active(self) -> bool:
        return self.state in (State.RUNNING, State.PAUSED)

    # -- what is due --------------------------------------------------------------------

    def poll(self) -> list[Event]:
        """Everything that became due since the last poll, in time order."""
        events, self._pending = self._pending, []
        if self.state is not State.RUNNING:
            return events
        pos = min(self.position_ms() + DUE_SLACK_MS, float(self.plan.total_ms))
        segs = self.plan.segments
        while self._segment + 1 < len(segs) and segs[self._segment + 1].start_ms <= pos:
            self._segment += 1
            events.append(SegmentStarted(segs[self._segment], self.clock_ms()))
            # Cues of the segment follow its start, in order.
            while self._cue < len(self._cues) and self._cues[self._cue].at_ms <= min(
                pos, segs[self._segment].end_ms - 1
            ):
                self._emit_cue(events, pos)
        while self._cue < len(self._cues) and self._cues[self._cue].at_ms <= pos:
            self._emit_cue(events, pos)
        if pos >= self.plan.total_ms:
            self._change(State.FINISHED)  # reported at the true moment, then held at the end
            self._offset_ms, self._anchor = float(self.plan.total_ms), None
            events.extend(self._pending)
            self._pending = []
        return events

    def _emit_cue(self, events: list[Event], pos: float) -> None:
        cue = self._cues[self._cue]
        self._cue += 1
        if pos - cue.at_ms <= STALE_CUE_MS:
            self.last_cue = cue
            if cue.kind is CueKind.SPEECH:
                self.last_spoken = cue
            events.append(CueDue(cue, self.clock_ms()))

    def next_due_ms(self) -> float | None:
        """Milliseconds until the next segment, cue or the end; None when not running."""
        if self.state is not State.RUNNING:
            return None
        pos = self.position_ms()
        due = float(self.plan.total_ms)
        if self._segment + 1 < len(self._starts):
            due = min(due, self._starts[self._segment + 1])
        if self._cue < len(self._cue_times):
            due = min(due, self._cue_times[self._cue])
        return max(0.0, due - pos)

    def breath_now(self) -> BreathState | None:
        """Where the breath is at this moment, or None where it is not paced (cheaper than
        a snapshot: a pacer asks every frame)."""
        seg, into = self._here()
        return breath_state(seg, into)

    def pose_now(self) -> Pose:
        """The moving parts' pose at this moment (an illustration asks every frame)."""
        seg, into = self._here()
        return pose_at(seg, into, breath_state(seg, into))

    def _here(self) -> tuple[Segment, float]:
        pos = self.position_ms()
        seg = self.plan.segments[self._segment_at(pos)]
        return seg, pos - seg.start_ms

    def snapshot(self) -> Snapshot:
        pos = self.position_ms()
        index = self._segment_at(pos)
        seg = self.plan.segments[index]
        into = pos - seg.start_ms
        count, total = seg.rep, seg.reps
        if seg.stroke_ms:
            count = min(seg.reps or 0, int(into // seg.stroke_ms) + 1)
        steps = self.plan.steps
        step = next((s for s in steps if s.index == seg.step_index), None)
        nxt = self.plan.segments[index + 1] if index + 1 < len(self.plan.segments) else None
        return Snapshot(
            state=self.state,
            position_ms=pos,
            total_ms=self.plan.total_ms,
            segment=seg,
            segment_remaining_ms=max(0.0, seg.end_ms - pos),
            session_remaining_ms=max(0.0, self.plan.total_ms - pos),
            step=step,
            step_count=len(steps),
            count=count,
            count_total=total,
            breath=breath_state(seg, into),
            next_segment=nxt,
            last_cue=self.last_cue,
            last_spoken=self.last_spoken,
        )
