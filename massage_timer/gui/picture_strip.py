"""A row of small pictures of a routine's techniques, for its card on the home screen.

The home screen is the first frame, and QtSvg with a dozen renders costs more than the
rest of it, so a strip leaves its pictures out of that frame and renders them
just after that frame (a zero-delay timer), once per size for all the cards at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, QTimer
from PySide6.QtWidgets import QSizePolicy, QWidget

from massage_timer.core.i18n import _
from massage_timer.resources import illustration_path

if TYPE_CHECKING:  # annotations only: QPainter and its kin wait for the pictures (2 ms)
    from PySide6.QtGui import QPaintEvent, QPixmap

_ASPECT = 4 / 3  # every drawing is 400x300
_pictures: dict[tuple[str, int, float], QPixmap | None] = {}


def thumbnail(technique: str, height: int, ratio: float) -> QPixmap | None:
    """The technique's drawing ``height`` logical pixels high (None: there is none)."""
    key = (technique, height, ratio)
    if key not in _pictures:
        _pictures[key] = _render(technique, height, ratio)
    return _pictures[key]


def _render(technique: str, height: int, ratio: float) -> QPixmap | None:
    try:
        path = illustration_path(technique)
    except ValueError:
        return None
    if not path.is_file():
        return None
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return None
    size = QSize(round(height * _ASPECT * ratio), round(height * ratio))
    pixmap = QPixmap(size)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent, without Qt's namespace
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class PictureStrip(QWidget):
    """The pictures of ``techniques`` side by side, as many as fit; "+N" for the rest."""

    def __init__(self, techniques: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.techniques = techniques
        self._ready = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        height = self.fontMetrics().height() * 3
        self.setFixedHeight(height)
        # Named with the pictures: the technique library is not needed for the first frame.
        self.setAccessibleName(_("Pictures") if techniques else _("No pictures"))

    @property
    def ready(self) -> bool:
        """Whether the pictures are drawn (they come just after the first frame)."""
        return self._ready

    def shown_count(self) -> int:
        """How many pictures fit the strip's width."""
        h = self.height()
        w = h * _ASPECT
        gap = h * 0.15
        fit = int((self.width() + gap) // (w + gap)) if w > 0 else 0
        if fit < len(self.techniques):
            fit -= 1  # room for the "+N"
        return max(0, min(len(self.techniques), fit))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        h = self.height()
        return QSize(round(min(4, len(self.techniques)) * h * _ASPECT * 1.15), h)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, self.height())

    def _render_now(self) -> None:
        ratio = self.devicePixelRatioF()
        for technique in self.techniques[: self.shown_count()]:
            thumbnail(technique, self.height(), ratio)
        self._set_ready()
        self.update()

    def _set_ready(self) -> None:
        """The pictures are drawn from now on; say which techniques they show."""
        from massage_timer.core.technique_library import TECHNIQUES

        self._ready = True
        names = _(", ").join(TECHNIQUES[t].name if t in TECHNIQUES else t for t in self.techniques)
        if names:
            self.setAccessibleName(_("Pictures: {names}").format(names=names))
            self.setToolTip(names)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        h = self.height()
        count = self.shown_count()
        ratio = self.devicePixelRatioF()
        if not self._ready and all((t, h, ratio) in _pictures for t in self.techniques[:count]):
            self._set_ready()  # another card rendered them already
        if not self._ready:
            # The first frame leaves the strip empty, without even a painter; the pictures
            # (and the "+N") follow a moment later.
            QTimer.singleShot(0, self._render_now)
            return
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QColor, QPainter, QPalette

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = h * _ASPECT
        gap = h * 0.15
        pal = self.palette()
        frame = QColor(pal.color(QPalette.ColorRole.Mid))
        for i, technique in enumerate(self.techniques[:count]):
            box = QRectF(i * (w + gap), 0, w, h)
            picture = _pictures.get((technique, h, ratio))
            if picture is not None:
                painter.drawPixmap(box.topLeft(), picture)
            else:  # no drawing for it: an empty frame
                painter.setPen(frame)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), h * 0.09, h * 0.09)
        more = len(self.techniques) - count
        if more > 0 and count > 0:
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            painter.drawText(
                QRectF(count * (w + gap), 0, w, h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"+{more}",
            )
        painter.end()
