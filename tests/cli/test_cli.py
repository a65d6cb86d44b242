"""The command line, as scripts and people use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from massage_timer.cli.main import main

ROUTINES = Path(__file__).parents[2] / "routines"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "list", "--json")
    data = json.loads(out)
    ids = [r["id"] for r in data["routines"]]
    assert code == 0 and ids[:5] == [
        "quick-5",
        "shoulder-relief",
        "lower-back",
        "foam-roller-breathing",
        "desk-break",
    ]
    quick = data["routines"][0]
    assert quick["total_seconds"] == 300 and quick["origin"] == "builtin"
    assert quick["title"] == "Quick 5 minutes"


def test_list_shows_user_routines_and_skips_broken_ones(
    capsys: pytest.CaptureFixture[str], private_user_folders: Path
) -> None:
    folder = private_user_folders / "data" / "massage-timer" / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('title = "Mine"\n[[steps]]\ntechnique = "kneading"\n')
    (folder / "quick-5.toml").write_text('title = "Q"\n[[steps]]\ntechnique = "kneading"\n')
    (folder / "broken.toml").write_text("title = \n")
    code, out, err = run_cli(capsys, "list")
    assert code == 0 and "mine" in out and "(yours)" in out and "my-quick-5" in out
    assert "broken.toml:1" in err
    code, out, _ = run_cli(capsys, "list", "--json")
    origins = {r["id"]: r["origin"] for r in json.loads(out)["routines"]}
    assert origins["mine"] == "user" and origins["quick-5"] == "builtin"


@pytest.mark.parametrize("minutes", ["5", "12"])
def test_plan_json_with_minutes(capsys: pytest.CaptureFixture[str], minutes: str) -> None:
    code, out, _ = run_cli(capsys, "plan", "shoulder-relief", "--minutes", minutes, "--json")
    data = json.loads(out)
    assert code == 0 and data["total_seconds"] == float(minutes) * 60
    assert data["id"] == "shoulder-relief"
    end = 0.0
    for s in data["segments"]:
        assert s["start"] == pytest.approx(end)
        end = s["start"] + s["duration"]
        assert s["kind"] in {"work", "rest", "transition", "breathing"}
        for c in s["cues"]:
            assert s["start"] <= c["at"] < end and c["text"]
            assert c["kind"] in {"speech", "beep", "tick"}
    assert end == pytest.approx(data["total_seconds"])


def test_plan_from_a_path_and_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "plan", str(ROUTINES / "desk-break.toml"))
    assert code == 0 and "Desk break" in out and "says: Release. Next: Waist twist." in out
    assert "Twist 3 of 8" in out


def test_plan_unknown_routine(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "plan", "quick5")
    assert code == 1 and 'did you mean "quick-5"' in err and "Traceback" not in err


def test_bad_minutes_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["plan", "quick-5", "--minutes", "lots"])
    assert info.value.code == 2
    with pytest.raises(SystemExit):
        main(["plan", "quick-5", "--minutes", "0"])


def test_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = [str(p) for p in sorted(ROUTINES.glob("*.toml"))]
    code, out, _ = run_cli(capsys, "validate", *files)
    assert code == 0 and out.count("ok: ") == len(files)
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n[[steps]]\ntechnique = "kneading"\nreps = 0\n')
    code, out, err = run_cli(capsys, "validate", files[0], str(bad))
    assert code == 1 and out.count("ok: ") == 1
    assert (
        err.strip() == f"massage-timer: {bad}:4: steps[1].reps: must be a whole number "
        "from 1 to 500 (got 0)"
    )


def test_validate_as_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "binary.toml"
    bad.write_bytes(bytes(range(256)))
    proc = subprocess.run(
        [sys.executable, "-m", "massage_timer", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "binary" in proc.stderr


def test_run_without_window_writes_events_and_history(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    events = tmp_path / "events.jsonl"
    code, out, _ = run_cli(
        capsys,
        "run",
        "quick-5",
        "--minutes",
        "0.02",
        "--no-window",
        "--mute",
        "--events",
        str(events),
    )
    assert code == 0 and "Gentle circles." in out
    lines = [json.loads(x) for x in events.read_text().splitlines()]
    assert lines[0]["event"] == "segment" and lines[-1]["event"] == "finished"
    code, out, _ = run_cli(capsys, "history", "--json")
    sessions = json.loads(out)["sessions"]
    assert code == 0 and sessions[0]["routine_id"] == "quick-5" and sessions[0]["completed"]
    code, out, _ = run_cli(capsys, "history")
    assert "Quick 5 minutes" in out


def test_run_events_to_stdout_keeps_people_text_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli(
        capsys, "run", "quick-5", "--minutes", "0.02", "--no-window", "--mute", "--events", "-"
    )
    assert code == 0 and all(json.loads(x)["event"] for x in out.splitlines())
    assert "Finished." in err


def test_window_without_a_screen_says_what_to_do(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    code, _, err = run_cli(capsys)
    assert code == 3 and "--no-window" in err and "xvfb-run" in err
    code, _, err = run_cli(capsys, "run", "quick-5")
    assert code == 3


def test_the_quick_id_names_a_builtin_routine() -> None:
    from massage_timer.core.constants import QUICK_ID
    from massage_timer.storage.catalog import find_routine

    assert find_routine(QUICK_ID).origin == "builtin"


@pytest.mark.parametrize("outcome", ["returns", "raises"])
def test_the_window_path_leaves_the_cycle_collector_on(
    monkeypatch: pytest.MonkeyPatch, outcome: str
) -> None:
    # Off while the window is made (run_app turns it on after the first frame), and on
    # again however run_app ends.
    import gc

    import massage_timer.gui.app

    seen: list[bool] = []

    def fake_run_app(**_kwargs: object) -> int:
        seen.append(gc.isenabled())
        if outcome == "raises":
            raise RuntimeError("the window failed")
        return 0

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(massage_timer.gui.app, "run_app", fake_run_app)
    if outcome == "raises":
        with pytest.raises(RuntimeError):
            main([])
    else:
        assert main([]) == 0
    assert seen == [False] and gc.isenabled()


def test_the_entry_point_runs_every_command_with_the_cycle_collector_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # run() loads the command's modules with it off; main() turns it on again.
    import gc

    import massage_timer.cli.main as cli_main
    from massage_timer.cli import run

    seen: list[bool] = []

    def fake_list(_args: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli_main, "cmd_list", fake_list)
    monkeypatch.setattr(sys, "argv", ["massage-timer", "list"])
    try:
        assert run() == 0
        assert seen == [True] and gc.isenabled()
    finally:
        gc.enable()  # whatever happened, the tests after this one collect
