"""How soon is a pause from a headset or media key answered aloud?

Runs the app against a private PulseAudio and session bus three times, pauses it
through MPRIS at a quiet moment, and prints how long after the call "Paused." began to
sound (goal: 300 ms). Usage: python bench/answer_latency.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as `python bench/NAME.py`: the repository root holds `bench`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.rigs.answer import measure, missing_tools


def main(argv: list[str]) -> int:
    reason = missing_tools()
    if reason is not None:
        print(f"answer latency: skipped: {reason}")
        return 0
    runs = int(argv[0]) if argv else 3
    latencies = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="mt-answer-") as tmp:
            heard = measure(Path(tmp))
        if heard.latency_s is None or not heard.quiet_before:
            print("a run without a measurable answer")
            continue
        latencies.append(heard.latency_s * 1000)
    if latencies:
        print(f"D-Bus pause to 'Paused.' heard: median {statistics.median(latencies):.0f} ms,")
        print(f"worst {max(latencies):.0f} ms over {len(latencies)} runs (goal 300 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
