"""The routine editor page: change a routine's steps and timing, and save it as your own.

All the editing rules live in :class:`~massage_timer.core.editing.EditableRoutine` and
the file rules in :mod:`massage_timer.storage.user_routines`; this page only shows them. Dialogs
(file choosers, questions, the technique picker) go through :class:`EditorDialogs`, so
tests answer them without opening anything.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from massage_timer.core.constants import MAX_MINUTES
from massage_timer.core.editing import EditableRoutine
from massage_timer.core.i18n import _
from massage_timer.core.planner import DEFAULTS, PlanSettings
from massage_timer.core.routine import Routine, RoutineOrigin
from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.timefmt import clock_text
from massage_timer.gui.editor_support import (
    EditorDialogs,
    button,
    editor_style,
    keep_undo_keys,
    shortcut,
    step_summary,
    technique_icon,
)
from massage_timer.gui.routine_file_actions import RoutineFileActions
from massage_timer.gui.step_editor import StepEditor, error_colour
from massage_timer.gui.text import TextLabel
from massage_timer.gui.theme import em, scale_font
from massage_timer.storage.user_routines import (
    load_user_routine,
    save_user_routine,
)

__all__ = ["EditorDialogs", "RoutineEditor"]


class RoutineEditor(RoutineFileActions, QWidget):
    """A page for editing one routine; built-ins are saved as the user's own copy.

    Signals: ``saved(Routine)`` whenever a routine file was written (saved, duplicated or
    imported; the editor then shows that routine), ``deleted(str)`` with the id of a
    deleted routine, and ``closed()`` when the user leaves the page.
    """

    saved = Signal(object)
    deleted = Signal(str)
    closed = Signal()

    def __init__(
        self,
        routine: Routine,
        parent: QWidget | None = None,
        *,
        dialogs: EditorDialogs | None = None,
        folder: Path | None = None,
        settings: PlanSettings = DEFAULTS,
    ) -> None:
        super().__init__(parent)
        self.dialogs = dialogs or EditorDialogs()
        self._folder = folder
        self._draft = EditableRoutine(routine, settings)
        self._refreshing = False
        self._built = False
        self.setAccessibleName(_("Routine editor"))
        self._build()
        self._actions()
        self._built = True
        self.set_routine(routine)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.back_button = button(_("← Back"), _("Back to routines"), self.close_page)
        self.heading = TextLabel()
        scale_font(self.heading, 1.6, weight=600)
        self.badge = TextLabel()
        self.badge.setObjectName("badge")
        self.badge.setAccessibleName(_("Where this routine comes from"))
        self.undo_button = button(_("Undo"), _("Undo"), self.undo)
        self.redo_button = button(_("Redo"), _("Redo"), self.redo)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(em(self, 0.5))
        top.addWidget(self.heading)
        top.addWidget(self.badge)
        top.addStretch(1)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(_("Routine title"))
        self.title_edit.setPlaceholderText(_("Name your routine"))
        self.title_edit.textEdited.connect(self._title_edited)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, MAX_MINUTES)  # whole minutes, up to what fitting allows
        self.minutes_spin.setSuffix(_(" min"))
        self.minutes_spin.setKeyboardTracking(False)  # fit once the number is typed
        self.minutes_spin.setAccessibleName(_("Whole routine in minutes"))
        self.minutes_spin.setToolTip(_("Rescales every step so the routine lasts this long"))
        self.minutes_spin.valueChanged.connect(self._fit)
        self.total_label = TextLabel()
        self.total_label.setAccessibleName(_("Total time"))
        scale_font(self.total_label, 1.25, weight=600)
        settings = QFrame()
        settings.setObjectName("card")
        row = QHBoxLayout(settings)
        row.addWidget(TextLabel(_("Title")))
        row.addWidget(self.title_edit, 3)
        row.addSpacing(em(self, 1))
        row.addWidget(TextLabel(_("Whole routine")))
        row.addWidget(self.minutes_spin)
        row.addSpacing(em(self, 1))
        row.addStretch(1)
        row.addWidget(self.total_label)

        self.step_list = QListWidget()
        self.step_list.setAccessibleName(_("Steps"))
        self.step_list.setIconSize(QSize(em(self, 3), em(self, 2.25)))
        self.step_list.setSpacing(2)
        self.step_list.setMinimumWidth(em(self, 18))
        self.step_list.currentRowChanged.connect(lambda _row: self._show_step())
        self.up_button = button(_("↑ Up"), _("Move step up"), self.move_up)
        self.down_button = button(_("↓ Down"), _("Move step down"), self.move_down)
        self.duplicate_step_button = button(_("Duplicate step"), _("Duplicate step"), self.dup_step)
        self.remove_button = button(_("Remove step"), _("Remove step"), self.remove_step)
        self.add_button = button(_("Add technique…"), _("Add technique"), self.add_technique)
        step_buttons = QHBoxLayout()
        for widget in (self.up_button, self.down_button, self.duplicate_step_button):
            step_buttons.addWidget(widget)
        step_buttons.addWidget(self.remove_button)
        self.problems_label = TextLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setAccessibleName(_("Problems to fix before saving"))
        left = QVBoxLayout()
        left.addWidget(self.step_list, 1)
        left.addLayout(step_buttons)
        left.addWidget(self.add_button)
        left.addWidget(self.problems_label)

        self.step_editor = StepEditor()
        self.step_editor.value_edited.connect(self._value_edited)
        self.step_editor.sides_edited.connect(self._sides_edited)
        middle = QHBoxLayout()
        middle.addLayout(left, 5)
        middle.addWidget(self.step_editor, 6)

        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.message = TextLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QHBoxLayout(self.banner).addWidget(self.message)
        self.banner.hide()

        self.import_button = button(_("Import…"), _("Import a routine file"), self.import_file)
        self.export_button = button(_("Export…"), _("Export this routine"), self.export_file)
        self.duplicate_button = button(
            _("Duplicate routine"), _("Duplicate routine"), self.duplicate
        )
        self.rename_button = button(_("Rename…"), _("Rename routine"), self.rename)
        self.delete_button = button(_("Delete"), _("Delete routine"), self.delete)
        self.save_button = button(_("Save"), _("Save routine"), self.save)
        self.save_button.setObjectName("quick")  # the theme's accent button
        self.save_button.setDefault(True)
        bottom = QHBoxLayout()
        for widget in (self.import_button, self.export_button, self.duplicate_button):
            bottom.addWidget(widget)
        bottom.addWidget(self.rename_button)
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(em(self, 1), em(self, 1), em(self, 1), em(self, 1))
        layout.addLayout(top)
        layout.addWidget(settings)
        layout.addLayout(middle, 1)
        layout.addWidget(self.banner)
        layout.addLayout(bottom)

        self._describe()
        self.setStyleSheet(editor_style(self.palette()))
        keep_undo_keys(self, [self.title_edit, self.minutes_spin, *self.step_editor.spins.values()])

    def _describe(self) -> None:
        """What each control does, for screen readers (its name says only what it is)."""
        for widget, text in (
            (self.back_button, _("Leave the editor; unsaved changes are asked about first")),
            (self.up_button, _("Move the selected step one place earlier")),
            (self.down_button, _("Move the selected step one place later")),
            (self.duplicate_step_button, _("Add a copy of the selected step after it")),
            (self.remove_button, _("Take the selected step out of the routine")),
            (self.add_button, _("Choose a technique to add as a new step")),
            (self.import_button, _("Copy a routine file into your routines")),
            (self.export_button, _("Write this routine to a file you choose")),
            (self.duplicate_button, _("Make a copy of this routine and open it")),
            (self.step_list, _("The routine's steps in order; select one to change it")),
        ):
            widget.setAccessibleDescription(text)

    def _actions(self) -> None:
        self.undo_action = shortcut(self, _("Undo"), ["Ctrl+Z"], self.undo)
        self.redo_action = shortcut(self, _("Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.redo)
        shortcut(self, _("Save"), ["Ctrl+S"], self.save)
        shortcut(self, _("Add technique"), ["Ctrl+N"], self.add_technique)
        shortcut(self.step_list, _("Remove step"), ["Delete"], self.remove_step)
        shortcut(self.step_list, _("Move step up"), ["Alt+Up"], self.move_up)
        shortcut(self.step_list, _("Move step down"), ["Alt+Down"], self.move_down)
        self.undo_button.setToolTip(_("Undo (Ctrl+Z)"))
        self.redo_button.setToolTip(_("Redo (Ctrl+Shift+Z)"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))

    # --- state ------------------------------------------------------------------------------

    @property
    def draft(self) -> EditableRoutine:
        return self._draft

    def routine(self) -> Routine:
        """The routine as edited so far (not necessarily saved)."""
        return self._draft.to_routine()

    def is_modified(self) -> bool:
        return self._draft.is_modified

    def set_routine(self, routine: Routine) -> None:
        """Edit ``routine`` from a clean slate (its own undo history, no message)."""
        self._draft = EditableRoutine(routine, self._draft.settings)
        self._say("")
        self._refresh(select=0)

    def _current(self) -> int | None:
        row = self.step_list.currentRow()
        return row if 0 <= row < len(self._draft) else None

    def _refresh(self, select: int | None = None) -> None:
        draft = self._draft
        original = draft.original
        self._refreshing = True
        try:
            if self.title_edit.text() != draft.title:
                self.title_edit.setText(draft.title)
            total = draft.total_seconds()
            if total is not None:
                self.minutes_spin.setValue(round(total / 60))  # the spin box keeps its range
            self.total_label.setText(
                _("Total {time}").format(time=clock_text(total))
                if total is not None
                else _("Total —")
            )
            self.total_label.setAccessibleDescription(
                _("Fix the values marked to see the total") if total is None else clock_text(total)
            )
            self._fill_list(self._current() if select is None else select)
        finally:
            self._refreshing = False
        builtin = original.origin is RoutineOrigin.BUILTIN
        mine = original.origin is RoutineOrigin.USER
        self.heading.setText(("• " if draft.is_modified else "") + (draft.title or _("Untitled")))
        self.badge.setText(
            _("Built-in: saving makes your own copy")
            if builtin
            else _("Your routine")
            if mine
            else ""
        )
        problems = draft.problems()
        self.problems_label.setText("\n".join(str(p) for p in problems))
        self.problems_label.setStyleSheet(f"color: {error_colour(self)}; font-weight: 600;")
        self.problems_label.setVisible(bool(problems))
        self.undo_button.setEnabled(draft.can_undo())
        self.redo_button.setEnabled(draft.can_redo())
        self.save_button.setText(_("Save as my routine") if builtin else _("Save"))
        self.save_button.setEnabled(not problems and (draft.is_modified or not mine))
        self.minutes_spin.setEnabled(not problems and len(draft) > 0)
        for widget in (self.rename_button, self.delete_button):
            widget.setEnabled(mine)
            widget.setToolTip("" if mine else _("Only your own routines can be renamed or deleted"))
        self.export_button.setEnabled(not problems)
        self._show_step()

    def _fill_list(self, select: int | None) -> None:
        draft = self._draft
        failing = {p.step for p in draft.problems()}
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.step_list.clear()
        for index, step in enumerate(draft.steps):
            body = draft.body(index)
            item = QListWidgetItem(f"{index + 1}. {step.display_title}\n{step_summary(body)}")
            if index in failing:
                item.setIcon(warning)
                item.setToolTip(_("This step has a value out of range"))
            else:
                item.setIcon(technique_icon(step.technique))
            self.step_list.addItem(item)
        if len(draft):
            self.step_list.setCurrentRow(max(0, min(select or 0, len(draft) - 1)))
        has = self._current() is not None
        for widget in (self.duplicate_step_button, self.remove_button):
            widget.setEnabled(has)

    def _show_step(self) -> None:
        if self._refreshing:
            return
        index = self._current()
        self.step_editor.show_step(self._draft, index, self._draft.problems())
        self.up_button.setEnabled(index is not None and index > 0)
        self.down_button.setEnabled(index is not None and index < len(self._draft) - 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # A theme switched while the page is open: follow its colours.
        if event.type() == QEvent.Type.PaletteChange and self._built:
            style = editor_style(self.palette())
            if style != self.styleSheet():  # setting it again would loop
                self.setStyleSheet(style)
            self._refresh()
        super().changeEvent(event)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {error_colour(self)};" if error else "")
        self.banner.setVisible(bool(text))

    # --- edits --------------------------------------------------------------------------------

    def _title_edited(self, text: str) -> None:
        self._draft.rename(text)
        self._refresh()

    def _value_edited(self, name: str, value: float) -> None:
        index = self._current()
        if index is not None:
            self._draft.set_value(index, name, value)
            self._refresh()

    def _sides_edited(self, sides: tuple[str, ...]) -> None:
        index = self._current()
        if index is not None:
            self._draft.set_sides(index, sides)
            self._refresh()

    def _fit(self, minutes: int) -> None:
        if self._refreshing:
            return
        try:
            exact = self._draft.set_minutes(minutes)
            self._say(
                ""
                if exact
                else _("Whole reps and breaths cannot last exactly {minutes} min.").format(
                    minutes=minutes
                )
            )
        except ValueError as exc:
            self._say(_("Cannot fit the routine: {reason}.").format(reason=exc), error=True)
        self._refresh()

    def undo(self) -> None:
        if self._draft.undo():
            self._refresh()

    def redo(self) -> None:
        if self._draft.redo():
            self._refresh()

    def move_up(self) -> None:
        if (index := self._current()) is not None:
            self._refresh(select=self._draft.move_up(index))

    def move_down(self) -> None:
        if (index := self._current()) is not None:
            self._refresh(select=self._draft.move_down(index))

    def dup_step(self) -> None:
        if (index := self._current()) is not None:
            self._refresh(select=self._draft.duplicate(index))

    def remove_step(self) -> None:
        if (index := self._current()) is not None:
            self._draft.remove(index)
            self._refresh(select=min(index, len(self._draft) - 1))

    def add_technique(self) -> None:
        technique = self.dialogs.pick_technique(self)
        if technique:
            index = self._current()
            at = None if index is None else index + 1
            self._refresh(select=self._draft.add_technique(technique, at))

    # --- files ----------------------------------------------------------------------------------

    def save(self) -> Routine | None:
        """Save the draft as the user's routine; returns what was written, or None."""
        problems = self._draft.validate()
        if problems:
            self._say(_("Not saved. {problem}").format(problem=problems[0]), error=True)
            return None
        before = self._draft.original
        if before.origin is RoutineOrigin.USER and not self._draft.is_modified:
            self._say(_("Nothing to save: no changes since the last save."))
            return before  # rewriting would only drop the comments of a hand-written file
        try:
            path = save_user_routine(self._draft.to_routine(), self._folder)
            saved = load_user_routine(path)
        except (RoutineError, OSError) as exc:
            self._say(_("Not saved: {reason}").format(reason=exc), error=True)
            return None
        self._draft.mark_saved(saved)
        self._refresh()
        if before.origin is RoutineOrigin.BUILTIN:
            self._say(
                _(
                    "Saved as your own routine “{title}”. "
                    "The built-in “{builtin}” stays as it ships."
                ).format(title=saved.title, builtin=before.title)
            )
        else:
            self._say(_("Saved “{title}”.").format(title=saved.title))
        self.saved.emit(saved)
        return saved

    def _may_discard(self) -> bool:
        return not self._draft.is_modified or self.dialogs.confirm(
            self, _("Discard your unsaved changes to “{title}”?").format(title=self._draft.title)
        )

    def close_page(self) -> bool:
        """Leave the editor (asking first about unsaved changes); True if it closed."""
        if not self._may_discard():
            return False
        self.closed.emit()
        return True
