"""The shared sound rules: which voice speaks, and which cue sounds under which settings."""

from __future__ import annotations

import pytest

from massage_timer.audio.rules import (
    VoiceChoice,
    choose_voice,
    cue_sounds,
    voice_missing_warning,
)
from massage_timer.audio.speech import Voice
from massage_timer.core.timeline import Cue
from massage_timer.storage.settings import Settings

from .fakes import beep, speech, tick

SPEECH = speech(0, "Release.")
BEEP = beep(0)
CHIME = beep(0, "chime")
TICK = tick(0)
BREATH_IN = tick(0, "breath-in")
BREATH_OUT = tick(0, "breath-out")
CUES = (SPEECH, BEEP, CHIME, TICK, BREATH_IN, BREATH_OUT)

# settings -> the cues that sound, (live session, export)
TABLE: list[tuple[Settings, tuple[Cue, ...], tuple[Cue, ...]]] = [
    (Settings(), (SPEECH, BEEP, CHIME), (SPEECH, BEEP, CHIME)),
    (Settings(beeps=False), (SPEECH,), (SPEECH,)),
    (Settings(metronome=True), CUES, CUES),
    (
        Settings(beeps=False, metronome=True),
        (SPEECH, TICK, BREATH_IN, BREATH_OUT),
        (SPEECH, TICK, BREATH_IN, BREATH_OUT),
    ),
    # Mute silences a live session; an export is sound asked for, written at full level.
    (Settings(mute=True, metronome=True), (), CUES),
    (Settings(mute=True, beeps=False), (), (SPEECH,)),
    # The volume never decides whether a cue sounds.
    (Settings(volume=0.0), (SPEECH, BEEP, CHIME), (SPEECH, BEEP, CHIME)),
]


@pytest.mark.parametrize(("settings", "live", "exported"), TABLE)
def test_which_cues_sound_under_which_settings(
    settings: Settings, live: tuple[Cue, ...], exported: tuple[Cue, ...]
) -> None:
    assert tuple(c for c in CUES if cue_sounds(c, settings, live=True)) == live
    assert tuple(c for c in CUES if cue_sounds(c, settings, live=False)) == exported


INSTALLED = [Voice("gmw/en", "English"), Voice("gmw/de", "German")]


@pytest.mark.parametrize(
    ("wanted", "installed", "choice"),
    [
        ("", INSTALLED, VoiceChoice("")),
        ("gmw/de", INSTALLED, VoiceChoice("gmw/de")),
        ("klingon", INSTALLED, VoiceChoice("", voice_missing_warning("klingon"))),
        ("German", INSTALLED, VoiceChoice("", voice_missing_warning("German"))),  # ids only
        ("gmw/en", [], VoiceChoice("", voice_missing_warning("gmw/en"))),
        ("", [], VoiceChoice("")),
    ],
)
def test_which_voice_speaks(wanted: str, installed: list[Voice], choice: VoiceChoice) -> None:
    assert choose_voice(wanted, installed) == choice


def test_the_missing_voice_warning_says_what_happens_and_what_to_do() -> None:
    line = voice_missing_warning("klingon")
    assert "'klingon'" in line and "default voice" in line and "settings" in line
    assert "\n" not in line
