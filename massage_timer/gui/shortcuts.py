"""The keys: one window-level QAction per command, so keys work whatever has focus.

Buttons trigger the same actions, so a click and a key do exactly the same thing, and
every button's tooltip names its key.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget

from massage_timer.core.i18n import N_, _


@dataclass(frozen=True)
class Command:
    """A command a person can give, its keys, and what its button says."""

    name: str
    text: str
    keys: tuple[str, ...]
    tip: str

    @property
    def key_text(self) -> str:
        return _(" or ").join(k.replace("Escape", "Esc") for k in self.keys)


# The English texts (N_); make_actions shows them in the current language.
COMMANDS: tuple[Command, ...] = (
    Command("pause", N_("Pause"), ("Space",), N_("Pause or resume")),
    Command("next", N_("Next"), ("Right", "N"), N_("Go to the next step")),
    Command(
        "back",
        N_("Back"),
        ("Left", "B"),
        N_("Back to the start of this step, or the one before"),
    ),
    Command("stop", N_("Stop"), ("Escape",), N_("Stop the session (asks first)")),
    Command("mute", N_("Mute"), ("M",), N_("Mute or unmute the voice")),
    Command("fullscreen", N_("Full screen"), ("F",), N_("Full screen on or off")),
    Command("quit", N_("Quit"), ("Ctrl+Q",), N_("Quit massage-timer")),
)
SESSION_ONLY = ("pause", "next", "back")  # keys that mean nothing outside a session


def make_actions(window: QWidget) -> dict[str, QAction]:
    """Create the window's actions; each works whatever widget in the window has focus."""
    actions: dict[str, QAction] = {}
    for command in COMMANDS:
        action = QAction(window)  # not QAction(text, window): its overloads bring QIcon in
        action.setText(_(command.text))
        action.setObjectName(f"action-{command.name}")
        action.setShortcuts([QKeySequence(k) for k in command.keys])
        # A QAction's shortcut context is Qt.WindowShortcut unless set otherwise (setting it
        # here would load the whole Qt namespace before the first frame, ~14 ms).
        action.setToolTip(_("{tip} ({keys})").format(tip=_(command.tip), keys=command.key_text))
        window.addAction(action)
        actions[command.name] = action
    return actions


def bind_button(button: QAbstractButton, action: QAction, key_hint: str = "") -> None:
    """Make ``button`` trigger ``action`` and follow its text, tooltip and enabled state."""

    def follow() -> None:
        text = action.text()
        button.setText(f"{text}  {key_hint}" if key_hint else text)
        button.setToolTip(action.toolTip())
        button.setAccessibleName(text)
        button.setAccessibleDescription(action.toolTip())
        button.setEnabled(action.isEnabled())
        if not action.icon().isNull():
            button.setIcon(action.icon())

    button.clicked.connect(action.trigger)
    action.changed.connect(follow)
    follow()
