"""A private D-Bus session bus for tests: ``dbus-daemon --session`` on its own socket.

Shared by the MPRIS and screensaver tests and the end-to-end run: the app under test
gets ``DBUS_SESSION_BUS_ADDRESS`` pointing here, never at the desktop's bus.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

START_TIMEOUT_S = 10.0


def missing_tools() -> str | None:
    """Why the rig cannot run here, or None."""
    missing = [t for t in ("dbus-daemon", "gdbus") if shutil.which(t) is None]
    if missing:
        return f"{', '.join(missing)} not installed (apt-get install dbus-daemon libglib2.0-bin)"
    return None


@contextmanager
def private_bus() -> Iterator[str]:
    """A private session bus for the duration; yields its address."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--nopidfile",
            "--nosyslog",
            f"--print-address={write}",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            ready, _, _ = select.select([pipe], [], [], START_TIMEOUT_S)
            address = pipe.readline().strip() if ready else ""
        if not address:
            raise RuntimeError(f"dbus-daemon did not start within {START_TIMEOUT_S:g} s")
        yield address
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def gdbus_command(address: str, *args: str) -> list[str]:
    """``gdbus ARGS`` on the bus at ``address``."""
    return ["gdbus", *args[:1], "--address", address, *args[1:]]
