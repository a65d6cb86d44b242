"""A D-Bus pause is answered aloud: "Paused." heard through a private PulseAudio sink.

The real app (offscreen: no screen is needed to hear it) plays into a private PulseAudio
null sink whose monitor ``parec`` records, and serves MPRIS on a private session bus. At
a quiet moment of the session ``Pause`` goes through gdbus; the recording's length at
that moment marks the call in the recording's own timeline, and the first sound after
it must start within 300 ms.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from bench.rigs import pulse
from bench.rigs.dbus import gdbus_command, missing_tools, private_bus
from bench.rigs.xvfb import app_command

pytestmark = [pytest.mark.pulse, pytest.mark.slow]

if (why := pulse.missing_tools() or missing_tools()) is not None:
    pytest.skip(why, allow_module_level=True)

LIMIT_S = 0.300
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


def gdbus(address: str, *args: str) -> str:
    done = subprocess.run(gdbus_command(address, *args), capture_output=True, text=True, timeout=20)
    return done.stdout.strip() if done.returncode == 0 else ""


def position_s(address: str) -> float:
    out = gdbus(
        address, "call", "-d", NAME, "-o", PATH, "-m",
        "org.freedesktop.DBus.Properties.Get", PLAYER, "Position",
    )  # fmt: skip
    return int(out.split()[1].rstrip(">,)")) / 1e6 if "int64" in out else -1.0


def test_a_dbus_pause_is_heard_within_300_ms(tmp_path: Path) -> None:
    routine = tmp_path / "quiet.toml"
    routine.write_text(ROUTINE)
    raw = tmp_path / "recording.raw"
    home = tmp_path / "user"
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
        log = (tmp_path / "app.log").open("w")
        with pulse.recording(client, raw):
            app = subprocess.Popen(
                [*app_command(), "--routine", str(routine)], env=env, stdout=log, stderr=log
            )
            try:
                deadline = time.monotonic() + 60
                while position_s(address) < 10.0:  # past the announcement and the 3-2-1
                    assert app.poll() is None, (tmp_path / "app.log").read_text()
                    assert time.monotonic() < deadline, "the session did not get going"
                    time.sleep(0.2)
                mark = raw.stat().st_size // 2  # samples recorded up to the call
                gdbus(address, "call", "-d", NAME, "-o", PATH, "-m", f"{PLAYER}.Pause")
                time.sleep(1.5)  # the answer sounds and ends
                status = gdbus(
                    address, "call", "-d", NAME, "-o", PATH, "-m",
                    "org.freedesktop.DBus.Properties.Get", PLAYER, "PlaybackStatus",
                )  # fmt: skip
            finally:
                app.terminate()
                app.wait(20)
                log.close()
    assert status == "(<'Paused'>,)"
    levels = pulse.envelope(pulse.read_raw(raw))
    frame = mark // pulse.FRAME
    quiet_before = levels[max(0, frame - round(pulse.QUIET_S / pulse.FRAME_S)) : frame]
    assert quiet_before and max(quiet_before) <= pulse.LEVEL, "not quiet before the pause"
    after = [k for k in pulse.onsets(levels) if k >= frame]
    assert after, "nothing was heard after the pause"
    latency = (after[0] - frame) * pulse.FRAME_S
    sounding = sum(1 for v in levels[after[0] : after[0] + 200] if v > pulse.LEVEL)
    assert sounding * pulse.FRAME_S > 0.2, "a click, not a spoken answer"
    assert latency <= LIMIT_S, f"the answer began {latency * 1000:.0f} ms after the pause"
