"""Control characters in text from files: found for validation, made visible for printing.

An escape sequence, a bell or a carriage return in a routine title would move the
cursor, recolour or clear the person's terminal. Validation refuses them in routine
texts; :func:`printable` is for text the app prints that no validation checked (a file
name in an error message, a value echoed back).
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and the C1 controls (U+0080-U+009F, which some
# terminals also obey).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def first_control_character(text: str, *, newline_allowed: bool = True) -> str | None:
    """The first control character in ``text`` ("U+001B"), or None when there is none."""
    found = (_CONTROL if newline_allowed else _CONTROL_OR_NEWLINE).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def printable(text: str) -> str:
    """``text`` with each control character but newline and tab shown as ``\\x1b``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
