"""The voice answers commands given from afar (MPRIS, the tray), and keys if asked to.

What is said is worked out by :class:`~massage_timer.core.answers.Answerer`, the same
rule the terminal uses; this only feeds it the window's session and commands and hands
the answer to the controller's voice (silent when muted).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from massage_timer.core.answers import Answerer, Command
from massage_timer.core.engine import State
from massage_timer.core.timeline import Cue
from massage_timer.gui.remote import SessionRemote
from massage_timer.gui.session_controller import SessionController


class SpokenAnswers(QObject):
    """Speaks "Paused", "Going on", "Back to ..." after each remote command."""

    def __init__(self, remote: SessionRemote) -> None:
        super().__init__(remote)
        self._remote = remote
        self._answerer: Answerer | None = None
        self._controller: SessionController | None = None
        remote.answers = self.answer_for
        window = remote.window
        window.session_opened.connect(self._follow)
        if window.controller is not None:
            self._follow(window.controller)
        # The window's own keys, when the setting asks: after the key acted.
        actions = window.actions_
        actions["pause"].triggered.connect(lambda: self._key(None))
        actions["next"].triggered.connect(lambda: self._key(Command.NEXT))
        actions["back"].triggered.connect(lambda: self._key(Command.BACK))

    def answer_for(self, command: Command) -> Cue | None:
        """The answer to ``command``, which has just acted on the window's session."""
        controller = self._remote.controller
        if controller is None or controller is not self._controller or self._answerer is None:
            return None
        return self._answerer.after(command)

    def _key(self, command: Command | None) -> None:
        controller = self._remote.controller
        window = self._remote.window
        if controller is None or not window.settings.answer_keys:
            return
        if window.current_page() is not window.session_view:
            return  # the keys act only on the session's page
        if command is None:  # the pause key toggles: answer what it did
            command = Command.PAUSE if controller.state is State.PAUSED else Command.RESUME
        cue = self.answer_for(command)
        if cue is not None:
            controller.say(cue)

    def _follow(self, controller: SessionController) -> None:
        self._controller = controller
        answerer = Answerer(controller.session)
        self._answerer = answerer

        def paused(state: str) -> None:
            if state == State.PAUSED.value:  # however it was paused: the key, a click
                answerer.note_paused()

        controller.state_changed.connect(paused)
