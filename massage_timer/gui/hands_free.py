"""Hands-free and eyes-free, wired once the window is on screen: MPRIS, remote commands,
spoken answers, no sleep, the tray's session menu, step changes for screen readers.

Kept apart from the main window so the first frame waits for none of it (QtDBus loads
here), and so a test can start it on a private bus.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtDBus import QDBusConnection

from massage_timer.gui.announce import StepAnnouncer
from massage_timer.gui.inhibit import SleepInhibitor
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.mpris import MprisObject, start_mpris
from massage_timer.gui.remote import SessionRemote
from massage_timer.gui.spoken_answers import SpokenAnswers
from massage_timer.gui.tray import TrayIcon
from massage_timer.gui.tray_session import TraySession


@dataclass
class HandsFree:
    remote: SessionRemote
    mpris: MprisObject | None
    inhibitor: SleepInhibitor | None
    answers: SpokenAnswers
    tray: TraySession | None
    announcer: StepAnnouncer


def start_hands_free(
    window: MainWindow, bus: QDBusConnection | None = None, tray: TrayIcon | None = None
) -> HandsFree:
    """Media keys, headset buttons, no sleep (these need a bus) and the tray's session menu."""
    remote = SessionRemote(window)
    answers = SpokenAnswers(remote)  # the tray's commands are answered even without a bus
    bus = bus if bus is not None else QDBusConnection.sessionBus()
    mpris = start_mpris(remote, bus)  # says, once, when there is no bus
    inhibitor = SleepInhibitor(remote, bus) if bus.isConnected() else None
    in_tray = TraySession(remote, tray) if tray is not None else None
    announcer = StepAnnouncer(window)  # screen readers: the step, not twice the voice
    return HandsFree(remote, mpris, inhibitor, answers, in_tray, announcer)
