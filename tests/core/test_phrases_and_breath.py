"""Spoken phrases and the breath pacer's arithmetic."""

from __future__ import annotations

import pytest

from massage_timer.core import phrases
from massage_timer.core.breath import breath_state
from massage_timer.core.breathing import Breathing
from massage_timer.core.technique_library import TECHNIQUES, get_technique
from massage_timer.core.techniques import Defaults, Mode, Technique
from massage_timer.core.timeline import BreathPhase, Segment, SegmentKind


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (19, "nineteen"),
        (20, "twenty"),
        (42, "forty-two"),
        (100, "one hundred"),
        (120, "one hundred twenty"),
        (1000, "one thousand"),
        (2345, "two thousand three hundred forty-five"),
        (10000, "10000"),
    ],
)
def test_number_words(n: int, words: str) -> None:
    assert phrases.number_words(n) == words


@pytest.mark.parametrize(
    ("s", "words"),
    [
        (1, "one second"),
        (25, "twenty-five seconds"),
        (90, "ninety seconds"),
        (240, "four minutes"),
        (150, "two and a half minutes"),
        (125, "one hundred twenty-five seconds"),
    ],
)
def test_seconds_words(s: float, words: str) -> None:
    assert phrases.seconds_words(s) == words


def test_speech_length_grows_with_words_and_slows_with_rate() -> None:
    short, long = (
        phrases.speech_ms("Hold."),
        phrases.speech_ms("Warm your palms and stroke up and down."),
    )
    assert 300 < short < long < 5000
    assert phrases.speech_ms("Hold.", rate=80) > phrases.speech_ms("Hold.", rate=300)


def seg(phase: BreathPhase | None, ms: int = 4000) -> Segment:
    return Segment(
        0, 0, ms, SegmentKind.WORK, "t", "kneading", 0, breathing=Breathing(4, 2, 6), phase=phase
    )


def test_breath_follows_the_pattern_over_work() -> None:
    assert breath_state(seg(None), 1000).phase == "inhale"  # type: ignore[union-attr]
    hold = breath_state(seg(None), 5000)
    assert hold is not None and hold.phase == "hold" and hold.fullness == 1.0
    out = breath_state(seg(None), 9000)
    assert out is not None and out.phase == "exhale" and out.fullness == pytest.approx(0.5)
    again = breath_state(seg(None), 13000)  # the next cycle
    assert again is not None and again.phase == "inhale"
    assert again.fullness == pytest.approx(0.25)


def test_breathing_segment_is_one_phase() -> None:
    b = breath_state(seg(BreathPhase.INHALE), 1000)
    assert b is not None and b.progress == pytest.approx(0.25) and b.remaining_ms == 3000
    no_pacer = Segment(0, 0, 1000, SegmentKind.REST, "Rest", "kneading", 0)
    assert breath_state(no_pacer, 10) is None


def test_technique_library_is_complete() -> None:
    ids = {
        "gentle-circles",
        "kneading",
        "shoulder-blade-squeeze",
        "cross-body-stretch",
        "palm-rub",
        "thumb-knuckle-circles",
        "foam-roller",
        "paced-breathing",
        "glute-trigger-point",
        "waist-twist",
        "chest-expansion",
        "back-extension",
    }
    assert set(TECHNIQUES) == ids
    for t in TECHNIQUES.values():
        assert t.name and t.area and t.summary and t.cue
        assert 2 <= len(t.instructions) <= 5
        assert all(len(line) <= 70 for line in t.instructions), "short lines to follow"
    assert "sore" in get_technique("kneading").safety
    assert get_technique("palm-rub").defaults.strokes == 200
    with pytest.raises(KeyError):
        get_technique("nope")


def test_a_technique_needs_instructions() -> None:
    with pytest.raises(ValueError):
        Technique("x", "X", "a", "s", (), "c", Mode.TIMED, Defaults())
