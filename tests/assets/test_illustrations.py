"""The shipped illustrations and app icon load in Qt's SVG renderer and draw a real picture.

Qt renders SVG Tiny 1.2 only: anything outside it (markers, filters, CSS, text, gradients,
external references) is dropped, often with nothing worse than a log line, so these tests
render every file and look at the pixels rather than trusting ``isValid()`` alone.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QMessageLogContext,
    QRectF,
    QSize,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.resources import icon_path, illustration_path

# Every technique of the library must have its drawing.
TECHNIQUE_IDS = tuple(TECHNIQUES)
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)

RENDER_W, RENDER_H = 200, 150
MAX_SVG_BYTES = 8 * 1024
SVG_NS = "{http://www.w3.org/2000/svg}"
# Elements Qt's SVG Tiny 1.2 renderer ignores or that would make a file depend on the outside.
FORBIDDEN_ELEMENTS = {
    "marker",
    "filter",
    "style",
    "text",
    "tspan",
    "linearGradient",
    "radialGradient",
    "pattern",
    "mask",
    "clipPath",
    "image",
    "use",
    "foreignObject",
    "script",
}

SLATE = (0x2F, 0x3B, 0x48)
ACCENT = (0xE0, 0x7A, 0x5F)
TEAL = (0x2A, 0x9D, 0x8F)

Rgba = tuple[int, int, int, int]


@pytest.fixture(scope="module")
def qt_app() -> QGuiApplication:
    # A QApplication is a QGuiApplication; making the widget kind keeps the GUI tests that
    # run later in the same process (pytest-qt reuses whatever instance exists) working.
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    return QApplication([])


def _pixels(image: QImage) -> Iterator[Rgba]:
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    row_bytes = rgba.width() * 4
    data = bytes(rgba.constBits())
    for y in range(rgba.height()):
        row = data[y * rgba.bytesPerLine() : y * rgba.bytesPerLine() + row_bytes]
        for x in range(0, row_bytes, 4):
            yield row[x], row[x + 1], row[x + 2], row[x + 3]


def _near(pixel: Rgba, color: tuple[int, int, int], tolerance: int = 24) -> bool:
    return pixel[3] > 200 and all(
        abs(c - t) <= tolerance for c, t in zip(pixel[:3], color, strict=True)
    )


def _is_dark(pixel: Rgba) -> bool:
    return pixel[3] > 200 and max(pixel[:3]) < 90


def _load(path: Path) -> QSvgRenderer:
    """Load through QSvgRenderer, failing on any warning Qt logs while parsing."""
    messages: list[str] = []

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            messages.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        renderer = QSvgRenderer(str(path))
    finally:
        qInstallMessageHandler(previous)
    assert renderer.isValid(), f"Qt cannot read {path.name}"
    assert not messages, f"Qt complained about {path.name}: {messages}"
    return renderer


def _render(renderer: QSvgRenderer, width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def _assert_real_drawing(image: QImage, name: str, *, need_dark: bool = True) -> list[Rgba]:
    pixels = list(_pixels(image))
    total = len(pixels)
    opaque = sum(1 for p in pixels if p[3] > 0)
    assert opaque > 0.03 * total, f"{name}: only {opaque}/{total} pixels drawn"
    colours = {p for p in pixels if p[3] == 255}
    assert len(colours) >= 2, f"{name}: a flat block of one colour, not a drawing"
    if need_dark:
        dark = {i for i, p in enumerate(pixels) if _is_dark(p)}
        # Strokes, not a speck: at least 1% of the picture is dark slate line work.
        assert len(dark) >= max(2, total // 100), f"{name}: no line drawing ({len(dark)} px)"
    return pixels


@pytest.mark.parametrize("technique_id", TECHNIQUE_IDS)
def test_illustration_renders_a_drawing(qt_app: QGuiApplication, technique_id: str) -> None:
    path = illustration_path(technique_id)
    assert path.is_file(), f"missing illustration {path}"
    renderer = _load(path)
    assert renderer.defaultSize() == QSize(400, 300)
    assert renderer.viewBoxF() == QRectF(0, 0, 400, 300)

    pixels = _assert_real_drawing(_render(renderer, RENDER_W, RENDER_H), technique_id)
    total = len(pixels)
    # The house style: dark slate figure, warm accent on hands/points, teal motion cues.
    assert sum(1 for p in pixels if _near(p, SLATE)) >= total // 100
    highlights = sum(1 for p in pixels if _near(p, ACCENT) or _near(p, TEAL))
    assert highlights >= total // 500, f"{technique_id}: no accent or teal highlight"


@pytest.mark.parametrize("technique_id", TECHNIQUE_IDS)
def test_illustration_sticks_to_svg_tiny(technique_id: str) -> None:
    path = illustration_path(technique_id)
    assert path.stat().st_size < MAX_SVG_BYTES, f"{path.name} is larger than 8 KB"
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == "0 0 400 300"
    for element in root.iter():
        local = element.tag.removeprefix(SVG_NS)
        assert local not in FORBIDDEN_ELEMENTS, f"{path.name} uses <{local}>"
        for attribute, value in element.attrib.items():
            assert "href" not in attribute, f"{path.name} references {value}"
            assert "url(" not in value, f"{path.name} references {value}"


def test_icon_svg_renders(qt_app: QGuiApplication) -> None:
    path = icon_path()
    renderer = _load(path)
    view = renderer.viewBoxF()
    assert view.width() == view.height(), "the icon must be square"
    for size in (16, 64, 256):
        _assert_real_drawing(_render(renderer, size, size), f"icon@{size}", need_dark=False)


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_matches_svg(qt_app: QGuiApplication, size: int) -> None:
    path = icon_path(f"massage-timer-{size}.png")
    assert path.is_file(), f"missing {path.name}: run packaging/linux/render_icons.py"
    image = QImage(str(path))
    assert not image.isNull(), f"{path.name} is not a readable PNG"
    assert image.size() == QSize(size, size)
    assert image.hasAlphaChannel()
    png = _assert_real_drawing(image, path.name, need_dark=False)
    # Still what the SVG draws (not a stale render): allow for antialiasing differences.
    fresh = list(_pixels(_render(_load(icon_path()), size, size)))
    diff = sum(
        abs(a - b) for p, q in zip(png, fresh, strict=True) for a, b in zip(p, q, strict=True)
    )
    assert diff / (len(png) * 4) < 6, f"{path.name} is out of date with massage-timer.svg"
