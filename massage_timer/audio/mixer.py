"""What the speaker will play next, laid out on a sample timeline; no Qt here.

The live player keeps one audio stream open and asks the mixer for the next stretch of
samples every few milliseconds. A cue is added at the sample position that the device
will play a fixed delay after the moment it was due, so its start does not depend on
when the next write happens.
"""

from __future__ import annotations

from array import array
from collections import deque

from massage_timer.audio import pcm


class Mixer:
    """A queue of samples still to be played; ``position`` is the next sample handed out."""

    def __init__(self) -> None:
        self.position = 0
        self._future = array("h")
        self._used = 0  # samples of _future that may hold sound; the rest is silence

    @property
    def pending(self) -> int:
        """How many samples of sound are still to come."""
        return self._used

    def add(self, samples: array[int], at: int) -> None:
        """Sound ``samples`` from absolute sample ``at``; a start already past is cut."""
        self._used = pcm.mix_into(self._future, samples, at - self.position, self._used)

    def take(self, count: int) -> array[int]:
        """The next ``count`` samples (silence where nothing sounds)."""
        chunk = self._future[:count]
        del self._future[:count]
        self._used = max(0, self._used - count)
        self.position += count
        if len(chunk) < count:
            chunk.extend(pcm.silence(count - len(chunk)))
        return chunk

    def skip(self, count: int) -> None:
        """Drop ``count`` samples unplayed (the output fell behind and must catch up)."""
        del self._future[:count]
        self._used = max(0, self._used - count)
        self.position += count

    def clear(self) -> None:
        """Forget everything that was going to sound."""
        self._future = array("h")
        self._used = 0


class PlayheadEstimate:
    """Works out which sample the device plays at a moment of the monotonic clock.

    The player keeps the device's buffer full, so the write position advances exactly
    as fast as the device plays, a buffer's length ahead of it. The device frees space
    in chunks, so ``position - rate * time`` is a sawtooth; its top over the last
    ``window`` seconds is a steady offset, and ``at(now)`` (the first sample that can
    still be written, as it will be heard a fixed delay after ``now``) is that offset
    plus ``rate * now``. Underruns, device clock drift and the stream's start are all
    followed within one window.
    """

    def __init__(self, rate: int, window: float) -> None:
        self.rate = rate
        self.window = window
        self._marks: deque[tuple[float, float]] = deque()
        self._start_position: int | None = None
        self.flowing_since: float | None = None

    def observe(self, now: float, position: int) -> None:
        """Note the write position right after a write at ``now``."""
        if self._start_position is None:
            self._start_position = position  # the first fill: the device has not started
        elif self.flowing_since is None and position > self._start_position:
            # The device took its first samples: what came before says nothing of its pace.
            self.flowing_since = now
            self._marks.clear()
        self._marks.append((now, position - self.rate * now))
        while self._marks and self._marks[0][0] < now - self.window:
            self._marks.popleft()

    def steady(self, now: float) -> bool:
        """True once the device has been taking samples for a whole window."""
        return self.flowing_since is not None and now - self.flowing_since >= self.window

    def at(self, now: float) -> int:
        """The sample to start a sound at so that it is heard a fixed delay after ``now``."""
        offset = max(o for _, o in self._marks) if self._marks else 0.0
        return round(self.rate * now + offset)
