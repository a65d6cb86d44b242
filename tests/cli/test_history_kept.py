"""A finished terminal session is never lost, whatever state the history database is in.

Each test runs a real (one second) session with ``run --no-window --mute`` while the
database cannot be written, and then checks that the next command finds the session.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from massage_timer import paths
from massage_timer.cli.main import main
from massage_timer.storage import history

TINY = 'title = "Tiny"\n[[steps]]\ntechnique = "gentle-circles"\nduration = 3\n'
_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()  # hold the lock until the test closes our stdin
conn.execute("ROLLBACK")
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY)
    return path


@pytest.fixture(autouse=True)
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    # The product waits 10 s for another program's lock; the tests need not.
    monkeypatch.setattr(history, "_LOCK_TIMEOUT", 0.2)


def _run(capsys: pytest.CaptureFixture[str], tiny: Path) -> tuple[int, str, str]:
    code = main(["run", str(tiny), "--minutes", "0.0167", "--no-window", "--mute"])
    out, err = capsys.readouterr()
    return code, out, err


def _history(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]], str]:
    code = main(["history", "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out)["sessions"] if out else [], err


def _make_database() -> Path:
    with history.HistoryStore() as store:
        store.warnings  # noqa: B018 - opening creates the database
    return paths.history_db()


@contextmanager
def _locked(db: Path) -> Iterator[None]:
    """Another process holding the database under BEGIN EXCLUSIVE."""
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        try:
            assert holder.stdout.readline() == "locked\n"
            yield
        finally:
            holder.stdin.close()
            holder.wait(timeout=30)


def _kept_line(out: str, tiny: Path) -> str:
    [line] = [x for x in out.splitlines() if "history" in x.lower()]
    assert "the session was kept in" in line and "will be added to the history next time" in line
    assert "Traceback" not in out
    return line


def test_a_locked_database_keeps_the_session_for_later(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    db = _make_database()
    with _locked(db):
        code, out, err = _run(capsys, tiny)
        assert code == 0, err
        line = _kept_line(out, tiny)
        assert "locked by another program" in line
        # `history` meanwhile: one line and a non-zero exit, not a traceback.
        code, sessions, err = _history(capsys)
        assert code != 0 and sessions == []
        [problem] = err.splitlines()
        assert str(db) in problem and "could not be read" in problem
    code, sessions, err = _history(capsys)
    assert code == 0
    assert [(s["routine_title"], s["completed"], s["id"] is not None) for s in sessions] == [
        ("Tiny", True, True)
    ]
    assert not any(db.parent.glob("*.pending.jsonl"))  # added, and the queue is gone


def test_a_folder_where_the_database_should_be(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    db = paths.history_db()
    db.mkdir(parents=True)
    code, out, err = _run(capsys, tiny)
    assert code == 0, err
    _kept_line(out, tiny)
    code, _sessions, err = _history(capsys)
    assert code != 0 and len(err.splitlines()) == 1 and "Traceback" not in err
    db.rmdir()  # the person fixes it; the next use adds the session
    code, sessions, _ = _history(capsys)
    assert code == 0 and [s["routine_title"] for s in sessions] == ["Tiny"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_where_the_database_should_be_never_blocks(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    db = paths.history_db()
    db.parent.mkdir(parents=True)
    os.mkfifo(db)
    code, out, err = _run(capsys, tiny)
    assert code == 0, err
    assert "not a database" in _kept_line(out, tiny)
    assert stat.S_ISFIFO(os.lstat(db).st_mode)


def test_an_unwritable_data_folder_keeps_the_session_in_the_state_folder(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    # A file where the app's data folder should be: nothing can be made inside it,
    # not even by root.
    data = paths.data_dir()
    data.parent.mkdir(parents=True)
    data.write_text("in the way")
    code, out, err = _run(capsys, tiny)
    assert code == 0, err
    line = _kept_line(out, tiny)
    assert str(paths.state_dir()) in line
    data.unlink()
    code, sessions, _ = _history(capsys)
    assert code == 0 and [s["routine_title"] for s in sessions] == ["Tiny"]
    assert not any(paths.state_dir().glob("*.jsonl"))


@contextmanager
def _read_only(*items: Path) -> Iterator[None]:
    """Make ``items`` read-only, for root too (an immutable flag: root ignores modes)."""
    root = hasattr(os, "getuid") and os.getuid() == 0
    if root:
        done = subprocess.run(["chattr", "+i", *map(str, items)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("root ignores file modes and chattr +i is not available here")
    else:
        for item in items:
            item.chmod(0o555 if item.is_dir() else 0o444)
    try:
        yield
    finally:
        if root:
            subprocess.run(["chattr", "-i", *map(str, items)], check=True)
        else:
            for item in items:
                item.chmod(0o755 if item.is_dir() else 0o644)


def test_a_read_only_database_keeps_the_session_and_history_lists_it(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    db = _make_database()
    with _read_only(db, db.parent):  # no journal can be made beside it either
        code, out, err = _run(capsys, tiny)
        assert code == 0, err
        line = _kept_line(out, tiny)
        assert str(paths.state_dir()) in line  # the data folder is read-only too
        code, sessions, err = _history(capsys)
        assert code == 0 and [s["routine_title"] for s in sessions] == ["Tiny"]
        assert "will be added to the history when it can be written" in err
    code, sessions, _ = _history(capsys)
    assert code == 0 and [s["id"] is not None for s in sessions] == [True]


def test_history_without_a_database_creates_none(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["history"])
    out, _ = capsys.readouterr()
    assert code == 0 and "No sessions yet" in out
    assert not paths.data_dir().exists()


def test_a_session_already_added_is_not_added_twice(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    # A crash between adding the waiting sessions and rewriting their file.
    db = _make_database()
    with _locked(db):
        _run(capsys, tiny)
    [pending] = db.parent.glob("*.pending.jsonl")
    saved = pending.read_bytes()
    assert len(_history(capsys)[1]) == 1
    pending.write_bytes(saved)
    assert len(_history(capsys)[1]) == 1
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone() == (1,)
    finally:
        conn.close()
