"""A real 30-second session in the terminal keeps to its plan (the foundation's promise)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from event_timing import measure  # noqa: E402


@pytest.mark.slow
def test_thirty_second_run_keeps_to_the_plan() -> None:
    r = measure("desk-break", 0.5)
    assert r["segments"] >= 3
    assert r["segment_max_ms"] <= 15
    assert r["finish_error_ms"] <= 10
