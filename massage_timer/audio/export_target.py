"""Where an export goes: a file replaced atomically, or a device or pipe written as a stream.

The user names the output, so its kind decides how it is written. A new path or a
regular file is written through a temporary file and a rename (a crash leaves the old
file or the new one). A character device (``/dev/null``, a sound card's raw node) or a
named pipe is what the user asked to stream into: it is opened and written, never
replaced by a file. A folder, a socket or a disk device is refused, and so is a path
whose folder does not exist (the export creates no folders the user did not make).
"""

from __future__ import annotations

import errno
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from massage_timer.core.files import kind_of
from massage_timer.core.i18n import _
from massage_timer.storage.atomic import atomic_write_bytes

READER_WAIT_S = 30.0  # how long a named pipe may wait for a program to read it
_POLL_S = 0.05
NEW_FILE_MODE = 0o644  # sound is not a secret: the user may copy it off, share it


def _cannot(out: Path, why: str) -> str:
    return _("cannot write {path}: {why}").format(path=out, why=why)


class ExportTargetError(Exception):
    """The export cannot go there; the message is the one line to show."""


@dataclass(frozen=True)
class Target:
    """A checked output: ``path`` to write, as a stream or as a file (``new`` if none yet)."""

    named: Path  # what the user typed, for messages
    path: Path
    stream: bool
    new: bool = False


def check_target(out: Path) -> Target:
    """What ``out`` is and how to write it; ExportTargetError when it cannot take a WAV."""
    try:
        info = os.stat(out)  # through symlinks: a link to /dev/null streams there
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ExportTargetError(_cannot(out, str(exc.strerror or exc))) from None
    if info is None or stat.S_ISREG(info.st_mode):
        real = Path(os.path.realpath(out))  # replace the file a symlink points to, not the link
        if info is None and not real.parent.is_dir():
            raise ExportTargetError(
                _cannot(out, _("the folder {folder} does not exist").format(folder=real.parent))
            )
        return Target(out, real, stream=False, new=info is None)
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        return Target(out, out, stream=True)
    if stat.S_ISDIR(info.st_mode):
        why = _("it is a folder; name a file in it, such as {example}").format(
            example=out / "session.wav"
        )
    elif stat.S_ISBLK(info.st_mode):
        why = _("it is a disk device, not a file")
    else:
        why = _("it is {kind}").format(kind=kind_of(info.st_mode))
    raise ExportTargetError(_cannot(out, why))


def write_target(target: Target, data: bytes, reader_wait_s: float | None = None) -> None:
    """Put ``data`` at ``target``; ExportTargetError (one line) if it cannot all go there.

    A named pipe is given ``reader_wait_s`` (default :data:`READER_WAIT_S`) for a program
    to open it for reading.
    """
    try:
        if target.stream:
            wait = READER_WAIT_S if reader_wait_s is None else reader_wait_s
            _write_stream(target, data, wait)
        else:
            atomic_write_bytes(target.path, data)
            if target.new:
                os.chmod(target.path, NEW_FILE_MODE)
    except OSError as exc:
        raise ExportTargetError(_cannot(target.named, str(exc.strerror or exc))) from None


def _write_stream(target: Target, data: bytes, reader_wait_s: float) -> None:
    # O_NONBLOCK: a pipe with no reader, or a device that waits for a line, must not hang
    # the open; O_NOCTTY: a terminal named as output must not become ours.
    flags = os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    deadline = time.monotonic() + reader_wait_s
    while True:
        try:
            fd = os.open(target.path, flags)
            break
        except OSError as exc:
            # ENXIO on a pipe: nobody reads it yet. Wait a while for the reader to start.
            if exc.errno != errno.ENXIO or time.monotonic() >= deadline:
                if exc.errno == errno.ENXIO:
                    raise ExportTargetError(
                        _cannot(
                            target.named,
                            _(
                                "no program read from this named pipe within {seconds:g} s; "
                                "start the reader first"
                            ).format(seconds=reader_wait_s),
                        )
                    ) from None
                raise
            time.sleep(_POLL_S)
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):  # swapped since it was checked
            raise ExportTargetError(_cannot(target.named, _("it changed while exporting")))
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
