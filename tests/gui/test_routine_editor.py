"""The routine editor page: editing, saving, reopening, refusing bad values, files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QDoubleSpinBox,
    QLabel,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from massage_timer import paths
from massage_timer.core.planner import plan_routine
from massage_timer.core.routine import Routine
from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.routine_file import load_routine_file
from massage_timer.core.routine_writer import routine_to_toml
from massage_timer.core.timefmt import clock_text
from massage_timer.gui import illustration
from massage_timer.gui.routine_editor import EditorDialogs, RoutineEditor
from massage_timer.gui.technique_picker import TechniquePicker
from massage_timer.resources import builtin_routines_dir
from massage_timer.storage.catalog import load_catalog
from massage_timer.storage.user_routines import save_user_routine
from tests.doubles import fresh

MakeEditor = Callable[..., RoutineEditor]


@dataclass
class Answers:
    """What the editor's dialogs answer, and what they were asked."""

    open_path: Path | None = None
    save_path: Path | None = None
    title: str | None = None
    confirm: bool = True
    technique: str | None = "palm-rub"
    asked: list[str] = field(default_factory=list)

    def dialogs(self) -> EditorDialogs:
        def confirm(_parent: QWidget, question: str) -> bool:
            self.asked.append(question)
            return self.confirm

        return EditorDialogs(
            open_path=lambda _parent: self.open_path,
            save_path=lambda _parent, _suggested: self.save_path,
            ask_title=lambda _parent, _current: self.title,
            confirm=confirm,
            pick_technique=lambda _parent: self.technique,
        )


def _spin(editor: RoutineEditor, name: str) -> QSpinBox | QDoubleSpinBox:
    """The step editor's number field ``name``, as the kind of spin box it is."""
    spin = editor.step_editor.spins[name]
    assert isinstance(spin, QSpinBox | QDoubleSpinBox)
    return spin


def _builtin(routine_id: str) -> Routine:
    routine = load_catalog().get(routine_id)
    assert routine is not None
    return routine


def _folder_state() -> dict[str, bytes]:
    folder = paths.user_routines_dir()
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def make_editor(qtbot: QtBot, answers: Answers) -> MakeEditor:
    def make(routine_id: str | Routine = "shoulder-relief") -> RoutineEditor:
        routine = _builtin(routine_id) if isinstance(routine_id, str) else routine_id
        editor = RoutineEditor(routine, dialogs=answers.dialogs())
        qtbot.addWidget(editor)
        editor.resize(1000, 680)
        editor.show()
        qtbot.waitExposed(editor)
        return editor

    return make


@pytest.fixture
def editor(make_editor: MakeEditor) -> RoutineEditor:
    return make_editor()


def test_shows_the_routine(editor: RoutineEditor) -> None:
    routine = _builtin("shoulder-relief")
    assert editor.title_edit.text() == "Shoulder relief"
    assert editor.step_list.count() == 4
    assert editor.step_list.item(2).text() == "3. Shoulder blade squeeze\n10 × 5 s, rest 2 s"
    assert editor.total_label.text() == f"Total {clock_text(plan_routine(routine).total_seconds)}"
    assert "Built-in" in editor.badge.text()
    assert editor.save_button.text() == "Save as my routine"
    assert not editor.rename_button.isEnabled() and not editor.delete_button.isEnabled()


def test_fields_follow_the_kind_of_step(make_editor: MakeEditor) -> None:
    editor = make_editor("quick-5")
    spins = editor.step_editor.spins

    def visible() -> set[str]:
        return {n for n, s in spins.items() if s.isVisibleTo(editor)}

    editor.step_list.setCurrentRow(0)
    assert visible() == {"duration"} and editor.step_editor.sides_row.isVisibleTo(editor)
    editor.step_list.setCurrentRow(1)
    assert visible() == {"reps", "hold", "rest"}
    assert _spin(editor, "reps").value() == 6
    editor.step_list.setCurrentRow(3)
    assert visible() == {"strokes", "stroke_seconds"}
    editor.step_list.setCurrentRow(4)
    assert visible() == {"reps"} and spins["reps"].accessibleName() == "Breaths"
    assert not editor.step_editor.sides_row.isVisibleTo(editor)


def test_editing_updates_the_total_at_once(editor: RoutineEditor) -> None:
    before = editor.draft.total_seconds()
    assert before is not None
    editor.step_list.setCurrentRow(0)
    _spin(editor, "duration").setValue(300)
    assert editor.total_label.text() == f"Total {clock_text(before + 60)}"
    assert editor.step_list.item(0).text().endswith("5:00")
    assert editor.heading.text().startswith("•")  # unsaved


