"""A cheaper answer to the question PySide6 asks of every module imported after it.

PySide6 wraps ``import``: for each new module it records whether the module's source
mentions "PySide6" (so that ``from __feature__ import snake_case`` can apply to that module
alone), and it finds out with ``inspect.getsource``, which splits the whole file into lines
through ``linecache``. The window imports about a hundred modules before its first frame,
and that question alone cost some 18 ms of its start-up (``bench/window_startup.py``).
Reading the file's bytes gives the same answer for a source file on disk, in a few
microseconds (a module from a zip reads as not using PySide6: this app never selects a
``__feature__``, so the answer changes nothing for it).
"""

from __future__ import annotations

import sys
from types import ModuleType

from massage_timer.audio.pyside_check import refuse_leaking_pyside


def prepare_pyside() -> None:
    """Before any Qt library loads: refuse a leaking PySide6, then cheapen its import hook."""
    refuse_leaking_pyside()
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = mentions_pyside  # type: ignore[attr-defined]
    # Another PySide6 without that hook: nothing to cheapen.


def mentions_pyside(module: ModuleType) -> bool:
    """Whether ``module``'s source file contains "PySide6": False if it has none to read."""
    if module.__name__.partition(".")[0] in sys.stdlib_module_names:
        return False  # Python's own library never does: half the window's imports, unread
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built in, compiled, or bytecode only: inspect finds no source either
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False
