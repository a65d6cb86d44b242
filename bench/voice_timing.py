"""How punctual is the voice? A real session through a private PulseAudio, recorded.

Prints how many spoken cues could be measured (those after a quiet moment) and the
median and 95th-percentile distance, in milliseconds, between where speech starts in
the recording and where the session said it was due (relative to the first cue).
Usage: python bench/voice_timing.py [ROUTINE [--minutes M]]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

if not __package__:  # run as `python bench/NAME.py`: the repository root holds `bench`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.rigs.pulse import TOLERANCE_MS, measure, missing_tools


def main(argv: list[str]) -> int:
    reason = missing_tools()
    if reason is not None:
        print(f"voice timing: skipped: {reason}")
        return 0
    with tempfile.TemporaryDirectory(prefix="mt-voice-timing-") as tmp:
        result = measure(Path(tmp), argv or None)
    print(f"spoken cues: {result.spoken}, measured (after quiet): {len(result.errors_ms)}")
    print(f"onset error median: {result.median:.1f} ms")
    print(f"onset error p95:    {result.percentile(0.95):.1f} ms")
    print(f"within {TOLERANCE_MS:.0f} ms: {result.within}/{len(result.errors_ms)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
