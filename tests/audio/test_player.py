"""The real cue player on a fake device and a fake clock: timing, settings, failures."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from massage_timer.audio import build_cue_player
from massage_timer.audio.player import SoundPlayer
from massage_timer.audio.rules import voice_missing_warning
from massage_timer.audio.sounds import synthesize
from massage_timer.audio.speech import SpeechRenderer
from massage_timer.core.answers import COMMON_ANSWERS
from massage_timer.storage.settings import Settings
from tests.doubles import FakeClock

from .fakes import RATE, FakeEngine, FakeOutput, beep, broken_engine, sound_starts, speech, tick
from .fakes import tiny_plan as plan_of

pytestmark = pytest.mark.usefixtures("qapp")


class Rig:
    """A player wired to a fake engine, device and clock."""

    def __init__(
        self, tmp_path: Path, settings: Settings | None = None, engine: FakeEngine | None = None
    ) -> None:
        self.clock = FakeClock()
        self.out = FakeOutput(self.clock)
        self.engine = engine or FakeEngine()
        self.renderer = SpeechRenderer(lambda: self.engine, cache_dir=lambda: tmp_path)
        assert self.renderer.start() is None
        self.player = SoundPlayer(settings or Settings(), self.renderer, self.out, clock=self.clock)
        self.problems: list[str] = []
        self.player.problem.connect(self.problems.append)

    def run(self, seconds: float, steps: itertools.cycle[float] | None = None) -> None:
        """Let time pass, the pump running as a timer would (at uneven moments if asked)."""
        steps = steps or itertools.cycle([0.02])
        end = self.clock.monotonic() + seconds
        while self.clock.monotonic() < end:
            self.clock.advance(next(steps))
            self.player.pump()

    def heard_at(self, now: float) -> float:
        """How far into the device's output the moment ``now`` falls, in samples."""
        assert self.out.started_at is not None
        return (now - self.out.started_at - self.out.startup) * RATE

    def starts(self) -> list[int]:
        return sound_starts(self.out.heard)


