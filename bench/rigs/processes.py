"""Starting and ending the helper processes of the rigs (Xvfb, dbus-daemon, stand-ins).

A server that says when it is ready by writing one line (Xvfb's display number, the bus
daemon's address, a stand-in's "ready") is waited for on that line, never by polling;
ending one always reaps it, killing it if it does not go when asked.
"""

from __future__ import annotations

import os
import select
import subprocess
from collections.abc import Callable
from typing import IO, Any


def first_line(stream: IO[str], what: str, timeout_s: float) -> str:
    """The first line ``stream`` gives, stripped; RuntimeError if none within ``timeout_s``."""
    ready, _, _ = select.select([stream], [], [], timeout_s)
    line = stream.readline().strip() if ready else ""
    if not line:
        raise RuntimeError(f"{what} did not start within {timeout_s:g} s")
    return line


def start_announced(
    command: Callable[[int], list[str]], what: str, timeout_s: float
) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``command(fd)``, a server that writes one line to ``fd`` once it is ready.

    Returns the process and that line; a server that never says it is ready is ended
    before the RuntimeError.
    """
    read, write = os.pipe()
    proc = subprocess.Popen(
        command(write), pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            return proc, first_line(pipe, what, timeout_s)
    except BaseException:
        end(proc)
        raise


def end(proc: subprocess.Popen[Any], timeout_s: float = 10.0) -> None:
    """End ``proc``: terminate, kill if it has not gone within ``timeout_s``; close its pipe."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()
