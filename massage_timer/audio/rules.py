"""The two sound rules the live player and ``export-audio`` share, each decided once here.

Which voice speaks for the settings' ``voice`` (and whether to warn that it is not
installed), and whether a cue sounds under the user's settings. Before this module each
front end wrote its own copy, and they drifted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from massage_timer.core.timeline import Cue, CueKind

if TYPE_CHECKING:
    from massage_timer.audio.speech import Voice
    from massage_timer.storage.settings import Settings


@dataclass(frozen=True)
class VoiceChoice:
    """The voice to ask the engine for ("" for its default), and why, if not the wanted one."""

    voice: str
    warning: str | None = None


def voice_missing_warning(voice: str) -> str:
    return (
        f"The voice '{voice}' is not available; the default voice speaks instead. "
        "Pick another voice in the settings."
    )


def choose_voice(wanted: str, installed: Iterable[Voice]) -> VoiceChoice:
    """The voice that speaks when the settings ask for ``wanted`` ("" = the default).

    A voice that is not among the engine's ``installed`` voices (uninstalled since it was
    chosen, or settings copied from another machine) falls back to the default voice,
    with a warning saying so.
    """
    if not wanted or any(v.id == wanted for v in installed):
        return VoiceChoice(wanted)
    return VoiceChoice("", voice_missing_warning(wanted))


def cue_sounds(cue: Cue, settings: Settings, *, live: bool) -> bool:
    """Whether ``cue`` is heard under ``settings``.

    Speech always, the 3-2-1 beeps and the end chime when beeps are on, the stroke
    metronome ticks and the breath pacer's tones only when the metronome is on. Mute
    silences everything in a ``live`` session; an export is sound the user asked for, so
    mute (like the volume) does not apply to it.
    """
    if live and settings.mute:
        return False
    if cue.kind is CueKind.SPEECH:
        return True
    if cue.kind is CueKind.BEEP:
        return settings.beeps
    return settings.metronome  # CueKind.TICK: stroke ticks and breath tones alike
