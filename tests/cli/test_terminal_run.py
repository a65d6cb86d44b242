"""The terminal session: events, captions, the status line and keys, on a fake clock."""

from __future__ import annotations

import io
import json

from massage_timer.cli.terminal_run import TerminalRun, run_blocking
from massage_timer.core.engine import Session, State
from massage_timer.core.planner import plan_routine
from tests.core.helpers import builtin
from tests.doubles import FakeClock, RecordingPlayer, fresh


def drive(run: TerminalRun, clock: FakeClock, keys: dict[int, str] | None = None) -> None:
    run.begin()
    wakes = 0
    while (wait := run.step()) is not None:
        wakes += 1
        if keys and wakes in keys:
            run.key(keys[wakes])
        clock.advance(wait)


def test_events_captions_and_player() -> None:
    plan = plan_routine(builtin("quick-5"), minutes=0.5)
    clock, out, events, player = FakeClock(), io.StringIO(), io.StringIO(), RecordingPlayer()
    run = TerminalRun(Session(plan, clock), out, events=events, player=player)
    drive(run, clock)
    lines = [json.loads(x) for x in events.getvalue().splitlines()]
    segs = [x for x in lines if x["event"] == "segment"]
    assert [round(x["t"], 3) for x in segs] == [s.start_ms / 1000 for s in plan.segments]
    assert lines[-1] == {"event": "finished", "t": 30.0}
    assert player.prepared == [plan] and player.played == list(plan.cues)
    assert "Gentle circles." in out.getvalue() and "Finished." in out.getvalue()


def test_live_status_line_wakes_each_second() -> None:
    plan = plan_routine(builtin("quick-5"), minutes=0.2)
    clock, out = FakeClock(), io.StringIO()
    run = TerminalRun(Session(plan, clock), out, live=True)
    run.begin()
    waits: list[float] = []
    while (wait := run.step()) is not None and len(waits) < 5:
        waits.append(wait)
        clock.advance(wait)
    assert all(w <= 1.0 for w in waits)
    assert "\r\x1b[K[" in out.getvalue() and "left" in out.getvalue()


def test_keys_pause_skip_back_and_stop() -> None:
    plan = plan_routine(builtin("quick-5"))
    clock, out, events, player = FakeClock(), io.StringIO(), io.StringIO(), RecordingPlayer()
    run = TerminalRun(Session(plan, clock), out, events=events, player=player, live=True)
    drive(run, clock, keys={2: " ", 3: "p", 4: "n", 5: "\x1b[D", 6: "x", 8: "q"})
    names = [json.loads(x)["event"] for x in events.getvalue().splitlines()]
    assert "paused" in names and "resumed" in names and names[-1] == "stopped"
    assert fresh(lambda: run.session.state) is State.STOPPED and player.silenced == 5
    assert "PAUSED" in out.getvalue() and "Stopped." in out.getvalue()


def test_ctrl_c_stops_cleanly() -> None:
    plan = plan_routine(builtin("quick-5"), minutes=0.05)

    class Interrupting(io.StringIO):
        def write(self, s: str) -> int:
            if "Gentle" in s:
                raise KeyboardInterrupt
            return super().write(s)

    events = io.StringIO()
    run = TerminalRun(Session(plan, FakeClock()), Interrupting(), events=events)
    assert run_blocking(run, keys=io.StringIO()) is State.STOPPED
    assert json.loads(events.getvalue().splitlines()[-1])["event"] == "stopped"


def test_keys_get_a_spoken_answer() -> None:
    plan = plan_routine(builtin("quick-5"))
    clock, out, player = FakeClock(), io.StringIO(), RecordingPlayer()
    run = TerminalRun(Session(plan, clock), out, player=player)
    run.begin()
    run.step()
    clock.advance(20)
    run.step()
    run.key(" ")
    assert fresh(lambda: run.session.state) is State.PAUSED and player.played[-1].text == "Paused."
    run.key(" ")
    assert player.played[-1].text == "Going on."
    run.key("n")  # the next step's announcement answers
    assert player.played[-1].text.startswith(f"Next: {plan.steps[1].title}.")
    clock.advance(10)
    run.step()
    run.key("b")  # the answer, then the step's announcement from its start
    texts = [c.text for c in player.played]
    assert texts[-2] == f"Back to {plan.steps[1].title}."
    assert texts[-1].startswith(f"Next: {plan.steps[1].title}.")
    run.key("q")
    assert (
        fresh(lambda: run.session.state) is State.STOPPED and player.played[-1].text == "Stopped."
    )
