"""How soon is a D-Bus pause answered aloud? The real app, a private bus and PulseAudio.

Shared by ``tests/e2e/test_answer_pulse.py`` and ``bench/answer_latency.py``. The app
(offscreen: hearing needs no screen) plays into a private PulseAudio null sink whose
monitor ``parec`` records, and serves MPRIS on a private session bus. At a quiet moment
of a session ``Pause`` goes through gdbus; the recording's length at that moment marks
the call in the recording's own timeline, and the first sound after it is the answer.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.rigs import pulse
from bench.rigs.dbus import gdbus_command, private_bus

NAME = "org.mpris.MediaPlayer2.massage_timer"
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
# One long quiet step: after its announcement and 3-2-1 (the first 8 s), nothing until
# "Halfway" at 68 s.
ROUTINE = """\
title = "Quiet kneading"

[[steps]]
technique = "kneading"
duration = 120
"""
QUIET_FROM_S = 10.0


def missing_tools() -> str | None:
    from bench.rigs import dbus

    return pulse.missing_tools() or dbus.missing_tools()


@dataclass
class Answered:
    status: str  # PlaybackStatus after the pause
    quiet_before: bool  # nothing sounded in the QUIET_S before the call
    latency_s: float | None  # from the call to the first sound after it; None: no sound
    sounding_s: float  # how long that sound lasted (a word, not a click)


def _gdbus(address: str, *args: str) -> str:
    done = subprocess.run(gdbus_command(address, *args), capture_output=True, text=True, timeout=20)
    return done.stdout.strip() if done.returncode == 0 else ""


def _call(address: str, method: str, *args: str) -> str:
    return _gdbus(address, "call", "-d", NAME, "-o", PATH, "-m", method, *args)


def _position_s(address: str) -> float:
    out = _call(address, "org.freedesktop.DBus.Properties.Get", PLAYER, "Position")
    return int(out.split()[1].rstrip(">,)")) / 1e6 if "int64" in out else -1.0


def measure(folder: Path) -> Answered:
    """Run the app, pause it through D-Bus at a quiet moment, and hear the answer."""
    routine = folder / "quiet.toml"
    routine.write_text(ROUTINE)
    raw = folder / "recording.raw"
    home = folder / "user"
    command = [sys.executable, "-m", "massage_timer", "--routine", str(routine)]
    with pulse.pulse_server() as client, private_bus() as address:
        env = {
            **os.environ,
            **client,
            "QT_QPA_PLATFORM": "offscreen",
            "DBUS_SESSION_BUS_ADDRESS": address,
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
        }
        log_path = folder / "app.log"
        with log_path.open("w") as log, pulse.recording(client, raw):
            app = subprocess.Popen(command, env=env, stdout=log, stderr=log)
            try:
                deadline = time.monotonic() + 60
                while _position_s(address) < QUIET_FROM_S:  # past the announcement, 3-2-1
                    if app.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"the session did not run:\n{log_path.read_text()}")
                    time.sleep(0.2)
                mark = raw.stat().st_size // 2  # samples recorded up to the call
                _call(address, f"{PLAYER}.Pause")
                time.sleep(1.5)  # the answer sounds and ends
                status = _call(
                    address, "org.freedesktop.DBus.Properties.Get", PLAYER, "PlaybackStatus"
                )
            finally:
                app.terminate()
                app.wait(20)
    levels = pulse.envelope(pulse.read_raw(raw))
    frame = mark // pulse.FRAME
    before = levels[max(0, frame - round(pulse.QUIET_S / pulse.FRAME_S)) : frame]
    after = [k for k in pulse.onsets(levels) if k >= frame]
    if not after:
        return Answered(status, bool(before) and max(before) <= pulse.LEVEL, None, 0.0)
    sounding = sum(1 for v in levels[after[0] : after[0] + 200] if v > pulse.LEVEL)
    return Answered(
        status,
        bool(before) and max(before) <= pulse.LEVEL,
        (after[0] - frame) * pulse.FRAME_S,
        sounding * pulse.FRAME_S,
    )
