"""Reading routine files: TOML in, a validated Routine out, or one clear RoutineError."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from massage_timer.core.breathing import Breathing
from massage_timer.core.constants import BREATH_LIMITS, STEP_LIMITS
from massage_timer.core.files import FileTooLargeError, NotARegularFileError, read_regular_file
from massage_timer.core.i18n import N_, _
from massage_timer.core.routine import SIDES, Routine, RoutineOrigin, Step
from massage_timer.core.routine_errors import RoutineError, did_you_mean
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.core.text_safety import first_control_character
from massage_timer.core.toml_lines import LineIndex

MAX_FILE_BYTES = 1024 * 1024
MAX_STEPS = 200
MAX_TOTAL_SECONDS = 3 * 3600
_TOO_LARGE = N_("file is too large (a routine file is at most 1 MiB)")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class _Number:
    """A numeric key's rule: its range, and whether it must be whole."""

    low: float
    high: float
    whole: bool = False
    unit: str = "seconds"

    def describe(self) -> str:
        if self.whole:
            return _("a whole number from {low:g} to {high:g}").format(low=self.low, high=self.high)
        return _("a number of seconds from {low:g} to {high:g}").format(
            low=self.low, high=self.high
        )


_COUNTS = ("reps", "strokes")
_STEP_NUMBERS = {
    key: _Number(low, high, whole=key in _COUNTS, unit=key if key in _COUNTS else "seconds")
    for key, (low, high) in STEP_LIMITS.items()
}
_BREATH_NUMBERS = {name: _Number(low, high) for name, (low, high) in BREATH_LIMITS.items()}
_TOP_KEYS = ("title", "description", "tags", "breathing", "steps")
_STEP_KEYS = ("technique", *_STEP_NUMBERS, "sides", "title", "say", "notes", "breathing")


