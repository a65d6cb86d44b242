"""How faithful is export-audio? Writes the quick session and checks it against its plan.

Prints the file's length error against the plan and the share of spoken cues and beeps
that have sound at their planned moment (RMS of the next 100 ms above a floor).
Usage: python bench/export_audio.py [ROUTINE [MINUTES]]
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from array import array
from pathlib import Path

from massage_timer.audio import pcm
from massage_timer.audio.export import export_plan_audio
from massage_timer.core.planner import plan_routine
from massage_timer.core.timeline import CueKind
from massage_timer.storage.catalog import find_routine
from massage_timer.storage.settings import Settings

RMS_FLOOR = 300.0


def rms(samples: array[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def main(argv: list[str]) -> int:
    routine = argv[0] if argv else "quick-5"
    minutes = float(argv[1]) if len(argv) > 1 else None
    plan = plan_routine(find_routine(routine), minutes=minutes)
    with tempfile.TemporaryDirectory(prefix="mt-export-") as tmp:
        out = Path(tmp) / "session.wav"
        started = time.monotonic()
        code = export_plan_audio(plan, out, settings=Settings())
        took = time.monotonic() - started
        if code != 0:
            print(f"export audio: skipped: export failed ({code})")
            return 0
        samples, rate = pcm.read_wav(out)
    cues = [c for c in plan.cues if c.kind in (CueKind.SPEECH, CueKind.BEEP)]
    window = rate // 10
    heard = sum(
        rms(samples[(at := round(c.at_ms * rate / 1000)) : at + window]) > RMS_FLOOR for c in cues
    )
    error_ms = (len(samples) / rate - plan.total_seconds) * 1000
    print(f"{routine}: plan {plan.total_seconds:.3f} s, file {len(samples) / rate:.3f} s")
    print(f"length error: {error_ms:+.1f} ms; written in {took:.2f} s")
    print(f"sound at {heard}/{len(cues)} spoken cues and beeps ({100 * heard / len(cues):.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
