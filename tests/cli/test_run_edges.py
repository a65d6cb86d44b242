"""``run --no-window``: special settings files and an --events target that cannot be written."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from massage_timer import paths
from massage_timer.cli.main import main

TINY = 'title = "Tiny"\n[[steps]]\ntechnique = "gentle-circles"\nduration = 3\n'


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY)
    return path


def _run(capsys: pytest.CaptureFixture[str], tiny: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["run", str(tiny), "--minutes", "0.0167", "--no-window", "--mute", *extra])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_as_settings_gives_one_warning_and_the_run_finishes(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    settings = paths.settings_file()
    settings.parent.mkdir(parents=True)
    os.mkfifo(settings)
    code, out, err = _run(capsys, tiny)  # would hang for ever reading the FIFO
    assert code == 0 and "Finished." in out
    [warning] = [line for line in err.splitlines() if "Settings file" in line]
    assert "could not be read (a named pipe (FIFO), not a file); defaults are used." in warning
    assert os.path.exists(settings) and not settings.is_file()  # left as it is


@pytest.mark.skipif(sys.platform == "win32", reason="/dev/zero")
def test_settings_linked_to_dev_zero_gives_one_warning_and_the_run_finishes(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    settings = paths.settings_file()
    settings.parent.mkdir(parents=True)
    settings.symlink_to("/dev/zero")
    code, out, err = _run(capsys, tiny)
    assert code == 0 and "Finished." in out
    [warning] = [line for line in err.splitlines() if "Settings file" in line]
    assert "a device, not a file" in warning
    assert settings.is_symlink()


def test_events_into_a_folder_is_one_line_and_a_failure(
    capsys: pytest.CaptureFixture[str], tiny: Path, tmp_path: Path
) -> None:
    code, out, err = _run(capsys, tiny, "--events", str(tmp_path))
    assert code != 0 and out == ""
    assert err == f"massage-timer: the events could not be written to {tmp_path} (Is a directory)\n"


def test_events_into_a_missing_folder_is_one_line_and_a_failure(
    capsys: pytest.CaptureFixture[str], tiny: Path, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "events.jsonl"
    code, _, err = _run(capsys, tiny, "--events", str(target))
    assert code != 0 and len(err.splitlines()) == 1
    assert "No such file or directory" in err and not target.parent.exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_events_onto_a_full_device_says_so_once_and_the_session_is_kept(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    code, out, err = _run(capsys, tiny, "--events", "/dev/full")
    assert code != 0
    assert "Finished." in out  # the session itself went on to the end
    assert err == (
        "massage-timer: the events could not be written to /dev/full (No space left on device)\n"
    )
    code = main(["history", "--json"])
    sessions = json.loads(capsys.readouterr().out)["sessions"]
    assert code == 0 and [s["routine_title"] for s in sessions] == ["Tiny"]
