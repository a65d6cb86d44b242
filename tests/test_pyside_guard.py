"""The guard that keeps PySide6 6.12 from releasing None, True and False to death on 3.11."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import sys
from massage_timer.pyside_guard import guard_singletons
before = [sys.getrefcount(o) for o in (None, True, False)]
needed = guard_singletons()
after = [sys.getrefcount(o) for o in (None, True, False)]
print(needed, all(a > b + 10**9 for a, b in zip(after, before)), guard_singletons())
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None, True and False are immortal")
def test_the_singletons_get_counts_they_cannot_use_up() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "True", "False"]  # needed, done, and only once


def test_nothing_is_touched_where_it_is_not_needed() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT.replace("sys.getrefcount(o)", "0")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0] == str(sys.version_info < (3, 12))
