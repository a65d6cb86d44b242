"""User settings: defaults declared in code, stored as a small TOML file.

Loading never fails: a missing file gives the defaults, a damaged file is moved aside
and a single bad value falls back to its default, each with a
:class:`~massage_timer.storage.quarantine.StorageWarning` the GUI can show.
Every key is checked against one table (``_SETTINGS_RULES``) rather than an if-chain,
and the dataclasses check their values on construction with the same table, so an
invalid ``Settings`` can never be saved.
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from massage_timer import paths
from massage_timer.core.constants import BREATH_LIMITS, QUICK_ID
from massage_timer.core.routine import Breathing
from massage_timer.storage.atomic import atomic_write_text
from massage_timer.storage.quarantine import StorageWarning, move_aside, unreadable_file_warning

SCHEMA_VERSION = 1
THEMES: tuple[str, ...] = ("system", "light", "dark", "high-contrast")

_HEADER = (
    "# massage-timer settings. Edit while the app is closed; a value that cannot be\n"
    "# used is reported and replaced by its default.\n"
)
_CLOCK_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")  # "HH:MM", 24 h
_NOT_BLANK = re.compile(r"\S(.*\S)?")
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")


@dataclass(frozen=True)
class _Rule:
    """What one stored key may hold: its type, and a range, choices or pattern."""

    kind: type  # bool, int, float, str, tuple (a TOML list of strings) or a dataclass
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None  # for a str, or for each item of a tuple
    table: Mapping[str, _Rule] | None = None  # rules of a nested dataclass (TOML table)

    def check(self, value: object) -> object:
        """Return ``value`` as the Python value to keep, or raise ValueError saying why."""
        if self.table is not None:
            if not isinstance(value, self.kind):
                raise ValueError(f"must be a {self.kind.__name__}, not {value!r}")
            return value
        if self.kind is bool:
            if not isinstance(value, bool):
                raise ValueError(f"must be true or false, not {value!r}")
            return value
        if self.kind is int or self.kind is float:
            return self._check_number(value)
        if self.kind is tuple:
            if not isinstance(value, list | tuple):
                raise ValueError(f"must be a list, not {value!r}")
            return tuple(self._check_text(item) for item in value)
        return self._check_text(value)

    def _check_number(self, value: object) -> float:
        # bool is an int in Python but never a sensible number here.
        wanted = (int,) if self.kind is int else (int, float)
        if isinstance(value, bool) or not isinstance(value, wanted):
            noun = "a whole number" if self.kind is int else "a number"
            raise ValueError(f"must be {noun}, not {value!r}")
        number = int(value) if self.kind is int else float(value)
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        # Written so that NaN fails too; TOML allows nan and inf.
        if not (low <= number <= high) or not math.isfinite(number):
            raise ValueError(
                f"must be between {_num(self.low)} and {_num(self.high)}, not {value!r}"
            )
        return number

    def _check_text(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValueError(f"must be text, not {value!r}")
        if self.choices and value not in self.choices:
            raise ValueError(f"must be one of {', '.join(self.choices)}, not {value!r}")
        if self.pattern is not None and not self.pattern.fullmatch(value):
            raise ValueError(f"is not valid: {value!r}")
        return value


def _num(bound: float | None) -> str:
    return "any" if bound is None else f"{bound:g}"


# The limits are core's, so a pattern the settings accept can always be planned.
_BREATHING_RULES: dict[str, _Rule] = {
    name: _Rule(float, low, high) for name, (low, high) in BREATH_LIMITS.items()
}


def _validate(obj: object, rules: Mapping[str, _Rule]) -> None:
    # Check every field and store the normalised value
    # (int -> float, list -> tuple), which a frozen dataclass only allows this way.
    for name, rule in rules.items():
        try:
            value = rule.check(getattr(obj, name))
        except ValueError as exc:
            raise ValueError(f"{name} {exc}") from None
        object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class Settings:
    """Everything the user can configure, with the defaults used on first start."""

    voice: str = ""  # pyttsx3 voice id; "" means the engine's default voice
    rate: int = 160  # speech rate in words per minute
    volume: float = 0.8  # 0..1
    mute: bool = False
    beeps: bool = True
    metronome: bool = False
    captions: bool = True
    breathing: Breathing = field(default_factory=Breathing)
    theme: str = "system"  # one of THEMES
    reminders: tuple[str, ...] = ()  # times of day "HH:MM", 24 h
    reminder_routine: str = QUICK_ID
    tray: bool = False  # keep running in the tray when the window closes
    ask_pain: bool = True  # offer the 0-10 pain check-in before and after a session
    window_geometry: str = ""  # base64 of Qt's saveGeometry(); opaque to this layer

    def __post_init__(self) -> None:
        _validate(self, _SETTINGS_RULES)

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied (validated like a new instance)."""
        return dataclasses.replace(self, **changes)


