"""A cue's cache key: SHA-256 as before, without OpenSSL loaded for it."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from massage_timer.audio.cache_key import cache_key


def test_the_key_is_the_sha256_the_cache_always_used() -> None:
    text = "Breathe in slowly. Atmen Sie ein. 吸气"
    expected = hashlib.sha256(f"e 1\nen\n160\n{text}".encode()).hexdigest()
    assert cache_key(text, "en", 160, "e 1") == expected


def test_the_speech_module_and_its_keys_leave_openssl_unloaded() -> None:
    probe = (
        "import sys\n"
        "import massage_timer.audio.speech\nfrom massage_timer.audio.cache_key import cache_key\n"
        "cache_key('Release.', 'en', 160, 'e 1')\n"
        "print('_hashlib' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "False"
