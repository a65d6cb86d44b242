"""Routine files: what people write loads; everything else is one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.routine_file import MAX_FILE_BYTES, load_routine_file, parse_routine

GOOD = """\
title = "Shoulder relief"
description = "Neck and shoulder work."
tags = ["shoulders", "neck"]
breathing = { inhale = 4, hold = 0, exhale = 6 }

[[steps]]
technique = "gentle-circles"
duration = 240

[[steps]]
technique = "shoulder-blade-squeeze"
reps = 10
hold = 5
rest = 2

[[steps]]
technique = "cross-body-stretch"
hold = 25
sides = ["left", "right"]

[[steps]]
technique = "palm-rub"
strokes = 200
stroke_seconds = 1.2
"""


def write(tmp_path: Path, data: bytes | str, name: str = "r.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def error_of(tmp_path: Path, data: bytes | str) -> RoutineError:
    path = write(tmp_path, data)
    with pytest.raises(RoutineError) as info:
        load_routine_file(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message and "Traceback" not in message
    return info.value


def test_the_design_example_loads(tmp_path: Path) -> None:
    r = load_routine_file(write(tmp_path, GOOD, "Shoulder-Relief.toml"))
    assert r.id == "shoulder-relief" and r.title == "Shoulder relief"
    assert [s.technique for s in r.steps] == [
        "gentle-circles",
        "shoulder-blade-squeeze",
        "cross-body-stretch",
        "palm-rub",
    ]
    assert r.steps[1].reps == 10 and r.steps[2].sides == ("left", "right")
    assert r.steps[3].strokes == 200 and r.steps[3].stroke_seconds == 1.2
    assert r.breathing is not None and r.breathing.exhale == 6


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8-sig"),  # Notepad's UTF-8 with BOM
        lambda t: t.replace("\n", "\r\n").encode(),  # Windows line ends
        lambda t: t.replace("\n", "\r").encode(),  # old Mac line ends
        lambda t: t.encode("utf-16"),  # "Unicode" as Windows saves it
    ],
    ids=["bom", "crlf", "cr", "utf16"],
)
def test_files_from_any_system_load(tmp_path: Path, encode: object) -> None:
    data = encode(GOOD)  # type: ignore[operator]
    assert load_routine_file(write(tmp_path, data)).title == "Shoulder relief"


def test_hand_written_variations_load(tmp_path: Path) -> None:
    text = """
# Mi rutina de la mañana
title   =   'Rückenübung für den Morgen ☀'
tags = "lower back"   # a single tag without a list

[[steps]]
technique = "Kneading"      # case does not matter
duration = 90.0
notes = "Slow down on the left."

[[steps]]
	technique = "cross-body-stretch"
	hold = 20
	sides = ["Left", " right "]
	say = "Stretch across."
	breathing.inhale = 3
	breathing.exhale = 5

