"""The technique's illustration, drawn from its SVG at whatever size the widget has.

The still picture is rendered once per (technique, size, device pixel ratio, side) into a
pixmap, keeping its aspect ratio, so repaints are a blit and the picture is crisp at any
window size. A left-side step shows the drawing mirrored. In a session the picture moves:
given a pose (``core.motion``) it shows the drawing's layers (``gui.layers``), the static
ones blitted from a cache and the moving parts under the pose's transform. The view keeps
no time: :meth:`frame` is called on the session controller's frame wake-ups and reads the
pose from the engine's clock, so a paused session stands still. A missing or broken file
gives a neutral card with the technique's name instead. QtSvg is imported on first use,
so the home screen does not wait for it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPixmap, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from massage_timer.core.i18n import _
from massage_timer.core.motion import Pose
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.gui.frame_driven import FrameDrivenWidget
from massage_timer.gui.motion_art import moving_parts
from massage_timer.resources import illustration_path

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

    from massage_timer.gui.layers import LayeredPicture

_CACHE_SIZE = 6  # a resize drag makes many sizes; only the last few are worth keeping
_LAYERED_CACHE = 2  # this side and the other: a switch of sides renders nothing new

PoseSource = Callable[[], Pose]


def technique_name(technique_id: str) -> str:
    tech = TECHNIQUES.get(technique_id)
    return tech.name if tech is not None else technique_id.replace("-", " ").capitalize()


class IllustrationView(FrameDrivenWidget):
    """Shows one technique's illustration, scaled to fit and centred."""

    def __init__(self, parent: QWidget | None = None, *, opaque: bool = False) -> None:
        super().__init__(parent)
        self._technique = ""
        self._mirrored = False
        self._pose: Pose | None = None  # None: the still picture
        self._reduce_motion = False
        self._source: PoseSource | None = None
        self._drawn: tuple[float, ...] | None = None  # the look of the last moving frame
        self._drawn_rects: list[QRect] = []
        self._asked: tuple[float, ...] | None = None  # a look already asked of the next paint
        self._renderers: dict[str, QSvgRenderer | None] = {}
        self._layers: dict[str, list[tuple[str, QSvgRenderer]]] = {}
        self._margins: dict[str, dict[str, float]] = {}
        self._pixmaps: OrderedDict[tuple[str, int, int, float, bool], QPixmap] = OrderedDict()
        self._layered: OrderedDict[tuple[str, int, int, float, bool], LayeredPicture] = (
            OrderedDict()
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.setAccessibleName(_("Illustration"))
        # In a session it paints every pixel itself, so a frame repaints only this widget.
        self._opaque = opaque
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, opaque)

    @property
    def technique(self) -> str:
        return self._technique

    @property
    def mirrored(self) -> bool:
        return self._mirrored

    @property
    def pose(self) -> Pose | None:
        return self._pose

    def set_technique(self, technique_id: str) -> None:
        if technique_id == self._technique:
            return
        self._technique = technique_id
        self.setAccessibleName(_("Illustration: {name}").format(name=technique_name(technique_id)))
        self._drawn = None
        self._sync()
        self.update()

    def set_mirrored(self, mirrored: bool) -> None:
        """Show the drawing mirrored: the left side of a technique drawn for the right."""
        if mirrored != self._mirrored:
            self._mirrored = mirrored
            self._drawn = None
            self.update()

    def set_source(self, source: PoseSource | None) -> None:
        """Where :meth:`frame` reads the pose (the session controller's engine)."""
        self._source = source
        self._sync()

    def show_pose(self, pose: Pose | None, running: bool) -> None:
        """Show ``pose`` now (None: the still picture); want frames while ``running``."""
        if pose is not None:
            self.set_mirrored(pose.mirrored)
        still = self._still()
        self._pose = pose
        self._running = running
        if still != self._still():
            self._drawn = None
            self.update()
        elif pose is not None:
            self._repaint_parts()
        self._sync()

    def set_reduce_motion(self, reduce: bool) -> None:
        """Show the still picture, with its motion arrows, whatever the pose."""
        if reduce != self._reduce_motion:
            self._reduce_motion = reduce
            self._drawn = None
            self._sync()
            self.update()

    def frame(self) -> None:
        """A frame wake-up: read the pose and repaint the moving parts if they moved."""
        if not self._animating or self._source is None:
            return
        self._pose = self._source()
        self._repaint_parts()

    def _still(self) -> bool:
        return self._reduce_motion or self._pose is None or not self._has_parts()

    def _has_parts(self) -> bool:
        return bool(self._layer_renderers(self._technique))

    def _moves(self) -> bool:
        return not self._still() and self._source is not None

    def _repaint_parts(self) -> None:
        picture = self._layered_picture()
        if picture is None or self._pose is None:
            return
        look = picture.look(self._pose)
        if look == self._drawn or look == self._asked:
            return  # nothing moved by half a pixel, or the coming paint shows it already
        self._asked = look
        rects = picture.part_rects(self._pose)
        dirty = QRect()
        for r in [*rects, *self._drawn_rects]:
            dirty = dirty.united(r.adjusted(-2, -2, 2, 2))
        self.frames += 1
        self.update(dirty if self._drawn is not None else self.rect())

    def has_picture(self) -> bool:
        """Whether the current technique has an SVG that renders (not the fallback card)."""
        return self._renderer(self._technique) is not None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(400, 300)

    def _renderer(self, technique_id: str) -> QSvgRenderer | None:
        if not technique_id:
            return None
        if technique_id not in self._renderers:
            self._renderers[technique_id] = _load(technique_id)
        return self._renderers[technique_id]

    def _layer_renderers(self, technique_id: str) -> list[tuple[str, QSvgRenderer]]:
        """The drawing's layers, each with a renderer of its own (made on first use)."""
        if technique_id not in self._layers:
            layers: list[tuple[str, QSvgRenderer]] = []
            if self._renderer(technique_id) is not None and moving_parts(technique_id):
                from PySide6.QtSvg import QSvgRenderer

                from massage_timer.gui.layers import split_layers, stroke_margin

                margins = self._margins.setdefault(technique_id, {})
                for element, doc in split_layers(illustration_path(technique_id)):
                    renderer = QSvgRenderer(QByteArray(doc))
                    if not renderer.isValid():
                        layers = []
                        break
                    layers.append((element, renderer))
                    margins[element] = stroke_margin(doc)
            self._layers[technique_id] = layers
        return self._layers[technique_id]

    def _picture_rect(self, renderer: QSvgRenderer) -> QRectF:
        """Where the drawing sits: as large as fits, its aspect kept, centred, on whole pixels."""
        view = renderer.defaultSize()
        size = QSize(max(1, view.width()), max(1, view.height()))
        size.scale(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) // 2
        y = (self.height() - size.height()) // 2
        return QRectF(x, y, size.width(), size.height())

    def _layered_picture(self) -> LayeredPicture | None:
        renderer = self._renderer(self._technique)
        if renderer is None or self._still():
            return None
        ratio = self.devicePixelRatioF()
        key = (self._technique, self.width(), self.height(), ratio, self._mirrored)
        cached = self._layered.get(key)
        if cached is None:
            from massage_timer.gui.layers import LayeredPicture

            layers = self._layer_renderers(self._technique)
            parts = moving_parts(self._technique)
            rect = self._picture_rect(renderer)
            margins = self._margins.get(self._technique, {})
            cached = LayeredPicture(layers, parts, rect, ratio, self._mirrored, margins)
            self._layered[key] = cached
            while len(self._layered) > _LAYERED_CACHE:
                self._layered.popitem(last=False)
        else:
            self._layered.move_to_end(key)
        return cached

    def _pixmap(self, renderer: QSvgRenderer) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (self._technique, self.width(), self.height(), ratio, self._mirrored)
        cached = self._pixmaps.get(key)
        if cached is not None:
            self._pixmaps.move_to_end(key)
            return cached
        view = renderer.defaultSize()
        size = QSize(max(1, view.width()), max(1, view.height()))
        size.scale(self.size() * ratio, Qt.AspectRatioMode.KeepAspectRatio)
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._mirrored:
            painter.setTransform(QTransform(-1, 0, 0, 1, size.width(), 0))
        renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        self._pixmaps[key] = pixmap
        while len(self._pixmaps) > _CACHE_SIZE:
            self._pixmaps.popitem(last=False)
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self._asked = None
        painter = QPainter(self)
        if self._opaque:
            painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Window))
        renderer = self._renderer(self._technique)
        layered = self._layered_picture()
        if layered is not None and self._pose is not None:
            layered.paint(painter, self._pose)
            self._drawn = layered.look(self._pose)
            self._drawn_rects = layered.part_rects(self._pose)
        elif renderer is not None:
            # At the layered picture's place, so moving from still to moving shifts nothing.
            painter.drawPixmap(self._picture_rect(renderer).topLeft(), self._pixmap(renderer))
            self._drawn = None
        elif self._technique:
            self._paint_fallback(painter)
        painter.end()

    def _paint_fallback(self, painter: QPainter) -> None:
        # The same 4:3 card the drawings use, in neutral colours from the palette.
        area = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        w = min(area.width(), area.height() * 4 / 3)
        card = QRectF(0, 0, w, w * 3 / 4)
        card.moveCenter(area.center())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.setBrush(pal.color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(card, w * 0.07, w * 0.07)
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF(), 1.0) * 1.6)
        font.setBold(True)
        painter.setFont(font)
        text = QColor(pal.color(QPalette.ColorRole.WindowText))
        painter.setPen(text)
        painter.drawText(
            card.adjusted(w * 0.08, 0, -w * 0.08, 0),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            technique_name(self._technique),
        )


def _load(technique_id: str) -> QSvgRenderer | None:
    try:
        path: Path = illustration_path(technique_id)
    except (ValueError, FileNotFoundError):
        return None
    if not path.is_file():
        return None
    from PySide6.QtSvg import QSvgRenderer  # first use only: the home screen never needs it

    renderer = QSvgRenderer(str(path))
    return renderer if renderer.isValid() else None
