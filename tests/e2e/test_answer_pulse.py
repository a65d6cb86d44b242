"""A D-Bus pause is answered aloud: "Paused." heard through a private PulseAudio sink
within 300 ms of the call (the rig is ``bench/rigs/answer.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.rigs import answer

pytestmark = [pytest.mark.pulse, pytest.mark.slow]

if (why := answer.missing_tools()) is not None:
    pytest.skip(why, allow_module_level=True)

LIMIT_S = 0.300


def test_a_dbus_pause_is_heard_within_300_ms(tmp_path: Path) -> None:
    heard = answer.measure(tmp_path)
    assert heard.status == "(<'Paused'>,)"
    assert heard.quiet_before, "not quiet before the pause: the answer cannot be told apart"
    assert heard.latency_s is not None, "nothing was heard after the pause"
    assert heard.sounding_s > 0.2, "a click, not a spoken answer"
    assert heard.latency_s <= LIMIT_S, f"answered {heard.latency_s * 1000:.0f} ms after the pause"
