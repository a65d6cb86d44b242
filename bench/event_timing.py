"""How far a real-time session's events stray from the plan.

Runs `massage-timer run ROUTINE --minutes M --no-window --mute --events -` as a person
would and compares each event's reported time with its planned time. Prints the figures.

    python bench/event_timing.py [ROUTINE] [MINUTES]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile


def measure(routine: str = "quick-5", minutes: float = 0.5) -> dict[str, float]:
    """Run a session; the errors (ms) of segment starts, cues and the finish."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home}
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "massage_timer",
                "run",
                routine,
                "--minutes",
                str(minutes),
                "--no-window",
                "--mute",
                "--events",
                "-",
            ],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    seg = [abs(e["t"] - e["at"]) * 1000 for e in events if e["event"] == "segment"]
    cue = [abs(e["t"] - e["at"]) * 1000 for e in events if e["event"] == "cue"]
    finished = next(e["t"] for e in events if e["event"] == "finished")
    return {
        "segments": len(seg),
        "segment_max_ms": max(seg),
        "segment_median_ms": statistics.median(seg),
        "cues": len(cue),
        "cue_max_ms": max(cue, default=0.0),
        "finish_error_ms": abs(finished - minutes * 60) * 1000,
    }


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
