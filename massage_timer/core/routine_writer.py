"""Writing a routine as a routine file: only the keys that are set, in the documented order.

``parse_routine`` reads the text back into an equal ``Routine``; the editor model and the
user's routine files both write through :func:`routine_to_toml`.
"""

from __future__ import annotations

import tomli_w

from massage_timer.core.breathing import Breathing
from massage_timer.core.routine import STEP_NUMBER_KEYS, Routine, Step

_LINE_LIMIT = 100


def _number(value: float) -> int | float:
    # Whole numbers read best without ".0"; the parser turns them back into the same float.
    return int(value) if float(value).is_integer() else float(value)


def _toml_text(text: str) -> str:
    # tomli_w does the quoting and escaping; only the value part of its line is kept.
    return tomli_w.dumps({"v": text})[len("v = ") :].rstrip("\n")


def _key_line(key: str, value: str | float | tuple[str, ...]) -> str:
    """One ``key = value`` line; a list of texts stays on one line unless it gets long."""
    if isinstance(value, tuple):
        items = [_toml_text(v) for v in value]
        one_line = f"{key} = [{', '.join(items)}]"
        if len(one_line) <= _LINE_LIMIT:
            return one_line
        return "\n".join([f"{key} = [", *(f"    {item}," for item in items), "]"])
    if isinstance(value, str):
        return f"{key} = {_toml_text(value)}"
    return f"{key} = {_number(value)}"


def _breathing_line(breathing: Breathing) -> str:
    # Inline, as the design notes write it: one line a person can read and edit.
    parts = (
        f"{name} = {_number(getattr(breathing, name))}" for name in ("inhale", "hold", "exhale")
    )
    return f"breathing = {{ {', '.join(parts)} }}"


def _step_lines(step: Step) -> list[str]:
    lines = ["[[steps]]", _key_line("technique", step.technique)]
    if step.title:
        lines.append(_key_line("title", step.title))
    for key in STEP_NUMBER_KEYS:
        value = getattr(step, key)
        if value is not None:
            lines.append(_key_line(key, value))
    if step.sides is not None:
        lines.append(_key_line("sides", step.sides))
    if step.say:
        lines.append(_key_line("say", step.say))
    if step.notes:
        lines.append(_key_line("notes", step.notes))
    if step.breathing is not None:
        lines.append(_breathing_line(step.breathing))
    return lines


def routine_to_toml(routine: Routine) -> str:
    """The routine as a routine file: only the keys that are set, in the documented order.

    ``parse_routine`` reads the text back into an equal ``Routine`` (same id and origin
    given), which the tests check for every built-in routine.
    """
    lines = [_key_line("title", routine.title)]
    if routine.description:
        lines.append(_key_line("description", routine.description))
    if routine.tags:
        lines.append(_key_line("tags", routine.tags))
    if routine.breathing is not None:
        lines.append(_breathing_line(routine.breathing))
    for step in routine.steps:
        lines.append("")
        lines.extend(_step_lines(step))
    return "\n".join(lines) + "\n"
