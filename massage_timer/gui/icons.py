"""The control icons, drawn in the button text colour so they show in every theme.

The style's own media icons are dark grey and vanish on dark and high-contrast buttons;
these are painted from simple shapes, so they need no files and no QtSvg.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QWidget

_SIZE = 64  # drawn large and scaled down by Qt: crisp on high-density screens too


def _triangle(p: QPainter, x: float, y: float, w: float, h: float, right: bool) -> None:
    path = QPainterPath()
    if right:
        path.moveTo(x, y)
        path.lineTo(x + w, y + h / 2)
        path.lineTo(x, y + h)
    else:
        path.moveTo(x + w, y)
        path.lineTo(x, y + h / 2)
        path.lineTo(x + w, y + h)
    path.closeSubpath()
    p.drawPath(path)


def _speaker(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(8, 24)
    path.lineTo(20, 24)
    path.lineTo(34, 10)
    path.lineTo(34, 54)
    path.lineTo(20, 40)
    path.lineTo(8, 40)
    path.closeSubpath()
    p.drawPath(path)


def _draw(p: QPainter, name: str, colour: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    if name == "pause":
        p.drawRoundedRect(QRectF(14, 10, 12, 44), 3, 3)
        p.drawRoundedRect(QRectF(38, 10, 12, 44), 3, 3)
    elif name == "play":
        _triangle(p, 16, 8, 38, 48, right=True)
    elif name == "next":
        _triangle(p, 8, 12, 22, 40, right=True)
        _triangle(p, 28, 12, 22, 40, right=True)
        p.drawRect(QRectF(50, 12, 6, 40))
    elif name == "back":
        p.drawRect(QRectF(8, 12, 6, 40))
        _triangle(p, 14, 12, 22, 40, right=False)
        _triangle(p, 34, 12, 22, 40, right=False)
    elif name == "stop":
        p.drawRoundedRect(QRectF(12, 12, 40, 40), 5, 5)
    else:
        _outline(p, name, QPen(colour, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))


def _outline(p: QPainter, name: str, stroke: QPen) -> None:
    """The icons drawn with lines: the speaker's waves, the corners, the arrow home."""
    if name in ("mute", "unmute"):
        _speaker(p)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(stroke)
    if name == "unmute":  # the voice is off: a cross where the sound waves would be
        p.drawLine(QPointF(42, 22), QPointF(58, 42))
        p.drawLine(QPointF(58, 22), QPointF(42, 42))
    elif name == "mute":
        p.drawArc(QRectF(30, 18, 20, 28), -60 * 16, 120 * 16)
        p.drawArc(QRectF(30, 8, 30, 48), -60 * 16, 120 * 16)
    elif name == "fullscreen":
        for (x, y), (dx, dy) in zip(
            ((10, 10), (54, 10), (10, 54), (54, 54)),
            ((1, 1), (-1, 1), (1, -1), (-1, -1)),
            strict=True,
        ):
            p.drawLine(QPointF(x, y), QPointF(x + 14 * dx, y))
            p.drawLine(QPointF(x, y), QPointF(x, y + 14 * dy))
    elif name == "home":
        p.drawLine(QPointF(52, 32), QPointF(12, 32))
        p.drawLine(QPointF(12, 32), QPointF(28, 16))
        p.drawLine(QPointF(12, 32), QPointF(28, 48))


def make_icon(name: str, colour: QColor) -> QIcon:
    """The icon ``name`` (pause, play, next, back, stop, mute, unmute, fullscreen, home)."""
    pixmap = QPixmap(_SIZE, _SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _draw(painter, name, colour)
    painter.end()
    return QIcon(pixmap)


def button_icon(widget: QWidget, name: str) -> QIcon:
    """``name`` in the colour of ``widget``'s button text."""
    return make_icon(name, widget.palette().color(QPalette.ColorRole.ButtonText))
