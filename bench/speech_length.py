"""Does the planner leave each spoken cue enough room, in every language?

For each shipped language, renders every distinct spoken cue of the built-in routines
with that language's voice at the default rate and compares its real length with the
planner's estimate (core/phrases.py ``speech_ms``), which keeps cues from overlapping.
Prints, per language: cues measured, the median and the largest real/estimate ratio,
and how many cues run longer than their estimate. Goal: none longer.
Usage: python bench/speech_length.py [LANG ...]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from massage_timer.audio import pcm
from massage_timer.audio.rules import choose_voice
from massage_timer.audio.speech import Pyttsx3Engine
from massage_timer.core import phrases
from massage_timer.core.i18n import SHIPPED, set_language
from massage_timer.core.planner import plan_routine
from massage_timer.core.timeline import CueKind
from massage_timer.storage.catalog import load_catalog

LIMIT = 16 << 20


def spoken_texts() -> list[str]:
    texts: set[str] = set()
    for routine in load_catalog().routines:
        if routine.origin.value != "builtin":
            continue
        texts.update(c.text for c in plan_routine(routine).cues if c.kind is CueKind.SPEECH)
    return sorted(texts)


def seconds_of(path: Path) -> float:
    samples, rate = pcm.read_wav(path, LIMIT)
    # Trailing silence is not speech: espeak pads a little after the last word.
    end = len(samples)
    while end > 0 and abs(samples[end - 1]) < 200:
        end -= 1
    return end / rate


def measure(language: str, engine: Pyttsx3Engine, folder: Path) -> None:
    set_language(language)
    choice = choose_voice("", engine.voices(), language)
    if choice.silent:
        print(f"{language:6} no voice installed")
        return
    ratios: list[float] = []
    over: list[tuple[float, str]] = []
    for n, text in enumerate(spoken_texts()):
        path = folder / f"{language}-{n}.wav"
        engine.render(text, choice.voice, phrases.DEFAULT_RATE, path)
        real = seconds_of(path) * 1000
        estimate = phrases.speech_ms(text)
        ratios.append(real / estimate)
        if real > estimate:
            over.append((real / estimate, text))
    over.sort(reverse=True)
    print(
        f"{language:6} voice {choice.voice or 'default':10} cues {len(ratios):4}  "
        f"median {statistics.median(ratios):.2f}  max {max(ratios):.2f}  "
        f"longer than planned {len(over):3}   (goal: 0)"
    )
    for ratio, text in over[:3]:
        print(f"         {ratio:.2f}  {text[:90]}")


def main(argv: list[str]) -> int:
    engine = Pyttsx3Engine()
    with tempfile.TemporaryDirectory(prefix="mt-speech-") as tmp:
        for language in argv or SHIPPED:
            measure(language, engine, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
