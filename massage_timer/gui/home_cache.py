"""The home screen's routine cards, remembered between starts.

Reading every routine file and planning each one to learn its minutes costs more than
the rest of the first frame. The cards' text is kept in the cache folder, keyed by the
routine files' names, sizes and modification times, the language and the settings that
change the minutes; any change makes the key differ, and the window then plans afresh.
The window also checks the cards against the real routines after its first frame, so a
stale cache can at worst show old text for a moment.
"""

from __future__ import annotations

import json
import math
import threading
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from massage_timer import __version__, paths
from massage_timer.core.files import read_regular_file
from massage_timer.core.i18n import current_language
from massage_timer.gui.home_view import RoutineEntry
from massage_timer.resources import builtin_routines_dir
from massage_timer.storage.atomic import atomic_write_text

if TYPE_CHECKING:
    from massage_timer.storage.settings import Settings

FORMAT = 2  # 2: the cards carry their techniques
# The cards of a few thousand routines; a bigger file was not written by us.
MAX_CACHE_BYTES = 4 << 20
_TEXT_FIELDS = ("id", "title", "area", "description")


def cache_file() -> Path:
    return paths.cache_dir() / "home-cards.json"


def _stamp(folder: Path) -> list[list[object]]:
    try:
        files = sorted(folder.glob("*.toml"))
    except OSError:
        return []
    stamps: list[list[object]] = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.append([path.name, info.st_size, info.st_mtime_ns])
    return stamps


def cache_key(rate: int, breathing: tuple[float, float, float]) -> dict[str, Any]:
    """What the cards depend on: the routine files, the speech rate, the breath pattern
    and the language their words are in."""
    return {
        "format": FORMAT,
        "version": __version__,
        "language": current_language(),
        "builtin": _stamp(builtin_routines_dir()),
        "user": _stamp(paths.user_routines_dir()),
        "rate": rate,
        "breathing": list(breathing),
    }


def settings_key(settings: Settings) -> dict[str, Any]:
    """:func:`cache_key` for the window's settings."""
    b = settings.breathing
    return cache_key(settings.rate, (b.inhale, b.hold, b.exhale))


def load(key: dict[str, Any]) -> tuple[list[RoutineEntry], list[str]] | None:
    """The cards and notices stored for ``key``, or None (no cache, another key, damaged)."""
    try:
        # Through the safe reader: a FIFO or a huge file in the cache folder neither
        # blocks the first frame nor fills the memory; it only means planning afresh.
        data = json.loads(read_regular_file(cache_file(), MAX_CACHE_BYTES).decode("utf-8"))
        if data.get("key") != key:
            return None
        entries = [_entry(item) for item in data["entries"]]
        notices = [str(n) for n in data["notices"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return entries, notices


def _entry(item: dict[str, Any]) -> RoutineEntry:
    """One card from the cache; a field of the wrong type makes the whole cache stale."""
    entry = RoutineEntry(**{**item, "techniques": tuple(item.get("techniques", ()))})
    texts = all(isinstance(getattr(entry, name), str) for name in _TEXT_FIELDS)
    texts = texts and all(isinstance(t, str) for t in entry.techniques)
    seconds = (
        isinstance(entry.seconds, int | float)
        and not isinstance(entry.seconds, bool)
        and math.isfinite(entry.seconds)
    )
    if not (texts and seconds and isinstance(entry.own, bool)):
        raise TypeError("a card in the cache has a field of the wrong type")
    return entry


def save(key: dict[str, Any], entries: list[RoutineEntry], notices: list[str]) -> None:
    """Store the cards in the background; a cache that cannot be written is no loss."""
    text = json.dumps({"key": key, "entries": [e._asdict() for e in entries], "notices": notices})
    threading.Thread(target=_write, args=(cache_file(), text), daemon=True).start()


def _write(path: Path, text: str) -> None:
    with suppress(OSError):  # a cache: the next start builds it again
        atomic_write_text(path, text, parents=True, fsync=False)  # whole or not at all
