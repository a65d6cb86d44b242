"""The one error a bad routine file raises: a single line naming file, line, key and problem."""

from __future__ import annotations

from collections.abc import Iterable

from massage_timer.core.i18n import _
from massage_timer.core.text_safety import printable


class RoutineError(Exception):
    """A routine file that cannot be used, told in one line a person can act on."""

    def __init__(
        self, source: str, message: str, line: int | None = None, key: str | None = None
    ) -> None:
        self.source = source
        self.message = message
        self.line = line
        self.key = key
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        what = f"{self.key}: {self.message}" if self.key else self.message
        # A file name or an echoed value may hold escape sequences: never print them raw.
        return printable(f"{where}: {what}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' when a choice is close to the word, else ''."""
    import difflib  # only when a word is wrong: the window's start imports this module

    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return _(' (did you mean "{word}"?)').format(word=close[0]) if close else ""
