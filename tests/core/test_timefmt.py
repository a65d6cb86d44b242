"""The one clock formatter: countdowns round up, positions down, lengths to the nearest."""

from __future__ import annotations

import pytest

from massage_timer.core.timefmt import clock_text


@pytest.mark.parametrize(
    ("seconds", "rounding", "text"),
    [
        (0, "up", "0:00"),
        (0.001, "up", "0:01"),
        (1, "up", "0:01"),
        (61, "up", "1:01"),
        (60.4, "nearest", "1:00"),
        (59.6, "nearest", "1:00"),
        (59.99, "down", "0:59"),
        (3600, "nearest", "1:00:00"),
        (3723, "nearest", "1:02:03"),
        (-5, "up", "0:00"),
        (10800, "up", "3:00:00"),
    ],
)
def test_clock_text(seconds: float, rounding: str, text: str) -> None:
    assert clock_text(seconds, rounding) == text  # type: ignore[arg-type]
