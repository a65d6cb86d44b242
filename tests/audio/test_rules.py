"""The shared sound rules: which voice speaks, and which cue sounds under which settings."""

from __future__ import annotations

import pytest

from massage_timer.audio.rules import (
    VoiceChoice,
    choose_voice,
    cue_sounds,
    tag_language,
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


ESPEAK = [
    Voice("gmw/en", "English (Great Britain)", ("en-gb",)),
    Voice("gmw/en-us", "English (America)", ("en-us",)),
    Voice("gmw/de", "German", ("de",)),
    Voice("roa/es-419", "Spanish (Latin America)", ("es-419",)),
    Voice("roa/es", "Spanish (Spain)", ("es",)),
    Voice("roa/fr-be", "French (Belgium)", ("fr-be",)),
    Voice("roa/fr", "French (France)", ("fr-fr",)),
    Voice("inc/kok", "Konkani", ("kok",)),
    Voice("ko", "Korean", ("ko",)),
    Voice("sit/cmn-latn-pinyin", "Chinese (Pinyin)", ("cmn-latn-pinyin",)),
    Voice("sit/cmn", "Chinese (Mandarin)", ("cmn",)),
    Voice("sit/yue", "Chinese (Cantonese)", ("yue",)),
]


@pytest.mark.parametrize(
    ("language", "voice"),
    [("de", "gmw/de"), ("es", "roa/es"), ("fr", "roa/fr"), ("ko", "ko"), ("zh_CN", "sit/cmn")],
)
def test_with_no_voice_chosen_the_language_picks_its_own(language: str, voice: str) -> None:
    assert choose_voice("", ESPEAK, language) == VoiceChoice(voice)


def test_english_keeps_the_engine_default_and_a_chosen_voice_wins() -> None:
    assert choose_voice("", ESPEAK, "en") == VoiceChoice("")
    assert choose_voice("gmw/de", ESPEAK, "fr") == VoiceChoice("gmw/de")  # the user's pick


def test_a_language_without_a_voice_falls_back_to_captions_saying_what_to_install() -> None:
    only_english = [v for v in ESPEAK if v.languages[0].startswith("en")]
    choice = choose_voice("", only_english, "ko")
    assert choice.silent and choice.voice == ""
    assert choice.warning is not None and "한국어" in choice.warning
    assert "captions" in choice.warning and "espeak-ng-data" in choice.warning


def test_engine_tags_name_the_shipped_languages() -> None:
    assert [tag_language(t) for t in ("en-gb", "cmn", "zh", "fr-fr", "es-419", "kok", "yue")] == [
        "en",
        "zh_CN",
        "zh_CN",
        "fr",
        "es",
        None,
        None,
    ]
