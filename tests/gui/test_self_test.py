"""``massage-timer --self-test``: every check passes here, and any failure means a non-zero exit."""

from __future__ import annotations

import ctypes
import io
import math
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from massage_timer.audio.speech import Voice
from massage_timer.cli.main import main
from massage_timer.gui import self_test

ROOT = Path(__file__).parents[2]
CHECKS = ("routines", "illustrations", "sounds", "speech", "window")


def espeak_available() -> bool:
    try:
        ctypes.CDLL("libespeak-ng.so.1")
    except OSError:
        return False
    return True


class ToneEngine:
    """A speech engine double that 'says' every text as one second of a 440 Hz tone."""

    name = "tone 1"

    def __init__(self, amplitude: int = 10_000) -> None:
        self.amplitude = amplitude

    def voices(self) -> list[Voice]:
        return [Voice("tone", "Tone")]

    def default_voice(self) -> str:
        return "tone"

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        frames = bytearray()
        for i in range(22050):
            value = round(self.amplitude * math.sin(2 * math.pi * 440 * i / 22050))
            frames += value.to_bytes(2, "little", signed=True)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(22050)
            out.writeframes(bytes(frames))


def no_engine() -> ToneEngine:
    raise OSError("libespeak-ng.so.1: cannot open shared object file: No such file or directory")


def run(**kwargs: object) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = self_test.run_self_test(out=out, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue().splitlines()


def check_lines(lines: list[str]) -> dict[str, str]:
    """Check name -> its line; every check prints exactly one ok:/FAIL: line."""
    found: dict[str, str] = {}
    for line in lines[1:-1]:  # the header and the summary frame the check lines
        status, _, rest = line.partition(": ")
        assert status in ("ok", "FAIL"), line
        name = rest.split(":")[0].split(" (")[0]
        assert name not in found, f"{name} reported twice"
        found[name] = line
    assert tuple(found) == CHECKS
    return found


def test_every_check_passes_in_process(qtbot: QtBot) -> None:
    code, lines = run(engine_factory=ToneEngine)
    found = check_lines(lines)
    assert code == 0, "\n".join(lines)
    assert all(line.startswith("ok: ") for line in found.values())
    assert "5 built-in routines" in found["routines"] and "12 technique" in found["illustrations"]
    assert lines[-1] == "self-test passed: 5 checks"


def test_the_real_voice_renders_a_cue(qtbot: QtBot) -> None:
    if not espeak_available():
        pytest.skip("libespeak-ng1 is not installed (make system-deps installs it)")
    detail = self_test.check_speech()
    assert "espeak" in detail and "rendered a cue" in detail


def test_a_broken_routines_folder_fails_and_exits_non_zero(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "quick-5.toml").write_text("title = \n")
    code, lines = run(routines_dir=tmp_path, engine_factory=ToneEngine)
    found = check_lines(lines)
    assert code == 1
    assert found["routines"].startswith("FAIL: routines (")
    assert "quick-5.toml" in found["routines"] and "shoulder-relief" in found["routines"]
    assert found["window"].startswith("ok: "), "one failure must not stop the other checks"
    assert lines[-1] == "self-test failed: routines"


def test_an_empty_routines_folder_fails(tmp_path: Path) -> None:
    with pytest.raises(self_test.CheckFailedError, match="missing from"):
        self_test.check_routines(tmp_path)


def test_a_missing_speech_engine_says_why_and_how_to_fix_it(qtbot: QtBot) -> None:
    code, lines = run(engine_factory=no_engine)
    speech = check_lines(lines)["speech"]
    assert code == 1
    assert speech.startswith("FAIL: speech (No speech engine (libespeak-ng.so.1: cannot open")
    assert "libespeak-ng1" in speech and "apt-get install" in speech


def test_a_silent_speech_engine_fails() -> None:
    with pytest.raises(self_test.CheckFailedError, match=r"rendered no WAV|silent"):
        self_test.check_speech(lambda: ToneEngine(amplitude=0))


def test_a_blank_illustration_fails(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blank = tmp_path / "blank.svg"
    blank.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"></svg>')
    monkeypatch.setattr(self_test, "illustration_path", lambda technique_id: blank)
    with pytest.raises(self_test.CheckFailedError, match="nearly empty"):
        self_test.check_illustrations()


def test_a_missing_illustration_fails(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(self_test, "illustration_path", lambda technique_id: tmp_path / "gone.svg")
    with pytest.raises(self_test.CheckFailedError, match="no file"):
        self_test.check_illustrations()


def test_the_checks_leave_the_users_folders_alone(qtbot: QtBot, private_user_folders: Path) -> None:
    before = os.environ["XDG_CONFIG_HOME"]
    code, lines = run(engine_factory=ToneEngine)
    assert code == 0 and os.environ["XDG_CONFIG_HOME"] == before, lines
    # nothing at all: no settings, no history, no voice cache, not even an empty folder
    assert not private_user_folders.exists() or list(private_user_folders.rglob("*")) == []


def test_importing_it_loads_no_qt() -> None:
    # The PySide6 package itself is read for its version (gui/__init__.py); Qt is not loaded.
    probe = (
        "import sys, massage_timer.gui.self_test\n"
        "maps = open('/proc/self/maps').read()\n"
        "print(any(m.startswith('PySide6.Qt') for m in sys.modules) or 'libQt6' in maps)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"


def _subprocess_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # it sets offscreen
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var)
    return env


def test_the_command_without_a_screen(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "massage_timer", "--self-test"],
        capture_output=True,
        text=True,
        env=_subprocess_env(tmp_path),
        cwd="/",
        timeout=120,
    )
    lines = proc.stdout.splitlines()
    found = check_lines(lines)
    if espeak_available():
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "on 'offscreen'" in found["window"]
    else:  # the one check that needs a system package says which
        assert proc.returncode == 1 and "libespeak-ng1" in found["speech"]


def test_the_command_exits_non_zero_when_a_check_fails(tmp_path: Path) -> None:
    broken = tmp_path / "routines"
    broken.mkdir()
    (broken / "quick-5.toml").write_text('title = "Q"\n[[steps]]\ntechnique = "no-such"\n')
    script = (
        "import sys\nfrom pathlib import Path\nimport massage_timer.gui.self_test as st\n"
        "from massage_timer.cli.main import main\n"
        "st.builtin_routines_dir = lambda: Path(sys.argv[1])\n"
        "raise SystemExit(main(['--self-test']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(broken)],
        capture_output=True,
        text=True,
        env=_subprocess_env(tmp_path),
        cwd="/",
        timeout=120,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAIL: routines (" in proc.stdout and "no-such" in proc.stdout


def test_cli_main_returns_the_self_test_status(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(self_test, "run_self_test", lambda: 1)
    assert main(["--self-test"]) == 1
