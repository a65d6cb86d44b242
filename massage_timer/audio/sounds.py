"""The session's small sounds: soft countdown beeps, the end chime, ticks and breath tones.

Each is a few sine partials with a smooth fade in and out (no clicks), made here and
shipped as WAVs under ``assets/sounds/`` (see ``make_sounds.py``). If a shipped file is
missing or damaged (or not a regular file) the sound is simply made again in memory.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable
from dataclasses import dataclass

from massage_timer.audio import pcm
from massage_timer.resources import sound_path

SOUND_RATE = 22050
SOUND_LIMIT = 1 << 20  # the longest shipped sound (the chime) is 62 KB


@dataclass(frozen=True)
class Tone:
    """How one sound is made: partials (Hz, level), a pitch glide, fades and length."""

    seconds: float
    partials: tuple[tuple[float, float], ...]  # (frequency, peak level 0..1)
    fade_in: float = 0.008
    fade_out: float = 0.06
    decay: float = 0.0  # exponential decay time constant in seconds; 0 = none
    glide: float = 1.0  # frequency ratio reached at the end (1 = steady pitch)


# Levels are peaks well under full scale: the voice stays the loudest thing.
TONES: dict[str, Tone] = {
    # 3-2-1 into each change: short, soft, the last one higher and longer.
    "beep": Tone(0.15, ((660.0, 0.20), (1320.0, 0.03))),
    "beep-last": Tone(0.25, ((880.0, 0.22), (1760.0, 0.03)), fade_out=0.12),
    # The end of the session: a bell-like chord that rings out.
    "chime": Tone(
        1.4,
        ((523.25, 0.16), (659.25, 0.11), (783.99, 0.09), (1046.5, 0.05)),
        fade_in=0.004,
        fade_out=0.3,
        decay=0.35,
    ),
    # The stroke metronome: a short woody tick.
    "tick": Tone(0.05, ((1200.0, 0.16), (2400.0, 0.04)), fade_in=0.002, fade_out=0.04),
    # The breath pacer: a gentle rise for in, a gentle fall for out.
    "breath-in": Tone(0.45, ((330.0, 0.10),), fade_in=0.12, fade_out=0.2, glide=1.33),
    "breath-out": Tone(0.55, ((440.0, 0.10),), fade_in=0.12, fade_out=0.25, glide=0.75),
}
SOUND_NAMES: tuple[str, ...] = tuple(TONES)


def synthesize(name: str, rate: int = SOUND_RATE) -> array[int]:
    """Make the sound ``name`` (one of :data:`SOUND_NAMES`) at ``rate`` samples a second."""
    tone = TONES[name]
    n = round(tone.seconds * rate)
    fade_in = max(1, round(tone.fade_in * rate))
    fade_out = max(1, round(tone.fade_out * rate))
    out = array("h", bytes(2 * n))
    phases = [0.0] * len(tone.partials)
    for i in range(n):
        progress = i / n
        # A glide in pitch is an exponential sweep, which the ear hears as even.
        bend = tone.glide**progress
        value = 0.0
        for k, (freq, level) in enumerate(tone.partials):
            phases[k] += 2 * math.pi * freq * bend / rate
            value += level * math.sin(phases[k])
        env = 1.0
        if i < fade_in:
            env = 0.5 - 0.5 * math.cos(math.pi * i / fade_in)  # raised cosine: no click
        if i >= n - fade_out:
            env *= 0.5 - 0.5 * math.cos(math.pi * (n - i) / fade_out)
        if tone.decay:
            env *= math.exp(-i / (tone.decay * rate))
        out[i] = max(pcm.MIN, min(pcm.MAX, int(value * env * pcm.MAX)))
    return out


def load_sound(
    name: str, rate: int, read: Callable[[str], tuple[array[int], int]] | None = None
) -> array[int]:
    """The shipped sound ``name`` at ``rate``; made afresh if the file cannot be used."""
    reader = read or (lambda n: pcm.read_wav(sound_path(f"{n}.wav"), SOUND_LIMIT))
    try:
        samples, file_rate = reader(name)
    except (OSError, pcm.BadWavError):
        return synthesize(name, rate)
    return pcm.resample(samples, file_rate, rate)


def load_sounds(rate: int) -> dict[str, array[int]]:
    """Every sound the plan may ask for, keyed by the cue's ``sound`` name."""
    return {name: load_sound(name, rate) for name in SOUND_NAMES}
