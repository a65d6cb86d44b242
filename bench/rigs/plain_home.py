"""A yardstick for the start-up figure: the home screen's kinds of widgets in one plain file.

It reads a TOML settings file through platformdirs as the app does, then shows a window
titled "plain-home" with a heading in a larger bold font, a line of text, a big button, and
five cards (title, areas, a wrapped line, two buttons) in a scroll area: the same Qt work
the app's first frame needs, with none of its modules, style sheet, translations, cache
or pictures. ``bench/window_startup.py`` times it beside the bare window and the app, so
the figure shows how much of the app's start-up is Qt's and how much the app's own.

    python bench/rigs/plain_home.py
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

CARDS = 5


def main() -> int:
    folder = Path(platformdirs.user_config_dir("massage-timer", appauthor=False))
    settings = folder / "settings.toml"
    _values = tomllib.loads(settings.read_text("utf-8")) if settings.is_file() else {}
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("plain-home")
    central = QWidget(window)
    window.setCentralWidget(central)
    col = QVBoxLayout(central)
    heading = QLabel("Self-massage", central)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    font.setBold(True)
    heading.setFont(font)
    col.addWidget(heading)
    col.addWidget(QLabel("For back, neck and shoulders. Follow by ear.", central))
    row = QHBoxLayout()
    row.addWidget(QPushButton("Quick 5 minutes", central))
    row.addWidget(QLabel("Neck, shoulders, lower back.", central), 1)
    col.addLayout(row)
    area = QScrollArea(central)
    area.setWidgetResizable(True)
    area.setViewport(QWidget(area))  # as the app does: no wrapping of a Qt-made widget
    grid_host = QWidget(area.viewport())
    grid = QGridLayout(grid_host)
    for i in range(CARDS):
        card = QFrame(grid_host)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        lines = QVBoxLayout(card)
        lines.addWidget(QLabel(f"Routine {i + 1}", card))
        lines.addWidget(QLabel("Neck, shoulders", card))
        text = QLabel("Five minutes for a stiff neck, tight shoulders and a tired back.", card)
        text.setWordWrap(True)
        lines.addWidget(text)
        buttons = QHBoxLayout()
        buttons.addWidget(QPushButton("Start", card))
        buttons.addWidget(QPushButton("Customize...", card))
        lines.addLayout(buttons)
        grid.addWidget(card, i // 2, i % 2)
    area.setWidget(grid_host)
    col.addWidget(area, 1)
    window.resize(1000, 700)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
