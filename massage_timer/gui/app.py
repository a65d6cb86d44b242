"""Starting the window: the application, its theme, the main window and a first session.

Only what the first frame needs is done before the window shows; the voice (and with it
QtMultimedia), the icon and QtSvg wait until the window is on screen.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from massage_timer import APP_NAME
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.theme import apply_theme
from massage_timer.storage.settings import load_settings

EXIT_INVALID = 1
_EXPOSE_TRIES = 200  # x 10 ms: how long to wait for the window to reach the screen


def run_app(start_routine: str | None = None, minutes: float | None = None) -> int:
    """Open the window; with ``start_routine`` (an id or a .toml path) start that session."""
    catalog = None  # the home screen may show its cards from the cache without reading it
    if start_routine is not None:
        from massage_timer.catalog import find_routine, load_catalog
        from massage_timer.core.routine_errors import RoutineError

        catalog = load_catalog()
        try:
            find_routine(start_routine, catalog)
        except RoutineError as exc:
            print(f"massage-timer: {exc}", file=sys.stderr)
            return EXIT_INVALID
    settings, warnings = load_settings()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    apply_theme(app, settings.theme)
    window = MainWindow(settings, catalog, warnings=[w.message for w in warnings])
    window.restore_geometry()
    if start_routine is not None:
        window.open_session(start_routine, minutes)
    window.show()
    window.activateWindow()  # keys must work at once, before any click
    _when_on_screen(window, lambda: _after_first_frame(window))
    with _quit_on_signals(window):
        code = app.exec()
    window.shut_down()  # also when the loop ended without the window closing (a logout)
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return code


def _when_on_screen(window: MainWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once the window is exposed (its first frame drawn), or after 2 s."""
    tries = [0]

    def check() -> None:
        handle = window.windowHandle()
        tries[0] += 1
        if (handle is not None and handle.isExposed()) or tries[0] >= _EXPOSE_TRIES:
            then()
        else:
            QTimer.singleShot(10, check)

    QTimer.singleShot(0, check)


_ROUTERS: list[object] = []


def _after_first_frame(window: MainWindow) -> None:
    window.finish_startup()
    # The editor, history, settings, reminders and tray: not needed for the first frame.
    from massage_timer.gui.pages import PageRouter

    _ROUTERS.append(PageRouter(window))  # held here: Python must not collect it
    from massage_timer.resources import icon_path

    try:
        icon = icon_path()
    except (ValueError, FileNotFoundError):
        return
    if icon.is_file():
        from PySide6.QtGui import QIcon

        window.setWindowIcon(QIcon(str(icon)))


@contextmanager
def _quit_on_signals(window: MainWindow) -> Iterator[None]:
    """Ctrl+C or SIGTERM: stop and record the session, save, and quit; no polling timer.

    Python runs a signal handler only when it gets control; the wakeup pipe makes the
    Qt loop hand it control the moment a signal arrives.
    """
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    os.set_blocking(writer, False)
    old_fd = signal.set_wakeup_fd(writer)
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read)

    def woken() -> None:
        try:
            os.read(reader, 64)
        except OSError:
            pass

    def handle(signum: int, frame: object) -> None:
        window.quit_now()

    notifier.activated.connect(woken)
    old = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        notifier.setEnabled(False)
        for sig, handler in old.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(old_fd)
        os.close(reader)
        os.close(writer)
