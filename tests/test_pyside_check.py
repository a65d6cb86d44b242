"""A PySide6 that loses references to None is refused at start-up with one line, and
pyproject keeps such releases away in the first place."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from massage_timer.audio.export import EXIT_NO_SPEECH
from massage_timer.audio.pyside_check import (
    EXIT_UNSAFE_QT,
    LEAKING_FROM,
    SAFE_REQUIREMENT,
    leak_problem,
)

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize(
    ("version", "python", "implementation", "refused"),
    [
        ("6.12.0", (3, 11), "cpython", True),
        ("6.12.3", (3, 11), "cpython", True),  # a later 6.12.x with the same bug
        ("6.13.0", (3, 11), "cpython", True),  # until a release is shown not to leak
        ("6.11.3", (3, 11), "cpython", False),
        ("6.8.0.2", (3, 11), "cpython", False),
        ("6.12.0", (3, 12), "cpython", False),  # None is immortal from 3.12
        ("6.12.0", (3, 11), "pypy", False),
        ("", (3, 11), "cpython", False),  # no version to go by: let it run
    ],
)
def test_only_a_leaking_combination_is_refused(
    version: str, python: tuple[int, int], implementation: str, refused: bool
) -> None:
    problem = leak_problem(version, python, implementation)
    assert (problem is not None) is refused
    if problem is not None:
        assert "\n" not in problem
        assert f"PySide6 {version}" in problem and f"Python {python[0]}.{python[1]}" in problem
        assert f"pip install '{SAFE_REQUIREMENT}'" in problem


def test_pyproject_keeps_the_same_bound() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    old_pythons = [
        d.split(";")[0].strip()
        for d in project["dependencies"]
        if d.startswith("PySide6") and "python_version < '3.12'" in d
    ]
    assert old_pythons == [SAFE_REQUIREMENT]
    assert SAFE_REQUIREMENT.endswith(f"<{LEAKING_FROM[0]}.{LEAKING_FROM[1]}")


def test_the_installed_pyside_is_accepted() -> None:
    import PySide6

    assert leak_problem(PySide6.__version__) is None


@pytest.fixture
def leaking_pyside(tmp_path: Path) -> dict[str, str]:
    """An environment whose PySide6 says it is 6.12.1 and holds no Qt at all."""
    fake = tmp_path / "fake" / "PySide6"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('__version__ = "6.12.1"\n')
    return {**os.environ, "PYTHONPATH": str(fake.parent), "QT_QPA_PLATFORM": "offscreen"}


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "massage_timer", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal: nothing to refuse")
@pytest.mark.parametrize(
    "args",
    [[], ["--quick"], ["--self-test"], ["run", "quick-5", "--minutes", "0.02", "--no-window"]],
    ids=["window", "quick", "self-test", "terminal-with-sound"],
)
def test_every_path_into_qt_refuses_it_with_one_line(
    leaking_pyside: dict[str, str], args: list[str]
) -> None:
    done = _cli(leaking_pyside, *args)
    assert done.returncode == EXIT_UNSAFE_QT, done.stderr
    assert done.stderr.splitlines() == [leak_problem("6.12.1")]  # before any Qt is loaded


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal: nothing to refuse")
def test_paths_without_qt_still_run(leaking_pyside: dict[str, str], tmp_path: Path) -> None:
    muted = _cli(leaking_pyside, "run", "quick-5", "--minutes", "0.02", "--no-window", "--mute")
    assert muted.returncode == 0, muted.stderr
    assert "Finished." in muted.stdout
    out = tmp_path / "quick.wav"
    export = _cli(leaking_pyside, "export-audio", "quick-5", str(out), "--minutes", "0.02")
    assert "PySide6" not in export.stderr
    assert export.returncode in (0, EXIT_NO_SPEECH), export.stderr  # no speech engine: 4
