"""The breath pacer: a circle that grows on the inhale, holds, and shrinks on the exhale.

Its size is the engine's ``BreathState.fullness`` at the moment of painting, read through
a callable, so the pacer keeps no time of its own and has no timer: :meth:`frame` is
called on the session controller's frame wake-ups (at most 30 a second, on an even grid),
which the session view asks for only while :attr:`animating`: the pacer is shown, the
window is not minimized, the session runs and the segment has a paced breath.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from massage_timer.core.breath import BreathState
from massage_timer.core.i18n import _
from massage_timer.core.phrases import breath_phase_name
from massage_timer.gui.frame_driven import FrameDrivenWidget

MIN_RADIUS = 0.32  # of the largest radius: an empty breath still shows a small circle

BreathSource = Callable[[], BreathState | None]


class BreathPacer(FrameDrivenWidget):
    """Draws the breath; call :meth:`show_breath` on each display refresh."""

    def __init__(self, source: BreathSource | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._breath: BreathState | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)  # the layout must not jump as the pacer comes and goes
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(72, 72)
        self.setAccessibleName(_("Breathing pacer"))
        # It paints every pixel itself: a frame then costs only this widget, not a repaint
        # of the (style-sheeted) window behind it, a third of the CPU time.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._drawn: tuple[str, int] | None = None  # what the last frame showed
        self._geom_for = (-1, -1)
        self._geom = (0.0, 0.0, QRect(), QRectF())

    # -- what to show -------------------------------------------------------------------

    def set_source(self, source: BreathSource | None) -> None:
        self._source = source
        self._sync()

    def show_breath(self, breath: BreathState | None, running: bool) -> None:
        """Show ``breath`` now; animate from the source while ``running``."""
        self._breath = breath
        self._running = running
        self._describe()
        self._sync()
        self.update()

    @property
    def breath(self) -> BreathState | None:
        return self._breath

    def phase_text(self) -> str:
        return breath_phase_name(self._breath.phase) if self._breath else ""

    # -- animation ----------------------------------------------------------------------

    def _moves(self) -> bool:
        return self._breath is not None and self._source is not None

    def frame(self) -> None:
        """A frame wake-up: read the breath and repaint if the circle visibly moved."""
        if self._source is None or not self._animating:
            return
        breath = self._source()
        phase_changed = (breath and breath.phase) != (self._breath and self._breath.phase)
        self._breath = breath
        if phase_changed:
            self._describe()
            self._sync()
        look = self._look()
        if look == self._drawn:
            return  # a held breath, or a change too small to see: no new frame
        self.frames += 1
        if phase_changed or self._drawn is None or look is None:
            self.update()
        else:  # only the circle moved: repaint its square, not the words under it
            self.update(self._geometry()[2])

    def _look(self) -> tuple[str, int] | None:
        # What a frame shows: the phase, and the circle's radius in whole pixels (antialiased,
        # a pixel's step does not show; half pixels would double the frames drawn).
        if self._breath is None:
            return None
        _side, full, _circle, _text = self._geometry()
        return (self._breath.phase, round(self._radius(full, self._breath.fullness)))

    def _describe(self) -> None:
        text = self.phase_text()
        if self.accessibleDescription() != text:
            self.setAccessibleDescription(text)

    # -- drawing ------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        side = self.fontMetrics().height() * 8
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return width

    def _geometry(self) -> tuple[float, float, QRect, QRectF]:
        """The circle's area, its full radius, its square and the words' box (cached)."""
        size = (self.width(), self.height())
        if self._geom_for != size:
            text_h = self.fontMetrics().height() * 1.4
            side = min(self.width(), self.height() - text_h)
            square = QRectF((self.width() - side) / 2, 0, side, side)
            self._geom = (
                side,
                side / 2 - 2,
                square.toAlignedRect().adjusted(-1, -1, 1, 1),
                QRectF(0, side, self.width(), text_h),
            )
            self._geom_for = size
        return self._geom

    @staticmethod
    def _radius(full: float, fullness: float) -> float:
        return full * (MIN_RADIUS + (1 - MIN_RADIUS) * fullness)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        pal = self.palette()
        back = pal.color(QPalette.ColorRole.Window)
        painter.fillRect(event.rect(), back)  # opaque: nothing behind is repainted
        self._drawn = self._look()
        side, full, square, text_box = self._geometry()
        if self._breath is None or side <= 8:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = pal.color(QPalette.ColorRole.Highlight)
        centre = QRectF(square).center()
        # The guide ring shows where a full breath reaches. Colours are mixed with the
        # background here rather than drawn translucent: blending costs ten times as much.
        painter.setPen(QPen(_mix(accent, back, 0.55), max(1.5, side / 90)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, full, full)
        radius = self._radius(full, self._breath.fullness)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_mix(accent, back, 0.85))
        painter.drawEllipse(centre, radius, radius)
        if event.rect().bottom() > text_box.top() + 1:  # not for the circle's square alone
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, self.phase_text())
        painter.end()


def _mix(colour: QColor, back: QColor, amount: float) -> QColor:
    """``colour`` laid over ``back`` at ``amount`` opacity, as one opaque colour."""
    return QColor.fromRgbF(
        colour.redF() * amount + back.redF() * (1 - amount),
        colour.greenF() * amount + back.greenF() * (1 - amount),
        colour.blueF() * amount + back.blueF() * (1 - amount),
    )
