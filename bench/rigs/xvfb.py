"""A private X screen for the window's tests and benchmarks, and the command that starts the app."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.rigs.processes import end, start_announced

START_TIMEOUT_S = 30.0


def app_command() -> list[str]:
    """The installed ``massage-timer`` next to this Python, else ``python -m massage_timer``."""
    installed = Path(sys.executable).with_name("massage-timer")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "massage_timer"]


@contextmanager
def xvfb(screen: str = "1280x800x24") -> Iterator[str]:
    """A private Xvfb for the duration; yields its DISPLAY (":N").

    Xvfb picks a free display number itself and writes it to a pipe once it accepts
    clients (``-displayfd``), so there is no guessing at free numbers and no polling.
    Raises RuntimeError if it does not get that far within ``START_TIMEOUT_S``.
    """

    def command(fd: int) -> list[str]:
        listen = ["-noreset", "-nolisten", "tcp"]
        return ["Xvfb", "-displayfd", str(fd), *listen, "-screen", "0", screen]

    proc, number = start_announced(command, "Xvfb", START_TIMEOUT_S)
    try:
        yield f":{number}"
    finally:
        end(proc)


def find_window(display: str, name: str) -> str:
    """The id of a visible window on ``display`` whose name matches the regex ``name``, or ""."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", name],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=20,
    )
    ids = found.stdout.split()
    return ids[0] if found.returncode == 0 and ids else ""