class _Reader:
    """Validates one parsed file, raising RoutineError at the first problem."""

    def __init__(self, source: str, lines: LineIndex) -> None:
        self.source = source
        self.lines = lines

    def line_of(self, key: str | None, step: int | None) -> int | None:
        """The line of a key path such as "title", "breathing.inhale" or "steps[2].reps"."""
        line = None
        if key is not None:
            base = key.split("].", 1)[1] if step is not None and "]." in key else key
            if not base.startswith("steps["):
                line = self.lines.key_line(step, base.split(".")[0])
        if line is None and step is not None:
            # The step's [[steps]] header, or "steps = [...]" when written inline.
            line = self.lines.step_line(step) or self.lines.key_line(None, "steps")
        return line

    def fail(self, message: str, key: str | None = None, step: int | None = None) -> RoutineError:
        return RoutineError(self.source, message, self.line_of(key, step), key)

    def check_keys(
        self, table: dict[str, Any], allowed: tuple[str, ...], where: str, step: int | None
    ) -> None:
        for key in table:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                raise self.fail(
                    _("unknown key{hint}; allowed here: {allowed}").format(
                        hint=hint, allowed=", ".join(allowed)
                    ),
                    where + key,
                    step,
                )

    def text(
        self,
        value: object,
        key: str,
        step: int | None = None,
        limit: int = 500,
        *,
        one_line: bool = False,
    ) -> str:
        if not isinstance(value, str):
            raise self.fail(
                _("must be text in quotes, not {kind}").format(kind=_kind(value)), key, step
            )
        value = value.strip()
        if len(value) > limit:
            raise self.fail(
                _("is too long ({count} characters; at most {limit})").format(
                    count=len(value), limit=limit
                ),
                key,
                step,
            )
        # Escape sequences, bells and carriage returns would reach the terminal and the
        # captions; a title or tag is also kept to one line.
        control = first_control_character(value, newline_allowed=not one_line)
        if control is not None:
            message = (
                _("holds the control character {char}; write plain text on one line")
                if one_line
                else _("holds the control character {char}; write plain text")
            )
            raise self.fail(message.format(char=control), key, step)
        return value

    def texts(
        self, value: object, key: str, step: int | None = None, *, one_line: bool = True
    ) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            message = _("must be a list of texts, not {kind}").format(kind=_kind(value))
            raise self.fail(message, key, step)
        return tuple(self.text(v, key, step, one_line=one_line) for v in value)

    def number(self, value: object, key: str, rule: _Number, step: int | None) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(
                _("must be {rule}, not {kind}").format(rule=rule.describe(), kind=_kind(value)),
                key,
                step,
            )
        if not math.isfinite(value):
            raise self.fail(
                _("must be a finite number ({rule}), not {value}").format(
                    rule=rule.describe(), value=value
                ),
                key,
                step,
            )
        if rule.whole and not float(value).is_integer():
            raise self.fail(
                _("must be {rule}, not {value:g}").format(rule=rule.describe(), value=value),
                key,
                step,
            )
        if not rule.low <= value <= rule.high:
            raise self.fail(
                _("must be {rule} (got {value:g})").format(rule=rule.describe(), value=value),
                key,
                step,
            )
        return float(value)

    def breathing(self, value: object, key: str, step: int | None) -> Breathing:
        if not isinstance(value, dict):
            raise self.fail(
                _("must be a table like {example}").format(
                    example="{ inhale = 4, hold = 0, exhale = 6 }"
                ),
                key,
                step,
            )
        for k in value:
            if k not in _BREATH_NUMBERS:
                raise self.fail(
                    _('unknown breathing key "{key}"{hint}; use inhale, hold and exhale').format(
                        key=k, hint=did_you_mean(k, _BREATH_NUMBERS)
                    ),
                    key,
                    step,
                )
        nums = {k: self.number(v, f"{key}.{k}", _BREATH_NUMBERS[k], step) for k, v in value.items()}
        return Breathing(**nums)

    def sides(self, value: object, key: str, step: int) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(
                _("must be a list such as {example}").format(example='["left", "right"]'),
                key,
                step,
            )
        out: list[str] = []
        for side in value:
            name = side.strip().lower() if isinstance(side, str) else side
            if name not in SIDES:
                raise self.fail(
                    _('has {side}; sides are "left" and "right"{hint}').format(
                        side=repr(side), hint=did_you_mean(str(name), SIDES)
                    ),
                    key,
                    step,
                )
            if name in out:
                raise self.fail(_('names "{side}" twice').format(side=name), key, step)
            out.append(str(name))
        return tuple(out)

    def step(self, raw: object, index: int) -> Step:
        where = f"steps[{index + 1}]"
        if not isinstance(raw, dict):
            raise self.fail(
                _("each step must be a table ([[steps]]), not {kind}").format(kind=_kind(raw)),
                where,
                index,
            )
        self.check_keys(raw, _STEP_KEYS, where + ".", index)
        if "technique" not in raw:
            raise self.fail(
                _("has no technique (for example {example})").format(
                    example='technique = "kneading"'
                ),
                where,
                index,
            )
        tech = self.text(raw["technique"], f"{where}.technique", index, one_line=True).lower()
        if tech not in TECHNIQUES:
            raise self.fail(
                _('unknown technique "{technique}"{hint}; known: {known}').format(
                    technique=tech, hint=did_you_mean(tech, TECHNIQUES), known=", ".join(TECHNIQUES)
                ),
                f"{where}.technique",
                index,
            )
        nums = {
            k: self.number(raw[k], f"{where}.{k}", rule, index)
            for k, rule in _STEP_NUMBERS.items()
            if k in raw
        }
        _check_combination(nums, lambda m: self.fail(m, where, index))
        strokes, reps = nums.get("strokes"), nums.get("reps")
        return Step(
            technique=tech,
            duration=nums.get("duration"),
            reps=int(reps) if reps is not None else None,
            hold=nums.get("hold"),
            rest=nums.get("rest"),
            strokes=int(strokes) if strokes is not None else None,
            stroke_seconds=nums.get("stroke_seconds"),
            sides=self.sides(raw["sides"], f"{where}.sides", index) if "sides" in raw else None,
            title=self.text(raw["title"], f"{where}.title", index, 120, one_line=True) or None
            if "title" in raw
            else None,
            say=self.text(raw["say"], f"{where}.say", index) or None if "say" in raw else None,
            notes=self.texts(raw["notes"], f"{where}.notes", index, one_line=False)
            if "notes" in raw
            else (),
            breathing=self.breathing(raw["breathing"], f"{where}.breathing", index)
            if "breathing" in raw
            else None,
        )


def _check_combination(nums: dict[str, float], fail: Callable[[str], RoutineError]) -> None:
    """Keys that cannot go together: a step is timed, counted in reps, or counted in strokes."""
    has = set(nums)
    if {"strokes", "reps"} <= has:
        raise fail(_("use either reps or strokes, not both"))
    if "duration" in has and has & {"reps", "strokes"}:
        raise fail(_("a step with reps or strokes takes its length from them; drop duration"))
    if "duration" in has and "hold" in has:
        raise fail(_("use duration for a timed step, or hold with reps, not both"))
    if "rest" in has and "reps" not in has:
        raise fail(_("rest goes with reps (the pause between repetitions)"))
    if "stroke_seconds" in has and "strokes" not in has:
        raise fail(_("stroke_seconds goes with strokes (the pace of one stroke)"))
    if "hold" in has and "strokes" in has:
        raise fail(_("hold goes with reps, not strokes"))


