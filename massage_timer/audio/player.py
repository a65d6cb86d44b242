"""The real cue player: speech from the cache, beeps and ticks, through one audio stream.

How a cue reaches the speaker on time: one stream stays open and is topped up every
``PUMP_MS`` from a :class:`~massage_timer.audio.mixer.Mixer`, so the device's buffer is
always full and the write position moves exactly with the device's playback. A
:class:`~massage_timer.audio.mixer.PlayheadEstimate` follows that pace against the
monotonic clock, and ``play()`` adds the cue's samples at the position the device will
play one buffer's length after *now*: every cue sounds the same fixed delay (about
``BUFFER_MS`` plus the sound server's own latency) after it was due, however the writes
happen to fall. Speech is synthesized ahead of time by the worker thread; a speech cue
whose audio is not ready is skipped, never delayed.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from massage_timer.audio.mixer import Mixer, PlayheadEstimate
from massage_timer.audio.output import AudioOut
from massage_timer.audio.rules import choose_voice, cue_sounds
from massage_timer.audio.sounds import load_sounds
from massage_timer.audio.speech import RenderRequest, SpeechRenderer
from massage_timer.core.answers import COMMON_ANSWERS, answer_texts
from massage_timer.core.clock import Clock, SystemClock
from massage_timer.core.i18n import _
from massage_timer.core.timeline import Cue, CueKind, Plan
from massage_timer.storage.settings import Settings

PUMP_MS = 20  # well inside the device buffer, so a late timer never starves it
PACE_WINDOW_S = 0.5  # how far back the playhead estimate looks
FIRST_CUES_MS = 1000  # cues due this soon after the start must be ready when it starts
FIRST_WAIT_S = 1.0  # ... but a stuck engine never holds a session longer than this
IDLE_STOP_S = 300.0  # close the stream after this long with nothing to play


@dataclass
class PlayerStats:
    """What happened to the cues handed to the player (for tests and the benchmark)."""

    played: int = 0
    skipped_not_ready: int = 0
    skipped_setting: int = 0


class SoundPlayer(QObject):
    """A :class:`~massage_timer.core.cue_player.CuePlayer` that really sounds.

    ``output`` None means there is no audio device and ``renderer`` None no speech
    engine: the player then plays what it can (or nothing) and never fails.
    """

    problem = Signal(str)  # a warning found after creation, e.g. the device went away

    def __init__(
        self,
        settings: Settings,
        renderer: SpeechRenderer | None,
        output: AudioOut | None,
        clock: Clock | None = None,
        sounds: dict[str, array[int]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self._output = output
        self._clock = clock or SystemClock()
        self._rate = output.sample_rate if output is not None else 22050
        self._sounds = sounds if sounds is not None else load_sounds(self._rate)
        self._mixer = Mixer()
        self._stream: PlayheadEstimate | None = None
        self._broken = False
        self._settings = settings
        self._plan: Plan | None = None
        self._request: RenderRequest | None = None
        self._generation = 0
        self._speech: dict[str, array[int]] = {}
        self._speech_lock = threading.Lock()
        self._said: set[str] = set()
        self._last_at_ms = 0
        self._last_sound = 0.0
        self.stats = PlayerStats()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PUMP_MS)
        self._timer.timeout.connect(self.pump)
        if output is not None:
            output.set_volume(0.0 if settings.mute else settings.volume)

    def mark_reported(self, warnings: Iterable[str]) -> None:
        """Warnings the caller already showed; the ``problem`` signal will not repeat them."""
        self._said.update(warnings)

    def _warn(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            self.problem.emit(message)

    # -- the CuePlayer protocol ------------------------------------------------------

    def prepare(self, plan: Plan) -> None:
        """Start rendering the plan's speech and open the stream.

        Returns at once, except that the cues of the plan's first second are waited for
        (typically a few tens of milliseconds, at most ``FIRST_WAIT_S``) when not cached,
        so a session opens with its announcement on time.
        """
        if plan is not self._plan:
            self._plan = plan
            self._last_at_ms = 0
            self._render_from(0)
        self._broken = False
        if self._output is not None and not self._settings.mute:
            self._open_stream()
        request = self._request
        if request is not None:
            first = [c.text for c in _speech_cues(plan) if c.at_ms < FIRST_CUES_MS]
            request.wait([t for t in first if t not in self._speech], FIRST_WAIT_S)

    def play(self, cue: Cue) -> None:
        """Sound ``cue`` now, or skip it (muted, switched off, or speech not ready)."""
        self._last_at_ms = cue.at_ms
        if self._output is None or self._broken:
            return
        if not cue_sounds(cue, self._settings, live=True):
            self.stats.skipped_setting += 1
            return
        samples = self._samples_for(cue)
        if samples is None:
            return
        if self._stream is None and not self._open_stream():
            return
        assert self._stream is not None
        now = self._clock.monotonic()
        # Never before what is already written: that would cut the cue's start.
        self._mixer.add(samples, max(self._stream.at(now), self._mixer.position))
        self._last_sound = now
        self.stats.played += 1

    def silence(self) -> None:
        """Cut what is sounding; what the device already holds (one buffer) plays out."""
        self._mixer.clear()

    # -- settings --------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings at once: volume, mute, beeps, metronome, voice and rate."""
        old, self._settings = self._settings, settings
        if self._output is not None:
            self._output.set_volume(0.0 if settings.mute else settings.volume)
        if settings.mute:
            self._mixer.clear()
        if (settings.voice, settings.rate) != (old.voice, old.rate) and self._plan is not None:
            self._render_from(self._last_at_ms)

    @property
    def settings(self) -> Settings:
        return self._settings

    # -- internals -------------------------------------------------------------------

    def _samples_for(self, cue: Cue) -> array[int] | None:
        if cue.kind is CueKind.SPEECH:
            samples = self._speech.get(cue.text)
            if samples is None:
                self.stats.skipped_not_ready += 1
            return samples
        return self._sounds.get(cue.sound)

    def _voice(self) -> str | None:
        """The voice to render with; None when no voice speaks the language (captions)."""
        if self._renderer is None:
            return self._settings.voice
        choice = choose_voice(self._settings.voice, self._renderer.voices)
        if choice.warning is not None:
            self._warn(choice.warning)
        return None if choice.silent else choice.voice

    def _render_from(self, at_ms: int) -> None:
        """(Re)start rendering the plan's speech from ``at_ms`` with the current voice."""
        if self._request is not None:
            self._request.cancel()
            self._request = None
        assert self._plan is not None
        # The common spoken answers first (a pause may come any moment), the others last.
        cues = [c.text for c in _speech_cues(self._plan) if c.at_ms >= at_ms]
        texts = list(dict.fromkeys([*COMMON_ANSWERS, *cues, *answer_texts(self._plan)]))
        with self._speech_lock:
            self._generation += 1
            self._speech = {}
        if self._renderer is None or not self._renderer.ok or self._output is None:
            return
        voice = self._voice()
        if voice is None:
            return  # said in the warning: the captions carry the session
        self._request = self._renderer.submit(
            texts, voice, self._settings.rate, self._rate, self._on_ready()
        )

    def _on_ready(self) -> Callable[[str, array[int]], None]:
        generation = self._generation

        def ready(text: str, samples: array[int]) -> None:
            # Runs in the worker thread; audio of an older voice or rate is dropped.
            with self._speech_lock:
                if generation == self._generation:
                    self._speech[text] = samples

        return ready

    def _open_stream(self) -> bool:
        if self._stream is not None:
            return True
        assert self._output is not None
        if not self._output.start():
            self._fail(self._output.problem() or _("the audio device could not be opened"))
            return False
        now = self._clock.monotonic()
        self._mixer = Mixer()
        self._stream = PlayheadEstimate(self._rate, PACE_WINDOW_S)
        self._last_sound = now
        self._timer.start()
        self.pump()
        return True

    def _close_stream(self) -> None:
        self._timer.stop()
        self._stream = None
        self._mixer.clear()
        if self._output is not None:
            self._output.stop()

    def _fail(self, reason: str) -> None:
        self._broken = True
        self._close_stream()
        self._warn(
            _(
                "Sound stopped: {reason}. Captions go on; check the sound settings of your system."
            ).format(reason=reason)
        )

    def pump(self) -> None:
        """Top up the device's buffer; called by the timer every ``PUMP_MS``."""
        if self._renderer is not None:
            for message in self._renderer.take_problems():
                self._warn(message)
        if self._stream is None or self._output is None:
            return
        failure = self._output.problem()
        if failure is not None:
            self._fail(failure)
            return
        count = self._output.frames_free()
        if count > 0:
            self._output.write(self._mixer.take(count))
        now = self._clock.monotonic()
        self._stream.observe(now, self._mixer.position)
        if not self._mixer.pending and now - self._last_sound > IDLE_STOP_S:
            self._close_stream()  # nothing to play for a while: let the device sleep

    def is_ready(self) -> bool:
        """True when cues will sound on time: the stream is open and its pace is known.

        A stream takes a moment to start; the terminal run waits for this before the
        session starts. Without a device there is nothing to wait for: True.
        """
        if self._output is None or self._broken or self._settings.mute:
            return True
        return self._stream is not None and self._stream.steady(self._clock.monotonic())

    def close(self) -> None:
        """Stop rendering and release the device."""
        if self._request is not None:
            self._request.cancel()
        self._close_stream()


def _speech_cues(plan: Plan) -> list[Cue]:
    return sorted((c for c in plan.cues if c.kind is CueKind.SPEECH), key=lambda c: c.at_ms)
