"""The technique's illustration, drawn from its SVG at whatever size the widget has.

The SVG is rendered once per (technique, size, device pixel ratio) into a pixmap, keeping
its aspect ratio, so repaints are a blit and the picture is crisp at any window size. A
missing or broken file gives a neutral card with the technique's name instead. QtSvg is
imported on first use, so the home screen does not wait for it.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from massage_timer.core.i18n import _
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.resources import illustration_path

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

_CACHE_SIZE = 6  # a resize drag makes many sizes; only the last few are worth keeping


def technique_name(technique_id: str) -> str:
    tech = TECHNIQUES.get(technique_id)
    return tech.name if tech is not None else technique_id.replace("-", " ").capitalize()


class IllustrationView(QWidget):
    """Shows one technique's illustration, scaled to fit and centred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._technique = ""
        self._renderers: dict[str, QSvgRenderer | None] = {}
        self._pixmaps: OrderedDict[tuple[str, int, int, float], QPixmap] = OrderedDict()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.setAccessibleName(_("Illustration"))

    @property
    def technique(self) -> str:
        return self._technique

    def set_technique(self, technique_id: str) -> None:
        if technique_id == self._technique:
            return
        self._technique = technique_id
        self.setAccessibleName(_("Illustration: {name}").format(name=technique_name(technique_id)))
        self.update()

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

    def _pixmap(self, renderer: QSvgRenderer) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (self._technique, self.width(), self.height(), ratio)
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
        renderer.render(painter)
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        self._pixmaps[key] = pixmap
        while len(self._pixmaps) > _CACHE_SIZE:
            self._pixmaps.popitem(last=False)
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        renderer = self._renderer(self._technique)
        if renderer is not None:
            pixmap = self._pixmap(renderer)
            logical = pixmap.deviceIndependentSize()
            x = (self.width() - logical.width()) / 2
            y = (self.height() - logical.height()) / 2
            painter.drawPixmap(round(x), round(y), pixmap)
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
