"""Hearing a real session: a private PulseAudio server, a recording of it, speech onsets.

Shared by ``tests/e2e/test_sound_pulse.py`` and ``bench/voice_timing.py``. A null sink
stands in for a sound card; ``parec`` records its monitor while ``massage-timer run``
plays into it; the onsets of sound in the recording are then matched with the times
the session reported for its spoken cues.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.rigs.processes import end

RATE = 22050
FRAME = round(RATE * 0.005)  # samples in one envelope frame: 5 ms
FRAME_S = FRAME / RATE
QUIET_S = 0.4  # a cue is measured when this much quiet comes before it
LEVEL = 100  # a 5 ms frame whose peak passes this (of 32767) holds sound
TOLERANCE_MS = 40.0
ROUTINE = """\
title = "Sound check"

[[steps]]
technique = "shoulder-blade-squeeze"
reps = 8
hold = 2
rest = 2

[[steps]]
technique = "chest-expansion"
reps = 7
hold = 2
rest = 2
"""


def missing_tools() -> str | None:
    """Why the rig cannot run here, or None."""
    missing = [tool for tool in ("pulseaudio", "parec", "pactl") if shutil.which(tool) is None]
    if missing:
        return (
            f"{', '.join(missing)} not installed (sudo apt-get install pulseaudio pulseaudio-utils)"
        )
    return None


@contextmanager
def pulse_server() -> Iterator[dict[str, str]]:
    """A private PulseAudio with one null sink "test"; yields the client environment."""
    folder = Path(tempfile.mkdtemp(prefix="mt-pulse-"))  # short: sockets have a path limit
    socket_path = folder / "native"
    script = folder / "default.pa"
    script.write_text(
        "load-module module-null-sink sink_name=test\n"
        f"load-module module-native-protocol-unix socket={socket_path} auth-anonymous=1\n"
        "set-default-sink test\n"
    )
    env = dict(os.environ)
    for var in ("HOME", "XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "XDG_CONFIG_HOME"):
        env[var] = str(folder)
    env.pop("PULSE_SERVER", None)
    log = open(folder / "pulseaudio.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--log-target=stderr",
            "-F",
            str(script),
        ],
        env=env,
        stdout=log,
        stderr=log,
    )
    client = {"PULSE_SERVER": f"unix:{socket_path}", "PULSE_COOKIE": str(folder / "cookie")}
    try:
        _wait_for_server(client, server, folder)
        yield client
    finally:
        end(server, timeout_s=5)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for_server(client: dict[str, str], server: subprocess.Popen[bytes], folder: Path) -> None:
    env = {**os.environ, **client}
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = (folder / "pulseaudio.log").read_text(errors="replace")
            raise RuntimeError(f"pulseaudio exited at once:\n{log[-2000:]}")
        probe = subprocess.run(["pactl", "info"], env=env, capture_output=True, timeout=10)
        if probe.returncode == 0:
            return
        time.sleep(0.1)
    raise RuntimeError("pulseaudio did not answer within 15 s")


@contextmanager
def recording(client: dict[str, str], path: Path) -> Iterator[Path]:
    """Record the null sink's monitor into ``path`` (raw s16le mono at ``RATE``).

    Returns only once parec has delivered samples, so nothing played after is missed.
    """
    with open(path, "wb") as sink:
        parec = subprocess.Popen(
            [
                "parec",
                "-d",
                "test.monitor",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=10",
            ],
            env={**os.environ, **client},
            stdout=sink,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 10
            while path.stat().st_size == 0:
                if parec.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("parec delivered no samples")
                time.sleep(0.02)
            yield path
            time.sleep(0.5)  # the tail of the last sound is still on its way
        finally:
            end(parec, timeout_s=5)


def run_session(client: dict[str, str], args: Sequence[str], events: Path) -> None:
    """``massage-timer run ARGS --no-window --events EVENTS`` against the private server."""
    env = {**os.environ, **client, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "massage_timer", "run", *args, "--no-window"]
    done = subprocess.run(
        [*command, "--events", str(events)], env=env, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(f"massage-timer run failed ({done.returncode}):\n{done.stderr}")


def envelope(samples: array[int]) -> list[int]:
    """The peak level of each ``FRAME_S`` frame."""
    n = FRAME
    return [
        max(max(samples[i : i + n]), -min(samples[i : i + n]))
        for i in range(0, len(samples) - n + 1, n)
    ]


def onsets(levels: Sequence[int]) -> list[int]:
    """Frames where sound starts after at least ``QUIET_S`` of quiet (or the start)."""
    need = round(QUIET_S / FRAME_S)
    found, quiet = [], need
    for k, level in enumerate(levels):
        if level > LEVEL:
            if quiet >= need:
                found.append(k)
            quiet = 0
        else:
            quiet += 1
    return found


@dataclass
class OnsetErrors:
    """How far from its planned moment each measurable spoken cue began to sound."""

    spoken: int  # spoken cues the session reported
    errors_ms: list[float]  # one per spoken cue that followed a quiet moment

    @property
    def within(self) -> int:
        return sum(1 for e in self.errors_ms if abs(e) <= TOLERANCE_MS)

    @property
    def share_within(self) -> float:
        return self.within / len(self.errors_ms) if self.errors_ms else 0.0

    def percentile(self, q: float) -> float:
        """The ``q`` quantile (0..1) of the absolute errors, nearest rank."""
        ordered = sorted(abs(e) for e in self.errors_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]

    @property
    def median(self) -> float:
        return statistics.median(abs(e) for e in self.errors_ms) if self.errors_ms else 0.0


def match_onsets(samples: array[int], events: list[dict[str, object]]) -> OnsetErrors:
    """Each spoken cue that follows quiet, against the nearest onset in the recording.

    Times are relative to the first cue: its report is lined up with the first onset.
    A cue counts as following quiet when the recording is quiet for ``QUIET_S`` before
    its expected moment, or when a sound that started after such quiet lies near it (so
    a cue that sounded early is measured, not excused).
    """
    levels = envelope(samples)
    starts = [k * FRAME_S for k in onsets(levels)]
    cues = [e for e in events if e.get("event") == "cue"]
    spoken = [e for e in cues if e.get("kind") == "speech"]
    if not starts or not cues:
        return OnsetErrors(len(spoken), [float("inf")] * len(spoken))
    t0, base = float(str(cues[0]["t"])), starts[0]
    errors = []
    for cue in spoken:
        expected = base + float(str(cue["t"])) - t0
        nearest = min(starts, key=lambda s: abs(s - expected))
        first = round((expected - QUIET_S - 0.05) / FRAME_S)
        last = round((expected - 0.05) / FRAME_S)
        quiet = first >= 0 and all(v <= LEVEL for v in levels[first:last])
        if quiet or abs(nearest - expected) <= 0.2:
            errors.append((nearest - expected) * 1000)
    return OnsetErrors(len(spoken), errors)


def read_raw(path: Path) -> array[int]:
    samples = array("h")
    samples.frombytes(path.read_bytes()[: path.stat().st_size // 2 * 2])
    return samples


def read_events(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def measure(folder: Path, args: Sequence[str] | None = None) -> OnsetErrors:
    """Run a session against a private server and measure its speech onsets.

    Without ``args`` the session is a cue-rich routine of about 75 seconds.
    """
    if args is None:
        routine = folder / "sound-check.toml"
        routine.write_text(ROUTINE)
        args = [str(routine)]
    events, raw = folder / "events.jsonl", folder / "recording.raw"
    with pulse_server() as client, recording(client, raw):
        run_session(client, args, events)
    return match_onsets(read_raw(raw), read_events(events))
