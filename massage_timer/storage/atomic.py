"""Write files so that a crash or a full disk never leaves a half-written file behind.

The data goes to a temporary file in the same folder (so the final rename stays on
one file system), is flushed to disk, and then replaces the target in one step.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, creating parent folders as needed.

    Readers see either the old content or the new one, never a mix. On any error the
    temporary file is removed and the exception propagates; the target is untouched.
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        # BaseException too: a KeyboardInterrupt mid-write must not leave litter either.
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically (see :func:`atomic_write_bytes`).

    Newlines are written exactly as given (no platform translation), so the file is
    byte-for-byte the same on every system.
    """
    atomic_write_bytes(path, text.encode(encoding))


def _keep_mode(target: Path, tmp: Path) -> None:
    # mkstemp creates files readable by the owner only; an existing file keeps the
    # permissions the user gave it, new files stay private (they hold personal data).
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
