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
MARGIN = 34.0  # drawing units around a part's bounds when its strokes are not known
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


def stroke_margin(doc: bytes) -> float:
    """Room a layer's strokes need beyond its bounds (which leave them out): half the
    widest stroke, and a little for antialiasing. A smaller part repaints less."""
    widest = 0.0
    for element in ET.fromstring(doc).iter():
        try:
            widest = max(widest, float(element.get("stroke-width", "1")))
        except ValueError:
            return MARGIN
    return widest / 2 + 2


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
    """One drawing laid out in ``rect`` (widget pixels) at ``ratio``, maybe mirrored.

    Parts are rendered already mirrored when the picture is, and a part that only shifts
    is blitted at whole device pixels: no resampling, the cheapest draw there is.
    """

    def __init__(
        self,
        layers: list[tuple[str, QSvgRenderer]],
        parts: dict[str, PartMove],
        rect: QRectF,
        ratio: float,
        mirrored: bool,
        margins: dict[str, float] | None = None,
    ) -> None:
        self.rect = rect
        self.ratio = ratio
        self.scale = rect.width() / VIEW_W
        self.mirrored = mirrored
        # Drawing units to widget pixels; ``flip`` turns the drawing over for the left side.
        self.plain = QTransform.fromTranslate(rect.x(), rect.y()).scale(self.scale, self.scale)
        self.flip = QTransform(-1, 0, 0, 1, VIEW_W, 0) if mirrored else QTransform()
        self._runs: list[_Static | _Part] = []
        self._placed_for: tuple[Pose, list[tuple[_Part, QTransform, QRectF | None]]] | None = None
        pending: list[QSvgRenderer] = []
        for element, renderer in layers:
            move = parts.get(element)
            if move is None:
                pending.append(renderer)
                continue
            if pending:
                self._runs.append(self._static(pending, ratio))
                pending = []
            margin = (margins or {}).get(element, MARGIN)
            self._runs.append(self._part(renderer, element, move, ratio, margin))
        if pending:
            self._runs.append(self._static(pending, ratio))

    def _device(self, ratio: float) -> QSize:
        return QSize(math.ceil(self.rect.width() * ratio), math.ceil(self.rect.height() * ratio))

    def _static(self, renderers: list[QSvgRenderer], ratio: float) -> _Static:
        pixmap = QPixmap(self._device(ratio))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        k = self.scale * ratio
        painter.setTransform(self.flip * QTransform.fromScale(k, k))
        for renderer in renderers:
            renderer.render(painter, _VIEW)
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        return _Static(pixmap)

    def _part(
        self, renderer: QSvgRenderer, element: str, move: PartMove, ratio: float, margin: float
    ) -> _Part:
        k = self.scale * ratio
        # On whole device pixels, so the part in its drawn place is not resampled.
        bounds = _bounds(renderer, element).adjusted(-margin, -margin, margin, margin)
        near = self.flip.mapRect(bounds)
        left, top = math.floor(near.left() * k), math.floor(near.top() * k)
        w, h = math.ceil(near.right() * k) - left, math.ceil(near.bottom() * k) - top
        area = QRectF(left / k, top / k, max(1, w) / k, max(1, h) / k)
        pixmap = QPixmap(max(1, w), max(1, h))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(
            self.flip * QTransform.fromTranslate(-area.x(), -area.y()) * QTransform.fromScale(k, k)
        )
        renderer.render(painter, _VIEW)
        painter.end()
        return _Part(element, move, area, pixmap)

    @property
    def moving(self) -> bool:
        return any(isinstance(r, _Part) for r in self._runs)

    def _placed(self, run: _Part, pose: Pose) -> tuple[QTransform, QRectF | None]:
        """The part's transform to widget pixels, and for a mere shift its target rectangle
        on whole device pixels (None when it turns or scales)."""
        move = run.move(pose)
        t = self.flip * part_transform(move) * self.flip * self.plain
        if move.angle or move.sx != 1 or move.sy != 1:
            return t, None
        corner = t.map(run.area.topLeft())
        r = self.ratio
        x, y = round(corner.x() * r) / r, round(corner.y() * r) / r
        return t, QRectF(x, y, run.pixmap.width() / r, run.pixmap.height() / r)

    def _placements(self, pose: Pose) -> list[tuple[_Part, QTransform, QRectF | None]]:
        # A frame asks for the look, the rectangles and the drawing of one pose: once.
        if self._placed_for is None or self._placed_for[0] != pose:
            placed = [(r, *self._placed(r, pose)) for r in self._runs if isinstance(r, _Part)]
            self._placed_for = (pose, placed)
        return self._placed_for[1]

    def part_rects(self, pose: Pose) -> list[QRect]:
        """Where each moving part is drawn for ``pose``, in widget pixels."""
        return [
            (target or t.mapRect(r.area)).toAlignedRect() for r, t, target in self._placements(pose)
        ]

    def look(self, pose: Pose) -> tuple[float, ...]:
        """What a frame shows, to the pixel: equal looks need no repaint. (A calm motion
        moves a few pixels a second; a frame for every half pixel would double the cost.)"""
        out: list[float] = []
        for _r, t, target in self._placements(pose):
            if target is not None:
                out.extend((target.x(), target.y()))
            else:
                out.extend(round(v) for v in (t.dx(), t.dy()))
                out.extend(round(v * 100) for v in (t.m11(), t.m12(), t.m21(), t.m22()))
        return tuple(out)

    def paint(self, painter: QPainter, pose: Pose) -> None:
        top_left = self.rect.topLeft()
        placed = {id(r): (t, target) for r, t, target in self._placements(pose)}
        for run in self._runs:
            if isinstance(run, _Static):
                painter.drawPixmap(top_left, run.pixmap)
                continue
            t, target = placed[id(run)]
            source = QRectF(run.pixmap.rect())
            if target is not None:
                painter.drawPixmap(target, run.pixmap, source)  # one device pixel to one
                continue
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setTransform(t, True)
            painter.drawPixmap(run.area, run.pixmap, source)
            painter.restore()


def _bounds(renderer: QSvgRenderer, element: str) -> QRectF:
    # Without the stroke: the margin makes room for it.
    return renderer.transformForElement(element).mapRect(renderer.boundsOnElement(element))
