"""The breath pacer: a circle that grows on the inhale, holds, and shrinks on the exhale.

Its size is the engine's ``BreathState.fullness`` at the moment of painting, read through
a callable, so the pacer keeps no time of its own: the animation timer only asks for a
new frame (about 30 a second), and runs only while the pacer is shown, the window is not
minimized, the session runs and the segment has a paced breath.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from massage_timer.core.breath import BreathState

FRAME_MS = 33  # ~30 fps: smooth for a shape that changes over seconds, cheap on the CPU
MIN_RADIUS = 0.32  # of the largest radius: an empty breath still shows a small circle
PHASE_WORDS = {"inhale": "Breathe in", "hold": "Hold", "exhale": "Breathe out"}

BreathSource = Callable[[], BreathState | None]


class BreathPacer(QWidget):
    """Draws the breath; call :meth:`show_breath` on each display refresh."""

    def __init__(self, source: BreathSource | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._breath: BreathState | None = None
        self._running = False
        self._suspended = False  # the window is minimized
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._frame)
        self.frames = 0  # frames drawn by the animation timer (tests and the bench read it)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)  # the layout must not jump as the pacer comes and goes
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(72, 72)
        self.setAccessibleName("Breathing pacer")

    # -- what to show -------------------------------------------------------------------

    def set_source(self, source: BreathSource | None) -> None:
        self._source = source

    def show_breath(self, breath: BreathState | None, running: bool) -> None:
        """Show ``breath`` now; animate from the source while ``running``."""
        self._breath = breath
        self._running = running
        self._describe()
        self._sync_timer()
        self.update()

    def set_suspended(self, suspended: bool) -> None:
        """Stop animating while the window is minimized; resume when it comes back."""
        self._suspended = suspended
        self._sync_timer()

    @property
    def animating(self) -> bool:
        return self._timer.isActive()

    @property
    def breath(self) -> BreathState | None:
        return self._breath

    def phase_text(self) -> str:
        return PHASE_WORDS.get(self._breath.phase, "") if self._breath else ""

    # -- animation ----------------------------------------------------------------------

    def _sync_timer(self) -> None:
        wanted = (
            self._running
            and self._breath is not None
            and self._source is not None
            and self.isVisible()
            and not self._suspended
        )
        if wanted and not self._timer.isActive():
            self._timer.start()
        elif not wanted and self._timer.isActive():
            self._timer.stop()

    def _frame(self) -> None:
        if self._source is None:
            return
        self._breath = self._source()
        self.frames += 1
        self._describe()
        self._sync_timer()
        self.update()

    def _describe(self) -> None:
        text = self.phase_text()
        if self.accessibleDescription() != text:
            self.setAccessibleDescription(text)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._sync_timer()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self._timer.stop()

    # -- drawing ------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        side = self.fontMetrics().height() * 8
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self._breath is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        accent = pal.color(QPalette.ColorRole.Highlight)
        text_h = self.fontMetrics().height() * 1.4
        side = min(self.width(), self.height() - text_h)
        if side <= 8:
            painter.end()
            return
        full = side / 2 - 2
        centre = QRectF(0, 0, self.width(), side).center()
        # The guide ring shows where a full breath reaches.
        guide = QColor(accent)
        guide.setAlphaF(0.55)
        painter.setPen(QPen(guide, max(1.5, side / 90), Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, full, full)
        radius = full * (MIN_RADIUS + (1 - MIN_RADIUS) * self._breath.fullness)
        fill = QColor(accent)
        fill.setAlphaF(0.85)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(pal.color(QPalette.ColorRole.WindowText))
        painter.drawText(
            QRectF(0, side, self.width(), text_h),
            Qt.AlignmentFlag.AlignCenter,
            self.phase_text(),
        )
        painter.end()
