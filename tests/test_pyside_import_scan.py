"""PySide6's question for each imported module ("does its source mention PySide6?") gets
the same answer from a read of the file as from ``inspect``, only sooner."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path
from types import ModuleType

import pytest

import massage_timer.gui  # noqa: F401 - prepares PySide6 on import
from massage_timer.audio.pyside_import_scan import mentions_pyside


def _by_inspect(module: ModuleType) -> bool:
    """The question as PySide6 itself asks it."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


@pytest.mark.parametrize(
    "name",
    [
        "massage_timer.gui.app",  # imports PySide6
        "massage_timer.core.routine",  # plain Python
        "massage_timer.gui",  # a package: its __init__.py
        "json",  # the standard library: answered without reading it
        "tomllib._parser",
        "dataclasses",
        "sys",  # built in: no source at all
        "_json",  # compiled: no source either
    ],
)
def test_the_answer_matches_inspect(name: str) -> None:
    module = importlib.import_module(name)
    assert mentions_pyside(module) == _by_inspect(module)


def test_a_module_without_a_file_mentions_nothing() -> None:
    assert not mentions_pyside(ModuleType("made_up"))


def test_a_file_gone_since_import_mentions_nothing(tmp_path: Path) -> None:
    module = ModuleType("vanished")
    module.__file__ = str(tmp_path / "vanished.py")
    assert not mentions_pyside(module)


def test_pyside_asks_the_quick_question_of_each_new_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide6 has no per-module feature hook")
    assert feature._mod_uses_pyside is mentions_pyside
    asked: list[str] = []

    def spy(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return mentions_pyside(module)

    monkeypatch.setattr(feature, "_mod_uses_pyside", spy)
    (tmp_path / "scan_uses_qt.py").write_text("import PySide6\n")
    (tmp_path / "scan_plain.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__("scan_uses_qt")  # an import statement: through PySide6's wrapper
    __import__("scan_plain")
    assert {"scan_uses_qt", "scan_plain"} <= set(asked)
    # 0: PySide6 applies its (default) feature selection there; -1: not a Qt module
    assert feature.pyside_feature_dict["scan_uses_qt"] == 0
    assert feature.pyside_feature_dict["scan_plain"] == -1
