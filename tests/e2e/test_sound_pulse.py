"""The voice, heard: real sessions through a private PulseAudio, failures, export-audio."""

from __future__ import annotations

import io
import math
import os
import subprocess
import sys
from array import array
from pathlib import Path
from typing import NoReturn

import pytest

from bench.rigs import pulse
from massage_timer.audio import pcm
from massage_timer.audio.export import EXIT_NO_SPEECH, export_plan_audio
from massage_timer.core.planner import plan_routine
from massage_timer.core.timeline import CueKind
from massage_timer.storage.catalog import find_routine
from massage_timer.storage.settings import Settings


def _speech_engine_error() -> str | None:
    from massage_timer.audio.speech import shared_renderer

    return shared_renderer().error


@pytest.mark.pulse
@pytest.mark.slow
def test_speech_starts_where_the_plan_says(tmp_path: Path) -> None:
    missing = pulse.missing_tools()
    if missing is not None:
        pytest.skip(missing)
    if (error := _speech_engine_error()) is not None:
        pytest.skip(f"no speech engine: {error}")
    result = pulse.measure(tmp_path)
    report = (
        f"{len(result.errors_ms)} of {result.spoken} spoken cues measured; errors (ms): "
        + ", ".join(f"{e:.0f}" for e in result.errors_ms)
    )
    assert len(result.errors_ms) >= 20, report
    assert result.share_within >= 0.95, report


@pytest.mark.slow
def test_no_audio_server_still_runs_with_captions_and_one_warning(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PULSE_SERVER": f"unix:{tmp_path}/no-such-socket",
        "PIPEWIRE_REMOTE": str(tmp_path / "no-such-pipewire"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    events = tmp_path / "events.jsonl"
    command = [sys.executable, "-m", "massage_timer", "run", "quick-5", "--minutes", "0.1"]
    done = subprocess.run(
        [*command, "--no-window", "--events", str(events)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("No sound output") == 1
    assert "PulseAudio or PipeWire" in done.stdout
    assert "[0:00] Gentle circles." in done.stdout and "Finished." in done.stdout
    assert "pa_context_connect" not in done.stderr  # Qt's own chatter is kept out
    assert events.read_text().splitlines()[-1].startswith('{"event": "finished"')


def _rms(samples: array[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


@pytest.mark.slow
def test_export_quick_session_is_the_plan_long_with_sound_at_its_cues(tmp_path: Path) -> None:
    if (error := _speech_engine_error()) is not None:
        pytest.skip(f"no speech engine: {error}")
    plan = plan_routine(find_routine("quick-5"))
    out = tmp_path / "quick.wav"
    assert export_plan_audio(plan, out, settings=Settings()) == 0
    samples, rate = pcm.read_wav(out)
    assert abs(len(samples) / rate - plan.total_seconds) <= 0.05
    assert plan.total_seconds == 300
    cues = [c for c in plan.cues if c.kind in (CueKind.SPEECH, CueKind.BEEP)]
    window = rate // 10
    starts = [round(c.at_ms * rate / 1000) for c in cues]
    heard = [_rms(samples[at : at + window]) > 300 for at in starts]
    missed = [c.text for c, h in zip(cues, heard, strict=True) if not h]
    assert sum(heard) / len(cues) >= 0.95, missed
    quiet = _rms(samples[round(30.0 * rate) : round(30.5 * rate)])  # mid-step, no cue
    assert quiet == 0


def broken_engine() -> NoReturn:
    """An engine factory that fails to start as pyttsx3 does without libespeak-ng."""
    raise OSError("libespeak-ng.so.1: cannot open shared object file")


def test_export_without_speech_engine_says_what_is_missing(tmp_path: Path) -> None:
    plan = plan_routine(find_routine("quick-5"), minutes=0.5)
    err = io.StringIO()
    code = export_plan_audio(
        plan, tmp_path / "x.wav", settings=Settings(), engine_factory=broken_engine, err=err
    )
    assert code == EXIT_NO_SPEECH
    assert "cannot export" in err.getvalue() and "libespeak-ng1" in err.getvalue()
    assert not (tmp_path / "x.wav").exists()
