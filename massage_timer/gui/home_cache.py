"""The home screen's routine cards, remembered between starts.

Reading every routine file and planning each one to learn its minutes costs more than
the rest of the first frame. The cards' text is kept in the cache folder, keyed by the
routine files' names, sizes and modification times and by the settings that change the
minutes; any change makes the key differ, and the window then plans afresh. The window
also checks the cards against the real routines after its first frame, so a stale cache
can at worst show old text for a moment.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from massage_timer import __version__, paths
from massage_timer.gui.home_view import RoutineEntry
from massage_timer.resources import builtin_routines_dir
from massage_timer.storage.atomic import atomic_write_text

FORMAT = 2  # 2: the cards carry their techniques


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
    """What the cards depend on: the routine files, the speech rate and the breath pattern."""
    return {
        "format": FORMAT,
        "version": __version__,
        "builtin": _stamp(builtin_routines_dir()),
        "user": _stamp(paths.user_routines_dir()),
        "rate": rate,
        "breathing": list(breathing),
    }


def load(key: dict[str, Any]) -> tuple[list[RoutineEntry], list[str]] | None:
    """The cards and notices stored for ``key``, or None (no cache, another key, damaged)."""
    try:
        data = json.loads(cache_file().read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        entries = [
            RoutineEntry(**{**item, "techniques": tuple(item.get("techniques", ()))})
            for item in data["entries"]
        ]
        notices = [str(n) for n in data["notices"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return entries, notices


def save(key: dict[str, Any], entries: list[RoutineEntry], notices: list[str]) -> None:
    """Store the cards in the background; a cache that cannot be written is no loss."""
    text = json.dumps({"key": key, "entries": [asdict(e) for e in entries], "notices": notices})
    threading.Thread(target=_write, args=(cache_file(), text), daemon=True).start()


def _write(path: Path, text: str) -> None:
    try:
        atomic_write_text(path, text, parents=True, fsync=False)  # whole or not at all
    except OSError:
        pass
