#!/usr/bin/env python3
"""Render massage-timer's icon SVG to PNGs, or every illustration to a review sheet.

The PNGs under ``assets/icons`` are generated files: edit ``massage-timer.svg`` and run

    python packaging/linux/render_icons.py                 # rewrite massage-timer-<N>.png
    python packaging/linux/render_icons.py --sheet OUT.png # illustrations + icon, for review

Rendering goes through Qt's own ``QSvgRenderer``, the same renderer the app uses, so what
the PNGs and the sheet show is what a user sees. Runs headless (``QT_QPA_PLATFORM=offscreen``
unless the environment says otherwise).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

REPO_ROOT = Path(__file__).resolve().parents[2]
ICON_SVG = REPO_ROOT / "assets" / "icons" / "massage-timer.svg"
ILLUSTRATION_DIR = REPO_ROOT / "assets" / "illustrations"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)

# Contact sheet layout, in pixels.
TILE_W, TILE_H = 400, 300
GAP = 24
LABEL_H = 28
SHEET_BACKGROUND = QColor("#FFFFFF")
LABEL_COLOR = QColor("#2F3B48")


def ensure_app() -> QGuiApplication:
    """Qt needs an application object before it paints; make a headless one if there is none."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    return QGuiApplication(sys.argv[:1])


def render_svg(svg: Path, width: int, height: int) -> QImage:
    """Paint ``svg`` into a transparent ARGB image of exactly ``width`` x ``height``."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"Qt cannot read {svg}")
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def render_icons(svg: Path, out_dir: Path, sizes: Sequence[int]) -> list[Path]:
    """Write ``massage-timer-<N>.png`` for every size; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for size in sizes:
        target = out_dir / f"{svg.stem}-{size}.png"
        if not render_svg(svg, size, size).save(str(target)):
            raise OSError(f"could not write {target}")
        written.append(target)
    return written


def _draw_label(painter: QPainter, rect: QRectF, text: str) -> None:
    painter.setPen(LABEL_COLOR)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)


def render_sheet(svgs: Sequence[Path], icon: Path | None, out: Path, columns: int = 3) -> Path:
    """Lay the illustrations out in a labelled grid, with the icon at every size underneath."""
    if not svgs and icon is None:
        raise ValueError("nothing to put on the sheet")
    columns = max(1, min(columns, len(svgs) or 1))
    rows = (len(svgs) + columns - 1) // columns
    icon_row_h = max(ICON_SIZES) + LABEL_H + GAP if icon is not None else 0
    icon_row_w = sum(ICON_SIZES) + GAP * (len(ICON_SIZES) + 1) if icon is not None else 0
    width = max(GAP + columns * (TILE_W + GAP), icon_row_w)
    height = GAP + rows * (TILE_H + LABEL_H + GAP) + icon_row_h

    sheet = QImage(width, height, QImage.Format.Format_ARGB32)
    sheet.fill(SHEET_BACKGROUND)
    painter = QPainter(sheet)
    font = QFont()
    font.setPixelSize(16)
    painter.setFont(font)
    for index, svg in enumerate(svgs):
        x = GAP + (index % columns) * (TILE_W + GAP)
        y = GAP + (index // columns) * (TILE_H + LABEL_H + GAP)
        painter.drawImage(x, y, render_svg(svg, TILE_W, TILE_H))
        _draw_label(painter, QRectF(x, y + TILE_H, TILE_W, LABEL_H), svg.stem)
    if icon is not None:
        x = GAP
        top = GAP + rows * (TILE_H + LABEL_H + GAP)
        for size in ICON_SIZES:
            y = top + max(ICON_SIZES) - size
            painter.drawImage(x, y, render_svg(icon, size, size))
            label = QRectF(x - GAP / 2, top + max(ICON_SIZES), size + GAP, LABEL_H)
            _draw_label(painter, label, str(size))
            x += size + GAP
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not sheet.save(str(out)):
        raise OSError(f"could not write {out}")
    return out


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--icon", type=Path, default=ICON_SVG, help="icon SVG to render")
    parser.add_argument(
        "--out-dir", type=Path, default=None, help="where the PNGs go (default: beside the SVG)"
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(ICON_SIZES),
        help="square PNG sizes in pixels",
    )
    parser.add_argument(
        "--sheet",
        type=Path,
        metavar="OUT.png",
        help="instead of the icon PNGs, write a contact sheet of every illustration",
    )
    parser.add_argument("--illustrations", type=Path, default=ILLUSTRATION_DIR)
    parser.add_argument("--columns", type=int, default=3, help="sheet columns")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    ensure_app()
    if args.sheet is not None:
        svgs = sorted(args.illustrations.glob("*.svg"))
        icon = args.icon if args.icon.is_file() else None
        print(render_sheet(svgs, icon, args.sheet, args.columns))
        return 0
    out_dir = args.out_dir if args.out_dir is not None else args.icon.parent
    for path in render_icons(args.icon, out_dir, args.sizes):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
