"""``massage-timer export-audio``: the whole session as one 16-bit mono WAV.

Every spoken cue and sound is placed at its planned time and the file lasts exactly as
long as the plan, so a person can follow the session from a phone. What goes in follows
the user's settings through :func:`~massage_timer.audio.rules.cue_sounds`, the rule the
live session uses too; volume and mute are for the live session, and the file is
written at full level. A guide with a spoken cue missing is not written at all: the
summary only ever counts cues whose sound is in the file. No Qt is used.
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from massage_timer.audio import pcm
from massage_timer.audio.availability import no_speech_warning
from massage_timer.audio.export_target import (
    ExportTargetError,
    Target,
    check_target,
    write_target,
)
from massage_timer.audio.rules import choose_voice, cue_sounds
from massage_timer.audio.sounds import SOUND_RATE, load_sounds
from massage_timer.audio.speech import (
    EngineFactory,
    SpeechRenderer,
    cue_failed_warning,
    shared_renderer,
)
from massage_timer.core.i18n import N_, _, ngettext
from massage_timer.core.timefmt import clock_text
from massage_timer.core.timeline import CueKind, Plan
from massage_timer.storage.settings import Settings, load_settings

EXPORT_RATE = SOUND_RATE  # espeak's own rate: speech needs no resampling
EXIT_WRITE_FAILED = 1
EXIT_NO_SPEECH = 4  # no speech engine, or spoken cues it could not render
RENDER_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Mixed:
    """A mixed session: its samples, and what became of its spoken cues."""

    samples: array[int]
    spoken: int  # spoken cues whose sound is in ``samples``
    unsaid: dict[str, str]  # text -> why, for spoken cues that have no sound
    unsaid_cues: int  # how many cues (not texts) that is


_CANNOT = N_("massage-timer: cannot export: {why}")


def export_plan_audio(
    plan: Plan,
    out: Path,
    settings: Settings | None = None,
    engine_factory: EngineFactory | None = None,
    err: IO[str] | None = None,
) -> int:
    """Write ``plan`` as a WAV at ``out``; returns the exit code (0 when written).

    ``out`` may be a new path or a regular file (replaced atomically), or a character
    device or named pipe (written to as a stream). Anything else, or a folder that does
    not exist, is refused with one line and :data:`EXIT_WRITE_FAILED` before any work.
    Without a speech engine, or when a spoken cue could not be rendered, nothing is
    written: one line says why and the result is :data:`EXIT_NO_SPEECH`.
    """
    err = err or sys.stderr
    if settings is None:
        settings, storage_warnings = load_settings()
        for warning in storage_warnings:
            print(f"massage-timer: {warning.message}", file=err)
    try:
        target = check_target(out)
    except ExportTargetError as exc:
        print(f"massage-timer: {exc}", file=err)
        return EXIT_WRITE_FAILED
    renderer = shared_renderer(engine_factory)
    if renderer.error is not None:
        print(_(_CANNOT).format(why=no_speech_warning(renderer.error)), file=err)
        return EXIT_NO_SPEECH
    choice = choose_voice(settings.voice, renderer.voices)
    if choice.silent:
        print(_(_CANNOT).format(why=choice.warning), file=err)
        return EXIT_NO_SPEECH
    if choice.warning is not None:
        print(f"massage-timer: {choice.warning}", file=err)
    return _mix_and_write(plan, settings, renderer, choice.voice, target, err)


def _mix_and_write(
    plan: Plan,
    settings: Settings,
    renderer: SpeechRenderer,
    voice: str,
    target: Target,
    err: IO[str],
) -> int:
    out = target.named
    mixed = mix_plan(plan, settings, renderer, voice)
    said_below = {cue_failed_warning(reason) for reason in mixed.unsaid.values()}
    for problem in renderer.take_problems():
        if problem not in said_below:
            print(f"massage-timer: {problem}", file=err)
    if mixed.unsaid:
        total = mixed.spoken + mixed.unsaid_cues
        why = next(iter(mixed.unsaid.values()))
        print(
            _(
                "massage-timer: cannot export: the speech engine could not say {count}"
                " of {total} spoken cues ({why}); nothing was written to {path}"
            ).format(count=mixed.unsaid_cues, total=total, why=why, path=out),
            file=err,
        )
        return EXIT_NO_SPEECH
    try:
        write_target(target, pcm.wav_bytes(mixed.samples, EXPORT_RATE))
    except ExportTargetError as exc:
        print(f"massage-timer: {exc}", file=err)
        return EXIT_WRITE_FAILED
    print(
        ngettext(
            "Wrote {path} ({length}, {count} spoken cue)",
            "Wrote {path} ({length}, {count} spoken cues)",
            mixed.spoken,
        ).format(path=out, length=clock_text(plan.total_seconds), count=mixed.spoken)
    )
    return 0


def mix_plan(plan: Plan, settings: Settings, renderer: SpeechRenderer, voice: str) -> Mixed:
    """Every cue of ``plan`` that sounds under ``settings``, mixed at its time.

    The samples last exactly ``plan.total_ms``; ``voice`` is the one to speak with (""
    for the engine's default).
    """
    speech: dict[str, array[int]] = {}

    def keep(text: str, samples: array[int]) -> None:
        speech[text] = samples

    cues = sorted(
        (c for c in plan.cues if cue_sounds(c, settings, live=False)), key=lambda c: c.at_ms
    )
    texts = [c.text for c in cues if c.kind is CueKind.SPEECH]
    request = renderer.submit(texts, voice, settings.rate, EXPORT_RATE, keep)
    request.wait(texts, RENDER_TIMEOUT_S)
    request.cancel()
    unsaid = request.unsaid(texts)
    sounds = load_sounds(EXPORT_RATE)
    total = round(plan.total_ms * EXPORT_RATE / 1000)
    out = pcm.silence(total)
    used = spoken = 0
    for cue in cues:
        speaking = cue.kind is CueKind.SPEECH
        clip = speech.get(cue.text) if speaking else sounds.get(cue.sound)
        at = round(cue.at_ms * EXPORT_RATE / 1000)
        if clip and at < total:
            used = pcm.mix_into(out, clip, at, used)
            spoken += speaking
    del out[total:]  # a last cue that runs past the end is cut: the file is the plan's length
    unsaid_cues = sum(1 for t in texts if t in unsaid)
    return Mixed(out, spoken, unsaid, unsaid_cues)
