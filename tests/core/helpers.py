"""Small builders for core tests."""

from __future__ import annotations

from pathlib import Path

from massage_timer.core.routine import Routine
from massage_timer.core.routine_file import load_routine_file, parse_routine

ROUTINES = Path(__file__).parents[2] / "routines"


def builtin(routine_id: str) -> Routine:
    return load_routine_file(ROUTINES / f"{routine_id}.toml", origin="builtin")


def all_builtins() -> list[Routine]:
    return [load_routine_file(p, origin="builtin") for p in sorted(ROUTINES.glob("*.toml"))]


def routine(text: str) -> Routine:
    return parse_routine(text, "test.toml", "test")
