"""The routine editor's file commands: import, export, duplicate, rename and delete.

A mixin of :class:`~massage_timer.gui.routine_editor.RoutineEditor`, which provides the
draft, the dialogs, the message line and the signals; the file rules themselves are
:mod:`massage_timer.storage.user_routines`'.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from massage_timer.core.i18n import _
from massage_timer.core.routine import Routine, RoutineOrigin
from massage_timer.core.routine_errors import RoutineError
from massage_timer.storage.user_routines import (
    delete_user_routine,
    duplicate_user_routine,
    export_routine,
    import_routine_file,
    rename_user_routine,
)

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from massage_timer.core.editing import EditableRoutine
    from massage_timer.gui.editor_support import EditorDialogs


class RoutineFileActions:
    """Import, export, duplicate, rename and delete, each told in the editor's message line."""

    if TYPE_CHECKING:  # what RoutineEditor provides
        _draft: EditableRoutine
        _folder: Path | None
        dialogs: EditorDialogs
        saved: SignalInstance
        deleted: SignalInstance
        closed: SignalInstance

        def _say(self, text: str, error: bool = False) -> None: ...

        def _may_discard(self) -> bool: ...

        def _refresh(self, select: int | None = None) -> None: ...

        def set_routine(self, routine: Routine) -> None: ...

    def _widget(self) -> QWidget:
        """The editor as the parent of its dialogs."""
        assert isinstance(self, QWidget)
        return self

    def _switch_to(self, routine: Routine, message: str) -> None:
        self.set_routine(routine)
        self._say(message)
        self.saved.emit(routine)

    def import_file(self) -> None:
        if not self._may_discard():
            return
        path = self.dialogs.open_path(self._widget())
        if path is None:
            return
        try:
            routine = import_routine_file(path, self._folder)
        except (RoutineError, OSError) as exc:
            # The validation's one line names the file, line and key; nothing was written.
            self._say(_("Not imported: {reason}").format(reason=exc), error=True)
            return
        self._switch_to(
            routine, _("Imported “{title}” into your routines.").format(title=routine.title)
        )

    def export_file(self) -> None:
        problems = self._draft.validate()
        if problems:
            self._say(_("Not exported. {problem}").format(problem=problems[0]), error=True)
            return
        routine = self._draft.to_routine()
        path = self.dialogs.save_path(self._widget(), f"{routine.id or 'routine'}.toml")
        if path is None:
            return
        try:
            export_routine(routine, path)
        except OSError as exc:
            self._say(_("Not exported: {reason}").format(reason=exc), error=True)
            return
        self._say(_("Exported to {path}.").format(path=path))

    def duplicate(self) -> None:
        original = self._draft.original
        if not self._may_discard():
            return
        try:
            copy = duplicate_user_routine(original.id, self._folder)
        except (KeyError, RoutineError, OSError) as exc:
            self._say(_("Not duplicated: {reason}").format(reason=exc), error=True)
            return
        self._switch_to(copy, _("Made a copy, “{title}”, and opened it.").format(title=copy.title))

    def rename(self) -> None:
        original = self._draft.original
        if original.origin is not RoutineOrigin.USER:
            return
        title = self.dialogs.ask_title(self._widget(), self._draft.title)
        if not title:
            return
        try:
            renamed = rename_user_routine(original.id, title, self._folder)
        except (KeyError, RoutineError, OSError) as exc:
            self._say(_("Not renamed: {reason}").format(reason=exc), error=True)
            return
        if self._draft.is_modified:
            self._draft.rename(renamed.title)  # the other edits stay unsaved
        else:
            self._draft.mark_saved(renamed)
        self._refresh()
        self._say(_("Renamed to “{title}”.").format(title=renamed.title))
        self.saved.emit(renamed)

    def delete(self) -> None:
        original = self._draft.original
        if original.origin is not RoutineOrigin.USER:
            return
        if not self.dialogs.confirm(
            self._widget(), _("Delete your routine “{title}”?").format(title=original.title)
        ):
            return
        try:
            delete_user_routine(original.id, self._folder)
        except (KeyError, OSError) as exc:
            self._say(_("Not deleted: {reason}").format(reason=exc), error=True)
            return
        self.deleted.emit(original.id)
        self.closed.emit()
