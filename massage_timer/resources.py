"""One resolver for shipped files, from a source checkout, an installed wheel or a bundle.

The wheel carries ``routines/`` and ``assets/`` inside the package (see pyproject's
force-include); a source checkout keeps them at the repository root; a PyInstaller
bundle unpacks them under ``sys._MEIPASS/massage_timer``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resource_root() -> Path:
    """The folder that holds ``routines/`` and ``assets/``."""
    candidates = [_PACKAGE_DIR, _PACKAGE_DIR.parent]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "massage_timer")
    for root in candidates:
        if (root / "assets").is_dir() and (root / "routines").is_dir():
            return root
    raise FileNotFoundError(
        "massage-timer cannot find its routines and assets; reinstall the package"
    )


def _checked_name(name: str) -> str:
    # Names come from routine files and settings: never let them climb out of the folder.
    if not name or "/" in name or "\\" in name or name.startswith(".") or ".." in name:
        raise ValueError(f"not a valid resource name: {name!r}")
    return name


def builtin_routines_dir() -> Path:
    return resource_root() / "routines"


def asset_path(*parts: str) -> Path:
    """A file under ``assets/``; each part is a plain name."""
    return resource_root().joinpath("assets", *(_checked_name(p) for p in parts))


def illustration_path(technique_id: str) -> Path:
    return asset_path("illustrations", f"{_checked_name(technique_id)}.svg")


def sound_path(name: str) -> Path:
    return asset_path("sounds", _checked_name(name))


def icon_path(name: str = "massage-timer.svg") -> Path:
    return asset_path("icons", name)
