"""The file name of one rendered cue, hashed without loading OpenSSL.

``hashlib`` loads OpenSSL's libcrypto on import, about 4 MiB resident in a window with a
100 MiB budget, for one short digest per cue. CPython's own SHA-256 gives the same
digest (so caches made before stay valid); ``hashlib`` is the fallback where a build
lacks it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

_BUILTIN_SHA256 = ("_sha2", "_sha256")  # CPython 3.12+, 3.11


def _sha256() -> Callable[[bytes], Any]:
    for name in _BUILTIN_SHA256:
        try:
            constructor: Callable[[bytes], Any] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return constructor
    import hashlib

    return hashlib.sha256


_SHA256 = _sha256()


def cache_key(text: str, voice: str, rate: int, engine: str) -> str:
    """The file name stem of one rendered cue."""
    digest: str = _SHA256(f"{engine}\n{voice}\n{rate}\n{text}".encode()).hexdigest()
    return digest
