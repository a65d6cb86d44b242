"""Keep PySide6 6.12 from crashing CPython 3.11 by releasing None once too often.

PySide6 6.12.0 returns ``None`` from every method that returns nothing (``QPainter.setPen``,
``QTimer.start``, ``QWidget.update``, ...) without taking a reference to it, so each call
lowers None's reference count by one. From Python 3.12 None is immortal (PEP 683) and this
does no harm; on 3.11 the count reaches zero after some thousands of calls and the
interpreter aborts with "Fatal Python error: none_dealloc". A window that paints a breath
pacer 30 times a second gets there within a minute.

:func:`guard_none` gives None a reference count so large that it cannot run out, which is
what 3.12 does. It imports no Qt, so any module that uses PySide6 can call it first.
"""

from __future__ import annotations

import sys

_done = False


def guard_none() -> bool:
    """Make None as good as immortal on CPython before 3.12; True if it was needed and done."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))
    # Only write where the count really is (not on an unusual build with another layout).
    if count.value != sys.getrefcount(None) - 1:
        return False
    count.value += 1 << (8 * ctypes.sizeof(ctypes.c_ssize_t) - 4)
    _done = True
    return True
