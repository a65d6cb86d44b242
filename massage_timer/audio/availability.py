"""What is missing for sound, said in one line each with how to fix it.

A session never needs sound: without a device or a speech engine it runs on captions,
and these are the warnings the user sees once.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from massage_timer.core.i18n import N_, _

if TYPE_CHECKING:
    from massage_timer.audio.speech import SpeechRenderer

CAPTIONS = N_("Captions will show every cue.")


def _reason(error: str) -> str:
    line = error.strip().splitlines()[0] if error.strip() else _("unknown error")
    return line if len(line) <= 120 else line[:117] + "..."


def no_speech_warning(error: str) -> str:
    """The speech engine (pyttsx3 and its synthesizer) could not start."""
    if sys.platform.startswith("linux"):
        fix = _(
            "install the Debian package libespeak-ng1 "
            "(sudo apt-get install libespeak-ng1), or espeak-ng on other systems"
        )
    else:
        fix = _("reinstall massage-timer so that its speech engine (pyttsx3) is complete")
    return _("No speech engine ({reason}): {fix}. {captions}").format(
        reason=_reason(error), fix=fix, captions=_(CAPTIONS)
    )


def no_output_warning() -> str:
    """There is no audio output at all: no sound server and no sound card."""
    return _(
        "No sound output: no audio device or sound server (PulseAudio or PipeWire) was found. "
        "Start your sound server or connect a device (on Debian: sudo apt-get install "
        "pulseaudio). {captions}"
    ).format(captions=_(CAPTIONS))


def no_multimedia_warning(error: str) -> str:
    """Qt Multimedia itself could not load."""
    return _(
        "No sound: Qt Multimedia could not be loaded ({reason}); on Debian install "
        "libpulse0 (sudo apt-get install libpulse0). {captions}"
    ).format(reason=_reason(error), captions=_(CAPTIONS))


def speech_warnings(renderer: SpeechRenderer, voice: str) -> list[str]:
    """What is wrong with speech: no engine, or the settings' ``voice`` not installed."""
    from massage_timer.audio.rules import choose_voice

    if renderer.error is not None:
        return [no_speech_warning(renderer.error)]
    missing = choose_voice(voice, renderer.voices).warning
    return [missing] if missing is not None else []
