"""User settings: defaults declared in code, stored as a small TOML file.

Saving edits the file in place (``tomlkit``): only the values that changed are
written, so the user's comments, keys this version does not know and a newer schema
survive, and closing the window without a change writes nothing.

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
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from massage_timer import paths
from massage_timer.core.breathing import Breathing
from massage_timer.core.constants import BREATH_LIMITS, QUICK_ID
from massage_timer.core.files import read_regular_file
from massage_timer.core.i18n import N_, SHIPPED, _
from massage_timer.storage.atomic import atomic_write_text

if TYPE_CHECKING:
    import tomlkit  # imported where settings are saved: the window's start only reads them

    # Imported where something is wrong: a clean start needs none of it.
    from massage_timer.storage.quarantine import StorageWarning

SCHEMA_VERSION = 1
MAX_SETTINGS_BYTES = 2 * 1024 * 1024  # a settings file is a few hundred bytes; refuse a flood
THEMES: tuple[str, ...] = ("system", "light", "dark", "high-contrast")

_HEADER = (
    "# massage-timer settings. Edit while the app is closed; a value that cannot be\n"
    "# used is reported and replaced by its default.\n"
)
_CLOCK_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")  # "HH:MM", 24 h
_NOT_BLANK = re.compile(r"\S(.*\S)?")
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")


class _Rule(NamedTuple):  # a NamedTuple is made in a tenth of a dataclass's time
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
                raise ValueError(_("must be a table, not {value}").format(value=repr(value)))
            return value
        if self.kind is bool:
            if not isinstance(value, bool):
                raise ValueError(_("must be true or false, not {value}").format(value=repr(value)))
            return value
        if self.kind is int or self.kind is float:
            return self._check_number(value)
        if self.kind is tuple:
            if not isinstance(value, list | tuple):
                raise ValueError(_("must be a list, not {value}").format(value=repr(value)))
            return tuple(self._check_text(item) for item in value)
        return self._check_text(value)

    def _check_number(self, value: object) -> float:
        # bool is an int in Python but never a sensible number here.
        wanted = (int,) if self.kind is int else (int, float)
        if isinstance(value, bool) or not isinstance(value, wanted):
            message = (
                _("must be a whole number, not {value}")
                if self.kind is int
                else _("must be a number, not {value}")
            )
            raise ValueError(message.format(value=repr(value)))
        number = int(value) if self.kind is int else float(value)
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        # Written so that NaN fails too; TOML allows nan and inf.
        if not (low <= number <= high) or not math.isfinite(number):
            raise ValueError(
                _("must be between {low} and {high}, not {value}").format(
                    low=_num(self.low), high=_num(self.high), value=repr(value)
                )
            )
        return number

    def _check_text(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValueError(_("must be text, not {value}").format(value=repr(value)))
        if self.choices and value not in self.choices:
            raise ValueError(
                _("must be one of {choices}, not {value}").format(
                    choices=", ".join(c or repr(c) for c in self.choices),
                    value=repr(value),
                )
            )
        if self.pattern is not None and not self.pattern.fullmatch(value):
            raise ValueError(_("is not valid: {value}").format(value=repr(value)))
        return value


def _num(bound: float | None) -> str:
    return _("any") if bound is None else f"{bound:g}"


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
    answer_keys: bool = False  # answer the window's own keys aloud too, not only remote ones
    breathing: Breathing = field(default_factory=Breathing)
    theme: str = "system"  # one of THEMES
    language: str = ""  # one of core.i18n.SHIPPED; "" follows the system's locale
    reminders: tuple[str, ...] = ()  # times of day "HH:MM", 24 h
    reminder_routine: str = QUICK_ID
    tray: bool = False  # keep running in the tray when the window closes
    ask_pain: bool = True  # offer the 0-10 pain check-in before and after a session
    reduce_motion: bool = False  # still pictures in a session, for people motion distracts
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
    "answer_keys": _Rule(bool),
    "breathing": _Rule(Breathing, table=_BREATHING_RULES),
    "theme": _Rule(str, choices=THEMES),
    "language": _Rule(str, choices=("", *SHIPPED)),
    "reminders": _Rule(tuple, pattern=_CLOCK_TIME),
    "reminder_routine": _Rule(str, pattern=_NOT_BLANK),
    "tray": _Rule(bool),
    "ask_pain": _Rule(bool),
    "reduce_motion": _Rule(bool),
    "window_geometry": _Rule(str, pattern=_BASE64),
}


def load_settings(path: Path | None = None) -> tuple[Settings, list[StorageWarning]]:
    """Read the settings file (default: :func:`paths.settings_file`).

    Never raises for bad content and never blocks: a missing file gives the defaults
    silently; a FIFO, a device, a folder or a file over ``MAX_SETTINGS_BYTES`` gives one
    warning and the defaults, and is left where it is; a file that is not UTF-8 TOML is
    moved aside and the defaults are used; a known key with a bad value keeps its
    default; unknown keys and a newer schema are read as far as understood (and kept in
    the file by :func:`save_settings`). Each such event adds a warning to the list.
    """
    path = paths.settings_file() if path is None else Path(path)
    try:
        raw = read_regular_file(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        # Unreadable for a reason that is not the content (permissions, a folder, a
        # FIFO, a device): leave it where it is, the user has to fix that.
        reason = exc.strerror or str(exc)
        message = _("Settings file {path} could not be read ({reason}); defaults are used.").format(
            path=path, reason=reason
        )
        return Settings(), [_warning(message)]
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


def save_settings(
    settings: Settings, path: Path | None = None, since: Settings | None = None
) -> bool:
    """Write what changed in ``settings`` into the file (default: :func:`paths.settings_file`).

    Only values that differ from what the file holds are written, each in its place:
    comments, unknown keys, a newer ``schema``, other tables and values this version
    could not use stay as they are, and a save with no change writes nothing. With
    ``since`` (the settings the caller started from), only values changed since then
    are candidates, so a change made meanwhile by another window is not undone.
    Before a file with a newer schema is rewritten, a copy is kept beside it.
    Returns whether the file was written; raises OSError if it could not be.
    """
    changes = _flatten(settings)
    if since is not None:
        before = _flatten(since)
        changes = {key: value for key, value in changes.items() if value != before[key]}
    return _write_changes(paths.settings_file() if path is None else Path(path), changes)


def update_settings(path: Path | None = None, **changes: Any) -> bool:
    """Set the given settings in the file, leaving everything else as it is there.

    ``update_settings(window_geometry=..., mute=True)`` writes only the keys whose value
    differs from the file's (validated like :meth:`Settings.replace`). Returns whether
    the file was written; raises OSError if it could not be, ValueError for bad values.
    """
    checked = Settings().replace(**changes)  # validates and normalises the values
    wanted = {key: value for key, value in _flatten(checked).items() if key[0] in changes}
    return _write_changes(paths.settings_file() if path is None else Path(path), wanted)


_Key = tuple[str, ...]  # ("rate",) or ("breathing", "exhale"): where a value lives in TOML


def _flatten(settings: Settings) -> dict[_Key, object]:
    """Every stored value of ``settings`` by its place in the file, as TOML values."""
    flat: dict[_Key, object] = {}
    for name, rule in _SETTINGS_RULES.items():
        value = getattr(settings, name)
        if rule.table is not None:
            for sub in rule.table:
                flat[(name, sub)] = getattr(value, sub)
        else:
            flat[(name,)] = list(value) if isinstance(value, tuple) else value
    return flat


def _write_changes(path: Path, changes: Mapping[_Key, object]) -> bool:
    original, document = _document(path)
    current = _flatten(_understood(document.unwrap(), path))
    todo = {key: value for key, value in changes.items() if value != current[key]}
    if not todo:
        return False
    for key, value in todo.items():
        _put(document, key, value)
    schema = document.get("schema")
    newer = isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA_VERSION
    if original is not None and newer:
        # A newer version may rely on what this one cannot check: keep its file whole.
        from massage_timer.storage.quarantine import keep_copy

        keep_copy(path, original, f"schema-{schema}")
    import tomlkit

    atomic_write_text(path, tomlkit.dumps(document), parents=True)
    return True


def _document(path: Path) -> tuple[bytes | None, tomlkit.TOMLDocument]:
    """The file's bytes (None if there is none) and its editable TOML document."""
    import tomlkit
    import tomlkit.exceptions

    try:
        raw = read_regular_file(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return None, tomlkit.parse(f"{_HEADER}schema = {SCHEMA_VERSION}\n")
    try:
        return raw, tomlkit.parse(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomlkit.exceptions.ParseError) as exc:
        # Damaged since it was loaded: keep it, as loading would, and start afresh.
        from massage_timer.storage.quarantine import move_aside

        move_aside(path, str(exc))
        return None, tomlkit.parse(f"{_HEADER}schema = {SCHEMA_VERSION}\n")


def _understood(data: dict[str, Any], path: Path) -> Settings:
    """The settings ``data`` gives, as loading reads them (its warnings are not wanted)."""
    data.pop("schema", None)
    return Settings(**_read_table(data, _SETTINGS_RULES, Settings(), "", path, []))


def _put(document: tomlkit.TOMLDocument, key: _Key, value: object) -> None:
    if len(key) == 1:
        document[key[0]] = value
        return
    name, sub = key
    table = document.get(name)
    if not isinstance(table, MutableMapping):  # missing, or a value that was no table
        import tomlkit

        table = tomlkit.table()
        document[name] = table
    table[sub] = value


def _check_schema(schema: object, path: Path, warnings: list[StorageWarning]) -> None:
    # A missing schema means a hand-written file: read it as the current version.
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        warnings.append(
            _warning(
                _(
                    "Settings file {path} has an invalid schema {schema}; "
                    "it is read as schema {version}."
                ).format(path=path, schema=repr(schema), version=SCHEMA_VERSION)
            )
        )
    elif schema > SCHEMA_VERSION:
        # Forward compatibility: a newer version wrote this; use what we understand.
        warnings.append(
            _warning(
                _(
                    "Settings file {path} was written by a newer version of massage-timer "
                    "(schema {schema}); only the settings this version knows are used."
                ).format(path=path, schema=schema)
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
            message = _("Unknown setting '{name}' in {path} was ignored.").format(
                name=name, path=path
            )
            warnings.append(_warning(message))
            continue
        default = getattr(defaults, key)
        if rule.table is not None:
            if isinstance(value, dict):
                inner = _read_table(value, rule.table, default, f"{name}.", path, warnings)
                values[key] = rule.kind(**inner)
                continue
            problem = _("must be a table, not {value}").format(value=repr(value))
        else:
            try:
                values[key] = rule.check(value)
                continue
            except ValueError as exc:
                problem = str(exc)
        message = _("Setting '{name}' in {path} {problem}; the default {default} is used.").format(
            name=name, path=path, problem=problem, default=repr(default)
        )
        warnings.append(_warning(message))
    return values


def _warning(message: str) -> StorageWarning:
    from massage_timer.storage.quarantine import StorageWarning

    return StorageWarning(message)


def _quarantine(path: Path, reason: str) -> StorageWarning:
    from massage_timer.storage.quarantine import move_aside, unreadable_file_warning

    try:
        kept_at: Path | None = move_aside(path, reason)
    except OSError as exc:
        # Still start with defaults; the next save will replace the damaged file.
        reason = _("{reason}; moving it failed: {why}").format(
            reason=reason, why=exc.strerror or exc
        )
        kept_at = None
    return unreadable_file_warning(
        N_("Settings file"), path, reason, kept_at, N_("defaults are used")
    )


def _toml_reason(exc: tomllib.TOMLDecodeError) -> str:
    # tomllib says "Invalid value (at line 3, column 5)"; lead with the position.
    message = str(exc)
    match = re.fullmatch(r"(.*) \(at (?:line (\d+), column (\d+)|(end of document))\)", message)
    if match is None:  # pragma: no cover - every tomllib error carries a position
        return message
    text, line, column, at_end = match.groups()
    if at_end:
        return _("end of file: {problem}").format(problem=text)
    return _("line {line}, column {column}: {problem}").format(
        line=line, column=column, problem=text
    )
