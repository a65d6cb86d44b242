"""The one-line warnings: each says what is missing and how to fix it."""

from __future__ import annotations

import sys

import pytest

from massage_timer.audio import availability


def test_no_speech_engine_names_the_package_and_the_captions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    line = availability.no_speech_warning("This means you probably do not have eSpeak\nmore")
    assert "\n" not in line
    assert "sudo apt-get install libespeak-ng1" in line and "Captions will show" in line
    monkeypatch.setattr(sys, "platform", "win32")
    assert "reinstall" in availability.no_speech_warning("")


def test_long_reasons_are_shortened() -> None:
    line = availability.no_speech_warning("x" * 500)
    assert "x" * 117 + "..." in line and "x" * 118 not in line


def test_no_output_and_no_multimedia() -> None:
    assert "PulseAudio or PipeWire" in availability.no_output_warning()
    assert "libpulse0" in availability.no_multimedia_warning("libpulse.so.0: cannot open")
