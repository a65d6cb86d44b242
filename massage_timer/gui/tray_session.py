"""The tray during a session: the step and time left in the tooltip, the commands in its menu.

The menu's Pause/Resume, Next, Back and Stop go to the
:class:`~massage_timer.gui.remote.SessionRemote`, as media keys do (so they are answered
aloud too). The tooltip is refreshed on every state or step change and once a second
while a session runs; outside a session the entries hide and the tooltip is the app's
name. With the tray on, the session keeps running when the window is closed to it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction

from massage_timer import APP_NAME
from massage_timer.core.engine import Snapshot, State
from massage_timer.core.i18n import N_, _
from massage_timer.core.timefmt import clock_text
from massage_timer.gui.remote import SessionRemote
from massage_timer.gui.tray import TrayIcon

TOOLTIP_MS = 1000


def tray_tooltip(routine: str, snap: Snapshot | None) -> str:
    """ "Quick 5 minutes: Kneading, 0:42 left (3:10 in all)"; "... (paused)"; or the app."""
    if snap is None or snap.state not in (State.RUNNING, State.PAUSED):
        return APP_NAME
    step = snap.step.title if snap.step is not None else snap.segment.title
    left = clock_text(snap.segment_remaining_ms / 1000, "up")
    total = clock_text(snap.session_remaining_ms / 1000, "up")
    text = _("{routine}: {step}, {left} left ({total} in all)").format(
        routine=routine, step=step, left=left, total=total
    )
    return _("{status} (paused)").format(status=text) if snap.state is State.PAUSED else text


class TraySession(QObject):
    """Puts the session's commands and state in ``tray``."""

    def __init__(self, remote: SessionRemote, tray: TrayIcon) -> None:
        super().__init__(remote)
        self._remote = remote
        self._tray = tray
        self.actions: dict[str, QAction] = {}
        for name, text, command in (
            ("pause", N_("Pause"), remote.play_pause),
            ("next", N_("Next step"), remote.next),
            ("back", N_("Back"), remote.previous),
            ("stop", N_("Stop session"), remote.stop),
        ):
            action = QAction(_(text), self)
            action.setObjectName(f"tray-{name}")
            action.triggered.connect(command)
            self.actions[name] = action
        tray.add_session_actions(list(self.actions.values()))
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)  # a tooltip needs no precision
        self._timer.setInterval(TOOLTIP_MS)
        self._timer.timeout.connect(self.refresh)
        remote.changed.connect(self.refresh)
        self.refresh()

    def tooltip(self) -> str:
        controller = self._remote.controller
        if controller is None:
            return APP_NAME
        return tray_tooltip(controller.plan.title, controller.snapshot())

    def refresh(self) -> None:
        state = self._remote.state
        active = state in (State.RUNNING, State.PAUSED)
        for action in self.actions.values():
            action.setVisible(active)
        self.actions["pause"].setText(_("Resume") if state is State.PAUSED else _("Pause"))
        self._tray.set_tooltip(self.tooltip())
        if state is State.RUNNING:
            self._timer.start()
        else:
            self._timer.stop()
