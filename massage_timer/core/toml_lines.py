"""Find the line a key was written on, which tomllib does not report.

A light scan of the text, good for the plain layouts people write by hand:
``key = value`` lines, ``[table]`` and ``[[steps]]`` headers.
"""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\"'-]+)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\"'-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*(?:\.|=)")


def _unquote(key: str) -> str:
    return key[1:-1] if key[:1] in "\"'" else key


class LineIndex:
    """Maps (step index or None, key) to the 1-based line where it was written."""

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[int | None, str], int] = {}
        self._step_lines: dict[int, int] = {}
        step: int | None = None
        steps_seen = -1
        sub: str | None = None
        for number, line in enumerate(text.split("\n"), start=1):
            if m := _ARRAY_HEADER.match(line):
                name = _unquote(m.group(1))
                if name == "steps":
                    steps_seen += 1
                    step, sub = steps_seen, None
                    self._step_lines[step] = number
                else:
                    step, sub = None, name
                    self._lines.setdefault((None, name), number)
                continue
            if m := _TABLE_HEADER.match(line):
                parts = [_unquote(p) for p in m.group(1).split(".")]
                if parts[0] == "steps" and len(parts) > 1 and step is not None:
                    sub = parts[1]
                    self._lines.setdefault((step, sub), number)
                else:
                    step, sub = None, parts[0]
                    self._lines.setdefault((None, sub), number)
                continue
            if m := _KEY.match(line):
                key = _unquote(m.group(1))
                self._lines.setdefault((step, sub or key), number)

    def key_line(self, step: int | None, key: str) -> int | None:
        """The line of ``key`` at the top level (step None) or in step ``step``."""
        found = self._lines.get((step, key))
        if found is None and step is not None:
            return self._step_lines.get(step)
        return found

    def step_line(self, step: int) -> int | None:
        return self._step_lines.get(step)
