"""Choosing a technique to add to a routine, with its illustration and what it involves."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from massage_timer.core.i18n import _
from massage_timer.core.phrases import side_label
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.core.techniques import Mode, Technique
from massage_timer.gui.illustration import IllustrationView
from massage_timer.gui.text import TextLabel
from massage_timer.gui.theme import em, scale_font
from massage_timer.resources import illustration_path


def describe_defaults(tech: Technique) -> str:
    """What a new step of this technique does, in one line ("10 squeezes, 5 s each")."""
    d = tech.defaults
    if tech.mode is Mode.REPS:
        text = _("{reps} × {hold:g} s hold, {rest:g} s rest").format(
            reps=d.reps, hold=d.hold, rest=d.rest
        )
    elif tech.mode is Mode.STROKES:
        text = _("{strokes} strokes at {pace:g} s each").format(
            strokes=d.strokes, pace=d.stroke_seconds
        )
    elif tech.mode is Mode.BREATHING:
        text = _("Slow paced breathing, about {minutes:g} min").format(minutes=d.duration / 60)
    else:
        minutes, seconds = divmod(round(d.duration), 60)
        text = (
            _("{minutes} min").format(minutes=minutes)
            if minutes and not seconds
            else _("{seconds:g} s").format(seconds=d.duration)
        )
    if len(d.sides) == 2:
        text = _("{timing}, left and right side").format(timing=text)
    elif d.sides:
        text = _("{timing}, {side}").format(timing=text, side=side_label(d.sides[0]))
    return text


class TechniquePicker(QDialog):
    """A list of the technique library beside a preview of the one selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a technique"))
        self.setAccessibleName(_("Add a technique"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Techniques"))
        self.list.setMinimumWidth(em(self, 14))
        for tech in TECHNIQUES.values():
            item = QListWidgetItem(f"{tech.name}\n{tech.area}")
            item.setData(Qt.ItemDataRole.UserRole, tech.id)
            item.setToolTip(tech.summary)
            item.setIcon(_icon(tech.id))
            self.list.addItem(item)
        self.list.setSpacing(2)
        self.list.setIconSize(QSize(em(self, 3), em(self, 2.25)))

        self.picture = IllustrationView()
        self.picture.setMinimumSize(em(self, 20), em(self, 15))
        self.name = TextLabel()
        scale_font(self.name, 1.3, weight=600)
        self.area = TextLabel()
        self.summary = TextLabel()
        self.summary.setWordWrap(True)
        self.defaults = TextLabel()
        self.defaults.setAccessibleName(_("Default timing"))
        self.safety = TextLabel()
        self.safety.setWordWrap(True)
        self.safety.setObjectName("safety")
        for label in (self.name, self.area, self.summary, self.defaults, self.safety):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        preview = QFrame()
        preview.setObjectName("card")
        column = QVBoxLayout(preview)
        column.addWidget(self.picture, 1)
        for label in (self.name, self.area, self.summary, self.defaults, self.safety):
            column.addWidget(label)
        column.addStretch(0)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Add"))
        ok.setAccessibleName(_("Add the selected technique"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept())

        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addWidget(preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.list.setCurrentRow(0)
        self.resize(em(self, 48), em(self, 34))

    def selected_technique(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, technique_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == technique_id:
                self.list.setCurrentRow(row)

    def _show(self, row: int) -> None:
        technique_id = self.selected_technique()
        if row < 0 or technique_id is None:
            return
        tech = TECHNIQUES[technique_id]
        self.picture.set_technique(tech.id)
        self.name.setText(tech.name)
        self.area.setText(tech.area)
        self.summary.setText(tech.summary)
        self.defaults.setText(describe_defaults(tech))
        self.safety.setText(tech.safety)
        self.safety.setVisible(bool(tech.safety))


def pick_technique(parent: QWidget | None) -> str | None:
    """Ask for a technique in a modal picker; None when cancelled."""
    dialog = TechniquePicker(parent)
    try:
        return dialog.selected_technique() if dialog.exec() else None
    finally:
        dialog.deleteLater()


def _icon(technique_id: str) -> QIcon:
    path = illustration_path(technique_id)
    return QIcon(str(path)) if path.is_file() else QIcon()
