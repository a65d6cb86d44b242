"""The optional 0-10 pain check-in: one tap to answer, one tap to skip."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from massage_timer.core.i18n import N_, _
from massage_timer.gui.text import TextLabel
from massage_timer.gui.theme import em, scale_font

SCALE = range(0, 11)
_ENDS = {0: N_("Pain 0 of 10: none"), 10: N_("Pain 10 of 10: the worst")}


class PainRating(QWidget):
    """A question and the buttons 0 to 10, plus Skip; emits ``rated`` once and hides."""

    rated = Signal(object)  # int 0..10, or None when skipped

    def __init__(self, question: str, stacked: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        row = QHBoxLayout()
        col.addLayout(top)
        if stacked:  # the question above the buttons, all centred
            col.addLayout(row)
            top.addStretch(1)
            row.addStretch(1)
        else:
            row = top
        self.question = TextLabel(question)
        scale_font(self.question, 1.1, weight=600)
        top.addWidget(self.question)
        if stacked:  # roomy: say what the ends mean (the buttons' tooltips say it too)
            top.addSpacing(em(self, 0.5))
            top.addWidget(TextLabel(_("0 none · 10 worst")))
        top.addStretch(1)
        row.setSpacing(max(2, em(self, 0.25)))
        self.buttons: list[QPushButton] = []
        for value in SCALE:
            button = QPushButton(str(value))
            name = _("Pain {value} of 10").format(value=value)
            button.setAccessibleName(name)
            button.setToolTip(_(_ENDS[value]) if value in _ENDS else name)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setObjectName("pain")
            # Narrow enough for a small window, whatever the style's idea of a button width.
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("10") + em(self, 1))
            button.clicked.connect(lambda _checked=False, v=value: self._answer(v))
            row.addWidget(button)
            self.buttons.append(button)
        self.skip_button = QPushButton(_("Skip"))
        self.skip_button.setAccessibleName(_("Skip the pain rating"))
        self.skip_button.setAccessibleDescription(_("Go on without rating the pain this time"))
        self.skip_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.skip_button.clicked.connect(lambda: self._answer(None))
        row.addWidget(self.skip_button)
        if stacked:
            row.addStretch(1)
        self.setAccessibleName(question)
        self.answered = False

    def reset(self) -> None:
        """Ask again (a new session)."""
        self.answered = False
        self.show()

    def _answer(self, value: int | None) -> None:
        if self.answered:
            return
        self.answered = True
        self.hide()
        self.rated.emit(value)
