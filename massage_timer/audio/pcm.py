"""16-bit mono PCM in plain ``array('h')``: reading, writing, trimming, resampling, mixing.

Pure Python and no Qt, so the export, the speech cache and the live mixer share it.
The hot paths copy whole slices (C speed); per-sample Python loops run only where
sounds overlap or where a sound is converted once, off the GUI thread.
"""

from __future__ import annotations

import io
import wave
from array import array
from pathlib import Path

from massage_timer.core.files import read_regular_file
from massage_timer.storage.atomic import atomic_write_bytes

MAX = 32767
MIN = -32768
SILENCE_LEVEL = 16  # espeak's leading silence is digital zero; anything above this is sound
KEEP_BEFORE_MS = 2  # keep a hair of lead-in so the first wave is not cut mid-rise
KEEP_AFTER_MS = 30
MAX_WAV_BYTES = 512 << 20  # the longest export (three hours at 22050 Hz) is 476 MB


class BadWavError(ValueError):
    """A WAV file that is not the 16-bit mono PCM it should be, or is cut short."""


def silence(frames: int) -> array[int]:
    """``frames`` samples of digital silence."""
    return array("h", bytes(2 * max(0, frames)))


def read_wav(path: Path, limit: int = MAX_WAV_BYTES) -> tuple[array[int], int]:
    """The samples and sample rate of a 16-bit mono WAV; raises BadWavError if it is damaged.

    Only a regular file of at most ``limit`` bytes is read (a FIFO or a device in its
    place raises an OSError at once, never blocks).
    """
    return parse_wav(read_regular_file(path, limit), str(path))


def parse_wav(data: bytes, name: str = "WAV") -> tuple[array[int], int]:
    """:func:`read_wav` for bytes already read; ``name`` is for the error message."""
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            if w.getnchannels() != 1 or w.getsampwidth() != 2 or w.getframerate() <= 0:
                raise BadWavError(f"{name} is not 16-bit mono PCM")
            frames = w.getnframes()
            pcm_data = w.readframes(frames)
            rate = w.getframerate()
    except (wave.Error, EOFError) as exc:
        raise BadWavError(f"{name} is not a readable WAV ({exc})") from None
    if frames == 0 or len(pcm_data) != 2 * frames:
        # The header promises more than the file holds: cut short by a crash or a full disk.
        raise BadWavError(f"{name} is truncated ({len(pcm_data) // 2} of {frames} samples)")
    samples = array("h")
    samples.frombytes(pcm_data)
    if samples.itemsize != 2:  # pragma: no cover - every platform we ship has a 2-byte short
        raise BadWavError("this platform has no 16-bit array type")
    return samples, rate


def wav_bytes(samples: array[int], rate: int) -> bytes:
    """A complete WAV file (16-bit mono) holding ``samples``."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return buffer.getvalue()


def write_wav_atomic(
    path: Path, samples: array[int], rate: int, durable: bool = False, parents: bool = True
) -> None:
    """Write a WAV through a temporary file and a rename, so no reader sees half a file.

    ``durable`` adds an fsync: wanted for a user's export, not for a cache entry, which
    is checked when read and simply rendered again if a crash damaged it. ``parents``
    creates missing folders (the app's own; pass False for a path the user typed).
    """
    # 0o644: sound is not a secret, unlike the history and settings.
    data = wav_bytes(samples, rate)
    atomic_write_bytes(path, data, parents=parents, fsync=durable, new_mode=0o644)


def trim(samples: array[int], rate: int) -> array[int]:
    """Drop the synthesizer's leading and trailing near-silence.

    The leading cut is what makes a cue start the moment it is placed; a little of the
    tail is kept so the last word fades naturally.
    """
    n = len(samples)
    start = 0
    while start < n and -SILENCE_LEVEL <= samples[start] <= SILENCE_LEVEL:
        start += 1
    if start == n:
        return array("h")
    end = n
    while end > start and -SILENCE_LEVEL <= samples[end - 1] <= SILENCE_LEVEL:
        end -= 1
    start = max(0, start - rate * KEEP_BEFORE_MS // 1000)
    end = min(n, end + rate * KEEP_AFTER_MS // 1000)
    return samples[start:end]


def resample(samples: array[int], src_rate: int, dst_rate: int) -> array[int]:
    """Linear-interpolation resampling; good enough for speech and soft tones."""
    if src_rate == dst_rate or not samples:
        return samples
    n_out = max(1, round(len(samples) * dst_rate / src_rate))
    step = src_rate / dst_rate
    last = len(samples) - 1
    out = array("h", bytes(2 * n_out))
    for i in range(n_out):
        pos = i * step
        k = int(pos)
        if k >= last:
            out[i] = samples[last]
            continue
        frac = pos - k
        a = samples[k]
        out[i] = int(a + (samples[k + 1] - a) * frac)
    return out


def mix_into(dest: array[int], src: array[int], offset: int, used: int) -> int:
    """Add ``src`` into ``dest`` at ``offset``; returns the new count of used samples.

    ``dest[used:]`` is known to be silent, so the part of ``src`` that lands there is
    copied as one slice; only the overlap with earlier sound is summed sample by sample.
    ``dest`` grows as needed. A negative offset drops the head of ``src``.
    """
    if offset < 0:
        src = src[-offset:]
        offset = 0
    if not src:
        return used
    end = offset + len(src)
    if len(dest) < end:
        dest.extend(silence(end - len(dest)))
    overlap_end = min(used, end)
    for i in range(offset, overlap_end):
        v = dest[i] + src[i - offset]
        dest[i] = MAX if v > MAX else MIN if v < MIN else v
    start = max(offset, overlap_end)
    if start < end:
        dest[start:end] = src[start - offset :]
    return max(used, end)
