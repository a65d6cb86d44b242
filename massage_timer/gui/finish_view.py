"""The finish screen: what was done, an optional pain rating, and the way home."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from massage_timer.gui.pain import PainRating
from massage_timer.gui.session_controller import SessionSummary
from massage_timer.gui.theme import em, scale_font


def minutes_text(seconds: float) -> str:
    """ "5 minutes", "1 minute", "40 seconds": how long, said plainly."""
    if seconds < 60:
        whole = round(seconds)
        return f"{whole} second{'' if whole == 1 else 's'}"
    minutes = seconds / 60
    shown = f"{minutes:.0f}" if abs(minutes - round(minutes)) < 0.05 else f"{minutes:.1f}"
    return f"{shown} minute{'' if shown == '1' else 's'}"


class FinishView(QWidget):
    """Shows a :class:`SessionSummary`; asks for the pain rating after when wanted."""

    home_requested = Signal()
    again_requested = Signal(str)  # the routine id
    pain_after_given = Signal(object)  # int 0..10, or None when skipped

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: SessionSummary | None = None
        self.setAccessibleName("Session finished")
        col = QVBoxLayout(self)
        m = em(self, 2)
        col.setContentsMargins(m, m, m, m)
        col.setSpacing(em(self, 0.8))
        col.addStretch(1)
        self.heading = QLabel()
        scale_font(self.heading, 2.6, weight=700)
        self.heading.setAccessibleName("Result")
        col.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignHCenter)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setAccessibleName("What was done")
        scale_font(self.details, 1.3)
        col.addWidget(self.details)
        self.pain_after = PainRating("How is your pain now? (optional)", stacked=True)
        self.pain_after.rated.connect(self._rated)
        col.addSpacing(em(self, 0.6))
        col.addWidget(self.pain_after)
        self.thanks = QLabel()
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self.thanks)
        row = QHBoxLayout()
        row.addStretch(1)
        self.again_button = QPushButton("Do it again")
        self.again_button.setAccessibleName("Do this routine again")
        self.again_button.setAccessibleDescription("Start the same routine from its first step")
        self.again_button.clicked.connect(self._again)
        row.addWidget(self.again_button)
        self.home_button = QPushButton("Back to routines  Esc")
        self.home_button.setAccessibleName("Back to the routines")
        self.home_button.setToolTip("Back to the routines (Esc)")
        self.home_button.clicked.connect(self.home_requested)
        row.addWidget(self.home_button)
        row.addStretch(1)
        col.addLayout(row)
        col.addStretch(2)

    def show_summary(self, summary: SessionSummary, ask_pain: bool) -> None:
        self.summary = summary
        if summary.completed:
            self.heading.setText("Well done")
            done = f"{minutes_text(summary.actual_seconds)} of {summary.title}"
        else:
            self.heading.setText("Session stopped")
            done = (
                f"{minutes_text(summary.actual_seconds)} of "
                f"{minutes_text(summary.planned_seconds)} of {summary.title}"
            )
        steps = f"{summary.steps_done} of {summary.step_count} steps completed"
        self.details.setText(f"{done}\n{steps}")
        self.pain_after.reset()
        self.pain_after.setVisible(ask_pain)
        self.thanks.setText("")
        self.home_button.setFocus()
        self.home_button.setDefault(True)

    def _rated(self, value: int | None) -> None:
        self.thanks.setText("Noted, thank you." if value is not None else "")
        self.pain_after_given.emit(value)

    def _again(self) -> None:
        if self.summary is not None:
            self.again_requested.emit(self.summary.routine_id)
