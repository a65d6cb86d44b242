"""How fast the window opens, and how light a running session is on the machine.

On a private Xvfb screen (started here):

1. launch -> visible mapped window, median of RUNS runs (in turns) after a warm-up, for a bare
   PySide6 window and for ``massage-timer`` (the home screen); their ratio (goal <= 1.5);
2. a ``massage-timer --quick`` session with its window shown: the CPU share of one core
   from /proc/<pid>/stat (utime + stime) over CPU_WINDOW_S seconds (goal <= 3 %), and
   the peak memory, VmHWM from /proc/<pid>/status (goal <= 150 MiB).

Sound is pointed at a server that does not exist, as on a machine without one; the
bytecode is compiled once by a warm-up run, as an installed app has it. Prints
the figures; exits 0 (and says why) when Xvfb or xdotool is missing.

    python bench/window_startup.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as `python bench/NAME.py`: the repository root holds `bench`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.rigs.xvfb import app_command, find_window, xvfb

RUNS = 11
CPU_WINDOW_S = float(os.environ.get("MT_BENCH_CPU_S", "20"))
SETTLE_S = 12.0  # past the 10 s "Get ready": measure while the breath pacer animates (worst case)
POLL_S = 0.01
TIMEOUT_S = 30.0
GOALS = {"ratio": 1.5, "cpu_percent": 3.0, "peak_mib": 150.0}
BARE = """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
w.setWindowTitle("bare-pyside6")
w.resize(1000, 700)
w.show()
app.exec()
"""


def time_to_window(cmd: list[str], title: str, env: dict[str, str]) -> float:
    """Seconds from launching ``cmd`` to a visible window whose name contains ``title``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not find_window(env["DISPLAY"], title):
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited ({proc.returncode}) before its window")
            if time.perf_counter() - start > TIMEOUT_S:
                raise RuntimeError(f"no window named {title!r} after {TIMEOUT_S:g} s")
            time.sleep(POLL_S)
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(10)


def median_startups(runs: list[tuple[list[str], str]], env: dict[str, str]) -> list[float]:
    """The median startup of each (command, title), run in turns so drift hits all alike."""
    for cmd, title in runs:
        time_to_window(cmd, title, env)  # warm-up: the file cache, Python's bytecode
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(RUNS):
        for (cmd, title), got in zip(runs, times, strict=True):
            got.append(time_to_window(cmd, title, env))
    return [statistics.median(got) for got in times]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def running_session(env: dict[str, str]) -> tuple[float, float, float]:
    """CPU % of one core, peak and current memory (MiB) of a --quick session, window shown."""
    proc = subprocess.Popen(
        [*app_command(), "--quick"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        end = time.monotonic() + TIMEOUT_S
        while not find_window(env["DISPLAY"], "Quick 5 minutes"):
            if proc.poll() is not None or time.monotonic() > end:
                raise RuntimeError("the session window did not appear")
            time.sleep(POLL_S)
        time.sleep(SETTLE_S)
        cpu0, wall0 = cpu_seconds(proc.pid), time.monotonic()
        time.sleep(CPU_WINDOW_S)
        cpu1, wall1 = cpu_seconds(proc.pid), time.monotonic()
        peak = status_kib(proc.pid, "VmHWM") / 1024
        rss = status_kib(proc.pid, "VmRSS") / 1024
        return 100 * (cpu1 - cpu0) / (wall1 - wall0), peak, rss
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> int:
    missing = [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]
    if missing:
        print(f"window_startup: skipped, needs {', '.join(missing)}")
        return 0
    with tempfile.TemporaryDirectory() as home, xvfb() as display:
        runtime = Path(home) / "runtime"
        runtime.mkdir(mode=0o700)
        # As installed, Python finds its modules compiled: let the warm-up runs write the
        # bytecode (to a private folder) even where PYTHONDONTWRITEBYTECODE is set.
        dropped = ("QT_QPA_PLATFORM", "PYTHONDONTWRITEBYTECODE")
        env = {k: v for k, v in os.environ.items() if k not in dropped}
        env.update(
            PYTHONPYCACHEPREFIX=f"{home}/pycache",
            DISPLAY=display,
            XDG_CONFIG_HOME=f"{home}/config",
            XDG_DATA_HOME=f"{home}/data",
            XDG_CACHE_HOME=f"{home}/cache",
            XDG_RUNTIME_DIR=str(runtime),
            PULSE_SERVER=f"unix:{home}/no-sound-server",
        )
        bare, app = median_startups(
            [([sys.executable, "-c", BARE], "bare-pyside6"), (app_command(), "massage-timer")], env
        )
        ratio = app / bare
        cpu, peak, rss = running_session(env)
    print(f"startup to a mapped window, median of {RUNS}:")
    print(f"  bare PySide6 window   {bare * 1000:7.0f} ms")
    print(f"  massage-timer (home)  {app * 1000:7.0f} ms")
    print(
        f"  ratio                 {ratio:7.2f}    goal <= {GOALS['ratio']}  {_ok(ratio, 'ratio')}"
    )
    print(f"running --quick session, window shown, over {CPU_WINDOW_S:g} s:")
    print(
        f"  CPU, one core         {cpu:7.2f} %  goal <= {GOALS['cpu_percent']:g} %  "
        f"{_ok(cpu, 'cpu_percent')}"
    )
    print(
        f"  peak memory (VmHWM)   {peak:7.1f} MiB goal <= {GOALS['peak_mib']:g} MiB "
        f"{_ok(peak, 'peak_mib')}"
    )
    print(f"  memory now (VmRSS)    {rss:7.1f} MiB")
    return 0


def _ok(value: float, goal: str) -> str:
    return "ok" if value <= GOALS[goal] else "MISSED"


if __name__ == "__main__":
    sys.exit(main())
