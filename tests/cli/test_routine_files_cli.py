"""Every file of the user's routine folder reached under its own id; no FIFO hangs a command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from massage_timer import paths
from massage_timer.cli.main import main
from massage_timer.core.routine_ids import RoutineIdError
from massage_timer.storage.catalog import load_catalog
from massage_timer.storage.user_routines import (
    delete_user_routine,
    duplicate_user_routine,
    rename_user_routine,
    user_routine_files,
)

STEPS = '\n[[steps]]\ntechnique = "kneading"\nduration = 60\n'


def routine_text(title: str) -> str:
    return f'title = "{title}"{STEPS}'


def crowded_folder() -> Path:
    """A user folder whose file names collide with a built-in, with each other and with case."""
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    for stem, title in (
        ("quick-5", "Mine named like the built-in"),
        ("my-quick-5", "Mine named my-quick-5"),
        ("Desk", "Upper-case desk"),
        ("desk", "Lower-case desk"),
        ("Neck and shoulders", "With spaces"),
    ):
        (folder / f"{stem}.toml").write_text(routine_text(title), encoding="utf-8")
    os.mkfifo(folder / "pipe.toml")
    return folder


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    # A subprocess with a timeout: a command that blocks on the FIFO fails instead of hanging.
    return subprocess.run(
        [sys.executable, "-m", "massage_timer", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_every_regular_file_is_listed_once_under_a_unique_id_and_plans_as_itself() -> None:
    folder = crowded_folder()
    listed = run_cli("list", "--json")
    assert listed.returncode == 0, listed.stderr
    mine = [r for r in json.loads(listed.stdout)["routines"] if r["origin"] == "user"]
    ids = [r["id"] for r in mine]
    assert len(ids) == len(set(ids)) == 5
    assert sorted(r["title"] for r in mine) == sorted(
        [
            "Mine named like the built-in",
            "Mine named my-quick-5",
            "Upper-case desk",
            "Lower-case desk",
            "With spaces",
        ]
    )
    assert "quick-5" not in ids  # the built-in keeps its id
    assert "pipe.toml" in listed.stderr and "FIFO" in listed.stderr
    for row in mine:
        planned = run_cli("plan", row["id"], "--json")
        assert planned.returncode == 0, planned.stderr
        assert json.loads(planned.stdout)["title"] == row["title"]
    builtin = json.loads(run_cli("plan", "quick-5", "--json").stdout)
    assert builtin["title"] == "Quick 5 minutes"
    assert (folder / "pipe.toml").exists()  # refused, never touched


def test_a_fifo_given_as_the_routine_is_refused_in_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for command in ("validate", "plan"):
        done = run_cli(command, str(fifo))
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1 and "pipe.toml" in done.stderr
        assert "FIFO" in done.stderr and "Traceback" not in done.stderr


def test_the_storage_operations_reach_each_file_by_its_id() -> None:
    folder = crowded_folder()
    files = user_routine_files(folder).files
    catalog = load_catalog()
    assert {r.id for r in catalog.routines if r.origin == "user"} == set(files)
    for routine_id, path in files.items():
        renamed = rename_user_routine(routine_id, f"Renamed {path.stem}", folder)
        assert renamed.id == routine_id and renamed.path == path
        assert f"Renamed {path.stem}" in path.read_text(encoding="utf-8")
    copy = duplicate_user_routine("my-quick-5-2", folder)
    assert copy.title == "Renamed quick-5 (copy)"
    gone = delete_user_routine("my-quick-5-2", folder)
    assert gone == folder / "quick-5.toml" and not gone.exists()
    assert (folder / "my-quick-5.toml").exists()


@pytest.mark.parametrize("bad", ["../quick-5", "a/b", "..", ".hidden", "x\\y", "/etc/passwd"])
def test_a_routine_id_that_is_not_plain_is_refused(bad: str) -> None:
    folder = crowded_folder()
    for operation in (
        lambda: duplicate_user_routine(bad, folder),
        lambda: delete_user_routine(bad, folder),
        lambda: rename_user_routine(bad, "x", folder),
    ):
        with pytest.raises(RoutineIdError, match="not a routine id"):
            operation()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            "quick-5.toml",
            "my-quick-5.toml",
            "Desk.toml",
            "desk.toml",
            "Neck and shoulders.toml",
            "pipe.toml",
        ]
    )


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("title", 'title = "Red \\u001b[31malert"'),
        ("description", 'title = "T"\ndescription = "bell \\u0007"'),
        ("steps[1].say", 'title = "T"\n[[steps]]\ntechnique = "kneading"\nsay = "back\\rspace"'),
        ("steps[1].title", 'title = "T"\n[[steps]]\ntechnique = "kneading"\ntitle = "a\\nb"'),
        ("tags", 'title = "T"\ntags = ["\\u009b2J"]'),
    ],
)
def test_control_characters_are_refused_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, line: str
) -> None:
    path = tmp_path / "sneaky.toml"
    text = line if "[[steps]]" in line else line + STEPS
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "sneaky.toml" in err and f"{key}: " in err
    assert "control character" in err
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in out + err)


def test_a_file_name_with_an_escape_sequence_is_printed_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "evil\x1b]0;owned\x07.toml"
    path.write_text("title = \n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "evil\\x1b]0;owned\\x07.toml" in err