def test_every_cue_sounds_the_same_delay_after_it_was_due(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    rig.player.prepare(plan_of(beep(0)))
    assert not rig.player.is_ready()
    rig.run(0.8)
    assert rig.player.is_ready()
    uneven = itertools.cycle([0.007, 0.031, 0.019, 0.024, 0.013])  # a busy event loop
    due = []
    for gap in (0.73, 1.21, 0.5, 2.02):
        due.append(rig.clock.monotonic())
        rig.player.play(beep(0))
        rig.run(gap, uneven)
    rig.run(0.5)
    starts = rig.starts()
    assert len(starts) == 4
    delays = [(s - rig.heard_at(t)) / RATE for s, t in zip(starts, due, strict=True)]
    assert 0.05 < delays[0] < 0.2  # about one device buffer
    assert max(delays) - min(delays) < 0.002


def test_speech_plays_when_ready_and_is_skipped_not_delayed_when_not(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    plan = plan_of(speech(0, "Get ready."), speech(2000, "Halfway."))
    rig.player.prepare(plan)
    # The plan's first second was waited for; the rest follows in the background.
    assert "Get ready." in rig.player._speech
    assert rig.player._request is not None and rig.player._request.wait(["Halfway."], 5)
    rig.run(0.8)
    rig.player.play(speech(0, "Get ready."))
    rig.run(1.0)
    rig.player.play(speech(2000, "Not in the plan."))
    rig.run(1.0)
    assert len(rig.starts()) == 1
    assert rig.player.stats.played == 1 and rig.player.stats.skipped_not_ready == 1


def test_beeps_and_metronome_settings_apply_at_once(tmp_path: Path) -> None:
    rig = Rig(tmp_path, Settings(beeps=False, metronome=False))
    rig.player.prepare(plan_of())
    rig.run(0.8)
    for cue in (beep(0), tick(0), beep(0, "chime")):
        rig.player.play(cue)
        rig.run(0.5)
    assert rig.starts() == [] and rig.player.stats.skipped_setting == 3
    rig.player.apply_settings(Settings(beeps=True, metronome=True))
    for cue in (beep(0), tick(0), tick(0, "breath-in")):
        rig.player.play(cue)
        rig.run(0.7)
    assert len(rig.starts()) == 3


def test_volume_and_mute(tmp_path: Path) -> None:
    rig = Rig(tmp_path, Settings(volume=0.3))
    assert rig.out.volume == 0.3
    rig.player.prepare(plan_of())
    rig.run(0.8)
    rig.player.play(beep(0))
    rig.player.apply_settings(Settings(volume=0.3, mute=True))  # what was queued goes too
    assert rig.out.volume == 0.0
    rig.player.play(beep(0))
    rig.run(1.0)
    assert rig.starts() == []
    rig.player.apply_settings(Settings(volume=0.6))
    assert rig.out.volume == 0.6
    rig.player.play(beep(0))
    rig.run(0.5)
    assert len(rig.starts()) == 1


def test_muted_from_the_start_opens_no_stream(tmp_path: Path) -> None:
    rig = Rig(tmp_path, Settings(mute=True))
    rig.player.prepare(plan_of(beep(0)))
    rig.player.play(beep(0))
    assert rig.out.starts == 0 and rig.player.is_ready()


def test_silence_cuts_what_is_sounding(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    rig.player.prepare(plan_of())
    rig.run(0.8)
    rig.player.play(beep(0, "chime"))
    rig.run(0.3)
    rig.player.silence()
    rig.run(1.5)
    sounding = [i for i, s in enumerate(rig.out.heard) if s]
    played = (sounding[-1] - sounding[0]) / RATE
    assert played < 0.3 + 0.15 < len(synthesize("chime")) / RATE


def test_a_new_voice_or_rate_renders_the_rest_again(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    plan = plan_of(speech(0, "One."), speech(1000, "Two."), speech(2000, "Three."))
    rig.player.prepare(plan)
    assert rig.player._request is not None and rig.player._request.wait(["Three."], 5)
    rig.player.play(speech(1000, "Two."))
    rig.player.apply_settings(Settings(voice="de", rate=200))
    assert rig.player._request is not None and rig.player._request.wait(["Three."], 5)
    # The plan's speech from where the session is, and the spoken answers (always ahead).
    assert set(rig.player._speech) == {"Two.", "Three.", *COMMON_ANSWERS}
    assert ("Three.", "de", 200) in rig.engine.rendered
    rig.player.apply_settings(Settings(voice="klingon", rate=200))
    assert rig.problems == [voice_missing_warning("klingon")]


def test_a_failing_device_is_reported_once_and_the_session_goes_on(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    rig.player.prepare(plan_of())
    rig.run(0.5)
    rig.out.failure = "the audio device stopped taking sound"
    rig.run(0.1)
    rig.player.play(beep(0))
    rig.run(0.1)
    assert len(rig.problems) == 1 and "stopped taking sound" in rig.problems[0]
    assert "Captions go on" in rig.problems[0] and rig.player.is_ready()


def test_a_device_that_will_not_open(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    rig.out.open_ok = False
    rig.player.prepare(plan_of(beep(0)))
    rig.player.play(beep(0))
    assert len(rig.problems) == 1 and "could not be opened" in rig.problems[0]


def test_engine_problems_surface_through_the_signal(tmp_path: Path) -> None:
    rig = Rig(tmp_path, engine=FakeEngine(fail_on="Boom"))
    rig.player.prepare(plan_of(speech(0, "Boom.")))
    rig.run(0.1)
    assert len(rig.problems) == 1 and "speech engine failed" in rig.problems[0]


def test_the_stream_sleeps_when_idle_and_wakes_for_a_cue(tmp_path: Path) -> None:
    from massage_timer.audio import player as player_module

    rig = Rig(tmp_path)
    rig.player.prepare(plan_of())
    rig.run(player_module.IDLE_STOP_S + 1, itertools.cycle([0.5]))
    assert rig.out.started_at is None
    rig.player.play(beep(0))
    assert rig.out.starts == 2
    rig.player.close()
    assert rig.out.started_at is None


def test_without_device_or_engine_it_warns_and_plays_nothing(qtbot: QtBot) -> None:
    player, warnings = build_cue_player(
        Settings(), engine_factory=broken_engine, open_output=lambda: None
    )
    assert len(warnings) == 2
    assert "No sound output" in warnings[0] and "libespeak-ng1" in warnings[1]
    player.prepare(plan_of(speech(0, "Hello."), beep(500)))
    player.play(speech(0, "Hello."))
    player.play(beep(500))
    player.silence()
    assert player.is_ready() and player.stats.played == 0
    player.close()


def test_warns_about_a_voice_the_engine_does_not_have() -> None:
    engine = FakeEngine()

    def factory() -> FakeEngine:
        return engine

    clock = FakeClock()
    player, warnings = build_cue_player(
        Settings(voice="klingon"), engine_factory=factory, open_output=lambda: FakeOutput(clock)
    )
    assert warnings == [voice_missing_warning("klingon")]
    problems: list[str] = []
    player.problem.connect(problems.append)
    player.prepare(plan_of(speech(0, "Hi.")))
    assert problems == []  # already said once
    player.close()
