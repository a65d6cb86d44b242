"""The fields of one step in the routine editor, shown according to the step's kind."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from massage_timer.core.editing import EditableRoutine, Problem, fields_for
from massage_timer.core.i18n import N_, _
from massage_timer.core.routine import BodyKind
from massage_timer.core.technique_library import get_technique
from massage_timer.core.timefmt import clock_text
from massage_timer.gui.illustration import IllustrationView
from massage_timer.gui.text import TextLabel
from massage_timer.gui.theme import em, scale_font

# Wider than the file allows on purpose: an out-of-range value can be typed, and is then
# explained in the file validation's words instead of being silently clamped.
_TYPEABLE_MAX = 99999
_LABELS = {
    "duration": (N_("Duration"), N_(" s"), N_("Length of the step, in seconds")),
    "reps": (N_("Repetitions"), "", N_("How many repetitions")),
    "hold": (N_("Hold"), N_(" s"), N_("Seconds to hold each repetition")),
    "rest": (N_("Rest"), N_(" s"), N_("Seconds of rest between repetitions")),
    "strokes": (N_("Strokes"), "", N_("How many strokes")),
    "stroke_seconds": (N_("Stroke pace"), N_(" s"), N_("Seconds for one stroke")),
}
_KIND_NAMES = {
    BodyKind.TIMED: N_("Timed step"),
    BodyKind.REPS: N_("Repetitions"),
    BodyKind.STROKES: N_("Counted strokes"),
    BodyKind.BREATHING: N_("Paced breathing"),
}


class StepEditor(QFrame):
    """Edits the selected step; tells the routine editor what the user changed.

    ``value_edited(name, value)`` carries one of the ``STEP_NUMBER_KEYS``;
    ``sides_edited(sides)`` the checked sides in order.
    """

    value_edited = Signal(str, float)
    sides_edited = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setAccessibleName(_("Step details"))
        self._updating = False

        self.picture = IllustrationView()
        self.picture.setMinimumSize(em(self, 12), em(self, 9))
        self.picture.setMaximumHeight(em(self, 15))
        self.heading = TextLabel()
        scale_font(self.heading, 1.35, weight=600)
        self.heading.setWordWrap(True)
        self.kind_label = TextLabel()
        self.kind_label.setAccessibleName(_("Kind of step"))
        self.summary = TextLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("What the technique is"))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.spins: dict[str, QAbstractSpinBox] = {}
        self._rows: dict[str, QWidget | QHBoxLayout] = {}
        for name, (label_text, suffix_text, description_text) in _LABELS.items():
            label, suffix, description = (
                _(label_text),
                _(suffix_text) if suffix_text else "",
                _(description_text),
            )
            spin: QSpinBox | QDoubleSpinBox
            if name == "stroke_seconds":
                spin = QDoubleSpinBox()
                spin.setDecimals(1)
                spin.setSingleStep(0.1)
                spin.setRange(0, 99.9)
                spin.valueChanged.connect(lambda v, n=name: self._edited(n, v))
            else:
                spin = QSpinBox()
                spin.setRange(0, _TYPEABLE_MAX)
                spin.setSingleStep(5 if name == "duration" else 1)
                spin.valueChanged.connect(lambda v, n=name: self._edited(n, float(v)))
            spin.setSuffix(suffix)
            spin.setAccessibleName(label)
            spin.setAccessibleDescription(description)
            spin.setMinimumWidth(em(self, 6))
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.spins[name] = spin
            if name == "duration":
                self.duration_hint = TextLabel()
                self.duration_hint.setAccessibleName(_("Duration in minutes"))
                row = QHBoxLayout()
                row.addWidget(spin)
                row.addWidget(self.duration_hint)
                row.addStretch(1)
                self.form.addRow(TextLabel(label), row)
                self._rows[name] = row
            else:
                self.form.addRow(TextLabel(label), spin)
                self._rows[name] = spin

        self.left = QCheckBox(_("Left"))
        self.left.setAccessibleDescription(_("Do this step on the left side"))
        self.right = QCheckBox(_("Right"))
        self.right.setAccessibleDescription(_("Do this step on the right side"))
        self.left.setAccessibleName(_("Left side"))
        self.right.setAccessibleName(_("Right side"))
        self.left.toggled.connect(self._sides_toggled)
        self.right.toggled.connect(self._sides_toggled)
        sides = QHBoxLayout()
        sides.addWidget(self.left)
        sides.addWidget(self.right)
        sides.addStretch(1)
        self.sides_row = QWidget()
        self.sides_row.setLayout(sides)
        sides.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(TextLabel(_("Sides")), self.sides_row)

        self.error = TextLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Problem with this step"))
        self.error.hide()

        self.empty = TextLabel(_("Select a step to change its timing, or add a technique."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setSpacing(em(self, 0.5))
        layout.addWidget(self.heading)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.picture, 3)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.empty, 1)
        layout.addStretch(1)
        self.show_step(None, None, [])

    # --- showing -------------------------------------------------------------------------

    def show_step(
        self, draft: EditableRoutine | None, index: int | None, problems: list[Problem]
    ) -> None:
        """Show step ``index`` of ``draft`` with the problems that belong to it."""
        has_step = draft is not None and index is not None and 0 <= index < len(draft)
        for widget in (self.picture, self.heading, self.kind_label, self.summary):
            widget.setVisible(has_step)
        self.empty.setVisible(not has_step)
        if draft is None or index is None or not has_step:
            self._set_form_visible(set(), sides=False)
            self.error.hide()
            return
        step = draft.steps[index]
        body = draft.body(index)
        tech = get_technique(step.technique)
        self.picture.set_technique(step.technique)
        # The side done first: a left side is the drawing (of the right) mirrored.
        self.picture.set_mirrored(body.sides[:1] == ("left",))
        self.heading.setText(f"{index + 1}. {step.display_title}")
        self.kind_label.setText(
            _("{kind} · {area}").format(kind=_(_KIND_NAMES[body.kind]), area=tech.area)
        )
        self.summary.setText(tech.summary)
        names = set(fields_for(body.kind))
        self._set_form_visible(names, sides=body.kind is not BodyKind.BREATHING)
        self._updating = True
        try:
            for name in names:
                spin = self.spins[name]
                value = draft.value(index, name)
                if isinstance(spin, QDoubleSpinBox):
                    spin.setValue(value)
                elif isinstance(spin, QSpinBox):
                    spin.setValue(round(value))
            reps_name = _("Breaths") if body.kind is BodyKind.BREATHING else _("Repetitions")
            self.spins["reps"].setAccessibleName(reps_name)
            self._set_label("reps", reps_name)
            self.duration_hint.setText(f"= {clock_text(body.seconds)}")
            self.left.setChecked("left" in body.sides)
            self.right.setChecked("right" in body.sides)
        finally:
            self._updating = False
        mine = [p for p in problems if p.step == index]
        colour = error_colour(self)
        # The file validation's own words, key first, as "massage-timer validate" says them.
        self.error.setText("\n".join(f"{p.key}: {p.message}" if p.key else p.message for p in mine))
        self.error.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.error.setVisible(bool(mine))
        for name, spin in self.spins.items():
            bad = [p.message for p in mine if p.key == name]
            # The label turns red (restyling the spin box itself would lose its arrows).
            label = self.form.labelForField(self._rows[name])
            if isinstance(label, QLabel):
                label.setStyleSheet(f"color: {colour}; font-weight: 600;" if bad else "")
            spin.setAccessibleDescription(bad[0] if bad else _(_LABELS[name][2]))

    def _set_label(self, name: str, text: str) -> None:
        label = self.form.labelForField(self._rows[name])
        if isinstance(label, QLabel):
            label.setText(text)

    def _set_form_visible(self, names: set[str], *, sides: bool) -> None:
        for name, row in self._rows.items():
            self.form.setRowVisible(row, name in names)
        self.form.setRowVisible(self.sides_row, sides)

    # --- edits -----------------------------------------------------------------------------

    def _edited(self, name: str, value: float) -> None:
        if not self._updating:
            self.value_edited.emit(name, value)

    def _sides_toggled(self) -> None:
        if self._updating:
            return
        chosen = tuple(
            side for side, box in (("left", self.left), ("right", self.right)) if box.isChecked()
        )
        self.sides_edited.emit(chosen)


def error_colour(widget: QWidget) -> str:
    """A red that reads on the widget's background, light theme or dark."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff8a80" if dark else "#b3261e"
