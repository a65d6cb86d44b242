"""What the voice says, and how long saying it takes, kept apart from the planning logic."""

from __future__ import annotations

import re

from massage_timer.core.i18n import N_, SOURCE_LANGUAGE, _, current_language, ngettext

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

# The English texts; use them through _() (see core/i18n.py), never as they are.
WELL_DONE = N_("Well done.")
SWITCH_SIDES = N_("Switch sides.")
HALFWAY = N_("Halfway.")
LAST_TEN = N_("Ten seconds left.")
TEN_MORE_STROKES = N_("Ten more strokes.")
RELEASE = N_("Release.")
HOLD = N_("Hold.")
INHALE = N_("Inhale.")
EXHALE = N_("Exhale.")
HOLD_BREATH = N_("Hold.")
LAST_ONE = N_("Last one.")
BEFORE_YOU_GET_UP = N_("Take a moment before you get up.")
DEFAULT_RATE = 160  # words per minute
_SWITCH_TO = {
    "left": N_("Switch to your left side."),
    "right": N_("Switch to your right side."),
}
_FIRST_SIDE = {"left": N_("Left side first."), "right": N_("Right side first.")}
_SIDE_NAMES = {"left": N_("left"), "right": N_("right")}

# Short answers to a command given from afar (media keys, tray, terminal).
PAUSED = N_("Paused.")
GOING_ON = N_("Going on.")
STOPPED = N_("Stopped.")


def next_step_words(title: str) -> str:
    return _("Next: {title}.").format(title=title)


def back_to_words(title: str) -> str:
    return _("Back to {title}.").format(title=title)


def say(message: str) -> str:
    """One of this module's texts in the current language."""
    return _(message)


def _english_number(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {_english_number(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{_english_number(thousands)} thousand" + (f" {_english_number(rest)}" if rest else "")


def number_words(n: int) -> str:
    """A count as the voice should say it: "one hundred twenty" in English.

    Other languages write the digits: each voice reads them in its own language, with
    its own grammar, which no list of words here could match.
    """
    if current_language() != SOURCE_LANGUAGE or not 0 <= n < 10000:
        return str(n)
    return _english_number(n)


def count(n: int) -> str:
    """A count said on its own: "Three." ("3." beyond English)."""
    return _("{count}.").format(count=capitalized(number_words(n)))


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def seconds_words(seconds: float) -> str:
    """A length as a person says it: "four minutes", "ninety seconds", "two and a half minutes"."""
    s = round(seconds)
    if s < 120 or s % 30:
        return ngettext("{n} second", "{n} seconds", s).format(n=number_words(s))
    minutes, half = divmod(s, 60)
    if half:
        return _("{n} and a half minutes").format(n=number_words(minutes))
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=number_words(minutes))


def switch_to(side: str | None) -> str:
    """ "Switch to your left side." (or "Switch sides." when the side is not known)."""
    return _(_SWITCH_TO.get(side or "", SWITCH_SIDES))


def side_name(side: str) -> str:
    """ "left" or "right" in the current language (the id itself for anything else)."""
    return _(_SIDE_NAMES[side]) if side in _SIDE_NAMES else side


def side_label(side: str) -> str:
    """ "left side" / "right side", as a status line shows it."""
    labels = {"left": N_("left side"), "right": N_("right side")}
    return _(labels[side]) if side in labels else side


def breath_phase_name(phase: str) -> str:
    """A breath phase ("inhale", "hold", "exhale") as the pacer shows it."""
    names = {"inhale": N_("Breathe in"), "hold": N_("Hold"), "exhale": N_("Breathe out")}
    return _(names[phase]) if phase in names else phase


def side_first(side: str) -> str:
    return _(_FIRST_SIDE[side])


_PAUSE = re.compile(r"[.,;:!?]+(\s|$)|[\u3001\u3002\uff01\uff0c\uff1a\uff1b\uff1f]")  # and CJK
# A Han character or a Hangul block is one spoken syllable.
_SYLLABLE_CHAR = re.compile(r"[\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
# Milliseconds a voice takes per letter, per syllable character, per digit (each said
# as a short word) and per pause, at 160 words a minute, with each language's espeak-ng
# voice: fitted to every cue of the built-in routines as bench/speech_length.py renders
# them, then raised until no estimate is shorter than its speech (that bench checks it).
_BASE_MS = 150
_PACE: dict[str, tuple[float, float, float, float]] = {
    "en": (70.0, 0.0, 280.0, 420.0),
    "de": (92.0, 0.0, 320.0, 250.0),
    "es": (85.0, 0.0, 195.0, 360.0),
    "fr": (73.0, 0.0, 121.0, 315.0),
    "ko": (80.0, 276.0, 176.0, 420.0),
    "zh_CN": (80.0, 525.0, 160.0, 375.0),
}
_DEFAULT_PACE = (90.0, 525.0, 320.0, 420.0)  # until a language is measured: on the long side


def speech_ms(text: str, rate: int = DEFAULT_RATE, language: str | None = None) -> int:
    """How long a synthesizer takes to say ``text`` at ``rate`` words a minute, a little generous.

    Used to keep spoken cues apart and to size each step's lead-in; the exact length is
    known only once the audio exists. ``language`` defaults to the current one.
    """
    letter, syllable, digit, pause = _PACE.get(language or current_language(), _DEFAULT_PACE)
    syllables = len(_SYLLABLE_CHAR.findall(text))
    letters = len(_LETTER.findall(text)) - syllables
    spoken = letters * letter + syllables * syllable + len(_DIGIT.findall(text)) * digit
    pauses = len(_PAUSE.findall(text))
    return int(_BASE_MS + (spoken + pauses * pause) * DEFAULT_RATE / rate)