def test_save_of_a_builtin_writes_a_copy_that_reopens(qtbot: QtBot, editor: RoutineEditor) -> None:
    builtin_before = (builtin_routines_dir() / "shoulder-relief.toml").read_bytes()
    editor.step_list.setCurrentRow(0)
    _spin(editor, "duration").setValue(300)
    with qtbot.waitSignal(editor.saved) as blocker:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved: Routine = blocker.args[0]
    assert saved.id == "shoulder-relief-mine" and saved.origin == "user"
    assert saved.path == paths.user_routines_dir() / "shoulder-relief-mine.toml"
    assert "stays as it ships" in editor.message.text()
    assert editor.title_edit.text() == "Shoulder relief (mine)"
    assert editor.rename_button.isEnabled()  # now the user's own
    # Reopen: the catalog reads the file and sees the edit; the built-in is untouched.
    reopened = load_catalog().get("shoulder-relief-mine")
    assert reopened is not None and reopened.steps[0].duration == 300
    assert (builtin_routines_dir() / "shoulder-relief.toml").read_bytes() == builtin_before
    # Saving again updates the same file instead of making another copy.
    _spin(editor, "duration").setValue(200)
    editor.save()
    assert sorted(_folder_state()) == ["shoulder-relief-mine.toml"]
    again = load_catalog().get("shoulder-relief-mine")
    assert again is not None and again.steps[0].duration == 200


def test_out_of_range_values_are_explained_and_never_saved(editor: RoutineEditor) -> None:
    editor.step_list.setCurrentRow(2)
    _spin(editor, "reps").setValue(900)
    expected = "reps: must be a whole number from 1 to 500 (got 900)"
    assert editor.step_editor.error.text() == expected
    assert editor.step_editor.error.isVisibleTo(editor)
    assert editor.problems_label.text() == f"Step 3 (Shoulder blade squeeze), {expected}"
    assert editor.total_label.text() == "Total —"
    assert not editor.save_button.isEnabled()
    assert editor.save() is None  # Ctrl+S calls this too
    assert editor.message.text() == f"Not saved. Step 3 (Shoulder blade squeeze), {expected}"
    assert _folder_state() == {}
    # The same words as a routine file with that value.
    bad = paths.user_routines_dir().parent / "bad.toml"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(routine_to_toml(editor.routine()), encoding="utf-8")
    with pytest.raises(RoutineError) as caught:
        load_routine_file(bad)
    assert str(caught.value).endswith(f"steps[3].{expected}")


def test_whole_routine_minutes_fits_and_undo_keys(qtbot: QtBot, editor: RoutineEditor) -> None:
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    original = editor.draft.total_seconds()
    editor.minutes_spin.setValue(20)
    total = editor.draft.total_seconds()
    assert total is not None and abs(total - 1200) <= 12
    assert editor.total_label.text() == f"Total {clock_text(total)}"
    editor.title_edit.setFocus()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.draft.total_seconds() == original
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Z, shift_ctrl)
    assert editor.draft.total_seconds() == total


def test_typing_a_title_is_undone_by_the_editor(qtbot: QtBot, editor: RoutineEditor) -> None:
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Evening")
    assert editor.draft.title == "Evening" and editor.heading.text() == "• Evening"
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.title_edit.text() == "Shoulder relief"
    qtbot.mouseClick(editor.redo_button, Qt.MouseButton.LeftButton)
    assert editor.title_edit.text() == "Evening"


def test_reorder_remove_duplicate_and_add(qtbot: QtBot, editor: RoutineEditor) -> None:

    def titles() -> list[str]:
        return [s.display_title for s in editor.draft.steps]

    editor.step_list.setCurrentRow(0)
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert titles()[:2] == ["Kneading", "Gentle circles"] and editor.step_list.currentRow() == 1
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert titles()[0] == "Gentle circles" and not editor.up_button.isEnabled()
    qtbot.mouseClick(editor.duplicate_step_button, Qt.MouseButton.LeftButton)
    assert titles()[:2] == ["Gentle circles", "Gentle circles"]
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert len(titles()) == 4
    editor.step_list.setCurrentRow(3)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert titles()[-1] == "Palm rub" and editor.step_list.currentRow() == 4
    assert editor.step_editor.spins["strokes"].isVisibleTo(editor)
    assert editor.step_editor.heading.text() == "5. Palm rub"


def test_sides_checkboxes(editor: RoutineEditor) -> None:
    editor.step_list.setCurrentRow(3)
    assert editor.step_editor.left.isChecked() and editor.step_editor.right.isChecked()
    editor.step_editor.right.setChecked(False)
    assert editor.draft.steps[3].sides == ("left",)
    assert editor.step_list.item(3).text().endswith("left side")


def test_the_preview_of_a_left_side_step_is_mirrored(editor: RoutineEditor) -> None:
    editor.step_list.setCurrentRow(3)  # the cross-body stretch, left side first
    assert editor.step_editor.picture.mirrored
    editor.step_editor.left.setChecked(False)  # the right side only
    editor.step_list.setCurrentRow(2)
    editor.step_list.setCurrentRow(3)
    assert not fresh(lambda: editor.step_editor.picture.mirrored)
    editor.step_list.setCurrentRow(0)  # no sides: the drawing as it is
    assert not fresh(lambda: editor.step_editor.picture.mirrored)


