"""Where the window opens: where it was last time, or a comfortable size on first start."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget

from massage_timer.gui.theme import em


def restore_geometry(window: QWidget, saved: str) -> None:
    """``saved`` is the settings' base64 of Qt's saveGeometry(), or "" on first start."""
    if saved and window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
        return
    screen = window.screen().availableGeometry()
    w = min(max(em(window, 60), 1000), int(screen.width() * 0.9))
    h = min(max(em(window, 40), 700), int(screen.height() * 0.9))
    window.resize(w, h)
    window.move(screen.center().x() - w // 2, screen.center().y() - h // 2)
