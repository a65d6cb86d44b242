"""The layout tells the truth: which package may import what, and every module stays small.

These walk every module's source, so an import inside a function counts as much as one
at the top; importing the modules would only show what one path happens to load.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "massage_timer"
QT = ("PySide6", "shiboken6")
QT_PACKAGES = ("gui", "audio")  # the only places PySide6 may be imported


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    """Every module name ``path`` imports, absolute, wherever the import stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _package_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else ""


def test_the_walk_sees_imports_inside_functions() -> None:
    # The window's start imports its parts lazily; the walk must see those too.
    app = _imports(PACKAGE / "gui" / "app.py")
    assert "massage_timer.gui.pages" in app
    assert "PySide6.QtGui" in app


def test_pyside_is_imported_only_in_gui_and_audio() -> None:
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(n for n in _imports(p) if n.startswith(QT))
        for p in _modules()
        if _package_of(p) not in QT_PACKAGES
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_core_imports_only_the_core_and_plain_libraries() -> None:
    allowed = {"massage_timer", "tomli_w", *sys.stdlib_module_names}
    offenders: dict[str, list[str]] = {}
    for path in (PACKAGE / "core").rglob("*.py"):
        bad = [
            name
            for name in _imports(path)
            if name.split(".")[0] not in allowed
            or (name.startswith("massage_timer.") and not name.startswith("massage_timer.core"))
        ]
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = sorted(bad)
    assert offenders == {}


def test_storage_does_not_reach_into_the_window_or_the_command_line() -> None:
    # The command line opens the window, so it may import gui; storage serves both.
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(
            n for n in _imports(p) if n.startswith(("massage_timer.gui", "massage_timer.cli"))
        )
        for p in _modules()
        if _package_of(p) in ("core", "storage")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_command_line_loads_no_qt_when_muted() -> None:
    # What the walk allows, a real interpreter confirms: a muted session runs without Qt.
    code = (
        "import sys\n"
        "from massage_timer.cli.main import main\n"
        "code = main(['run', 'quick-5', '--minutes', '0.02', '--no-window', '--mute'])\n"
        "import massage_timer.storage.catalog, massage_timer.core.editing\n"
        f"bad = [m for m in sys.modules if m.startswith({QT!r})]\n"
        "assert code == 0 and not bad, (code, bad)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Finished." in done.stdout


def test_no_module_over_500_lines() -> None:
    too_long = {
        str(p.relative_to(PACKAGE)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not too_long