def _kind(value: object) -> str:
    names = {
        bool: N_("true/false"),
        int: N_("a number"),
        float: N_("a number"),
        str: N_("text"),
        list: N_("a list"),
        dict: N_("a table"),
    }
    name = names.get(type(value))
    return _(name) if name is not None else type(value).__name__


def decode_routine_bytes(data: bytes, source: str) -> str:
    """Bytes to text as people save them: UTF-8 with or without BOM, UTF-16, any line ends."""
    if len(data) > MAX_FILE_BYTES:
        raise RoutineError(source, _(_TOO_LARGE))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise RoutineError(source, _("not readable text (broken UTF-16)")) from None
    else:
        if b"\x00" in data:
            raise RoutineError(source, _("not a text file (it holds binary data)"))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise RoutineError(source, _("not UTF-8 text; save the file as UTF-8"), line) from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise RoutineError(source, _("the file is empty; a routine needs a title and steps"))
    return text


def parse_routine(
    text: str, source: str, routine_id: str, origin: str = "file", path: Path | None = None
) -> Routine:
    """Validate TOML text into a Routine; raises RoutineError naming source and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POSITION.search(msg)
        reason = _TOML_POSITION.sub("", msg).strip()
        raise RoutineError(
            source,
            _("not valid TOML: {reason}").format(reason=reason),
            int(m.group(1)) if m else None,
        ) from None
    except RecursionError:
        raise RoutineError(source, _("not valid TOML: nested too deeply")) from None
    reader = _Reader(source, LineIndex(text))
    reader.check_keys(data, _TOP_KEYS, "", None)
    if "title" not in data:
        raise RoutineError(
            source,
            _("has no title (for example {example})").format(example='title = "Shoulder relief"'),
        )
    title = reader.text(data["title"], "title", limit=120, one_line=True)
    if not title:
        raise reader.fail(_("must not be empty"), "title")
    steps_raw = data.get("steps")
    if steps_raw is None:
        raise RoutineError(source, _("has no steps; add at least one [[steps]] table"))
    if not isinstance(steps_raw, list) or not steps_raw:
        raise reader.fail(_("must be one or more [[steps]] tables"), "steps")
    if len(steps_raw) > MAX_STEPS:
        raise reader.fail(
            _("has {count} steps; at most {limit}").format(count=len(steps_raw), limit=MAX_STEPS),
            "steps",
        )
    routine = Routine(
        id=routine_id,
        title=title,
        steps=tuple(reader.step(raw, i) for i, raw in enumerate(steps_raw)),
        description=reader.text(data.get("description", ""), "description", limit=2000),
        tags=reader.texts(data.get("tags", []), "tags"),
        breathing=reader.breathing(data["breathing"], "breathing", None)
        if "breathing" in data
        else None,
        origin=RoutineOrigin(origin),
        path=path,
    )
    # Imported here: the planner depends on this module's model, not the other way round.
    from massage_timer.core.planner import plan_routine

    total = plan_routine(routine).total_seconds
    if total > MAX_TOTAL_SECONDS:
        raise RoutineError(
            source,
            _("the routine lasts {minutes:.0f} minutes; at most {hours} hours").format(
                minutes=total / 60, hours=MAX_TOTAL_SECONDS // 3600
            ),
        )
    return routine


def routine_id_for(path: Path) -> str:
    """A routine's id is its file name without .toml, in lower case."""
    return path.stem.lower()


def read_routine_text(path: Path) -> str:
    """The text of a routine file; a FIFO, device, folder or huge file is refused at once."""
    source = str(path)
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise RoutineError(source, _("no such file")) from None
    except IsADirectoryError:
        raise RoutineError(source, _("is a folder, not a routine file")) from None
    except FileTooLargeError:
        raise RoutineError(source, _(_TOO_LARGE)) from None
    except NotARegularFileError as exc:
        raise RoutineError(
            source, _("is {kind}; a routine is a .toml file").format(kind=exc.strerror)
        ) from None
    except OSError as exc:
        raise RoutineError(
            source, _("cannot be read ({reason})").format(reason=exc.strerror or exc)
        ) from None
    return decode_routine_bytes(data, source)


def load_routine_file(path: Path, origin: str = "file", routine_id: str | None = None) -> Routine:
    """Read and validate one routine file; every failure is a RoutineError.

    ``routine_id`` is the id the catalog gave the file (see core/routine_ids.py); by
    default it is the file name.
    """
    text = read_routine_text(path)
    rid = routine_id if routine_id is not None else routine_id_for(path)
    return parse_routine(text, str(path), rid, origin, path)
