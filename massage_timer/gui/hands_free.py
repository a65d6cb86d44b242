"""Hands-free control, wired once the window is on screen: MPRIS and the remote commands.

Kept apart from the main window so the first frame waits for none of it (QtDBus loads
here), and so a test can start it on a private bus.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtDBus import QDBusConnection

from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.mpris import MprisObject, start_mpris
from massage_timer.gui.remote import SessionRemote


@dataclass
class HandsFree:
    remote: SessionRemote
    mpris: MprisObject | None


def start_hands_free(window: MainWindow, bus: QDBusConnection | None = None) -> HandsFree:
    """Media keys and headset buttons for ``window``'s sessions (nothing without a bus)."""
    remote = SessionRemote(window)
    return HandsFree(remote, start_mpris(remote, bus))
