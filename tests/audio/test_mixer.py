"""The mixer's sample timeline and the playhead estimate."""

from __future__ import annotations

from array import array

from massage_timer.audio.mixer import Mixer, PlayheadEstimate


def test_mixer_plays_sounds_at_their_positions() -> None:
    mixer = Mixer()
    assert list(mixer.take(3)) == [0, 0, 0] and mixer.position == 3
    mixer.add(array("h", [1, 2, 3]), at=5)
    mixer.add(array("h", [10, 10]), at=6)
    assert mixer.pending == 5  # up to the end of the last sound
    assert list(mixer.take(4)) == [0, 0, 1, 12]
    assert list(mixer.take(4)) == [13, 0, 0, 0]
    assert mixer.pending == 0


def test_mixer_cuts_a_start_in_the_past_skips_and_clears() -> None:
    mixer = Mixer()
    mixer.take(10)
    mixer.add(array("h", [1, 2, 3, 4]), at=8)
    assert list(mixer.take(2)) == [3, 4]
    mixer.add(array("h", [5, 5, 5]), at=mixer.position)
    mixer.skip(2)
    assert list(mixer.take(2)) == [5, 0] and mixer.position == 16
    mixer.add(array("h", [9]), at=20)
    mixer.clear()
    assert list(mixer.take(6)) == [0] * 6


def test_playhead_follows_the_device_pace_from_the_top_of_the_sawtooth() -> None:
    rate = 1000
    head = PlayheadEstimate(rate, window=0.5)
    head.observe(10.0, 100)  # the first fill: the device has not started
    assert not head.steady(10.0)
    head.observe(10.3, 100)  # still waiting for the device
    # The device starts at 10.4 and frees space in 30-sample chunks every 30 ms.
    position = 100
    now = 10.4
    for _ in range(40):
        position += 30
        head.observe(now, position)
        now = round(now + 0.03, 3)
    assert head.flowing_since == 10.4 and head.steady(now)
    # The write head is always 100 samples ahead of a device that plays from 10.4.
    assert head.at(now) == round(rate * (now - 10.4)) + 100 + 30
    # A pause of the device (an underrun) is followed within one window of it resuming.
    for _ in range(20):
        head.observe(now, position)
        now = round(now + 0.03, 3)
    for _ in range(20):
        position += 30
        head.observe(now, position)
        now = round(now + 0.03, 3)
    assert head.at(now) == position + 30
