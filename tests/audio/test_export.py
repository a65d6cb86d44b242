"""export-audio with a fake engine: placement, length, what goes in, failures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from massage_timer.audio import pcm
from massage_timer.audio.export import (
    EXIT_NO_SPEECH,
    EXIT_WRITE_FAILED,
    EXPORT_RATE,
    export_plan_audio,
)
from massage_timer.core.timeline import Cue
from massage_timer.storage.settings import Settings

from .fakes import FakeEngine, beep, sound_starts, speech, tick, tiny_plan


def fake_factory() -> FakeEngine:
    return ENGINE


ENGINE = FakeEngine()


def export(
    tmp_path: Path, settings: Settings, *cues: Cue, total_ms: int = 2500
) -> tuple[int, Path, str]:
    out, err = tmp_path / "out.wav", io.StringIO()
    plan = tiny_plan(*cues, total_ms=total_ms)
    code = export_plan_audio(plan, out, settings=settings, engine_factory=fake_factory, err=err)
    return code, out, err.getvalue()


def test_each_cue_at_its_time_and_the_file_exactly_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = export(
        tmp_path,
        Settings(),
        speech(0, "Hello there."),
        beep(1000),
        speech(1500, "Bye."),
        total_ms=2001,
    )
    assert code == 0 and err == ""
    samples, rate = pcm.read_wav(out)
    assert rate == EXPORT_RATE and len(samples) == round(2.001 * rate)
    starts = sound_starts(samples)
    expected = [0, rate, round(1.5 * rate)]
    slack = rate * pcm.KEEP_BEFORE_MS // 1000 + 1  # the lead-in kept before each sound
    assert len(starts) == 3
    assert all(abs(s - e) <= slack for s, e in zip(starts, expected, strict=True))
    assert "Wrote" in capsys.readouterr().out


def test_beeps_and_ticks_follow_the_settings(tmp_path: Path) -> None:
    cues = (beep(0), tick(500), tick(1000, "breath-out"))
    _, out, _ = export(tmp_path, Settings(beeps=True, metronome=False), *cues)
    assert len(sound_starts(pcm.read_wav(out)[0])) == 1
    _, out, _ = export(tmp_path, Settings(beeps=False, metronome=True), *cues)
    assert len(sound_starts(pcm.read_wav(out)[0])) == 2


def test_a_cue_running_past_the_end_is_cut(tmp_path: Path) -> None:
    _, out, _ = export(
        tmp_path, Settings(), speech(990, "A rather long last sentence."), total_ms=1000
    )
    samples, rate = pcm.read_wav(out)
    assert len(samples) == rate and samples[-1] != 0


def test_a_missing_voice_is_said(tmp_path: Path) -> None:
    code, _, err = export(tmp_path, Settings(voice="klingon"), speech(0, "Hi."))
    assert code == 0 and "klingon" in err


def test_an_unwritable_target_is_reported(tmp_path: Path) -> None:
    (tmp_path / "out.wav").mkdir()  # a folder where the file should go
    code, _, err = export(tmp_path, Settings(), speech(0, "Hi."))
    assert code == EXIT_WRITE_FAILED and "cannot write" in err


def test_an_unwritable_voice_cache_still_puts_every_cue_in_the_file(
    tmp_path: Path, xdg_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    xdg_dirs["cache"].mkdir(parents=True)
    (xdg_dirs["cache"] / "massage-timer").write_text("a file where the cache folder goes")
    code, out, err = export(tmp_path, Settings(), speech(0, "Hello there."), speech(1500, "Bye."))
    assert code == 0
    assert len(sound_starts(pcm.read_wav(out)[0])) == 2
    assert "voice cache" in err and len(err.splitlines()) == 1
    assert "2 spoken cues)" in capsys.readouterr().out


def failing_factory() -> FakeEngine:
    return FAILING


FAILING = FakeEngine(fail_on="Bye")


@pytest.mark.parametrize("cues", [1, 2])
def test_spoken_cues_the_engine_cannot_say_are_never_claimed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cues: int
) -> None:
    out, err = tmp_path / "out.wav", io.StringIO()
    out.write_bytes(b"an earlier export")
    said = (speech(0, "Hello there."),) if cues == 2 else ()
    plan = tiny_plan(*said, speech(1000, "Bye."), speech(2000, "Bye."), total_ms=2500)
    code = export_plan_audio(plan, out, Settings(), engine_factory=failing_factory, err=err)
    assert code == EXIT_NO_SPEECH
    [line] = err.getvalue().splitlines()
    assert f"could not say 2 of {cues + 1} spoken cues" in line
    assert "cannot say 'Bye.'" in line and "nothing was written" in line
    assert out.read_bytes() == b"an earlier export"
    assert "Wrote" not in capsys.readouterr().out


def test_the_voice_follows_the_language(tmp_path: Path) -> None:
    from massage_timer.core.i18n import set_language

    set_language("de")
    ENGINE.rendered.clear()
    code, _out, _err = export(tmp_path, Settings(), speech(100, "Halten."))
    assert code == 0 and {voice for _text, voice, _rate in ENGINE.rendered} == {"de"}


def test_a_language_no_voice_speaks_is_not_exported_as_the_wrong_voice(tmp_path: Path) -> None:
    from massage_timer.core.i18n import set_language

    set_language("ko")
    code, out, err = export(tmp_path, Settings(), speech(100, "유지하세요."))
    assert code == EXIT_NO_SPEECH and not out.exists()
    assert "espeak-ng-data" in err and err.count("\n") == 1  # told in Korean
