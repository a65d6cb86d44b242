"""The voice and sound of a session: speech rendered ahead, beeps, ticks, the end chime.

``create_cue_player`` is the one entry point a session needs; ``export`` writes a whole
session to a WAV without Qt. Qt is imported only when a player is made, so the export
and the terminal's ``--mute`` path never load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from massage_timer.audio.output import AudioOut
    from massage_timer.audio.player import SoundPlayer
    from massage_timer.audio.speech import EngineFactory, Voice
    from massage_timer.storage.settings import Settings

__all__ = ["available_voices", "build_cue_player", "create_cue_player"]


def create_cue_player(settings: Settings) -> tuple[SoundPlayer, list[str]]:
    """The real cue player for ``settings``, and the warnings about missing sound.

    Call it once a QCoreApplication or QGuiApplication exists. It never raises for a
    missing device, sound server or speech engine: the player then plays what it can
    (possibly nothing), and each missing piece has one warning line saying how to fix
    it. The player also has ``apply_settings(settings)``, ``close()`` and a ``problem``
    signal for trouble found later (a voice that fails, a device that goes away).
    """
    return build_cue_player(settings)


def build_cue_player(
    settings: Settings,
    engine_factory: EngineFactory | None = None,
    open_output: Callable[[], AudioOut | None] | None = None,
) -> tuple[SoundPlayer, list[str]]:
    """:func:`create_cue_player` with its parts replaceable (tests, the benchmark).

    ``open_output`` returns the output to use, or None for "no device".
    """
    from massage_timer.audio import availability
    from massage_timer.audio.player import SoundPlayer
    from massage_timer.audio.speech import shared_renderer

    warnings: list[str] = []
    out = (open_output or _default_output)()
    if out is None:
        warnings.append(availability.no_output_warning())
    renderer = shared_renderer(engine_factory)
    warnings.extend(availability.speech_warnings(renderer, settings.voice))
    player = SoundPlayer(settings, renderer if renderer.ok else None, out)
    player.mark_reported(warnings)
    return player, warnings


def _default_output() -> AudioOut | None:
    from massage_timer.audio.output import QtAudioOut, default_output_device

    device = default_output_device()
    return QtAudioOut(device) if device is not None else None


def available_voices() -> list[Voice]:
    """The voices the speech engine offers (empty without an engine), for the settings."""
    from massage_timer.audio.speech import shared_renderer

    return shared_renderer().voices
