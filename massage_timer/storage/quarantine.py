"""Keep damaged files instead of deleting them, and describe what happened.

A settings file or history database that cannot be read is renamed to
``<name>.corrupt-<YYYYmmdd-HHMMSS>`` beside the original, so the user (or a support
request) can still recover it, and the app starts afresh with a clean file. A file
that a newer version wrote is copied to ``<name>.schema-<N>-<timestamp>`` before this
version rewrites it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from massage_timer.core.i18n import _

_log = logging.getLogger(__name__)
_REASON_LIMIT = 200  # characters of the reason shown in a one-line warning


@dataclass(frozen=True)
class StorageWarning:
    """Something the user should be told about their stored data.

    ``message`` is one human-readable line; ``kept_at`` is where a damaged file was
    moved to, or None when nothing was moved (for example a single invalid setting).
    """

    message: str
    kept_at: Path | None = None

    def __str__(self) -> str:
        return self.message


def move_aside(path: Path, reason: str) -> Path:
    """Rename the damaged file ``path`` to a free ``.corrupt-<timestamp>`` name beside it.

    Adds ``-2``, ``-3``, ... when that name is taken; never overwrites or deletes
    anything. ``reason`` is logged. Returns the new path; raises OSError if the file
    cannot be moved.
    """
    path = Path(path)
    for candidate in _candidates(path):
        try:
            # A hard link fails instead of overwriting an existing file, which makes
            # "pick a free name" race-free; the original name is removed afterwards.
            os.link(path, candidate)
        except FileExistsError:
            continue
        except OSError:
            # No hard links here (FAT, some network shares): check, then rename.
            if candidate.exists():
                continue
            os.rename(path, candidate)
        else:
            path.unlink()
        _log.warning("Moved unreadable file %s to %s: %s", path, candidate, reason)
        return candidate
    raise AssertionError("unreachable: the candidate names never run out")  # pragma: no cover


def keep_copy(path: Path, data: bytes, tag: str) -> Path:
    """Keep ``data`` (the file ``path`` held) as a new ``<name>.<tag>-<timestamp>`` beside it.

    Used before a file is rewritten that a newer version wrote. Never overwrites
    anything; returns the copy's path, raises OSError if it cannot be written.
    """
    path = Path(path)
    for candidate in _candidates(path, tag):
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            candidate.unlink(missing_ok=True)
            raise
        _log.info("Kept a copy of %s as %s", path, candidate)
        return candidate
    raise AssertionError("unreachable: the candidate names never run out")  # pragma: no cover


def unreadable_file_warning(
    label: str, path: Path, reason: str, kept_at: Path | None, outcome: str
) -> StorageWarning:
    """Build the standard one-line warning about a file that could not be read.

    ``label`` names the file ("Settings file"), ``reason`` says what was wrong and
    ``outcome`` what the app does instead ("defaults are used"). Line breaks in the
    reason are folded so the message stays on one line, and a long reason (SQLite's
    integrity report can run to pages) is shortened.
    """
    reason = " ".join(reason.split())
    if len(reason) > _REASON_LIMIT:
        reason = reason[: _REASON_LIMIT - 3] + "..."
    kept = (
        _("it could not be moved aside")
        if kept_at is None
        else _("it was kept as {path}").format(path=kept_at)
    )
    message = _("{label} {path} was unreadable ({reason}); {kept} and {outcome}.").format(
        label=_(label), path=path, reason=reason, kept=kept, outcome=_(outcome)
    )
    return StorageWarning(message, kept_at)


def _candidates(path: Path, tag: str = "corrupt") -> Iterator[Path]:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{path.name}.{tag}-{stamp}"
    yield path.with_name(base)
    number = 2
    while True:
        yield path.with_name(f"{base}-{number}")
        number += 1
