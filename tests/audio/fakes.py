"""Doubles for the audio tests: a speech engine, an output device, a tiny plan."""

from __future__ import annotations

import math
from array import array
from pathlib import Path

from massage_timer.audio import pcm
from massage_timer.audio.speech import Voice
from massage_timer.core.timeline import Cue, CueKind, Plan, Segment, SegmentKind
from tests.doubles import FakeClock

RATE = 22050
LEAD_IN = 250  # samples of digital silence the fake engine puts first, as espeak does


class FakeEngine:
    """Writes a tone per text: 1 ms per character, after a little silence."""

    name = "fake-engine 1"

    def __init__(self, fail_on: str = "") -> None:
        self.rendered: list[tuple[str, str, int]] = []
        self.fail_on = fail_on

    def voices(self) -> list[Voice]:
        return [Voice("en", "English", ("en",)), Voice("de", "German", ("de",))]

    def default_voice(self) -> str:
        return "en"

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        if self.fail_on and self.fail_on in text:
            raise RuntimeError(f"cannot say {text!r}")
        self.rendered.append((text, voice, rate))
        tone = [int(8000 * math.sin(i / 5)) or 100 for i in range(RATE * len(text) // 1000)]
        path.write_bytes(pcm.wav_bytes(array("h", [0] * LEAD_IN + tone + [0] * 100), RATE))


def broken_engine() -> FakeEngine:
    """An engine factory that fails as pyttsx3 does without libespeak-ng."""
    raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")


class FakeOutput:
    """A device that plays ``rate`` samples a second of the fake clock from a small buffer.

    ``heard`` is everything played, sample by sample, from the stream's start.
    """

    def __init__(self, clock: FakeClock, capacity: int = RATE // 10, startup: float = 0.2):
        self.sample_rate = RATE
        self.clock = clock
        self.capacity = capacity
        self.startup = startup  # seconds before the device takes its first sample
        self.volume = 1.0
        self.heard = array("h")
        self.queued = array("h")
        self.started_at: float | None = None
        self.played_until = 0.0
        self.failure: str | None = None
        self.starts = 0
        self.open_ok = True

    def _advance(self) -> None:
        if self.started_at is None:
            return
        begin = self.started_at + self.startup
        now = self.clock.monotonic()
        due = max(0, round((now - begin) * RATE)) - len(self.heard)
        if due > 0:
            take = self.queued[:due]
            del self.queued[:due]
            self.heard.extend(take)
            self.heard.extend(pcm.silence(due - len(take)))  # an underrun: silence

    def start(self) -> bool:
        self.starts += 1
        self.started_at = self.clock.monotonic()
        return self.open_ok

    def frames_free(self) -> int:
        self._advance()
        return max(0, self.capacity - len(self.queued))

    def write(self, samples: array[int]) -> None:
        self.queued.extend(samples)

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def problem(self) -> str | None:
        return self.failure

    def stop(self) -> None:
        self._advance()
        self.started_at = None


def sound_starts(samples: array[int], gap: int = RATE // 20) -> list[int]:
    """Sample indexes where sound begins after at least ``gap`` samples of silence."""
    starts, quiet = [], gap
    for i, s in enumerate(samples):
        if s:
            if quiet >= gap:
                starts.append(i)
            quiet = 0
        else:
            quiet += 1
    return starts


def tiny_plan(*cues: Cue, total_ms: int = 3000) -> Plan:
    """One segment holding ``cues``."""
    segment = Segment(0, 0, total_ms, SegmentKind.WORK, "Test", "gentle-circles", 0, cues=cues)
    return Plan("test", "Test", (segment,), ())


def speech(at_ms: int, text: str) -> Cue:
    return Cue(at_ms, text, CueKind.SPEECH)


def beep(at_ms: int, sound: str = "beep") -> Cue:
    return Cue(at_ms, "3", CueKind.BEEP, sound=sound)


def tick(at_ms: int, sound: str = "tick") -> Cue:
    return Cue(at_ms, "stroke", CueKind.TICK, sound=sound)
