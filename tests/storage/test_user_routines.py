"""The user's own routine files: TOML round trip, saving, copying, importing, exporting."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import platformdirs
import pytest

from massage_timer import paths
from massage_timer.core.breathing import Breathing
from massage_timer.core.routine import Routine, RoutineOrigin, Step
from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.routine_file import load_routine_file, parse_routine
from massage_timer.core.routine_writer import routine_to_toml
from massage_timer.resources import builtin_routines_dir
from massage_timer.storage.catalog import load_catalog
from massage_timer.storage.user_routines import (
    delete_user_routine,
    duplicate_user_routine,
    export_routine,
    import_routine_file,
    load_user_routine,
    new_routine_id,
    rename_user_routine,
    save_user_routine,
)

BUILTINS = load_catalog(Path("/nonexistent")).routines


def _folder_state(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _builtin_state() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(builtin_routines_dir().iterdir())}


@pytest.fixture
def shoulder() -> Routine:
    routine = next(r for r in BUILTINS if r.id == "shoulder-relief")
    return routine


# --- routine_to_toml -------------------------------------------------------------------


@pytest.mark.parametrize("routine", BUILTINS, ids=lambda r: r.id)
def test_every_builtin_round_trips_exactly(routine: Routine) -> None:
    text = routine_to_toml(routine)
    again = parse_routine(text, "round-trip", routine.id, routine.origin)
    assert again == routine
    assert routine_to_toml(again) == text


def test_toml_has_only_set_keys_and_reads_by_hand(shoulder: Routine) -> None:
    text = routine_to_toml(shoulder)
    assert text.startswith('title = "Shoulder relief"\n')
    assert "breathing = { inhale = 4, hold = 0, exhale = 6 }" in text
    assert 'sides = ["left", "right"]' in text
    assert "duration = 240\n" in text  # whole seconds without ".0"
    assert text.count("[[steps]]") == len(shoulder.steps)
    assert "say =" not in text and "notes =" not in text  # unset keys are left out


def test_toml_round_trips_every_key_and_awkward_text() -> None:
    routine = Routine(
        id="odd",
        title='Quotes "here" and a back\\slash, ünïcode',
        description="Two\nlines",
        tags=("a", "b"),
        breathing=Breathing(3.5, 1, 5),
        steps=(
            Step(
                "palm-rub",
                strokes=120,
                stroke_seconds=0.9,
                sides=("right",),
                title="Rub",
                say="Rub now.",
                notes=("one", "two"),
                breathing=Breathing(4, 0, 4),
            ),
            Step("shoulder-blade-squeeze", reps=3, hold=2.5, rest=0),
            Step("cross-body-stretch", hold=20),
        ),
        origin=RoutineOrigin.USER,
    )
    assert parse_routine(routine_to_toml(routine), "x", "odd", "user") == routine


# --- ids -----------------------------------------------------------------------------------


def test_new_routine_id_slugs_and_avoids_taken_ids() -> None:
    assert new_routine_id("Shoulder relief (mine)", ()) == "shoulder-relief-mine"
    assert new_routine_id("Shoulder relief (mine)", {"shoulder-relief-mine"}) == (
        "shoulder-relief-mine-2"
    )
    taken = {"shoulder-relief-mine", "shoulder-relief-mine-2"}
    assert new_routine_id("Shoulder relief (mine)", taken) == "shoulder-relief-mine-3"
    assert new_routine_id("Épaule à l'aise", ()) == "epaule-a-l-aise"
    assert new_routine_id("!!!", ()) == "routine"
    assert len(new_routine_id("x" * 300, ())) <= 60


# --- saving ------------------------------------------------------------------------------


def test_files_land_where_platformdirs_says(shoulder: Routine, private_user_folders: Path) -> None:
    path = save_user_routine(replace(shoulder, origin=RoutineOrigin.FILE, id="mine"))
    expected = Path(platformdirs.user_data_dir("massage-timer", appauthor=False)) / "routines"
    assert path == expected / "mine.toml"
    assert path.is_relative_to(Path(os.environ["XDG_DATA_HOME"]))
    assert path.is_relative_to(private_user_folders)
    assert path.parent == paths.user_routines_dir()


def test_saving_a_builtin_makes_a_copy_and_never_touches_it(shoulder: Routine) -> None:
    before = _builtin_state()
    edited = replace(shoulder, steps=shoulder.steps[:2])
    first = save_user_routine(edited)
    second = save_user_routine(edited)
    third = save_user_routine(edited)
    assert [p.stem for p in (first, second, third)] == [
        "shoulder-relief-mine",
        "shoulder-relief-mine-2",
        "shoulder-relief-mine-3",
    ]
    assert load_routine_file(first).title == "Shoulder relief (mine)"
    assert load_routine_file(second).title == "Shoulder relief (mine 2)"
    assert load_routine_file(first).steps == shoulder.steps[:2]
    assert _builtin_state() == before
    catalog = load_catalog()
    assert catalog.get("shoulder-relief") == shoulder
    assert catalog.get("shoulder-relief-mine") is not None


def test_a_builtin_with_a_new_title_keeps_that_title(shoulder: Routine) -> None:
    path = save_user_routine(replace(shoulder, title="My evening"))
    assert path.name == "my-evening.toml"
    assert load_routine_file(path).title == "My evening"


def test_saving_a_user_routine_rewrites_its_own_file(shoulder: Routine) -> None:
    path = save_user_routine(shoulder)
    mine = load_routine_file(path, origin=RoutineOrigin.USER)
    again = save_user_routine(replace(mine, title="Renamed", steps=mine.steps[:1]))
    assert again == path
    assert [p.name for p in paths.user_routines_dir().iterdir()] == [path.name]
    assert load_catalog().get(mine.id) == replace(mine, title="Renamed", steps=mine.steps[:1])


def test_a_new_routine_whose_id_is_taken_gets_a_free_one(shoulder: Routine) -> None:
    new = Routine(id="desk-break", title="Desk break", steps=shoulder.steps[:1])
    path = save_user_routine(new)
    assert path.stem == "desk-break-2"  # "desk-break" is a built-in's id


def test_an_invalid_routine_is_not_saved(shoulder: Routine) -> None:
    bad = replace(shoulder, origin=RoutineOrigin.USER, steps=(Step("kneading", duration=0),))
    with pytest.raises(RoutineError, match="duration: must be a number of seconds from 1"):
        save_user_routine(bad)
    assert _folder_state(paths.user_routines_dir()) == {}


def test_saving_into_the_builtin_folder_is_refused(shoulder: Routine) -> None:
    before = _builtin_state()
    with pytest.raises(PermissionError):
        save_user_routine(
            replace(shoulder, origin=RoutineOrigin.USER), folder=builtin_routines_dir()
        )
    assert _builtin_state() == before


# --- delete, duplicate, rename ---------------------------------------------------------


def test_delete_duplicate_rename(shoulder: Routine) -> None:
    path = save_user_routine(shoulder)
    copy = duplicate_user_routine(path.stem)
    assert copy.id == "shoulder-relief-mine-copy"
    assert copy.title == "Shoulder relief (mine) (copy)"
    assert copy.steps == shoulder.steps and copy.origin == "user"

    renamed = rename_user_routine(copy.id, "  Evening shoulders ")
    assert renamed.title == "Evening shoulders"
    assert renamed.id == copy.id  # the id (and file) stays stable
    assert renamed.path == copy.path

    assert delete_user_routine(copy.id) == copy.path
    assert not copy.path or not copy.path.exists()
    assert load_catalog().get(copy.id) is None
    with pytest.raises(KeyError):
        delete_user_routine(copy.id)
    with pytest.raises(KeyError):
        delete_user_routine("shoulder-relief")  # a built-in is not the user's to delete


def test_duplicating_a_builtin_writes_a_user_copy() -> None:
    copy = duplicate_user_routine("quick-5")
    assert copy.title == "Quick 5 minutes (copy)" and copy.origin == "user"
    assert copy.path is not None and copy.path.parent == paths.user_routines_dir()


def test_a_user_file_named_like_a_builtin_is_found_by_its_catalog_id(shoulder: Routine) -> None:
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "quick-5.toml").write_text(routine_to_toml(shoulder), encoding="utf-8")
    assert load_catalog().get("my-quick-5") is not None
    assert rename_user_routine("my-quick-5", "Mine").path == folder / "quick-5.toml"
    delete_user_routine("my-quick-5")
    assert not (folder / "quick-5.toml").exists()


# --- import and export ---------------------------------------------------------------------


def test_import_copies_a_valid_file_under_a_free_id(tmp_path: Path, shoulder: Routine) -> None:
    source = tmp_path / "Shoulder Relief.toml"
    source.write_text("# my notes\r\n" + routine_to_toml(shoulder).replace("\n", "\r\n"))
    imported = import_routine_file(source)
    assert imported.id == "shoulder-relief-2"  # "shoulder-relief" is a built-in
    assert imported.origin == "user" and imported.steps == shoulder.steps
    assert imported.path is not None
    assert imported.path.read_text(encoding="utf-8").startswith("# my notes\ntitle =")
    assert source.exists()  # the original stays where it was
    second = import_routine_file(source)
    assert second.id == "shoulder-relief-3"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'title = "x"\n[[steps]]\ntechnique = "kneading"\nduration = 0\n', "duration: must be"),
        (b'title = "x"\n[[steps]]\ntechnique = "kneeding"\n', 'did you mean "kneading"'),
        (b"not = [toml", "not valid TOML"),
        (b"\x00\x01binary", "binary"),
        (b"", "the file is empty"),
    ],
)
def test_a_broken_import_is_refused_and_nothing_changes(
    tmp_path: Path, shoulder: Routine, content: bytes, message: str
) -> None:
    save_user_routine(shoulder)  # the user folder holds something to lose
    folder = paths.user_routines_dir()
    before = _folder_state(folder)
    source = tmp_path / "broken.toml"
    source.write_bytes(content)
    with pytest.raises(RoutineError, match=message) as caught:
        import_routine_file(source)
    assert str(caught.value).startswith(str(source))  # "file:line: key: problem"
    assert _folder_state(folder) == before
    assert source.read_bytes() == content


def test_import_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RoutineError, match="no such file"):
        import_routine_file(tmp_path / "gone.toml")
    assert _folder_state(paths.user_routines_dir()) == {}


def test_export_writes_a_file_that_reads_back(tmp_path: Path, shoulder: Routine) -> None:
    dest = tmp_path / "out" / "shoulders.toml"
    dest.parent.mkdir()
    export_routine(shoulder, dest)
    assert load_routine_file(dest).steps == shoulder.steps
    assert [p.name for p in dest.parent.iterdir()] == ["shoulders.toml"]  # no temp litter


def test_loaded_user_routines_carry_the_catalog_id(shoulder: Routine) -> None:
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "desk-break.toml").write_text(routine_to_toml(shoulder), encoding="utf-8")
    renamed = rename_user_routine("my-desk-break", "Mine")
    assert renamed.id == "my-desk-break" == load_user_routine(folder / "desk-break.toml").id
    assert load_catalog().get("my-desk-break") == renamed


def test_the_routine_modules_load_no_qt() -> None:
    code = (
        "import sys, massage_timer.storage.user_routines, massage_timer.core.editing\n"
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
