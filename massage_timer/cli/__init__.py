"""The ``massage-timer`` command line: the parser and commands, and the terminal session.

Nothing here imports PySide6: a session with sound reaches Qt only through the
``audio`` package (its cue player and :mod:`massage_timer.audio.qt_loop`).
"""

from __future__ import annotations

import gc


def run() -> int:
    """The command's entry point: the wheel's script, ``python -m massage_timer``, the bundle.

    The command's modules load with Python's cycle collector off: what they make lasts as
    long as the process, and a dozen passes over it cost about 2 ms of the window's start.
    ``main`` turns it on again for every command, and the window after its first frame.
    """
    gc.disable()
    from massage_timer.cli.main import main

    return main()
