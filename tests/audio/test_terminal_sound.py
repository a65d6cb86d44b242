"""The terminal session driven by a Qt event loop, as it is when the voice is on."""

from __future__ import annotations

import io
import json
import os
import signal

import pytest
from PySide6.QtCore import QTimer

from massage_timer.audio import speech
from massage_timer.cli import session as session_cli
from massage_timer.cli.terminal_run import TerminalRun, run_with_qt
from massage_timer.core.clock import SystemClock
from massage_timer.core.engine import Session, State
from massage_timer.core.timeline import Cue, Plan

from .fakes import beep, broken_engine, tiny_plan
from .fakes import speech as speech_cue

pytestmark = pytest.mark.usefixtures("qapp")


class RecordingPlayer:
    def __init__(self) -> None:
        self.prepared: list[Plan] = []
        self.played: list[Cue] = []

    def prepare(self, plan: Plan) -> None:
        self.prepared.append(plan)

    def play(self, cue: Cue) -> None:
        self.played.append(cue)

    def silence(self) -> None:
        pass


def test_qt_loop_runs_the_session_on_time() -> None:
    plan = tiny_plan(speech_cue(0, "Go."), beep(300), speech_cue(700, "Stop."), total_ms=900)
    out, events, player = io.StringIO(), io.StringIO(), RecordingPlayer()
    run = TerminalRun(Session(plan, SystemClock()), out, events=events, player=player)
    assert run_with_qt(run, keys=io.StringIO()) is State.FINISHED
    assert player.played == list(plan.cues)
    lines = [json.loads(line) for line in events.getvalue().splitlines()]
    cues = [x for x in lines if x["event"] == "cue"]
    assert [round(x["at"], 1) for x in cues] == [0.0, 0.3, 0.7]
    assert all(0 <= x["t"] - x["at"] < 0.02 for x in cues)  # a precise timer, not a coarse one
    assert lines[-1]["event"] == "finished"
    assert "[0:00] Go." in out.getvalue() and "Finished." in out.getvalue()


def test_ctrl_c_stops_cleanly() -> None:
    plan = tiny_plan(speech_cue(0, "Go."), total_ms=10_000)
    out = io.StringIO()
    run = TerminalRun(Session(plan, SystemClock()), out)
    QTimer.singleShot(200, lambda: os.kill(os.getpid(), signal.SIGINT))
    assert run_with_qt(run, keys=io.StringIO()) is State.STOPPED
    assert "Stopped." in out.getvalue()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler restored


@pytest.mark.qt_log_ignore("PulseAudio", "pipewire", "No audio device")
def test_no_speech_engine_warns_once_and_runs_on_captions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(speech, "ENGINE_FACTORY", broken_engine)
    plan = tiny_plan(speech_cue(0, "Hello."), beep(500), speech_cue(800, "Bye."), total_ms=1200)
    events = io.StringIO()
    code = session_cli.run_in_terminal(plan, events=events, mute=False, routine_id="test")
    assert code == 0
    out = capsys.readouterr().out
    assert out.count("No speech engine") == 1
    assert "sudo apt-get install libespeak-ng1" in out
    assert "[0:00] Hello." in out and "Bye." in out and "Finished." in out
    assert '"event": "finished"' in events.getvalue()


def test_mute_never_loads_the_voice(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_player(*args: object) -> None:
        raise AssertionError("a muted run made a player")

    monkeypatch.setattr(session_cli, "make_player", no_player)
    plan = tiny_plan(speech_cue(0, "Hello."), total_ms=300)
    assert session_cli.run_in_terminal(plan, events=None, mute=True, routine_id="t") == 0
    assert "Hello." in capsys.readouterr().out
