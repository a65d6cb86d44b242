"""Commands from outside the window (media keys and headsets through MPRIS, the tray).

One object for all of them, so each remote command is the same controller call the
window's keys make (``SessionController.pause``, ``skip``, ...), with no second copy of
what pausing or skipping means. It follows the window's current session and says, with
``changed``, when what a remote shows (the state, the step) may have changed; never on
the countdown's ticks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from massage_timer.core.answers import Command
from massage_timer.core.engine import State
from massage_timer.core.timeline import Cue

if TYPE_CHECKING:
    from massage_timer.core.timeline import PlannedStep
    from massage_timer.gui.main_window import MainWindow
    from massage_timer.gui.session_controller import Answer, SessionController


class SessionRemote(QObject):
    """Play, pause, next, back and stop for the window's session, from anywhere."""

    changed = Signal()  # the state, the step or the session itself changed

    # Works out the spoken answer to a command that has just acted (SpokenAnswers sets it).
    answers: Callable[[Command], Cue | None] | None = None

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._watched: SessionController | None = None
        window.session_opened.connect(self._follow)
        if window.controller is not None:
            self._follow(window.controller)

    # -- what a remote shows ------------------------------------------------------------

    @property
    def controller(self) -> SessionController | None:
        """The window's session while it can still be run or shown, else None."""
        controller = self.window.controller
        return controller if controller is not None and controller is self._watched else None

    @property
    def state(self) -> State:
        controller = self.controller
        return controller.state if controller is not None else State.STOPPED

    @property
    def active(self) -> bool:
        return self.state in (State.RUNNING, State.PAUSED)

    def current_step(self) -> PlannedStep | None:
        controller = self.controller
        return controller.snapshot().step if controller is not None else None

    def position_ms(self) -> float:
        controller = self.controller
        return controller.session.position_ms() if controller is not None else 0.0

    # -- commands -----------------------------------------------------------------------

    def play_pause(self) -> None:
        if self.state is State.RUNNING:
            self.pause()
        elif self.state is State.PAUSED:
            self.play()

    def play(self) -> None:
        """Resume a paused session; a running one goes on (Play never pauses)."""
        controller = self.controller
        if controller is not None and controller.state is State.PAUSED:
            controller.resume(self._answer(Command.RESUME))

    def pause(self) -> None:
        """Pause a running session; a paused one stays paused (Pause never toggles)."""
        controller = self.controller
        if controller is not None and controller.state is State.RUNNING:
            controller.pause(self._answer(Command.PAUSE))

    def next(self) -> None:
        controller = self.controller
        if controller is not None and controller.active:
            controller.skip(self._answer(Command.NEXT))

    def previous(self) -> None:
        controller = self.controller
        if controller is not None and controller.active:
            controller.back(self._answer(Command.BACK))

    def stop(self) -> None:
        """Stop now, without the window's question: the person asked from afar on purpose."""
        controller = self.controller
        if controller is not None and controller.active:
            controller.stop(self._answer(Command.STOP))

    def _answer(self, command: Command) -> Answer | None:
        answers = self.answers
        return (lambda: answers(command)) if answers is not None else None

    def quit_app(self) -> None:
        """Leave the app, as the window's close does: a running session is asked about."""
        self.window.close()
        if not self.window.isVisible():  # closed, or hidden into the tray: leave for real
            QApplication.quit()

    def raise_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    # -- following the window -------------------------------------------------------------

    def _follow(self, controller: SessionController) -> None:
        self._watched = controller
        controller.state_changed.connect(self._changed_by(controller))
        controller.step_started.connect(self._changed_by(controller))
        self.changed.emit()

    def _changed_by(self, controller: SessionController) -> Callable[..., None]:
        def relay(*_args: object) -> None:
            if self._watched is controller:  # an old session's last signals do not count
                self.changed.emit()

        return relay
