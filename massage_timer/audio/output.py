"""The sound output: one QAudioSink stream in push mode, behind a small protocol.

The player writes mono 16-bit samples; this module turns them into what the device
takes (a second channel if it insists on stereo) and applies the user's volume on the
stream, so every cue and beep is at that volume without touching a sample.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QIODevice
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from massage_timer.audio.qtlog import quiet_multimedia_messages

__all__ = ["AudioOut", "QtAudioOut", "default_output_device", "quiet_multimedia_messages"]

PREFERRED_RATE = 22050  # what espeak renders and the shipped sounds use: no resampling
BUFFER_MS = 100  # the player keeps this full: it is most of the delay, and rides out stalls


class AudioOut(Protocol):
    """A stream of mono 16-bit samples to a speaker."""

    sample_rate: int

    def start(self) -> bool:
        """Open the stream; False if it cannot be opened."""

    def frames_free(self) -> int:
        """How many samples can be written now without blocking."""

    def write(self, samples: array[int]) -> None: ...

    def set_volume(self, volume: float) -> None:
        """The user's volume, 0..1 as a slider shows it."""

    def problem(self) -> str | None:
        """What went wrong with the stream, if it failed."""

    def stop(self) -> None: ...


def default_output_device() -> QAudioDevice | None:
    """The system's default audio output, or None when there is none (no server, no card)."""
    with _no_media_backend():
        device = QMediaDevices.defaultAudioOutput()
    return None if device.isNull() else device


@contextmanager
def _no_media_backend() -> Iterator[None]:
    """Let Qt Multimedia start without its media-player backend plugin.

    The first device query makes Qt Multimedia's one platform integration for the app,
    and with the plugin found that is FFmpeg (with QtQuick, QtQml, libssl beside it):
    11 MiB more at the peak of a session (22 MiB in a bare process), for players and
    cameras the app never uses.
    Without it Qt keeps what this module needs (QMediaDevices, QAudioSink) on the
    system's sound server directly, as the bundle does by leaving the plugin out. So
    plugins are not looked up while the integration is made; every plugin the window
    needed is loaded by then, and the search paths are put back straight after.
    """
    paths = QCoreApplication.libraryPaths()
    QCoreApplication.setLibraryPaths([])
    try:
        yield
    finally:
        QCoreApplication.setLibraryPaths(paths)


def _format(rate: int, channels: int) -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(rate)
    fmt.setChannelCount(channels)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return fmt


class QtAudioOut:
    """An :class:`AudioOut` on a QAudioSink; made and used in the GUI thread."""

    def __init__(self, device: QAudioDevice) -> None:
        self._device = device
        preferred = device.preferredFormat().sampleRate() or 48000
        for rate, channels in ((PREFERRED_RATE, 1), (preferred, 1), (preferred, 2)):
            if device.isFormatSupported(_format(rate, channels)):
                break
        self.sample_rate = rate
        self._channels = channels
        self._format = _format(rate, channels)
        self._sink: QAudioSink | None = None
        self._io: QIODevice | None = None
        self._volume = 1.0

    def start(self) -> bool:
        self.stop()
        sink = QAudioSink(self._device, self._format)
        sink.setBufferSize(self.sample_rate * 2 * self._channels * BUFFER_MS // 1000)
        sink.setVolume(self._volume)
        self._sink = sink
        self._io = sink.start()
        return self._io is not None and self.problem() is None

    def frames_free(self) -> int:
        if self._sink is None:
            return 0
        return self._sink.bytesFree() // (2 * self._channels)

    def write(self, samples: array[int]) -> None:
        if self._io is None:
            return
        if self._channels == 2:
            both = array("h", bytes(4 * len(samples)))
            both[0::2] = samples
            both[1::2] = samples
            samples = both
        self._io.write(samples.tobytes())

    def set_volume(self, volume: float) -> None:
        # A slider feels even when it moves in decibels; the stream wants a linear factor.
        self._volume = QtAudio.convertVolume(
            max(0.0, min(1.0, volume)),
            QtAudio.VolumeScale.LogarithmicVolumeScale,
            QtAudio.VolumeScale.LinearVolumeScale,
        )
        if self._sink is not None:
            self._sink.setVolume(self._volume)

    def problem(self) -> str | None:
        if self._sink is None:
            return None
        error = self._sink.error()
        if error in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
            return None  # an underrun only means nothing was written for a moment
        return {
            QtAudio.Error.OpenError: "the audio device could not be opened",
            QtAudio.Error.IOError: "the audio device stopped taking sound",
            QtAudio.Error.FatalError: "the audio device failed",
        }.get(error, f"audio error {error}")

    def stop(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink = None
        self._io = None
