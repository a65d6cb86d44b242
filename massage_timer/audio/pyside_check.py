"""Refuse a PySide6 that would crash this Python, before any Qt is used.

PySide6 6.12 returns ``None`` from every method that returns nothing without taking a
reference to it. From Python 3.12 ``None`` is immortal and that does no harm; on 3.11 its
count runs out after some tens of thousands of calls (a session makes that many in
minutes) and the interpreter aborts. pyproject keeps those releases away from 3.11
(``tests/test_pyside_check.py`` holds the two to the same bound, and
``tests/gui/test_pyside_refcounts.py`` proves the installed release does not leak); this
check stops an environment that has one anyway, with one line instead of a crash.

It compares version numbers only. The version comes from the ``PySide6`` package itself:
importing it loads no Qt library, the Qt import that follows needs it anyway, and it is
there in the desktop bundle too, which carries no package metadata for PySide6.
Every path that uses Qt passes through here: the window and the self-test (the ``gui``
package runs it on import) and the terminal's sound (:mod:`.qt_loop`). ``export-audio``
and ``run --mute`` load no Qt, so a leaking PySide6 cannot hurt them.
"""

from __future__ import annotations

import re
import sys

LEAKING_FROM = (6, 12)  # the first release with the leak; none is known to fix it yet
SAFE_REQUIREMENT = "PySide6>=6.6,<6.12"  # what pyproject asks for on Python before 3.12
EXIT_UNSAFE_QT = 5  # apart from a bad routine (1), no screen (3) and no speech (4)


def leak_problem(
    pyside_version: str,
    python: tuple[int, int] = (sys.version_info.major, sys.version_info.minor),
    implementation: str = sys.implementation.name,
) -> str | None:
    """Why ``pyside_version`` cannot run on this Python, as one line; None if it can."""
    if implementation != "cpython" or python >= (3, 12):
        return None  # None is immortal here (PEP 683); PyPy counts no references at all
    match = re.match(r"(\d+)\.(\d+)", pyside_version)
    if match is None or (int(match[1]), int(match[2])) < LEAKING_FROM:
        return None
    return (
        f"massage-timer: PySide6 {pyside_version} crashes Python {python[0]}.{python[1]} "
        f"(it loses references to None); install {SAFE_REQUIREMENT} "
        f"(pip install '{SAFE_REQUIREMENT}') or use Python 3.12 or newer"
    )


def refuse_leaking_pyside() -> None:
    """Exit with :func:`leak_problem`'s line if the installed PySide6 leaks here.

    A PySide6 that is missing or will not import is left to the Qt import that follows,
    which the callers already turn into their own advice (or a failed self-test check).
    """
    try:
        import PySide6  # shiboken only: no Qt library is loaded yet
    except Exception:  # noqa: BLE001 - a broken install is reported by the import that needs it
        return
    problem = leak_problem(str(getattr(PySide6, "__version__", "")))
    if problem is not None:
        print(problem, file=sys.stderr)
        raise SystemExit(EXIT_UNSAFE_QT)
