"""Step changes for screen readers, without doubling the app's own voice.

On each new step the session's step label takes an accessible name that says which step
it is ("Step 2 of 5: Kneading"), so assistive technology sees the change (Qt sends the
name-change event) and a reader moving through the window reads the step, not just
"Step". Only when no voice is heard (muted, or no sound) is the step also *announced*
(a polite ``QAccessibleAnnouncementEvent`` with its instruction); with the voice on, the
voice says it already and a screen reader speaking over it would only be noise.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent

from massage_timer.core.i18n import _
from massage_timer.core.timeline import PlannedStep
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.session_controller import SessionController

Post = Callable[[QAccessibleEvent], None]


def step_name(step: PlannedStep, count: int) -> str:
    return _("Step {number} of {count}: {title}").format(
        number=step.index + 1, count=count, title=step.title
    )


class StepAnnouncer(QObject):
    """Tells assistive technology about each step of the window's sessions."""

    def __init__(self, window: MainWindow, post: Post = QAccessible.updateAccessibility) -> None:
        super().__init__(window)
        self._window = window
        self._post = post
        window.session_opened.connect(self._follow)
        if window.controller is not None:
            self._follow(window.controller)

    def _follow(self, controller: SessionController) -> None:
        count = len(controller.plan.steps)

        def started(step: PlannedStep) -> None:
            if self._window.controller is not controller:
                return  # an old session's last words
            label = self._window.session_view.step_label
            name = step_name(step, count)
            label.setAccessibleName(name)  # Qt posts the name-change event itself
            if self._window.voice_silent():
                text = f"{name}. {step.say}" if step.say else name
                event = QAccessibleAnnouncementEvent(label, text)
                event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
                self._post(event)

        controller.step_started.connect(started)
        current = controller.snapshot().step if controller.active else None
        if current is not None:  # started before we were: name the step, say nothing
            self._window.session_view.step_label.setAccessibleName(step_name(current, count))
