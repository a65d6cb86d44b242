"""16-bit PCM helpers: WAV files, trimming, resampling and mixing."""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from massage_timer.audio import pcm
from massage_timer.core.files import FileTooLargeError, NotARegularFileError


def test_wav_round_trip_and_atomic_write(tmp_path: Path) -> None:
    samples = array("h", [0, 1, -1, 32767, -32768])
    path = tmp_path / "sub" / "a.wav"
    pcm.write_wav_atomic(path, samples, 16000, durable=True)
    assert pcm.read_wav(path) == (samples, 16000)
    assert [p.name for p in path.parent.iterdir()] == ["a.wav"]  # no temporary left


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[: len(data) // 2], "truncated"),
        (lambda data: b"RIFF" + b"\xff" * 40, "not a readable WAV"),
        (lambda data: b"", "not a readable WAV"),
    ],
)
def test_damaged_wavs_are_recognised(
    tmp_path: Path, damage: Callable[[bytes], bytes], message: str
) -> None:
    path = tmp_path / "a.wav"
    path.write_bytes(damage(pcm.wav_bytes(array("h", range(1000)), 22050)))
    with pytest.raises(pcm.BadWavError, match=message):
        pcm.read_wav(path)


def test_a_fifo_or_an_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "a.wav"
    os.mkfifo(fifo)  # no writer: a plain open() would wait forever
    with pytest.raises(NotARegularFileError):
        pcm.read_wav(fifo)
    big = tmp_path / "big.wav"
    big.write_bytes(pcm.wav_bytes(array("h", range(1000)), 22050))
    with pytest.raises(FileTooLargeError):
        pcm.read_wav(big, limit=1000)
    assert pcm.read_wav(big, limit=2100)[1] == 22050


def test_stereo_is_refused(tmp_path: Path) -> None:
    import wave

    path = tmp_path / "s.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(40))
    with pytest.raises(pcm.BadWavError, match="mono"):
        pcm.read_wav(path)


def test_trim_cuts_leading_silence_and_keeps_a_short_tail() -> None:
    rate = 1000  # one sample a millisecond keeps the arithmetic readable
    sound = array("h", [0] * 50 + [5, 100, -300, 200] + [0] * 200)
    trimmed = pcm.trim(sound, rate)
    # 5 is below the silence level: sound starts at 100, with KEEP_BEFORE_MS of lead-in.
    assert list(trimmed[:4]) == [0, 5, 100, -300]
    assert len(trimmed) == pcm.KEEP_BEFORE_MS + 3 + pcm.KEEP_AFTER_MS
    assert pcm.trim(array("h", [0, 3, -3]), rate) == array("h")


def test_resample_changes_length_and_keeps_shape() -> None:
    ramp = array("h", range(0, 1000, 10))
    up = pcm.resample(ramp, 100, 200)
    assert len(up) == 200 and up[0] == 0 and up[2] == 10
    assert pcm.resample(ramp, 100, 100) is ramp
    assert len(pcm.resample(ramp, 200, 100)) == 50


def test_mix_copies_into_silence_and_sums_overlaps_with_clipping() -> None:
    dest = array("h")
    used = pcm.mix_into(dest, array("h", [100, 200, 300]), 2, 0)
    assert list(dest) == [0, 0, 100, 200, 300] and used == 5
    used = pcm.mix_into(dest, array("h", [32700, -32700, 1]), 3, used)
    assert list(dest) == [0, 0, 100, 32767, -32400, 1] and used == 6
    used = pcm.mix_into(dest, array("h", [-5, 7]), -1, used)  # a start in the past is cut
    assert dest[0] == 7 and used == 6
