"""What the voice says, and how long saying it takes, kept apart from the planning logic."""

from __future__ import annotations

import re

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

WELL_DONE = "Well done."
SWITCH_SIDES = "Switch sides."
HALFWAY = "Halfway."
LAST_TEN = "Ten seconds left."
RELEASE = "Release."
HOLD = "Hold."
INHALE = "Inhale."
EXHALE = "Exhale."
HOLD_BREATH = "Hold."
DEFAULT_RATE = 160  # words per minute

# Short answers to a command given from afar (media keys, tray, terminal).
PAUSED = "Paused."
GOING_ON = "Going on."
STOPPED = "Stopped."


def next_step_words(title: str) -> str:
    return f"Next: {title}."


def back_to_words(title: str) -> str:
    return f"Back to {title}."


def number_words(n: int) -> str:
    """0 to 9999 in words, as a voice should say a count: 120 -> "one hundred twenty"."""
    if not 0 <= n < 10000:
        return str(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def seconds_words(seconds: float) -> str:
    """A length as a person says it: "four minutes", "ninety seconds", "two and a half minutes"."""
    s = round(seconds)
    if s < 120 or s % 30:
        return f"{number_words(s)} second" + ("" if s == 1 else "s")
    minutes, half = divmod(s, 60)
    return f"{number_words(minutes)}" + (" and a half" if half else "") + " minutes"


def side_words(side: str) -> str:
    return f"your {side} side"


_WORD = re.compile(r"[\w'-]+")
_PAUSE = re.compile(r"[.,;:!?]+\s")


def speech_ms(text: str, rate: int = DEFAULT_RATE) -> int:
    """How long a synthesizer takes to say ``text`` at ``rate`` words a minute, a little generous.

    Used to keep spoken cues apart; the exact length is known only once the audio exists.
    """
    words = sum(max(1, len(w) // 7) for w in _WORD.findall(text))
    pauses = len(_PAUSE.findall(text + " "))
    return int(150 + words * 60000 / rate + pauses * 200)
