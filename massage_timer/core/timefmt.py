"""Lengths of time as a clock shows them: "m:ss", or "h:mm:ss" from an hour up."""

from __future__ import annotations

import math
from typing import Literal

Rounding = Literal["up", "down", "nearest"]


def clock_text(seconds: float, rounding: Rounding = "nearest") -> str:
    """``seconds`` as "4:05" or "1:02:03"; never negative.

    A countdown rounds ``"up"`` (it reads 0:01 until the very end), a position in a
    session ``"down"`` (the second that has begun), a length ``"nearest"``.
    """
    if rounding == "up":
        whole = math.ceil(seconds - 1e-9)  # a float hair over a whole second is not one more
    elif rounding == "down":
        whole = math.floor(seconds + 1e-9)
    else:
        whole = round(seconds)
    hours, rest = divmod(max(0, whole), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
