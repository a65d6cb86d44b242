"""A layered drawing at one size: static layers rendered once, moving parts as pixmaps.

Consecutive static layers are rendered together into one pixmap the size of the picture
(mirrored already for the left side), so a frame blits them unchanged; each moving layer
is rendered once into a pixmap of its own bounds and drawn under its pose's transform.
A frame therefore renders no SVG at all, and repaints only where the parts were and are.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap, QTransform

from massage_timer.core.motion import Pose
from massage_timer.gui.motion_art import Move, PartMove

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

VIEW_W, VIEW_H = 400.0, 300.0  # every drawing's view box
MARGIN = 34.0  # drawing units around a part's bounds: the widest stroke is 62 units
_SVG = "{http://www.w3.org/2000/svg}"
_VIEW = QRectF(0, 0, VIEW_W, VIEW_H)


def split_layers(path: Path) -> list[tuple[str, bytes]]:
    """The drawing's top-level groups, bottom first, each as an SVG document of its own
    with the same view box (so it renders exactly where it sits in the whole picture);
    [] if anything else is drawn at the top level (it is then shown still)."""
    try:
        root = ET.fromstring(path.read_bytes())
    except (OSError, ET.ParseError):
        return []
    groups: list[ET.Element] = []
    for child in root:
        tag = child.tag.removeprefix(_SVG)
        if tag in ("title", "desc", "metadata"):
            continue
        if tag != "g" or not child.get("id"):
            return []
        groups.append(child)
    out: list[tuple[str, bytes]] = []
    for group in groups:
        doc = ET.Element(root.tag, root.attrib)
        doc.append(group)
        out.append((group.get("id", ""), ET.tostring(doc, encoding="utf-8")))
    return out


ET.register_namespace("", _SVG.strip("{}"))


def part_transform(move: Move) -> QTransform:
    """``move`` as a transform of the drawing's units."""
    px, py = move.pivot
    t = QTransform()
    t.translate(move.dx + px, move.dy + py)
    t.rotate(move.angle)
    t.scale(move.sx, move.sy)
    t.translate(-px, -py)
    return t


@dataclass
class _Part:
    element: str
    move: PartMove
    area: QRectF  # the pixmap's area in drawing units
    pixmap: QPixmap


@dataclass
class _Static:
    pixmap: QPixmap


class LayeredPicture:
    """One drawing laid out in ``rect`` (widget pixels) at ``ratio``, maybe mirrored."""

    def __init__(
        self,
        layers: list[tuple[str, QSvgRenderer]],
        parts: dict[str, PartMove],
        rect: QRectF,
        ratio: float,
        mirrored: bool,
    ) -> None:
        self.rect = rect
        self.scale = rect.width() / VIEW_W
        self.mirrored = mirrored
        self.base = QTransform()
        self.base.translate(rect.x(), rect.y())
        self.base.scale(self.scale, self.scale)
        if mirrored:
            self.base.translate(VIEW_W, 0)
            self.base.scale(-1, 1)
        self._runs: list[_Static | _Part] = []
        pending: list[QSvgRenderer] = []
        for element, renderer in layers:
            move = parts.get(element)
            if move is None:
                pending.append(renderer)
                continue
            if pending:
                self._runs.append(self._static(pending, ratio))
                pending = []
            self._runs.append(self._part(renderer, element, move, ratio))
        if pending:
            self._runs.append(self._static(pending, ratio))

    def _device(self, ratio: float) -> QSize:
        return QSize(math.ceil(self.rect.width() * ratio), math.ceil(self.rect.height() * ratio))

    def _static(self, renderers: list[QSvgRenderer], ratio: float) -> _Static:
        pixmap = QPixmap(self._device(ratio))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        t = QTransform()
        t.scale(self.scale * ratio, self.scale * ratio)
        if self.mirrored:
            t.translate(VIEW_W, 0)
            t.scale(-1, 1)
        painter.setTransform(t)
        for renderer in renderers:
            renderer.render(painter, _VIEW)
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        return _Static(pixmap)

    def _part(self, renderer: QSvgRenderer, element: str, move: PartMove, ratio: float) -> _Part:
        k = self.scale * ratio
        # On whole device pixels, so the part in its drawn place is not resampled.
        near = _bounds(renderer, element).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        left, top = math.floor(near.left() * k), math.floor(near.top() * k)
        w, h = math.ceil(near.right() * k) - left, math.ceil(near.bottom() * k) - top
        area = QRectF(left / k, top / k, max(1, w) / k, max(1, h) / k)
        pixmap = QPixmap(max(1, w), max(1, h))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(k, k)
        painter.translate(-area.x(), -area.y())
        renderer.render(painter, _VIEW)
        painter.end()
        return _Part(element, move, area, pixmap)

    @property
    def moving(self) -> bool:
        return any(isinstance(r, _Part) for r in self._runs)

    def part_rects(self, pose: Pose) -> list[QRect]:
        """Where each moving part is drawn for ``pose``, in widget pixels."""
        return [
            (part_transform(r.move(pose)) * self.base).mapRect(r.area).toAlignedRect()
            for r in self._runs
            if isinstance(r, _Part)
        ]

    def look(self, pose: Pose) -> tuple[float, ...]:
        """What a frame shows, to half a pixel: equal looks need no repaint."""
        out: list[float] = []
        for r in self._runs:
            if isinstance(r, _Part):
                t = part_transform(r.move(pose)) * self.base
                out.extend(round(v * 2) / 2 for v in (t.dx(), t.dy()))
                out.extend(round(v * 200) for v in (t.m11(), t.m12(), t.m21(), t.m22()))
        return tuple(out)

    def paint(self, painter: QPainter, pose: Pose) -> None:
        top_left = self.rect.topLeft()
        for run in self._runs:
            if isinstance(run, _Static):
                painter.drawPixmap(top_left, run.pixmap)
                continue
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setTransform(part_transform(run.move(pose)) * self.base, True)
            painter.drawPixmap(run.area, run.pixmap, QRectF(run.pixmap.rect()))
            painter.restore()


def _bounds(renderer: QSvgRenderer, element: str) -> QRectF:
    # Without the stroke: MARGIN makes room for it.
    return renderer.transformForElement(element).mapRect(renderer.boundsOnElement(element))
