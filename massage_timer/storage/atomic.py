"""Write files so that a crash or a full disk never leaves a half-written file behind.

The data goes to a temporary file in the same folder (so the final rename stays on
one file system), is flushed to disk, and then replaces the target in one step.
Every file the app writes goes through :func:`atomic_write_bytes`.

Only a regular file (or a path where nothing is yet) is ever replaced: a device, a
FIFO or a socket at the path is refused, since renaming over it would destroy the
node (``/dev/full`` turned into a 13 MB file once). A symlink is followed, so the
file it points to is updated and the link stays a link.

Temporary files are named ``.NAME.PID.TOKEN.tmp``; one left by a process that was
killed mid-write is recognised by its PID and removed on the next write of NAME.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from pathlib import Path

from massage_timer.core.files import kind_of

_OLD_STYLE_AGE_S = 3600.0  # tempfile's names carry no PID: only age tells they are stale


class NotWritableHereError(OSError):
    """The path holds something that must not be replaced (a device, FIFO, socket, folder)."""


def atomic_write_bytes(
    path: Path | str,
    data: bytes,
    *,
    parents: bool = False,
    fsync: bool = True,
    new_mode: int = 0o600,
) -> None:
    """Replace ``path`` with ``data`` atomically.

    Readers see either the old content or the new one, never a mix. ``parents=True``
    creates missing folders: only for the app's own folders, never for a path the user
    typed. ``fsync=False`` skips flushing to disk (caches, which are checked when read).
    A new file gets ``new_mode``; an existing one keeps its permissions. On any error
    the temporary file is removed and an OSError propagates; the target is untouched.
    """
    target = _writable_target(Path(path))
    folder = target.parent
    if parents:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"the folder {folder} does not exist", str(target))
    _remove_stale_temp_files(target)
    tmp, fd = _create_temp(target, new_mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        _keep_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        # BaseException too: a KeyboardInterrupt mid-write must not leave litter either.
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if fsync:
        _fsync_dir(folder)


def atomic_write_text(
    path: Path | str,
    text: str,
    encoding: str = "utf-8",
    *,
    parents: bool = False,
    fsync: bool = True,
) -> None:
    """Replace ``path`` with ``text`` atomically (see :func:`atomic_write_bytes`).

    Newlines are written exactly as given (no platform translation), so the file is
    byte-for-byte the same on every system.
    """
    atomic_write_bytes(path, text.encode(encoding), parents=parents, fsync=fsync)


def _writable_target(path: Path) -> Path:
    """The regular file (or free name) to replace for ``path``; refuses anything else."""
    if path.is_symlink():
        # Replace what the link points at, not the link (a dotfiles setup stays intact).
        path = Path(os.path.realpath(path))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return path
    if not stat.S_ISREG(mode):
        raise NotWritableHereError(
            errno.EEXIST, f"{kind_of(mode)} is there, not a file; it was left as it is", str(path)
        )
    return path


def _create_temp(target: Path, mode: int) -> tuple[Path, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            return tmp, os.open(tmp, flags, mode)
        except FileExistsError:  # pragma: no cover - a 32-bit token collided
            continue


def _remove_stale_temp_files(target: Path) -> None:
    """Remove temporary files of ``target`` whose writing process is gone."""
    ours = re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[0-9a-f]{8}\.tmp")
    # Names tempfile.mkstemp gave before the PID was part of them.
    older = re.compile(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}\.tmp")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        match = ours.fullmatch(name)
        if match is not None:
            stale = not _process_alive(int(match.group(1)))
        elif older.fullmatch(name):
            stale = _age_s(target.parent / name) > _OLD_STYLE_AGE_S
        else:
            continue
        if stale:
            with contextlib.suppress(OSError):
                (target.parent / name).unlink()


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of ours may be writing right now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except (OSError, OverflowError):
        return False
    return True


def _age_s(path: Path) -> float:
    try:
        return time.time() - os.lstat(path).st_mtime
    except OSError:
        return 0.0


def _keep_mode(target: Path, tmp: Path) -> None:
    # New files keep the mode they were created with (private by default: they hold
    # personal data); an existing file keeps the permissions the user gave it.
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX. Windows cannot open folders this way,
    # and some file systems refuse fsync on them; the data is already safe by then.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
