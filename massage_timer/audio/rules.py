"""The sound rules the live player and ``export-audio`` share, each decided once here.

Which voice speaks for the settings' ``voice`` and the current language (and what to
say when none can), and whether a cue sounds under the user's settings. Before this
module each front end wrote its own copy, and they drifted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from massage_timer.core.i18n import LANGUAGE_NAMES, SOURCE_LANGUAGE, _, current_language
from massage_timer.core.timeline import Cue, CueKind

if TYPE_CHECKING:
    from massage_timer.audio.speech import Voice
    from massage_timer.storage.settings import Settings

# Engine tags that name a shipped language in another way (espeak-ng's Mandarin is "cmn").
_TAG_LANGUAGES = {"cmn": "zh_CN", "zh": "zh_CN", "zh-cn": "zh_CN"}
_INSTALL_HINT = "sudo apt-get install espeak-ng-data"


@dataclass(frozen=True)
class VoiceChoice:
    """The voice to ask the engine for ("" for its default), and why, if not the wanted one.

    ``silent``: no installed voice speaks the language; the session shows captions only
    (an English voice reading German text would help nobody).
    """

    voice: str
    warning: str | None = None
    silent: bool = False


def tag_language(tag: str) -> str | None:
    """The shipped language an engine's tag speaks ("en-gb" -> "en", "cmn" -> "zh_CN")."""
    tag = tag.lower()
    if tag in _TAG_LANGUAGES or tag.split("-", 1)[0] in _TAG_LANGUAGES:
        return _TAG_LANGUAGES.get(tag, _TAG_LANGUAGES.get(tag.split("-", 1)[0]))
    base = tag.split("-", 1)[0]
    return base if base in LANGUAGE_NAMES else None


def voice_language(voice: Voice) -> str | None:
    """The shipped language ``voice`` speaks, if any."""
    return next((lang for tag in voice.languages if (lang := tag_language(tag))), None)


def _preference(voice: Voice) -> tuple[int, int]:
    # The plain voice first ("de", "fr-fr", "cmn"), before regional or romanised ones.
    tags = voice.languages or ("",)
    base = tags[0].split("-", 1)[0]
    plain = tags[0] == base or tags[0] == f"{base}-{base}"
    return (0 if plain else 1, len(tags[0]))


def voice_for_language(language: str, installed: Iterable[Voice]) -> Voice | None:
    """The installed voice that speaks ``language`` best, or None."""
    speaking = [v for v in installed if voice_language(v) == language]
    return min(speaking, key=_preference) if speaking else None


def voice_missing_warning(voice: str) -> str:
    return _(
        "The voice '{voice}' is not available; the default voice speaks instead. "
        "Pick another voice in the settings."
    ).format(voice=voice)


def no_voice_for_language_warning(language: str) -> str:
    return _(
        "No installed voice speaks {language}; captions show every cue. "
        "To hear it, install a voice for it ({hint})."
    ).format(language=LANGUAGE_NAMES.get(language, language), hint=_INSTALL_HINT)


def choose_voice(
    wanted: str, installed: Iterable[Voice], language: str | None = None
) -> VoiceChoice:
    """The voice that speaks when the settings ask for ``wanted`` ("" = the language's own).

    A voice the user picked speaks if it is installed. Otherwise (none picked, or one
    uninstalled since) the voice is an installed one for the current ``language``; for
    English the engine's default. A language no installed voice speaks is shown in
    captions, with a warning saying what to install.
    """
    voices = list(installed)
    if wanted and any(v.id == wanted for v in voices):
        return VoiceChoice(wanted)
    missing = voice_missing_warning(wanted) if wanted else None
    language = language or current_language()
    if language == SOURCE_LANGUAGE or not voices:
        return VoiceChoice("", missing)  # no list to look in: the engine's default it is
    found = voice_for_language(language, voices)
    if found is not None:
        return VoiceChoice(found.id, missing)
    return VoiceChoice("", no_voice_for_language_warning(language), silent=True)


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
