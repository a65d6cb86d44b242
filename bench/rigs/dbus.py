"""A private D-Bus session bus for tests: ``dbus-daemon --session`` on its own socket.

Shared by the MPRIS and screensaver tests and the end-to-end run: the app under test
gets ``DBUS_SESSION_BUS_ADDRESS`` pointing here, never at the desktop's bus.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from bench.rigs.processes import end, start_announced

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
    proc, address = start_announced(daemon_command, "dbus-daemon", START_TIMEOUT_S)
    try:
        yield address
    finally:
        end(proc, timeout_s=5)


def daemon_command(fd: int) -> list[str]:
    """A private session bus daemon that writes its address to ``fd`` once it listens."""
    return [
        "dbus-daemon",
        "--session",
        "--nofork",
        "--nopidfile",
        "--nosyslog",
        f"--print-address={fd}",
    ]


def gdbus_command(address: str, *args: str) -> list[str]:
    """``gdbus ARGS`` on the bus at ``address``."""
    return ["gdbus", *args[:1], "--address", address, *args[1:]]
