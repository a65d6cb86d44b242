"""A real-time session in the terminal, measured against its plan from its JSON events."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile


def measure(routine: str = "quick-5", minutes: float = 0.5) -> dict[str, float]:
    """Run ``massage-timer run ROUTINE --no-window --mute`` for real; the errors in ms.

    Private user folders; each segment's and cue's reported time ("t") is compared with
    its planned time ("at"), and the finish with the planned length.
    """
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
