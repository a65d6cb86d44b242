"""The Qt event loop for sound without a window: the terminal's session with a voice.

The command line's only contact with Qt goes through here (and the cue player), so the
``cli`` package itself imports no PySide6. :func:`signals_into_loop` is also how the
window routes Ctrl-C and SIGTERM into its loop.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from massage_timer.audio.pyside_import_scan import prepare_pyside

prepare_pyside()  # the terminal's sound starts here: before any Qt library loads

from PySide6.QtCore import QCoreApplication, QEventLoop, QSocketNotifier, QTimer  # noqa: E402


def core_application() -> QCoreApplication:
    """The running application, or a new windowless one (the audio stream needs one)."""
    return QCoreApplication.instance() or QCoreApplication(sys.argv[:1])


@contextmanager
def signals_into_loop(
    handler: Callable[[int], None], signums: tuple[int, ...] = (signal.SIGINT,)
) -> Iterator[None]:
    """Call ``handler(signum)`` promptly for these signals while a Qt loop runs.

    Python runs signal handlers only between bytecodes, never inside Qt's C++ loop, so
    the signal also writes a byte to a wakeup pipe that a QSocketNotifier watches; that
    hands Python control at once. Outside the main thread it does nothing.
    """
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    os.set_blocking(writer, False)
    try:
        old_fd = signal.set_wakeup_fd(writer)
    except ValueError:  # not the main thread: signals cannot be set here
        os.close(reader)
        os.close(writer)
        yield
        return
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read)

    def drain() -> None:
        with suppress(OSError):
            os.read(reader, 64)

    notifier.activated.connect(drain)
    old = {sig: signal.signal(sig, lambda signum, _frame: handler(signum)) for sig in signums}
    try:
        yield
    finally:
        notifier.setEnabled(False)
        for sig, previous in old.items():
            signal.signal(sig, previous)
        signal.set_wakeup_fd(old_fd)
        os.close(reader)
        os.close(writer)


def drive(
    step: Callable[[], float | None],
    *,
    key_fd: int | None = None,
    on_key: Callable[[str], None] | None = None,
    on_interrupt: Callable[[], None] | None = None,
) -> None:
    """Run a Qt event loop that calls ``step()`` whenever it asks, until it returns None.

    ``step()`` returns how many seconds may pass before it is called again. A single-shot
    precise QTimer wakes exactly then; keys read from ``key_fd`` go to ``on_key`` (and
    wake the loop); Ctrl-C calls ``on_interrupt`` and wakes it.
    """
    from PySide6.QtCore import Qt  # not at import: the window's start would pay ~20 ms for it

    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    interrupted = False

    def wake() -> None:
        nonlocal interrupted
        timer.stop()
        if interrupted and on_interrupt is not None:
            interrupted = False
            on_interrupt()
        wait = step()
        if wait is None:
            loop.quit()
        else:
            # Rounded up: waking a hair late costs nothing, waking early a second pass.
            timer.start(max(0, math.ceil(wait * 1000)))

    def read_key() -> None:
        assert key_fd is not None
        data = os.read(key_fd, 8)
        if data and on_key is not None:
            on_key(data.decode(errors="ignore"))
        wake()

    def interrupt(_signum: int) -> None:
        nonlocal interrupted
        interrupted = True
        QTimer.singleShot(0, wake)

    timer.timeout.connect(wake)
    notifier: QSocketNotifier | None = None
    with signals_into_loop(interrupt):
        if key_fd is not None:
            notifier = QSocketNotifier(key_fd, QSocketNotifier.Type.Read)
            notifier.activated.connect(read_key)
        timer.start(0)  # the first step runs inside the loop, so quit() always lands
        loop.exec()
        if notifier is not None:
            notifier.setEnabled(False)


def wait_until(condition: Callable[[], bool], timeout: float) -> None:
    """Run the Qt event loop until ``condition()`` holds, at most ``timeout`` seconds."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout

    def check() -> None:
        if condition() or time.monotonic() >= deadline:
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(10)
    if not condition():
        loop.exec()
    timer.stop()
