"""``massage-timer export-audio``: the whole session as one 16-bit mono WAV.

Every spoken cue and sound is placed at its planned time and the file lasts exactly as
long as the plan, so a person can follow the session from a phone. What goes in
follows the user's settings: the voice and rate, the beeps and end chime when beeps are
on, and the stroke metronome and breath tones only when the metronome is on (the same
choice the live session makes). Volume and mute are for the live session; the file is
written at full level. No Qt is used.
"""

from __future__ import annotations

import sys
from array import array
from pathlib import Path
from typing import IO

from massage_timer.audio import pcm
from massage_timer.audio.availability import no_speech_warning
from massage_timer.audio.sounds import SOUND_RATE, load_sounds
from massage_timer.audio.speech import (
    EngineFactory,
    SpeechRenderer,
    shared_renderer,
    voice_missing_warning,
)
from massage_timer.core.timefmt import clock_text
from massage_timer.core.timeline import CueKind, Plan
from massage_timer.storage.settings import Settings, load_settings

EXPORT_RATE = SOUND_RATE  # espeak's own rate: speech needs no resampling
EXIT_WRITE_FAILED = 1
EXIT_NO_SPEECH = 4
RENDER_TIMEOUT_S = 120.0


def export_plan_audio(
    plan: Plan,
    out: Path,
    settings: Settings | None = None,
    engine_factory: EngineFactory | None = None,
    err: IO[str] | None = None,
) -> int:
    """Write ``plan`` as a WAV at ``out``; returns the exit code (0 when written).

    Without a speech engine nothing is written: a clear line says what is missing and
    the result is :data:`EXIT_NO_SPEECH`. A file that cannot be written gives
    :data:`EXIT_WRITE_FAILED`.
    """
    err = err or sys.stderr
    if settings is None:
        settings, storage_warnings = load_settings()
        for warning in storage_warnings:
            print(f"massage-timer: {warning.message}", file=err)
    renderer = shared_renderer(engine_factory)
    if renderer.error is not None:
        print(f"massage-timer: cannot export: {no_speech_warning(renderer.error)}", file=err)
        return EXIT_NO_SPEECH
    if settings.voice and settings.voice not in {v.id for v in renderer.voices}:
        print(f"massage-timer: {voice_missing_warning(settings.voice)}", file=err)
    samples = mix_plan(plan, settings, renderer)
    for problem in renderer.take_problems():
        print(f"massage-timer: {problem}", file=err)
    try:
        pcm.write_wav_atomic(out, samples, EXPORT_RATE, durable=True)
    except OSError as exc:
        print(f"massage-timer: cannot write {out}: {exc.strerror or exc}", file=err)
        return EXIT_WRITE_FAILED
    spoken = sum(1 for c in plan.cues if c.kind is CueKind.SPEECH)
    print(f"Wrote {out} ({clock_text(plan.total_seconds)}, {spoken} spoken cues)")
    return 0


def mix_plan(plan: Plan, settings: Settings, renderer: SpeechRenderer) -> array[int]:
    """Every cue of ``plan`` mixed at its time: exactly ``plan.total_ms`` of samples."""
    speech: dict[str, array[int]] = {}

    def keep(text: str, samples: array[int]) -> None:
        speech[text] = samples

    texts = [c.text for c in plan.cues if c.kind is CueKind.SPEECH]
    voice = settings.voice if settings.voice in {v.id for v in renderer.voices} else ""
    request = renderer.submit(texts, voice, settings.rate, EXPORT_RATE, keep)
    request.wait(texts, RENDER_TIMEOUT_S)
    request.cancel()
    sounds = load_sounds(EXPORT_RATE)
    total = round(plan.total_ms * EXPORT_RATE / 1000)
    out = pcm.silence(total)
    used = 0
    for cue in sorted(plan.cues, key=lambda c: c.at_ms):
        if cue.kind is CueKind.SPEECH:
            clip = speech.get(cue.text)
        elif cue.kind is CueKind.BEEP and settings.beeps:
            clip = sounds.get(cue.sound)
        elif cue.kind is CueKind.TICK and settings.metronome:
            clip = sounds.get(cue.sound)
        else:
            clip = None
        if clip:
            used = pcm.mix_into(out, clip, round(cue.at_ms * EXPORT_RATE / 1000), used)
    del out[total:]  # a last cue that runs past the end is cut: the file is the plan's length
    return out
