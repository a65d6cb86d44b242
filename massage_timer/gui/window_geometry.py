"""Where the window opens: where it was last time, or a comfortable size on first start."""

from __future__ import annotations

import binascii
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from massage_timer.core.i18n import _
from massage_timer.gui.theme import em


def restore_geometry(window: QWidget, saved: str) -> None:
    """``saved`` is the settings' base64 of Qt's saveGeometry(), or "" on first start."""
    try:
        state = binascii.a2b_base64(saved)  # not QByteArray's: its type costs the first frame
    except (binascii.Error, ValueError):
        state = b""
    if state and window.restoreGeometry(state):
        return
    screen = window.screen().availableGeometry()
    w = min(max(em(window, 60), 1000), int(screen.width() * 0.9))
    h = min(max(em(window, 40), 700), int(screen.height() * 0.9))
    window.resize(w, h)
    window.move(screen.center().x() - w // 2, screen.center().y() - h // 2)


def save_window_settings(
    window: QWidget, mute: bool, tell: Callable[[str], None] | None = None
) -> None:
    """Store the window's place and the mute switch if they changed, touching nothing else.

    ``tell`` hears why, when the settings file cannot be written.
    """
    from massage_timer.storage.settings import update_settings

    geometry = binascii.b2a_base64(bytes(window.saveGeometry().data()), newline=False)
    try:
        # Compared with the file itself: the settings page may have saved since startup.
        update_settings(window_geometry=geometry.decode("ascii"), mute=mute)
    except (OSError, ValueError) as exc:
        if tell is not None:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            tell(_("Settings could not be saved ({reason}).").format(reason=reason))
