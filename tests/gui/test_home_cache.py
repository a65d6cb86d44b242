"""The home cards' cache: read through the safe reader, and only cards of the right shape."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from massage_timer.gui import home_cache
from massage_timer.gui.home_view import RoutineEntry

KEY: dict[str, Any] = {"format": home_cache.FORMAT, "rate": 170}
ENTRY = RoutineEntry("mine", "Mine", 300.0, "Neck", "Short.", True)


def _write(data: object) -> Path:
    path = home_cache.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_cards_come_back_for_their_key() -> None:
    _write({"key": KEY, "entries": [ENTRY._asdict()], "notices": ["a notice"]})
    assert home_cache.load(KEY) == ([ENTRY], ["a notice"])
    assert home_cache.load({**KEY, "rate": 200}) is None


def test_a_fifo_in_place_of_the_cache_does_not_block() -> None:
    path = home_cache.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.append(home_cache.load(KEY)), daemon=True)
    reader.start()
    # Not a timing limit: a reader that opened the FIFO would wait for a writer forever.
    reader.join(30)
    if reader.is_alive():
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # let the stuck reader end
        pytest.fail("reading the cache blocked on a FIFO")
    assert result == [None]


def test_a_cache_over_the_limit_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    padding = " " * 4096
    path = _write({"key": KEY, "entries": [ENTRY._asdict()], "notices": [], "pad": padding})
    monkeypatch.setattr(home_cache, "MAX_CACHE_BYTES", path.stat().st_size - 1)
    assert home_cache.load(KEY) is None  # valid, but more than a cache of ours holds
    monkeypatch.setattr(home_cache, "MAX_CACHE_BYTES", path.stat().st_size)
    assert home_cache.load(KEY) == ([ENTRY], [])


@pytest.mark.parametrize(
    "change",
    [
        {"title": 5},
        {"description": None},
        {"seconds": "300"},
        {"seconds": True},
        {"seconds": float("nan")},
        {"own": "yes"},
        {"extra": 1},
    ],
)
def test_a_card_of_the_wrong_shape_makes_the_cache_stale(change: dict[str, object]) -> None:
    _write({"key": KEY, "entries": [{**ENTRY._asdict(), **change}], "notices": []})
    assert home_cache.load(KEY) is None


@pytest.mark.parametrize("data", [[], "text", {"key": KEY}, {"key": KEY, "entries": 3}])
def test_a_damaged_cache_is_no_cache(data: object) -> None:
    _write(data)
    assert home_cache.load(KEY) is None
