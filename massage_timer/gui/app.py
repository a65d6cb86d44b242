"""Starting the window: the application, its theme, the main window and a first session.

Only what the first frame needs is done before the window shows; the voice (and with it
QtMultimedia), the icon and QtSvg wait until the window is on screen.
"""

from __future__ import annotations

import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from massage_timer import APP_NAME
from massage_timer.catalog import find_routine, load_catalog
from massage_timer.core.routine_errors import RoutineError
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.theme import apply_theme
from massage_timer.storage.settings import load_settings

EXIT_INVALID = 1
_EXPOSE_TRIES = 200  # x 10 ms: how long to wait for the window to reach the screen
_KEEP: list[object] = []


def run_app(start_routine: str | None = None, minutes: float | None = None) -> int:
    """Open the window; with ``start_routine`` (an id or a .toml path) start that session."""
    catalog = load_catalog()
    if start_routine is not None:
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
    _when_on_screen(window, lambda: _after_first_frame(window))
    _quit_on_signals(app, window)
    return app.exec()


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


def _after_first_frame(window: MainWindow) -> None:
    window.finish_startup()
    from massage_timer.resources import icon_path

    try:
        icon = icon_path()
    except (ValueError, FileNotFoundError):
        return
    if icon.is_file():
        window.setWindowIcon(QIcon(str(icon)))


def _quit_on_signals(app: QApplication, window: MainWindow) -> None:
    """Ctrl+C or SIGTERM: stop and record the session, save, and quit; no polling timer."""
    reader, writer = socket.socketpair()
    writer.setblocking(False)
    reader.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def woken() -> None:
        try:
            reader.recv(64)
        except OSError:
            pass

    def handle(signum: int, frame: object) -> None:
        window.quit_now()

    notifier.activated.connect(woken)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, handle)
    _KEEP.append((reader, writer, notifier))  # alive as long as the app
