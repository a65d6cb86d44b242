"""How far a real-time session's events stray from the plan.

Runs `massage-timer run ROUTINE --minutes M --no-window --mute --events -` as a person
would and compares each event's reported time with its planned time. Prints the figures.

    python bench/event_timing.py [ROUTINE] [MINUTES]
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:  # run as `python bench/NAME.py`: the repository root holds `bench`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.rigs.events import measure


def main() -> None:
    routine = sys.argv[1] if len(sys.argv) > 1 else "quick-5"
    minutes = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    r = measure(routine, minutes)
    print(f"event timing, {routine} over {minutes * 60:.0f} s of real time:")
    print(
        f"  segment events: {r['segments']:.0f}, median {r['segment_median_ms']:.2f} ms, "
        f"max {r['segment_max_ms']:.2f} ms from plan (goal: within 15 ms)"
    )
    print(f"  cue events: {r['cues']:.0f}, max {r['cue_max_ms']:.2f} ms from plan")
    print(f"  finished: {r['finish_error_ms']:.2f} ms from the end (goal: within 10 ms)")


if __name__ == "__main__":
    main()