def test_importing_a_broken_file_is_refused_and_changes_nothing(
    qtbot: QtBot, editor: RoutineEditor, answers: Answers, tmp_path: Path
) -> None:
    save_user_routine(_builtin("desk-break"))  # something in the folder to lose
    before = _folder_state()
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "Mine"\n[[steps]]\ntechnique = "kneading"\nduration = -5\n')
    with pytest.raises(RoutineError) as caught:
        load_routine_file(broken)
    answers.open_path = broken
    with qtbot.assertNotEmitted(editor.saved):
        qtbot.mouseClick(editor.import_button, Qt.MouseButton.LeftButton)
    assert editor.message.text() == f"Not imported: {caught.value}"
    assert f"{broken}:4: steps[1].duration: must be a number" in editor.message.text()
    assert _folder_state() == before
    assert editor.title_edit.text() == "Shoulder relief"  # still editing the same routine


def test_importing_a_valid_file_opens_it(
    qtbot: QtBot, editor: RoutineEditor, answers: Answers, tmp_path: Path
) -> None:
    source = tmp_path / "Evening.toml"
    source.write_text(routine_to_toml(_builtin("lower-back")), encoding="utf-8")
    answers.open_path = source
    with qtbot.waitSignal(editor.saved) as blocker:
        editor.import_file()
    imported: Routine = blocker.args[0]
    assert imported.id == "evening" and imported.path == paths.user_routines_dir() / "evening.toml"
    assert editor.title_edit.text() == "Lower-back self-massage"
    assert "Imported" in editor.message.text()


def test_export_writes_the_draft(editor: RoutineEditor, answers: Answers, tmp_path: Path) -> None:
    editor.step_list.setCurrentRow(0)
    _spin(editor, "duration").setValue(90)
    answers.save_path = tmp_path / "shoulders.toml"
    editor.export_file()
    assert load_routine_file(answers.save_path).steps[0].duration == 90
    assert _folder_state() == {}  # exporting is not saving


def test_rename_duplicate_delete_a_user_routine(
    qtbot: QtBot, make_editor: MakeEditor, answers: Answers
) -> None:
    path = save_user_routine(_builtin("quick-5"))
    mine = load_catalog().get(path.stem)
    assert mine is not None
    editor = make_editor(mine)
    assert editor.save_button.text() == "Save" and not editor.save_button.isEnabled()
    answers.title = "Morning five"
    editor.rename()
    renamed = load_catalog().get(mine.id)
    assert renamed is not None and renamed.title == "Morning five"
    assert editor.title_edit.text() == "Morning five" and not editor.is_modified()

    with qtbot.waitSignal(editor.saved) as blocker:
        editor.duplicate()
    copy: Routine = blocker.args[0]
    assert copy.title == "Morning five (copy)" and load_catalog().get(copy.id) is not None
    assert editor.title_edit.text() == "Morning five (copy)"

    with qtbot.waitSignals([editor.deleted, editor.closed]):
        qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert load_catalog().get(copy.id) is None
    assert answers.asked[-1] == "Delete your routine “Morning five (copy)”?"


def test_leaving_with_unsaved_changes_asks_first(
    qtbot: QtBot, editor: RoutineEditor, answers: Answers
) -> None:
    with qtbot.waitSignal(editor.closed):
        qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)  # nothing to lose
    assert answers.asked == []
    editor.draft.remove(0)
    answers.confirm = False
    with qtbot.assertNotEmitted(editor.closed):
        assert not editor.close_page()
    answers.confirm = True
    with qtbot.waitSignal(editor.closed):
        assert editor.close_page()


def test_every_control_has_an_accessible_name(editor: RoutineEditor) -> None:
    controls = editor.findChildren(QAbstractButton) + editor.findChildren(QAbstractSpinBox)
    assert controls
    unnamed = [c for c in controls if not c.accessibleName() and not isinstance(c, QLabel)]
    assert unnamed == []


def test_picker_previews_the_illustration(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    picker = TechniquePicker()
    qtbot.addWidget(picker)
    picker.select("palm-rub")
    assert picker.selected_technique() == "palm-rub"
    assert picker.picture.technique == "palm-rub" and picker.picture.has_picture()
    assert picker.defaults.text() == "200 strokes at 1.2 s each"
    # A missing drawing: the name on a neutral card instead, and no crash painting it.
    monkeypatch.setattr(illustration, "illustration_path", lambda _id: Path("/missing.svg"))
    other = TechniquePicker()
    qtbot.addWidget(other)
    other.select("kneading")
    assert not other.picture.has_picture()
    assert not other.grab().isNull()


def test_saving_an_unchanged_user_routine_leaves_its_file_alone(
    make_editor: MakeEditor,
) -> None:
    path = save_user_routine(_builtin("desk-break"))
    path.write_text("# my own notes\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    mine = load_catalog().get(path.stem)
    editor = make_editor(mine)
    assert editor.save() == mine
    assert path.read_text(encoding="utf-8").startswith("# my own notes")
    assert editor.message.text().startswith("Nothing to save")
