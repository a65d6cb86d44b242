"""``massage-timer voices``: the installed voices with their languages, one marked per language."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from massage_timer.core.i18n import SHIPPED


def voices_json(language: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run(
        [sys.executable, "-m", "massage_timer", "--lang", language, "voices", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    if done.returncode == 4:
        pytest.skip(f"no speech engine here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    data: dict[str, object] = json.loads(done.stdout)
    return data


@pytest.mark.parametrize("language", SHIPPED)
def test_the_voice_each_language_uses_speaks_it(language: str) -> None:
    data = voices_json(language)
    assert data["language"] == language
    voices = data["voices"]
    assert isinstance(voices, list) and voices and all("language" in v for v in voices)
    chosen = [v for v in voices if v["chosen"]]
    if language == "en":
        assert len(chosen) == 1  # the engine's default voice
        return
    assert len(chosen) == 1 and chosen[0]["language"] == language
    by_language = data["by_language"]
    assert isinstance(by_language, dict) and by_language[language] == chosen[0]["id"]
