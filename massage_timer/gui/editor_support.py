"""Helpers of the routine editor: its dialogs (replaceable in tests), step summaries, keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from massage_timer import APP_NAME
from massage_timer.core.i18n import N_, _, ngettext
from massage_timer.core.phrases import side_label
from massage_timer.core.routine import Body, BodyKind
from massage_timer.core.timefmt import clock_text
from massage_timer.gui.technique_picker import pick_technique
from massage_timer.gui.text import message_box
from massage_timer.resources import illustration_path

_FILTER = N_("Routine files (*.toml);;All files (*)")


def editor_style(palette: QPalette) -> str:
    """Local touches on top of the app theme: a pill for the badge, a visibly disabled
    accent button (in the palette's own disabled text colour, so every theme works)."""
    dim = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return (
        "QLabel#badge { background: palette(alternate-base); border-radius: 0.6em;"
        " padding: 0.15em 0.7em; }"
        "QPushButton#quick:disabled { background: palette(button);"
        f" color: rgba({dim.red()}, {dim.green()}, {dim.blue()}, {dim.alpha()});"
        " border: 1px dashed palette(mid); }"
    )


def _ask_open_path(parent: QWidget) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Import a routine"), str(Path.home()), _(_FILTER)
    )
    return Path(name) if name else None


def _ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    start = str(Path.home() / suggested)
    name, _filter = QFileDialog.getSaveFileName(parent, _("Export the routine"), start, _(_FILTER))
    return Path(name) if name else None


def _ask_title(parent: QWidget, current: str) -> str | None:
    text, ok = QInputDialog.getText(parent, _("Rename routine"), _("New title:"), text=current)
    return text if ok and text.strip() else None


def _confirm(parent: QWidget, question: str) -> bool:
    box = message_box(parent, QMessageBox.Icon.Question, APP_NAME, question)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


@dataclass
class EditorDialogs:
    """The questions the editor asks; tests pass answers instead of real dialogs."""

    open_path: Callable[[QWidget], Path | None] = _ask_open_path
    save_path: Callable[[QWidget, str], Path | None] = _ask_save_path
    ask_title: Callable[[QWidget, str], str | None] = _ask_title
    confirm: Callable[[QWidget, str], bool] = _confirm
    pick_technique: Callable[[QWidget], str | None] = field(default=pick_technique)


def step_summary(body: Body) -> str:
    """A step's timing in a few characters, for the step list."""
    if body.kind is BodyKind.REPS:
        text = _("{reps} × {hold:g} s").format(reps=body.reps, hold=body.hold)
        if body.rest:
            text = _("{reps_and_hold}, rest {rest:g} s").format(reps_and_hold=text, rest=body.rest)
    elif body.kind is BodyKind.STROKES:
        text = _("{strokes} strokes × {pace:g} s").format(
            strokes=body.strokes, pace=body.stroke_seconds
        )
    elif body.kind is BodyKind.BREATHING:
        text = ngettext("{n} slow breath", "{n} slow breaths", body.reps).format(n=body.reps)
    else:
        text = clock_text(body.seconds)
    if len(body.sides) == 2:
        text = _("{timing} · each side").format(timing=text)
    elif body.sides:
        text = _("{timing} · {side}").format(timing=text, side=side_label(body.sides[0]))
    return text


class KeepUndoKeys(QObject):
    """Stops text fields from taking Ctrl+Z for their own undo, so one history serves all."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        undo_or_redo = (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        )
        if undo_or_redo:
            event.ignore()
        return undo_or_redo


def technique_icon(technique: str) -> QIcon:
    try:
        path = illustration_path(technique)
    except ValueError:
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()


def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A push button with an accessible name that calls ``slot`` when clicked."""
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    widget.clicked.connect(lambda _checked=False: slot())
    return widget


def shortcut(on: QWidget, name: str, keys: list[str], slot: Callable[[], object]) -> QAction:
    """A keyboard shortcut active while ``on`` or one of its children has the focus."""
    action = QAction(name, on)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    on.addAction(action)
    return action


def keep_undo_keys(owner: QObject, widgets: list[QWidget]) -> None:
    """Make Ctrl+Z and Ctrl+Shift+Z reach ``owner``'s undo even from inside text fields."""
    keeper = KeepUndoKeys(owner)
    for widget in widgets:
        widget.installEventFilter(keeper)
        for inner in widget.findChildren(QLineEdit):
            inner.installEventFilter(keeper)