[[steps]]
technique = "paced-breathing"
"""
    r = load_routine_file(write(tmp_path, text))
    assert r.title.startswith("Rückenübung")
    assert r.tags == ("lower back",)
    assert r.steps[0].technique == "kneading" and r.steps[0].notes == ("Slow down on the left.",)
    assert r.steps[1].sides == ("left", "right")
    assert r.steps[1].breathing is not None and r.steps[1].breathing.inhale == 3


def test_a_step_with_only_a_technique_takes_its_defaults(tmp_path: Path) -> None:
    r = load_routine_file(write(tmp_path, 'title = "x"\n[[steps]]\ntechnique = "waist-twist"\n'))
    assert r.steps[0].reps is None  # filled in by the planner from the technique


BAD = {
    "not_toml": ('title = "x\n', "not valid TOML", 1),
    "not_toml_later_line": ('title = "x"\n\n[[steps]\n', "not valid TOML", 3),
    "empty": ("", "empty", None),
    "blank": ("  \n\n  # only a comment\n", "title", None),
    "no_title": ('[[steps]]\ntechnique = "kneading"\n', "has no title", None),
    "empty_title": ('title = "  "\n[[steps]]\ntechnique = "kneading"\n', "must not be empty", 1),
    "title_not_text": ('title = 5\n[[steps]]\ntechnique = "kneading"\n', "must be text", 1),
    "no_steps": ('title = "x"\n', "has no steps", None),
    "steps_not_tables": ('title = "x"\nsteps = [1, 2]\n', "must be a table", 2),
    "steps_empty": ('title = "x"\nsteps = []\n', "one or more", 2),
    "unknown_top_key": ('titel = "x"\n', 'did you mean "title"', 1),
    "unknown_step_key": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\ndurration = 30\n',
        'did you mean "duration"',
        4,
    ),
    "no_technique": ('title = "x"\n[[steps]]\nduration = 30\n', "has no technique", 2),
    "unknown_technique": (
        'title = "x"\n[[steps]]\ntechnique = "kneeding"\n',
        'did you mean "kneading"',
        3,
    ),
    "string_number": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\nduration = "240"\n',
        "not text",
        4,
    ),
    "bool_number": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\nduration = true\n',
        "true/false",
        4,
    ),
    "nan": ('title = "x"\n[[steps]]\ntechnique = "kneading"\nduration = nan\n', "finite", 4),
    "inf": ('title = "x"\n[[steps]]\ntechnique = "kneading"\nduration = inf\n', "finite", 4),
    "negative": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\nduration = -5\n',
        "from 1 to 3600",
        4,
    ),
    "absurd": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\nduration = 1e9\n',
        "from 1 to 3600",
        4,
    ),
    "zero_reps": (
        'title = "x"\n[[steps]]\ntechnique = "waist-twist"\nreps = 0\n',
        "from 1 to 500",
        4,
    ),
    "fractional_reps": (
        'title = "x"\n[[steps]]\ntechnique = "waist-twist"\nreps = 2.5\n',
        "whole number",
        4,
    ),
    "too_many_reps": (
        'title = "x"\n[[steps]]\ntechnique = "waist-twist"\nreps = 501\n',
        "from 1 to 500",
        4,
    ),
    "bad_side": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\nsides = ["lefft"]\n',
        'did you mean "left"',
        4,
    ),
    "side_twice": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\nsides = ["left", "left"]\n',
        "twice",
        4,
    ),
    "sides_not_list": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\nsides = 2\n',
        "must be a list",
        4,
    ),
    "reps_and_strokes": (
        'title = "x"\n[[steps]]\ntechnique = "palm-rub"\nreps = 2\nstrokes = 20\n',
        "either reps or strokes",
        2,
    ),
    "duration_and_reps": (
        'title = "x"\n[[steps]]\ntechnique = "waist-twist"\nreps = 2\nduration = 20\n',
        "drop duration",
        2,
    ),
    "rest_without_reps": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\nrest = 2\n',
        "rest goes with reps",
        2,
    ),
    "bad_breathing_key": (
        'title = "x"\nbreathing = { inhale = 4, exale = 6 }\n[[steps]]\ntechnique = "kneading"\n',
        'did you mean "exhale"',
        2,
    ),
    "breathing_not_table": (
        'title = "x"\nbreathing = 4\n[[steps]]\ntechnique = "kneading"\n',
        "must be a table",
        2,
    ),
    "too_long_routine": (
        'title = "x"\n' + '[[steps]]\ntechnique = "kneading"\nduration = 3600\n' * 4,
        "at most 3 hours",
        None,
    ),
    "second_step_bad": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\n\n[[steps]]\ntechnique = "kneading"\n'
        "hold = 0\n",
        "steps[2].hold",
        7,
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_get_one_clear_line(tmp_path: Path, case: str) -> None:
    text, expected, line = BAD[case]
    err = error_of(tmp_path, text)
    assert expected in str(err)
    assert err.line == line


def test_binary_file(tmp_path: Path) -> None:
    assert "binary" in str(error_of(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


def test_latin1_file_names_the_line(tmp_path: Path) -> None:
    err = error_of(tmp_path, 'title = "x"\ndescription = "caf\xe9"\n'.encode("latin-1"))
    assert "UTF-8" in str(err) and err.line == 2


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    err = error_of(tmp_path, b"# " + b"x" * (MAX_FILE_BYTES + 10))
    assert "too large" in str(err)


@pytest.mark.parametrize("opener", ["[", "{ a = "])
def test_absurdly_nested_file(tmp_path: Path, opener: str) -> None:
    err = error_of(tmp_path, "x = " + opener * 100_000)
    assert "not valid TOML" in str(err)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(RoutineError, match="no such file"):
        load_routine_file(tmp_path / "nope.toml")
    with pytest.raises(RoutineError, match="is a folder"):
        load_routine_file(tmp_path)


def test_parse_routine_names_its_source() -> None:
    with pytest.raises(RoutineError) as info:
        parse_routine('title = "x"\n', "pasted text", "x")
    assert str(info.value).startswith("pasted text: ")


def test_builtin_routines_are_valid() -> None:
    folder = Path(__file__).parents[2] / "routines"
    files = sorted(folder.glob("*.toml"))
    assert len(files) >= 5
    for path in files:
        assert load_routine_file(path).steps


MORE_BAD = {
    "long_title": (
        'title = "' + "x" * 121 + '"\n[[steps]]\ntechnique = "kneading"\n',
        "too long",
        1,
    ),
    "tags_not_list": (
        'title = "x"\ntags = 3\n[[steps]]\ntechnique = "kneading"\n',
        "list of texts",
        2,
    ),
    "duration_and_hold": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\nduration = 5\nhold = 5\n',
        "not both",
        2,
    ),
    "pace_without_strokes": (
        'title = "x"\n[[steps]]\ntechnique = "palm-rub"\nstroke_seconds = 1\n',
        "stroke_seconds goes with strokes",
        2,
    ),
    "hold_with_strokes": (
        'title = "x"\n[[steps]]\ntechnique = "palm-rub"\nstrokes = 5\nhold = 2\n',
        "hold goes with reps",
        2,
    ),
    "too_many_steps": (
        'title = "x"\n' + '[[steps]]\ntechnique = "kneading"\nduration = 1\n' * 201,
        "at most 200",
        None,
    ),
    # Tables written as [breathing] and [steps.breathing] headers still name their line.
    "table_header_breathing": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\n\n[breathing]\ninhale = 0\n',
        "breathing.inhale",
        5,
    ),
    "step_subtable": (
        'title = "x"\n[[steps]]\ntechnique = "kneading"\n[steps.breathing]\nexhale = 99\n',
        "steps[1].breathing.exhale",
        4,
    ),
}


@pytest.mark.parametrize("case", sorted(MORE_BAD))
def test_more_bad_files(tmp_path: Path, case: str) -> None:
    text, expected, line = MORE_BAD[case]
    err = error_of(tmp_path, text)
    assert expected in str(err)
    assert err.line == line


def test_broken_utf16(tmp_path: Path) -> None:
    assert "UTF-16" in str(error_of(tmp_path, b"\xff\xfet\x00i\x00\x00\xd8"))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, GOOD)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Root reads a mode-000 file, so the refusal comes from a double of os.open.
    monkeypatch.setattr("massage_timer.core.files.os.open", refuse)
    with pytest.raises(RoutineError, match="cannot be read"):
        load_routine_file(path)


def test_quoted_keys_are_found() -> None:
    from massage_timer.core.toml_lines import LineIndex

    idx = LineIndex('"title" = "x"\n[[steps]]\n\'technique\' = "kneading"\n[[extra]]\na = 1\n')
    assert idx.key_line(None, "title") == 1
    assert idx.key_line(0, "technique") == 3
    assert idx.key_line(None, "extra") == 4
    assert idx.key_line(0, "missing") == 2
    assert idx.step_line(5) is None
