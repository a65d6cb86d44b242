"""A breath pattern: the one value type both routines and the settings hold.

Apart from the routine model so that reading the settings (the window's first step)
does not build every routine dataclass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from massage_timer.core.constants import BREATH_LIMITS


@dataclass(frozen=True)
class Breathing:
    """A breath pattern in seconds: inhale, hold after the inhale, exhale.

    Every pattern, from a routine file or the settings, keeps within ``BREATH_LIMITS``;
    one outside them cannot be made (ValueError), so none can be planned or saved.
    """

    inhale: float = 4.0
    hold: float = 0.0
    exhale: float = 6.0

    def __post_init__(self) -> None:
        for name, (low, high) in BREATH_LIMITS.items():
            value = getattr(self, name)
            # bool is an int to Python, never a length; written so that NaN fails too.
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{name} must be a number of seconds, not {value!r}")
            if not (low <= value <= high) or not math.isfinite(value):
                raise ValueError(f"{name} must be between {low:g} and {high:g}, not {value!r}")
            object.__setattr__(self, name, float(value))

    @property
    def cycle(self) -> float:
        return self.inhale + self.hold + self.exhale
