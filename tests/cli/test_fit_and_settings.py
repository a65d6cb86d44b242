"""Every command plans under the person's settings; ``fit`` writes a routine lasting exactly M."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from massage_timer import paths
from massage_timer.cli.main import main
from massage_timer.storage.catalog import BUILTIN_ORDER
from tests.doubles import BREATHE_AND_KNEAD

BUILTINS = list(BUILTIN_ORDER)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out, err = run(capsys, "plan", *args, "--json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def write_settings(text: str) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


SLOW_BREATHS = "schema = 1\nbreathing = { inhale = 6, hold = 0, exhale = 8 }\n"


@pytest.fixture
def breathe_and_knead(tmp_path: Path) -> Path:
    path = tmp_path / "breathe-knead.toml"
    path.write_text(BREATHE_AND_KNEAD, encoding="utf-8")
    return path


def test_plan_list_and_validate_follow_the_settings_breathing(
    capsys: pytest.CaptureFixture[str], breathe_and_knead: Path
) -> None:
    default = plan_json(capsys, str(breathe_and_knead))["total_seconds"]
    write_settings(SLOW_BREATHS)
    slow = plan_json(capsys, str(breathe_and_knead))
    assert slow["total_seconds"] != default
    breaths = [s for s in slow["segments"] if s["kind"] == "breathing"]
    assert {s["duration"] for s in breaths} == {6.0, 8.0}
    # list and validate say the same length as plan.
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(BREATHE_AND_KNEAD, encoding="utf-8")
    _, out, _ = run(capsys, "list", "--json")
    mine = next(r for r in json.loads(out)["routines"] if r["id"] == "mine")
    assert mine["total_seconds"] == slow["total_seconds"]
    _, out, _ = run(capsys, "validate", str(breathe_and_knead))
    minutes, seconds = divmod(round(slow["total_seconds"]), 60)
    assert out.rstrip().endswith(f"{minutes}:{seconds:02d}")


def test_settings_and_routine_files_share_the_breathing_limits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_settings("breathing = { inhale = 0.5 }\n")  # below the one declared limit
    code, out, err = run(capsys, "plan", "quick-5", "--json")
    assert code == 0 and json.loads(out)["total_seconds"] == 300
    assert err.count("breathing.inhale") == 1  # the warning, once, on stderr
    path = tmp_path / "fast.toml"
    path.write_text(
        BREATHE_AND_KNEAD.replace(
            "duration = 120",
            "duration = 120\nbreathing = { inhale = 0.5, hold = 0, exhale = 6 }",
            1,
        ),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 1 and "breathing.inhale: must be a number of seconds from 1 to 20" in err


@pytest.mark.parametrize("slow", [False, True], ids=["defaults", "6-0-8"])
@pytest.mark.parametrize("minutes", ["3", "10", "22.5"])
@pytest.mark.parametrize("routine_id", BUILTINS)
def test_fit_writes_a_routine_that_lasts_exactly_the_minutes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, routine_id: str, minutes: str, slow: bool
) -> None:
    if slow:
        write_settings(SLOW_BREATHS)
    out_file = tmp_path / "fitted.toml"
    code, out, err = run(capsys, "fit", routine_id, "--minutes", minutes, "--output", str(out_file))
    assert code == 0 and err == "" and out.startswith(f"Wrote {out_file}")
    assert plan_json(capsys, str(out_file))["total_seconds"] == float(minutes) * 60


def test_fit_says_so_when_only_reps_and_breaths_cannot_fill_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "counts.toml"
    source.write_text(
        'title = "Counts"\n[[steps]]\ntechnique = "shoulder-blade-squeeze"\nreps = 7\nhold = 3\n'
        '[[steps]]\ntechnique = "paced-breathing"\nreps = 3\n',
        encoding="utf-8",
    )
    out_file = tmp_path / "fitted.toml"
    code, _, err = run(capsys, "fit", str(source), "--minutes", "3", "--output", str(out_file))
    total = plan_json(capsys, str(out_file))["total_seconds"]
    assert code == 0 and total != 180
    assert err.splitlines() == [
        f"massage-timer: no step can take the last {round((180 - total) * 1000)} ms; "
        f"{out_file} lasts {total:g} s instead of 180 s"
    ]


def test_fit_refuses_bad_minutes_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit):
        main(["fit", "quick-5", "--minutes", "181", "--output", str(tmp_path / "x.toml")])
    assert "between 1/60 (one second) and 180" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()


def test_plan_json_lists_the_steps_with_their_bounds(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys, "shoulder-relief")
    steps, segments = data["steps"], data["segments"]
    assert [s["index"] for s in steps] == list(range(len(steps))) and len(steps) == 4
    assert steps[0]["start"] == 0
    for step, after in itertools.pairwise(steps):
        assert step["end"] == after["start"]  # the next step's lead-in follows at once
    closing = segments[-1]
    assert steps[-1]["end"] == closing["start"] and closing["title"] == "Well done"
    assert {s["technique"] for s in steps} == {
        "gentle-circles",
        "kneading",
        "shoulder-blade-squeeze",
        "cross-body-stretch",
    }


def test_a_step_titled_well_done_plans_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "odd.toml"
    path.write_text(
        'title = "Odd"\n[[steps]]\ntechnique = "gentle-circles"\ntitle = "Get ready: x"\n'
        'duration = 30\n[[steps]]\ntechnique = "kneading"\ntitle = "Well done"\nduration = 40\n',
        encoding="utf-8",
    )
    data = plan_json(capsys, str(path))
    steps, segments = data["steps"], data["segments"]
    assert [s["title"] for s in steps] == ["Get ready: x", "Well done"]
    work = [s for s in segments if s["kind"] == "work"]
    assert [s["title"] for s in work] == ["Get ready: x", "Well done"]
    assert steps[0]["end"] == work[0]["start"] + work[0]["duration"] == steps[1]["start"]
    assert steps[1]["end"] == work[1]["start"] + work[1]["duration"] == segments[-1]["start"]
    assert data["total_seconds"] == segments[-1]["start"] + segments[-1]["duration"]
