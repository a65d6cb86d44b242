"""Reading a file the app did not write: only a regular file, and only so much of it.

A FIFO would block ``open()`` until a writer comes, a device such as ``/dev/zero``
never ends, and a huge file eats memory: every file the app reads (settings, routines,
imports, the voice cache, sounds) goes through :func:`read_regular_file`, which refuses
each of these at once with an ``OSError`` whose message says why.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from massage_timer.core.i18n import _


class NotARegularFileError(OSError):
    """The path is a FIFO, a device, a socket or a folder: not a file to read."""


class FileTooLargeError(OSError):
    """The file holds more than the reader's limit."""


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words for a message."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def _megabytes(n: int) -> str:
    return f"{n / 1048576:.1f} MiB" if n >= 1048576 else f"{n // 1024} KiB"


def read_regular_file(path: Path | str, limit: int) -> bytes:
    """The whole content of ``path``, which must be a regular file of at most ``limit`` bytes.

    Raises FileNotFoundError and the other OSErrors of opening as usual, NotARegularFileError
    for anything but a regular file (without blocking on a FIFO), and FileTooLargeError when
    the file holds more than ``limit`` bytes (read no further than that).
    """
    # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFileError(
                errno.EINVAL, _("{kind}, not a file").format(kind=kind_of(info.st_mode)), str(path)
            )
        if info.st_size > limit:
            raise FileTooLargeError(
                errno.EFBIG,
                f"too large ({_megabytes(info.st_size)}; at most {_megabytes(limit)})",
                str(path),
            )
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # a file that grows while read still stops at the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileTooLargeError(
                errno.EFBIG, f"too large (more than {_megabytes(limit)})", str(path)
            )
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular_file(path: Path) -> bool:
    """True for a regular file (through symlinks); never blocks, never raises."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
