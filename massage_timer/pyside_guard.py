"""Keep PySide6 6.12 from crashing CPython 3.11 by releasing None, True and False too often.

PySide6 6.12.0 returns ``None`` from every method that returns nothing (``QPainter.setPen``,
``QTimer.start``, ``QWidget.update``, ...) without taking a reference to it, and releases
``True``/``False`` once more than it took when a signal carries a bool. So each call lowers
the singleton's reference count by one. From Python 3.12 these objects are immortal (PEP
683) and this does no harm; on 3.11 a count reaches zero after some thousands of calls and
the interpreter aborts ("Fatal Python error: none_dealloc" or "bool_dealloc"). A window
that paints a breath pacer 30 times a second gets there within a minute.

:func:`guard_singletons` gives them reference counts so large that they cannot run out,
which is what 3.12 does. It imports no Qt, so any module using PySide6 can call it first.
pyproject also keeps 6.12.0 away from 3.11; this guard covers an environment that has it.
"""

from __future__ import annotations

import sys

_done = False


def guard_singletons() -> bool:
    """Make None, True and False as good as immortal on CPython before 3.12.

    Returns True when the guard was needed and is now in place.
    """
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import ctypes

    boost = 1 << (8 * ctypes.sizeof(ctypes.c_ssize_t) - 4)
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))
        # Only write where the count really is (not on a build with another object layout).
        if count.value != sys.getrefcount(obj) - 1:
            return False
        count.value += boost
    _done = True
    return True
