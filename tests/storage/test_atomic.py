"""Atomic writes: the target is replaced whole or not at all, with no litter left."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from massage_timer.storage import atomic
from massage_timer.storage.atomic import atomic_write_bytes, atomic_write_text


def test_writes_bytes_and_creates_parent_folders_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.bin"
    atomic_write_bytes(target, b"\x00\x01data", parents=True)
    assert target.read_bytes() == b"\x00\x01data"
    assert os.listdir(target.parent) == ["file.bin"]


def test_missing_parent_folders_are_refused_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "sub" / "out.wav"
    with pytest.raises(FileNotFoundError) as caught:
        atomic_write_bytes(target, b"data")
    assert caught.value.strerror == f"the folder {target.parent} does not exist"
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "nonexistent").exists()


def test_overwrites_existing_file_without_leaving_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "settings.toml"
    target.write_text("old")
    atomic_write_text(target, "new\ncontent\n")
    assert target.read_bytes() == b"new\ncontent\n"  # newlines untranslated
    assert os.listdir(tmp_path) == ["settings.toml"]


def test_text_uses_the_given_encoding(tmp_path: Path) -> None:
    target = tmp_path / "latin.txt"
    atomic_write_text(target, "café", encoding="latin-1")
    assert target.read_bytes() == b"caf\xe9"
    atomic_write_text(target, "café")
    assert target.read_bytes() == "café".encode()


def test_failed_replace_keeps_old_content_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "settings.toml"
    target.write_text("precious")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk on fire"):
        atomic_write_text(target, "new")
    assert target.read_text() == "precious"
    assert os.listdir(tmp_path) == ["settings.toml"]


def test_failure_while_writing_removes_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError("no space left")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="no space left"):
        atomic_write_bytes(tmp_path / "new.bin", b"x" * 10_000)
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_existing_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "shared.toml"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_directory_fsync_problems_are_tolerated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed: list[int] = []
    real_close = os.close

    def refuse_fsync(fd: int) -> None:
        raise OSError("fsync not supported on folders here")

    def tracking_close(fd: int) -> None:
        closed.append(fd)
        real_close(fd)

    monkeypatch.setattr(os, "fsync", refuse_fsync)
    monkeypatch.setattr(os, "close", tracking_close)
    atomic._fsync_dir(tmp_path)  # must not raise, and must not leak the descriptor
    assert len(closed) == 1


def test_folder_that_cannot_be_opened_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse_open(*args: object) -> int:
        raise PermissionError("folders cannot be opened on this system")

    monkeypatch.setattr(os, "open", refuse_open)
    atomic._fsync_dir(tmp_path)  # must not raise


# --- special files are never replaced ------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs")
def test_a_fifo_at_the_path_is_refused_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="named pipe") as caught:
        atomic_write_text(fifo, "theme = 'dark'\n")  # returns at once: nothing opens it
    assert "\n" not in str(caught.value)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["settings.toml"]  # no temp file left either


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices")
def test_a_symlink_to_a_device_is_refused_and_the_device_untouched(tmp_path: Path) -> None:
    link = tmp_path / "out.wav"
    link.symlink_to("/dev/null")
    with pytest.raises(OSError, match="a device is there"):
        atomic_write_bytes(link, b"RIFF")
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert os.listdir(tmp_path) == ["out.wav"]


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="mknod needs root")
def test_a_character_device_node_stays_a_device(tmp_path: Path) -> None:
    node = tmp_path / "null-twin"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    with pytest.raises(OSError, match="a device is there"):
        atomic_write_bytes(node, b"x" * 1000)
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_a_folder_at_the_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / "history.jsonl").mkdir()
    with pytest.raises(OSError, match="a folder is there"):
        atomic_write_text(tmp_path / "history.jsonl", "{}\n")
    assert (tmp_path / "history.jsonl").is_dir()


def test_a_symlink_to_a_file_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.toml"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "settings.toml"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


# --- temporary files of killed writers -------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temp_files_of_a_killed_writer_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "settings.toml"
    stale = tmp_path / f".settings.toml.{_dead_pid()}.0badcafe.tmp"
    stale.write_text("half a file")
    live = tmp_path / f".settings.toml.{os.getppid()}.12345678.tmp"  # its writer still runs
    live.write_text("being written")
    other = tmp_path / f".other.toml.{_dead_pid()}.0badcafe.tmp"  # not this target's
    other.write_text("not ours to judge")
    atomic_write_text(target, "new")
    assert sorted(os.listdir(tmp_path)) == sorted([target.name, live.name, other.name])


def test_old_style_temp_files_are_removed_once_old(tmp_path: Path) -> None:
    target = tmp_path / "settings.toml"
    old = tmp_path / ".settings.toml.k2j_x9a1.tmp"
    old.write_text("from a crash long ago")
    week_ago = time.time() - 7 * 86400
    os.utime(old, (week_ago, week_ago))
    fresh = tmp_path / ".settings.toml.abcd1234.tmp"
    fresh.write_text("maybe being written now")
    atomic_write_text(target, "new")
    assert sorted(os.listdir(tmp_path)) == sorted([target.name, fresh.name])


def test_temp_file_names_carry_the_pid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spying_replace(src: str | Path, dst: str | Path) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spying_replace)
    atomic_write_text(tmp_path / "a.toml", "x")
    assert len(seen) == 1 and seen[0].startswith(f".a.toml.{os.getpid()}.")
