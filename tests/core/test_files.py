"""Reading only regular files, only so much, and never waiting on a FIFO."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from massage_timer.core.files import (
    FileTooLargeError,
    NotARegularFileError,
    is_regular_file,
    read_regular_file,
)


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"x" * 5000)
    assert read_regular_file(path, 5000) == b"x" * 5000


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"x" * 5001)
    with pytest.raises(FileTooLargeError, match="too large"):
        read_regular_file(path, 5000)


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(NotARegularFileError, match="named pipe"):
        read_regular_file(fifo, 100)
    assert not is_regular_file(fifo)


def test_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(NotARegularFileError, match="device"):
        read_regular_file(link, 100)


def test_a_folder_and_a_socket_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_regular_file(tmp_path, 100)
    sock_path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(OSError):
            read_regular_file(sock_path, 100)
    assert not is_regular_file(tmp_path)


def test_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "none", 100)
    assert not is_regular_file(tmp_path / "none")
