"""Looks: the four themes (system, light, dark, high contrast) and fonts relative to the app font.

Font sizes are never given in pixels: a widget asks for a factor of the application font
(``scale_font(label, 2.0)``), so text follows the system font and its scaling. The factor
is kept on the widget, so :func:`rescale_fonts` can apply it again when the system font
changes while the app runs.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

THEMES = ("system", "light", "dark", "high-contrast")
_SCALE = "mtFontScale"
_WEIGHT = "mtFontWeight"

# Roles set by each theme; the rest follow from Qt's defaults for the Fusion style.
_COLOURS: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {
        QPalette.ColorRole.Window: "#f5f2ed",
        QPalette.ColorRole.WindowText: "#1f2933",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#ece7df",
        QPalette.ColorRole.Text: "#1f2933",
        QPalette.ColorRole.Button: "#e9e4dc",
        QPalette.ColorRole.ButtonText: "#1f2933",
        QPalette.ColorRole.Highlight: "#1d7a6c",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1f2933",
        QPalette.ColorRole.PlaceholderText: "#5f6b76",
        QPalette.ColorRole.Link: "#145a8c",
        QPalette.ColorRole.Mid: "#c9c1b5",
    },
    "dark": {
        QPalette.ColorRole.Window: "#1d2226",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#272d33",
        QPalette.ColorRole.AlternateBase: "#2f363d",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#313941",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#4fb3a5",
        QPalette.ColorRole.HighlightedText: "#10151a",
        QPalette.ColorRole.ToolTipBase: "#272d33",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa4ad",
        QPalette.ColorRole.Link: "#8cc8ff",
        QPalette.ColorRole.Mid: "#4a535c",
    },
    "high-contrast": {
        QPalette.ColorRole.Window: "#000000",
        QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Base: "#000000",
        QPalette.ColorRole.AlternateBase: "#1a1a1a",
        QPalette.ColorRole.Text: "#ffffff",
        QPalette.ColorRole.Button: "#000000",
        QPalette.ColorRole.ButtonText: "#ffffff",
        QPalette.ColorRole.Highlight: "#ffd400",
        QPalette.ColorRole.HighlightedText: "#000000",
        QPalette.ColorRole.ToolTipBase: "#000000",
        QPalette.ColorRole.ToolTipText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#d0d0d0",
        QPalette.ColorRole.Link: "#7fdfff",
        QPalette.ColorRole.Mid: "#ffffff",
    },
}

# Only shapes and borders here: colours come from the palette, so every theme shares it.
_STYLE = """
QFrame#card, QFrame#panel {
    background: palette(base); border: 1px solid palette(mid); border-radius: 0.6em;
}
QFrame#banner {
    background: palette(alternate-base); border: 1px solid palette(highlight);
    border-radius: 0.4em;
}
QScrollArea#routines, QWidget#routineGrid { background: transparent; }
QFrame#caption { background: palette(alternate-base); border-radius: 0.6em; }
QFrame#safety { border: none; border-left: 3px solid palette(highlight); }
QPushButton {
    background: palette(button); border: 1px solid palette(mid);
    padding: 0.45em 1.1em; border-radius: 0.45em;
}
QPushButton:hover { border-color: palette(highlight); }
QPushButton:pressed { background: palette(alternate-base); }
QPushButton#quick {
    background: palette(highlight); color: palette(highlighted-text);
    border: none; padding: 0.8em 1.6em; border-radius: 0.6em;
}
QPushButton#primary {
    background: palette(highlight); color: palette(highlighted-text); border: none;
}
QPushButton#pain { padding: 0.3em 0.55em; min-width: 1.4em; }
QFrame#painStrip { background: palette(alternate-base); border-radius: 0.5em; }
QPushButton:focus { outline: none; border: 2px solid palette(highlight); }
QPushButton#quick:focus, QPushButton#primary:focus { border: 2px solid palette(window-text); }
QPushButton:checked { background: palette(highlight); color: palette(highlighted-text); }
QProgressBar {
    border: none; background: palette(alternate-base); border-radius: 0.3em;
    max-height: 0.6em;
}
QProgressBar::chunk { background: palette(highlight); border-radius: 0.3em; }
"""

# High contrast: every control gets a solid outline; focus is thick and yellow.
_HIGH_CONTRAST = """
QPushButton { border: 2px solid #ffffff; }
QPushButton:focus { border: 3px solid #ffd400; }
QFrame#card, QFrame#panel, QScrollArea#routines, QWidget#routineGrid { background: transparent; }
QFrame#caption { border: 2px solid #ffffff; }
QProgressBar { border: 2px solid #ffffff; }
"""


def apply_theme(app: QApplication, theme: str) -> None:
    """Style the whole app; "system" keeps the platform's own palette and style."""
    if theme not in THEMES:
        theme = "system"
    if theme != "system":
        app.setStyle(QStyleFactory.create("Fusion"))
        palette = app.style().standardPalette()
        for role, colour in _COLOURS[theme].items():
            palette.setColor(role, QColor(colour))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
            # Disabled text must stay readable, in high contrast most of all.
            dim = QColor(_COLOURS[theme][role])
            dim.setAlphaF(0.75 if theme == "high-contrast" else 0.45)
            palette.setColor(QPalette.ColorGroup.Disabled, role, dim)
        app.setPalette(palette)
    app.setStyleSheet(_STYLE + (_HIGH_CONTRAST if theme == "high-contrast" else ""))


def scale_font(widget: QWidget, factor: float, *, weight: int = 400) -> None:
    """Give ``widget`` a font ``factor`` times the app font, kept when the app font changes."""
    widget.setProperty(_SCALE, float(factor))
    widget.setProperty(_WEIGHT, int(weight))
    _apply_scale(widget)


def _apply_scale(widget: QWidget) -> None:
    factor = float(widget.property(_SCALE))
    base = QApplication.font()
    font = QFont(widget.font())
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    else:  # the app font was set in pixels (some platforms do): scale those
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    font.setWeight(QFont.Weight(int(widget.property(_WEIGHT))))
    widget.setFont(font)


def rescale_fonts(root: QObject) -> None:
    """Apply every widget's font factor again (after the system font changed)."""
    for widget in root.findChildren(QWidget):
        if widget.property(_SCALE) is not None:
            _apply_scale(widget)


def em(widget: QWidget, count: float = 1.0) -> int:
    """``count`` times the height of ``widget``'s font, in pixels, for sizes that follow text."""
    return round(widget.fontMetrics().height() * count)
