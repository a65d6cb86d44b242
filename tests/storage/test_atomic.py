"""Atomic writes: the target is replaced whole or not at all, with no litter left."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from massage_timer.storage import atomic
from massage_timer.storage.atomic import atomic_write_bytes, atomic_write_text


def test_writes_bytes_and_creates_parent_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.bin"
    atomic_write_bytes(target, b"\x00\x01data")
    assert target.read_bytes() == b"\x00\x01data"
    assert os.listdir(target.parent) == ["file.bin"]


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
