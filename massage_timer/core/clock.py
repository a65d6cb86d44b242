"""Where time comes from: a monotonic clock, injected so tests can drive a fake one
(``tests/doubles.py``)."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Anything with a monotonic reading in seconds."""

    def monotonic(self) -> float: ...


class SystemClock:
    """The real monotonic clock; never the wall clock, which can jump."""

    def monotonic(self) -> float:
        return time.monotonic()
