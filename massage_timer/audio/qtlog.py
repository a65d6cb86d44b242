"""Keeping Qt Multimedia's own chatter out of the terminal.

Loading Qt Multimedia logs which backends it probed and, without a sound server, that
the connection failed. The app says what is missing in one clear line of its own, so
these are dropped; this module imports only QtCore so the filter is in place before
Qt Multimedia loads.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_NOISE = ("PulseAudioService:", "No audio device detected", "No QtMultimedia backends")


@contextmanager
def quiet_multimedia_messages() -> Iterator[None]:
    """Hide Qt Multimedia's own chatter (backend probing, a missing sound server).

    The app says what is missing in one clear line of its own; the rest of Qt's messages
    pass through to whoever handled them before.
    """

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or ""
        if category.startswith("qt.multimedia") or message.startswith(_NOISE):
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
