"""The shipped sounds: soft, click-free, and made again if a file is missing."""

from __future__ import annotations

import os
from array import array
from pathlib import Path

import pytest

from massage_timer.audio import pcm, sounds
from massage_timer.audio.make_sounds import main as make_sounds_main
from massage_timer.audio.sounds import (
    SOUND_LIMIT,
    SOUND_NAMES,
    SOUND_RATE,
    TONES,
    load_sound,
    synthesize,
)
from massage_timer.core.planner import plan_routine
from massage_timer.core.timeline import CueKind
from massage_timer.resources import sound_path
from tests.core.helpers import all_builtins


def test_every_sound_a_plan_uses_exists() -> None:
    used = {
        cue.sound
        for routine in all_builtins()
        for cue in plan_routine(routine).cues
        if cue.kind is not CueKind.SPEECH
    }
    assert {"beep", "chime"} <= used  # the plans do ask for sounds
    assert "" not in used  # and every beep or tick names one
    missing = [n for n in sorted(used) if n not in TONES or not sound_path(f"{n}.wav").is_file()]
    assert missing == []


@pytest.mark.parametrize("name", SOUND_NAMES)
def test_sound_is_soft_and_starts_and_ends_quietly(name: str) -> None:
    samples = synthesize(name)
    assert len(samples) == round(TONES[name].seconds * SOUND_RATE)
    peak = max(abs(s) for s in samples)
    assert 0.05 * pcm.MAX < peak < 0.5 * pcm.MAX  # audible, never harsh
    assert abs(samples[0]) < 50 and abs(samples[-1]) < 50  # faded: no click


@pytest.mark.parametrize("name", SOUND_NAMES)
def test_shipped_file_is_what_the_recipe_makes(name: str) -> None:
    samples, rate = pcm.read_wav(sound_path(f"{name}.wav"))
    assert rate == SOUND_RATE and samples == synthesize(name)


def test_missing_file_is_made_in_memory() -> None:
    def missing(name: str) -> tuple[array[int], int]:
        raise FileNotFoundError(name)

    assert load_sound("tick", 11025, read=missing) == synthesize("tick", 11025)


def test_load_resamples_to_the_output_rate() -> None:
    assert len(load_sound("beep", 44100)) == 2 * len(synthesize("beep"))


def test_make_sounds_writes_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert make_sounds_main([str(tmp_path)]) == 0
    assert sorted(p.stem for p in tmp_path.glob("*.wav")) == sorted(SOUND_NAMES)
    assert str(tmp_path) in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
def test_a_shipped_sound_that_is_not_a_small_file_is_made_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    place = tmp_path / "tick.wav"
    if kind == "fifo":
        os.mkfifo(place)  # would block a plain open() forever
    elif kind == "zero":
        place.symlink_to("/dev/zero")  # would never end
    else:
        place.write_bytes(pcm.wav_bytes(array("h", bytes(2 * SOUND_LIMIT)), SOUND_RATE))
    monkeypatch.setattr(sounds, "sound_path", lambda name: tmp_path / name)
    assert load_sound("tick", SOUND_RATE) == synthesize("tick")
