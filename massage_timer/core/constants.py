"""Names and bounds that several layers share, in a module that imports nothing.

The window's first frame, the command line's argument parser, the settings and the
routine files all read these, so importing this module must cost nothing.
"""

from __future__ import annotations

import math

from massage_timer.core.i18n import _

QUICK_ID = "quick-5"  # the built-in routine behind the big "Quick 5 minutes" button
QUICK_MINUTES = 5  # ... which lasts exactly this long, in every language

# A routine can be fitted to this many minutes: one second up to three hours.
MIN_MINUTES = 1 / 60
MAX_MINUTES = 180

# The range of each numeric key of a step, in the order a routine file lists them:
# seconds, except reps and strokes (counts). Fitting keeps within them too.
STEP_LIMITS: dict[str, tuple[float, float]] = {
    "duration": (1, 3600),
    "reps": (1, 500),
    "hold": (1, 3600),
    "rest": (0, 600),
    "strokes": (1, 5000),
    "stroke_seconds": (0.3, 10),
}

# Seconds each breath phase may last, wherever a pattern comes from (a routine file or
# the settings): an inhale or exhale needs a moment, a hold may be left out.
BREATH_LIMITS: dict[str, tuple[float, float]] = {
    "inhale": (1.0, 20.0),
    "hold": (0.0, 20.0),
    "exhale": (1.0, 20.0),
}


def minutes_problem(minutes: float) -> str | None:
    """Why ``minutes`` cannot be a routine's length, or None when it can."""
    if not math.isfinite(minutes) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        return _("minutes must be between 1/60 (one second) and {most}").format(most=MAX_MINUTES)
    return None
