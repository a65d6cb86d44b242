"""Small charts for the history page, painted with QPainter (no QtCharts needed).

Colours come from the palette, so the charts follow the theme. Each chart also describes
its data in its accessible description, for screen readers and for tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from massage_timer.core.i18n import _
from massage_timer.gui.language import day_month
from massage_timer.gui.theme import em

PainPoint = tuple[datetime, int | None, int | None]
BEFORE_COLOUR = QColor("#d9822b")  # warm for "before", the theme's accent for "after"


def _small_font(widget: QWidget) -> QFont:
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 0.85)
    return font


def _muted(widget: QWidget) -> QColor:
    colour = QColor(widget.palette().color(QPalette.ColorRole.WindowText))
    colour.setAlphaF(0.6)
    return colour


def _grid(widget: QWidget) -> QColor:
    colour = QColor(widget.palette().color(QPalette.ColorRole.Mid))
    colour.setAlphaF(0.7)
    return colour


class BarChart(QWidget):
    """Bars for a short series (days, weeks), labelled underneath, values on top."""

    def __init__(
        self,
        name: str,
        empty_text: str,
        value_text: Callable[[float], str] = lambda v: f"{v:g}",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._empty_text = empty_text
        self._value_text = value_text
        self._data: list[tuple[str, float]] = []
        self._highlight_last = True
        self.setAccessibleName(name)
        self.setMinimumSize(em(self, 16), em(self, 8))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(em(self, 24), em(self, 10))

    @property
    def data(self) -> list[tuple[str, float]]:
        return list(self._data)

    def set_data(self, data: Sequence[tuple[str, float]]) -> None:
        self._data = list(data)
        described = ", ".join(f"{label}: {self._value_text(v)}" for label, v in self._data)
        self.setAccessibleDescription(
            _("{name}. {values}").format(name=self._name, values=described)
            if described
            else _("No data")
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(_small_font(self))
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(2, line + 4, -2, -(line + 6))
        painter.setPen(QPen(_grid(self), 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        top = max((v for _label, v in self._data), default=0.0)
        if top <= 0:
            painter.setFont(self.font())
            painter.setPen(_muted(self))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._empty_text)
            painter.end()
            return
        count = len(self._data)
        slot = area.width() / count
        bar_width = max(2.0, min(slot * 0.62, em(self, 2.2)))
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        soft = QColor(accent)
        soft.setAlphaF(0.55)
        # Label every bar when they fit, otherwise every second or third one.
        widest = max(metrics.horizontalAdvance(label) for label, _value in self._data) + 6
        step = max(1, int(widest // slot) + 1)
        for index, (label, value) in enumerate(self._data):
            centre = area.left() + slot * (index + 0.5)
            height = area.height() * value / top
            bar = QRectF(centre - bar_width / 2, area.bottom() - height, bar_width, height)
            last = index == count - 1 and self._highlight_last
            if value > 0:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent if last else soft)
                painter.drawRoundedRect(bar, min(4.0, bar_width / 4), min(4.0, bar_width / 4))
                painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
                text_box = QRectF(centre - slot / 2, bar.top() - line - 2, slot, line)
                painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, self._value_text(value))
            if index % step == (count - 1) % step:  # always label the latest bar
                painter.setPen(_muted(self))
                label_box = QRectF(centre - slot * step / 2, area.bottom() + 4, slot * step, line)
                painter.drawText(label_box, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class PainChart(QWidget):
    """Pain before and after each rated session, 0 to 10, oldest on the left."""

    MAX_POINTS = 30  # the most recent sessions; older ones would crowd the lines

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[PainPoint] = []
        self.setAccessibleName(_("Pain before and after sessions"))
        self.setMinimumSize(em(self, 16), em(self, 10))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.set_data([])

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(em(self, 24), em(self, 12))

    @property
    def points(self) -> list[PainPoint]:
        return list(self._points)

    def set_data(self, series: Sequence[PainPoint]) -> None:
        self._points = list(series)[-self.MAX_POINTS :]
        if not self._points:
            self.setAccessibleDescription(_("No pain ratings yet"))
        else:
            parts = [
                _("{day}: {before} before, {after} after").format(
                    day=day_month(when.astimezone()), before=_pain(before), after=_pain(after)
                )
                for when, before, after in self._points
            ]
            self.setAccessibleDescription("; ".join(parts))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(_small_font(self))
        metrics = painter.fontMetrics()
        line = metrics.height()
        left = metrics.horizontalAdvance("10") + 8
        area = QRectF(self.rect()).adjusted(left, line + 8, -8, -(line + 6))
        if not self._points:
            painter.setFont(self.font())
            painter.setPen(_muted(self))
            painter.drawText(
                QRectF(self.rect()),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                _(
                    "No pain ratings yet.\n"
                    "Rate your pain before and after a session to see it here."
                ),
            )
            painter.end()
            return
        self._grid(painter, area, left, line)
        after_colour = self.palette().color(QPalette.ColorRole.Highlight)
        self._legend(painter, area, after_colour)
        self._series(painter, area, BEFORE_COLOUR, after=False)
        self._series(painter, area, after_colour, after=True)
        painter.setPen(_muted(self))
        first = self._points[0][0].astimezone()
        last = self._points[-1][0].astimezone()
        below = QRectF(area.left(), area.bottom() + 4, area.width(), line)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, day_month(first))
        if len(self._points) > 1:
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, day_month(last))
        painter.end()

    def _grid(self, painter: QPainter, area: QRectF, left: float, line: int) -> None:
        for level in (0, 5, 10):
            y = area.bottom() - area.height() * level / 10
            painter.setPen(
                QPen(_grid(self), 1, Qt.PenStyle.DashLine if level else Qt.PenStyle.SolidLine)
            )
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(_muted(self))
            painter.drawText(
                QRectF(0, y - line / 2, left - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(level),
            )

    def _series(self, painter: QPainter, area: QRectF, colour: QColor, *, after: bool) -> None:
        """One line of ratings (before or after), broken where a rating is missing."""
        count = len(self._points)

        def spot(index: int, value: int) -> QPointF:
            x = (
                area.center().x()
                if count == 1
                else area.left() + area.width() * index / (count - 1)
            )
            return QPointF(x, area.bottom() - area.height() * value / 10)

        values = [point[2] if after else point[1] for point in self._points]
        path = QPainterPath()
        started = False
        for index, value in enumerate(values):
            if value is None:
                started = False  # a gap where a rating is missing
                continue
            if started:
                path.lineTo(spot(index, value))
            else:
                path.moveTo(spot(index, value))
                started = True
        painter.setPen(QPen(colour, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setBrush(colour)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1.5))
        for index, value in enumerate(values):
            if value is not None:
                painter.drawEllipse(spot(index, value), 4.5, 4.5)

    def _legend(self, painter: QPainter, area: QRectF, after_colour: QColor) -> None:
        metrics = painter.fontMetrics()
        x = area.right()
        y = area.top() - metrics.height() - 4
        for text, colour in (("After", after_colour), ("Before", BEFORE_COLOUR)):
            width = metrics.horizontalAdvance(text)
            x -= width
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(
                QRectF(x, y, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, text
            )
            x -= 14
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(x + 5, y + metrics.height() / 2), 4.5, 4.5)
            x -= 14


def _pain(value: int | None) -> str:
    return _("not rated") if value is None else str(value)
