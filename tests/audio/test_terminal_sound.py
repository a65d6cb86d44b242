"""The terminal session driven by a Qt event loop, as it is when the voice is on.

On a fake clock: how punctual the real loop is, is measured in bench/ and the end-to-end
tests.
"""

from __future__ import annotations

import io
import json
import os
import signal
from typing import Any

import pytest

from massage_timer.audio import speech
from massage_timer.cli import session as session_cli
from massage_timer.cli.terminal_run import TerminalRun, run_with_qt
from massage_timer.core.engine import Session, State
from massage_timer.core.timeline import Plan
from tests.doubles import FakeClock, RecordingPlayer

from .fakes import beep, broken_engine, tiny_plan
from .fakes import speech as speech_cue

pytestmark = pytest.mark.usefixtures("qapp")


class FastForward(TerminalRun):
    """A terminal run on a fake clock whose waits pass at once.

    The Qt loop does all its work (its timer, the wake-ups, quitting at the end); only the
    waiting is skipped: the clock jumps to the moment the run asked to wake at.
    """

    def __init__(self, plan: Plan, clock: FakeClock, **kwargs: Any) -> None:
        printed = io.StringIO()
        super().__init__(Session(plan, clock), printed, **kwargs)
        self.printed = printed  # what the run wrote (``out`` is typed as any text stream)
        self.clock = clock
        self.waits: list[float] = []

    def step(self) -> float | None:
        wait = super().step()
        if wait is None:
            return None
        self.waits.append(wait)
        self.clock.advance(wait)
        return 0.0


def test_qt_loop_runs_the_session_to_the_plan() -> None:
    plan = tiny_plan(speech_cue(0, "Go."), beep(300), speech_cue(700, "Stop."), total_ms=900)
    events, player = io.StringIO(), RecordingPlayer()
    run = FastForward(plan, FakeClock(), events=events, player=player)
    assert run_with_qt(run, keys=io.StringIO()) is State.FINISHED
    assert player.prepared == [plan] and player.played == list(plan.cues)
    lines = [json.loads(line) for line in events.getvalue().splitlines()]
    cues = [x for x in lines if x["event"] == "cue"]
    assert [x["at"] for x in cues] == pytest.approx([0.0, 0.3, 0.7])
    assert [x["t"] for x in cues] == pytest.approx([x["at"] for x in cues])  # woken when due
    assert lines[-1] == {"event": "finished", "t": pytest.approx(0.9)}
    out = run.printed.getvalue()
    assert "[0:00] Go." in out and "Finished." in out


def test_ctrl_c_stops_cleanly() -> None:
    class Interrupted(FastForward):
        def step(self) -> float | None:
            if not self.waits:  # Ctrl-C during the first wake-up
                os.kill(os.getpid(), signal.SIGINT)
            return super().step()

    plan = tiny_plan(speech_cue(0, "Go."), speech_cue(5000, "On."), total_ms=10_000)
    run = Interrupted(plan, FakeClock())
    assert run_with_qt(run, keys=io.StringIO()) is State.STOPPED
    assert run.session.position_ms() < plan.total_ms
    assert "Stopped." in run.printed.getvalue()
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
