"""Writing the cues of a session and placing them so nothing sounds over anything else."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from massage_timer.core import phrases
from massage_timer.core.drafts import Draft
from massage_timer.core.i18n import _
from massage_timer.core.technique_library import get_technique
from massage_timer.core.timeline import BreathPhase, Cue, CueKind, SegmentRole

BEEP_MS = 200
TICK_MS = 80
GAP_MS = 250  # quiet kept after each spoken cue
_FOLLOWED_BY_CHANGE = {SegmentRole.LEAD, SegmentRole.SWITCH, SegmentRole.CLOSING}
_WORK = {SegmentRole.TIMED, SegmentRole.STROKES, SegmentRole.REP}
_BREATH_WORDS = {
    BreathPhase.INHALE: phrases.INHALE,
    BreathPhase.HOLD: phrases.HOLD_BREATH,  # translated where said
    BreathPhase.EXHALE: phrases.EXHALE,
}


@dataclass(frozen=True)
class Candidate:
    """A cue that wants a moment; the scheduler decides whether and exactly when it sounds."""

    at_ms: int
    text: str
    kind: CueKind
    priority: int
    segment: int
    sound: str = ""
    slack_ms: int = 0  # how much later than asked it may still sound
    length_ms: int = 0


class _Cues:
    """Collects the candidates of one session."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.items: list[Candidate] = []

    def say(self, seg: int, at: int, text: str, priority: int, slack: int = 0) -> None:
        self.items.append(
            Candidate(
                at,
                text,
                CueKind.SPEECH,
                priority,
                seg,
                slack_ms=slack,
                length_ms=phrases.speech_ms(text, self.rate),
            )
        )

    def sound(self, seg: int, at: int, text: str, kind: CueKind, sound: str, priority: int) -> None:
        length = BEEP_MS if kind is CueKind.BEEP else TICK_MS
        self.items.append(Candidate(at, text, kind, priority, seg, sound=sound, length_ms=length))

    def countdown(self, seg: int, d: Draft) -> None:
        """Soft 3-2-1 beeps into the change at the end of a segment."""
        for n in (3, 2, 1):
            self.sound(
                seg,
                d.start_ms + d.duration_ms - n * 1000,
                str(n),
                CueKind.BEEP,
                "beep" if n > 1 else "beep-last",
                50,
            )


def candidates(drafts: list[Draft], rate: int) -> list[Candidate]:
    """Every cue the session would like to sound, before any are dropped or moved."""
    cues = _Cues(rate)
    for i, d in enumerate(drafts):
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        change_next = nxt is None or nxt.role in _FOLLOWED_BY_CHANGE
        if d.announce:
            cues.say(i, d.start_ms, d.announce, 100)
        role_cues = _ROLE_CUES.get(d.role)
        if role_cues is not None:
            role_cues(cues, i, d)
        if d.role in _WORK and change_next and d.duration_ms >= 8000:
            cues.countdown(i, d)
        if d.breathing is not None and d.role in _WORK:
            _pacer_ticks(cues, i, d)
    return cues.items


def _lead(cues: _Cues, i: int, d: Draft) -> None:
    if d.duration_ms >= 4500:
        cues.countdown(i, d)


def _switch(cues: _Cues, i: int, d: Draft) -> None:
    cues.say(i, d.start_ms, phrases.switch_to(d.side), 95)
    if d.duration_ms >= 4500:
        cues.countdown(i, d)


def _closing(cues: _Cues, i: int, d: Draft) -> None:
    cues.sound(i, d.start_ms, _("end chime"), CueKind.BEEP, "chime", 90)
    closing = _("{well_done} {get_up}").format(
        well_done=_(phrases.WELL_DONE), get_up=_(phrases.BEFORE_YOU_GET_UP)
    )
    cues.say(i, d.start_ms + 700, closing, 100, slack=1000)


def _rep(cues: _Cues, i: int, d: Draft) -> None:
    last = d.rep == d.reps and (d.reps or 0) > 1
    said = _(phrases.LAST_ONE) if last else phrases.count(d.rep or 0)
    if d.duration_ms >= 2000:
        said = _("{count} {hold}").format(count=said, hold=_(phrases.HOLD))
    cues.say(i, d.start_ms, said, 80, slack=1500)


def _rest(cues: _Cues, i: int, d: Draft) -> None:
    cues.say(i, d.start_ms, _(phrases.RELEASE), 75, slack=800)


