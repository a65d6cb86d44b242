"""History and settings survive bad files, seen from the command line with private XDG folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

GARBAGE = b"\x00\x13this is not a database\xff" * 100


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    return subprocess.run(
        [sys.executable, "-m", "massage_timer", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def run_short(home: Path) -> subprocess.CompletedProcess[str]:
    return cli(home, "run", "quick-5", "--minutes", "0.02", "--no-window", "--mute")


def test_a_finished_session_appears_in_history(tmp_path: Path) -> None:
    assert run_short(tmp_path).returncode == 0
    history = json.loads(cli(tmp_path, "history", "--json").stdout)
    assert [s["routine_id"] for s in history["sessions"]] == ["quick-5"]
    assert history["sessions"][0]["completed"] is True
    assert (tmp_path / "data" / "massage-timer" / "history.sqlite3").is_file()


def test_garbage_database_is_kept_aside_and_a_new_one_takes_the_session(tmp_path: Path) -> None:
    assert run_short(tmp_path).returncode == 0
    db = tmp_path / "data" / "massage-timer" / "history.sqlite3"
    db.write_bytes(GARBAGE)
    proc = run_short(tmp_path)
    assert proc.returncode == 0 and "kept" in proc.stdout + proc.stderr
    kept = list(db.parent.glob("history.sqlite3.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == GARBAGE
    history = json.loads(cli(tmp_path, "history", "--json").stdout)
    assert len(history["sessions"]) == 1


def test_garbage_settings_do_not_stop_the_app(tmp_path: Path) -> None:
    settings = tmp_path / "config" / "massage-timer" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_bytes(b"\x89 = = [[[ not toml")
    proc = run_short(tmp_path)
    assert proc.returncode == 0 and "Finished." in proc.stdout
    assert cli(tmp_path, "list").returncode == 0