_SETTINGS_RULES: dict[str, _Rule] = {
    "voice": _Rule(str),
    "rate": _Rule(int, 80, 300),
    "volume": _Rule(float, 0, 1),
    "mute": _Rule(bool),
    "beeps": _Rule(bool),
    "metronome": _Rule(bool),
    "captions": _Rule(bool),
    "breathing": _Rule(Breathing, table=_BREATHING_RULES),
    "theme": _Rule(str, choices=THEMES),
    "reminders": _Rule(tuple, pattern=_CLOCK_TIME),
    "reminder_routine": _Rule(str, pattern=_NOT_BLANK),
    "tray": _Rule(bool),
    "ask_pain": _Rule(bool),
    "window_geometry": _Rule(str, pattern=_BASE64),
}


def load_settings(path: Path | None = None) -> tuple[Settings, list[StorageWarning]]:
    """Read the settings file (default: :func:`paths.settings_file`).

    Never raises for bad content: a missing file gives the defaults silently; a file
    that is not UTF-8 TOML is moved aside and the defaults are used; a known key with a
    bad value keeps its default; unknown keys and a newer schema are read as far as
    understood. Each such event adds a warning to the returned list.
    """
    path = paths.settings_file() if path is None else Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        # Unreadable for a reason that is not the content (permissions, a folder):
        # leave it where it is, the user has to fix that.
        reason = exc.strerror or str(exc)
        message = f"Settings file {path} could not be read ({reason}); defaults are used."
        return Settings(), [StorageWarning(message)]
    try:
        # utf-8-sig: tolerate the byte order mark some Windows editors add.
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Settings(), [_quarantine(path, "not UTF-8 text")]
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [_quarantine(path, _toml_reason(exc))]

    warnings: list[StorageWarning] = []
    _check_schema(data.pop("schema", SCHEMA_VERSION), path, warnings)
    values = _read_table(data, _SETTINGS_RULES, Settings(), "", path, warnings)
    return Settings(**values), warnings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically as TOML (default: :func:`paths.settings_file`)."""
    path = paths.settings_file() if path is None else Path(path)
    document: dict[str, Any] = {"schema": SCHEMA_VERSION}
    for item in dataclasses.fields(settings):
        value = getattr(settings, item.name)
        if isinstance(value, Breathing):
            value = dataclasses.asdict(value)
        elif isinstance(value, tuple):
            value = list(value)
        document[item.name] = value
    atomic_write_text(path, _HEADER + tomli_w.dumps(document))


def _check_schema(schema: object, path: Path, warnings: list[StorageWarning]) -> None:
    # A missing schema means a hand-written file: read it as the current version.
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        warnings.append(
            StorageWarning(
                f"Settings file {path} has an invalid schema {schema!r}; "
                f"it is read as schema {SCHEMA_VERSION}."
            )
        )
    elif schema > SCHEMA_VERSION:
        # Forward compatibility: a newer version wrote this; use what we understand.
        warnings.append(
            StorageWarning(
                f"Settings file {path} was written by a newer version of massage-timer "
                f"(schema {schema}); only the settings this version knows are used."
            )
        )
    # Older schemas would be migrated here; version 1 is the first one.


def _read_table(
    data: Mapping[str, object],
    rules: Mapping[str, _Rule],
    defaults: object,
    prefix: str,
    path: Path,
    warnings: list[StorageWarning],
) -> dict[str, Any]:
    """Pick the valid known keys of one TOML table; warn about every other key."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = prefix + key
        rule = rules.get(key)
        if rule is None:
            message = f"Unknown setting '{name}' in {path} was ignored."
            warnings.append(StorageWarning(message))
            continue
        default = getattr(defaults, key)
        if rule.table is not None:
            if isinstance(value, dict):
                inner = _read_table(value, rule.table, default, f"{name}.", path, warnings)
                values[key] = rule.kind(**inner)
                continue
            problem = f"must be a table, not {value!r}"
        else:
            try:
                values[key] = rule.check(value)
                continue
            except ValueError as exc:
                problem = str(exc)
        message = f"Setting '{name}' in {path} {problem}; the default {default!r} is used."
        warnings.append(StorageWarning(message))
    return values


def _quarantine(path: Path, reason: str) -> StorageWarning:
    try:
        kept_at: Path | None = move_aside(path, reason)
    except OSError as exc:
        # Still start with defaults; the next save will replace the damaged file.
        reason = f"{reason}; moving it failed: {exc.strerror or exc}"
        kept_at = None
    return unreadable_file_warning("Settings file", path, reason, kept_at, "defaults are used")


def _toml_reason(exc: tomllib.TOMLDecodeError) -> str:
    # tomllib says "Invalid value (at line 3, column 5)"; lead with the position.
    message = str(exc)
    match = re.fullmatch(r"(.*) \(at (?:line (\d+), column (\d+)|(end of document))\)", message)
    if match is None:  # pragma: no cover - every tomllib error carries a position
        return message
    text, line, column, at_end = match.groups()
    return f"end of file: {text}" if at_end else f"line {line}, column {column}: {text}"
