"""A real 30-second session in the terminal keeps to its plan (the foundation's promise)."""

from __future__ import annotations

import pytest

from bench.rigs.events import measure


@pytest.mark.slow
def test_thirty_second_run_keeps_to_the_plan() -> None:
    r = measure("desk-break", 0.5)
    assert r["segments"] >= 3
    assert r["segment_max_ms"] <= 15
    assert r["finish_error_ms"] <= 10
