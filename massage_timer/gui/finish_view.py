"""The finish screen: what was done, an optional pain rating, and the way home."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from massage_timer.core.i18n import _, ngettext
from massage_timer.gui.pain import PainRating
from massage_timer.gui.session_controller import SessionSummary
from massage_timer.gui.text import TextLabel
from massage_timer.gui.theme import em, scale_font


def minutes_text(seconds: float) -> str:
    """ "5 minutes", "1 minute", "40 seconds": how long, said plainly."""
    if seconds < 60:
        whole = round(seconds)
        return ngettext("{n} second", "{n} seconds", whole).format(n=whole)
    minutes = seconds / 60
    shown = f"{minutes:.0f}" if abs(minutes - round(minutes)) < 0.05 else f"{minutes:.1f}"
    return ngettext("{n} minute", "{n} minutes", 1 if shown == "1" else 2).format(n=shown)


class FinishView(QWidget):
    """Shows a :class:`SessionSummary`; asks for the pain rating after when wanted."""

    home_requested = Signal()
    again_requested = Signal(str)  # the routine id
    pain_after_given = Signal(object)  # int 0..10, or None when skipped

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: SessionSummary | None = None
        self.setAccessibleName(_("Session finished"))
        col = QVBoxLayout(self)
        m = em(self, 2)
        col.setContentsMargins(m, m, m, m)
        col.setSpacing(em(self, 0.8))
        col.addStretch(1)
        self.heading = TextLabel()
        scale_font(self.heading, 2.6, weight=700)
        self.heading.setAccessibleName(_("Result"))
        col.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignHCenter)
        self.details = TextLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setAccessibleName(_("What was done"))
        scale_font(self.details, 1.3)
        col.addWidget(self.details)
        self.pain_after = PainRating(_("How is your pain now? (optional)"), stacked=True)
        self.pain_after.rated.connect(self._rated)
        col.addSpacing(em(self, 0.6))
        col.addWidget(self.pain_after)
        self.thanks = TextLabel()
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self.thanks)
        row = QHBoxLayout()
        row.addStretch(1)
        self.again_button = QPushButton(_("Do it again"))
        self.again_button.setAccessibleName(_("Do this routine again"))
        self.again_button.setAccessibleDescription(_("Start the same routine from its first step"))
        self.again_button.clicked.connect(self._again)
        row.addWidget(self.again_button)
        self.home_button = QPushButton(_("Back to routines  Esc"))
        self.home_button.setAccessibleName(_("Back to the routines"))
        self.home_button.setToolTip(_("Back to the routines (Esc)"))
        self.home_button.clicked.connect(self.home_requested)
        row.addWidget(self.home_button)
        row.addStretch(1)
        col.addLayout(row)
        col.addStretch(2)

    def show_summary(self, summary: SessionSummary, ask_pain: bool) -> None:
        self.summary = summary
        if summary.completed:
            self.heading.setText(_("Well done"))
            done = _("{time} of {title}").format(
                time=minutes_text(summary.actual_seconds), title=summary.title
            )
        else:
            self.heading.setText(_("Session stopped"))
            done = _("{time} of {planned} of {title}").format(
                time=minutes_text(summary.actual_seconds),
                planned=minutes_text(summary.planned_seconds),
                title=summary.title,
            )
        steps = ngettext(
            "{done} of {count} step completed",
            "{done} of {count} steps completed",
            summary.step_count,
        ).format(done=summary.steps_done, count=summary.step_count)
        self.details.setText(f"{done}\n{steps}")
        self.pain_after.reset()
        self.pain_after.setVisible(ask_pain)
        self.thanks.setText("")
        self.home_button.setFocus()
        self.home_button.setDefault(True)

    def _rated(self, value: int | None) -> None:
        self.thanks.setText(_("Noted, thank you.") if value is not None else "")
        self.pain_after_given.emit(value)

    def _again(self) -> None:
        if self.summary is not None:
            self.again_requested.emit(self.summary.routine_id)
