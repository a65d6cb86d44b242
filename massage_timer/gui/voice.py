"""Making the voice: imported late (it pulls in QtMultimedia) and never fatal."""

from __future__ import annotations

import importlib

from massage_timer.core.cue_player import CuePlayer, SilentPlayer
from massage_timer.core.i18n import N_, _
from massage_timer.storage.settings import Settings

NO_SOUND = N_("Sound is not available in this build; captions show every cue.")


def create_player(settings: Settings) -> tuple[CuePlayer, list[str]]:
    """The voice and its one-line warnings, or a silent player and the reason; never raises."""
    try:
        factory = importlib.import_module("massage_timer.audio").create_cue_player
    except (ImportError, AttributeError):
        return SilentPlayer(), [_(NO_SOUND)]
    try:
        player, warnings = factory(settings)
    except Exception as exc:  # noqa: BLE001 - the voice must never keep a session from running
        return SilentPlayer(), [
            _("Sound could not start ({reason}); captions show every cue.").format(reason=exc)
        ]
    return player, [str(w) for w in warnings]