def _breath(cues: _Cues, i: int, d: Draft) -> None:
    if d.phase is not None:
        cues.say(i, d.start_ms, _(_BREATH_WORDS[d.phase]), 80, slack=500)


def _timed(cues: _Cues, i: int, d: Draft) -> None:
    start, dur = d.start_ms, d.duration_ms
    if dur >= 40000:
        cues.say(i, start + dur // 2, _(phrases.HALFWAY), 60, slack=3000)
    if dur >= 25000:
        cues.say(i, start + dur - 10000, _(phrases.LAST_TEN), 70, slack=1500)
    reminders = get_technique(d.technique).reminders
    if reminders and dur >= 120000:
        for n, at in enumerate(range(60000, dur - 20000, 60000)):
            if abs(at - dur // 2) > 15000:
                cues.say(i, start + at, reminders[n % len(reminders)], 40, slack=5000)


def _strokes(cues: _Cues, i: int, d: Draft) -> None:
    strokes, pace = d.reps or 0, d.stroke_ms or 1000
    every = 20 if strokes >= 100 else 10 if strokes >= 40 else 5
    for k in range(every, strokes, every):
        text = phrases.count(k)
        if k * 2 == strokes:
            text = _("{count} {halfway}").format(count=text, halfway=_(phrases.HALFWAY))
        cues.say(i, d.start_ms + k * pace, text, 60, slack=1000)
    if strokes >= 30:
        cues.say(i, d.start_ms + (strokes - 10) * pace, _(phrases.TEN_MORE_STROKES), 65, slack=1000)
    for k in range(1, strokes):
        cues.sound(i, d.start_ms + k * pace, _("stroke"), CueKind.TICK, "tick", 10)


def _pacer_ticks(cues: _Cues, i: int, d: Draft) -> None:
    """Soft breath tones for the pacer; players sound them only where the user wants ticks."""
    b = d.breathing
    assert b is not None
    cycle = round(b.cycle * 1000)
    exhale_at = round((b.inhale + b.hold) * 1000)
    inhale, exhale = _("breath in tone"), _("breath out tone")
    for t in range(0, d.duration_ms, cycle):
        cues.sound(i, d.start_ms + t, inhale, CueKind.TICK, "breath-in", 5)
        if t + exhale_at < d.duration_ms:
            cues.sound(i, d.start_ms + t + exhale_at, exhale, CueKind.TICK, "breath-out", 5)


class _Timeline:
    """Placed sounds as sorted, non-overlapping [start, end) intervals."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def earliest_free(self, at: int, length: int, latest: int) -> int | None:
        """The first moment in [at, latest] where ``length`` fits, or None."""
        t = at
        while t <= latest:
            k = bisect.bisect_right(self.starts, t)
            if k > 0 and self.ends[k - 1] > t:
                t = self.ends[k - 1]
                continue
            if k < len(self.starts) and self.starts[k] < t + length:
                t = self.ends[k]
                continue
            return t
        return None

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)


def schedule(items: list[Candidate], drafts: list[Draft]) -> list[tuple[int, Cue]]:
    """Place cues by priority: each one sounds where it asked, a little later, or not at all.

    Spoken cues keep a short quiet after them; no cue starts outside its own segment.
    """
    busy = _Timeline()
    placed: list[tuple[int, Cue]] = []
    for c in sorted(items, key=lambda c: (-c.priority, c.at_ms)):
        d = drafts[c.segment]
        seg_end = d.start_ms + d.duration_ms - 1
        if c.at_ms < d.start_ms or c.at_ms > seg_end:
            continue
        pad = GAP_MS if c.kind is CueKind.SPEECH else 0
        at = busy.earliest_free(c.at_ms, c.length_ms + pad, min(c.at_ms + c.slack_ms, seg_end))
        if at is None:
            continue
        busy.add(at, at + c.length_ms + pad)
        placed.append((c.segment, Cue(at, c.text, c.kind, c.sound, c.length_ms)))
    placed.sort(key=lambda p: p[1].at_ms)
    return placed


# What each kind of segment says and sounds, besides its announcement and pacer.
_ROLE_CUES: dict[SegmentRole, Callable[[_Cues, int, Draft], None]] = {
    SegmentRole.LEAD: _lead,
    SegmentRole.SWITCH: _switch,
    SegmentRole.CLOSING: _closing,
    SegmentRole.REP: _rep,
    SegmentRole.REST: _rest,
    SegmentRole.BREATH: _breath,
    SegmentRole.TIMED: _timed,
    SegmentRole.STROKES: _strokes,
}
