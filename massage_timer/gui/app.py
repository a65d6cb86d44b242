"""Starting the window: the application, its theme, the main window and a first session.

Only what the first frame needs is done before the window shows; the voice (and with it
QtMultimedia), Qt's own translations, the icon and QtSvg wait until the window is on screen.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from massage_timer import APP_NAME
from massage_timer.core.i18n import set_language
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.theme import apply_theme
from massage_timer.storage.settings import load_settings

EXIT_INVALID = 1
_EXPOSE_TRIES = 200  # x 10 ms: how long to wait for the window to reach the screen


def run_app(
    start_routine: str | None = None, minutes: float | None = None, language: str | None = None
) -> int:
    """Open the window; with ``start_routine`` (an id or a .toml path) start that session.

    ``language`` (``--lang``) wins over the settings' language, which wins over the
    system's locale.
    """
    settings, warnings = load_settings()
    set_language(language or settings.language)
    catalog = None  # the home screen may show its cards from the cache without reading it
    if start_routine is not None:
        from massage_timer.core.routine_errors import RoutineError
        from massage_timer.storage.catalog import find_routine, load_catalog

        catalog = load_catalog()
        try:
            find_routine(start_routine, catalog)
        except RoutineError as exc:
            print(f"massage-timer: {exc}", file=sys.stderr)
            return EXIT_INVALID
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
    _when_on_screen(window, lambda: _after_first_frame(app, window))
    # Ctrl+C or SIGTERM: stop and record the session, save, and quit; no polling timer.
    # Imported once the window is mapped: the first frame needs none of it (about 1 ms).
    import signal

    from massage_timer.audio.qt_loop import signals_into_loop

    with signals_into_loop(lambda _signum: window.quit_now(), (signal.SIGINT, signal.SIGTERM)):
        code = app.exec()
    window.shut_down()  # also when the loop ended without the window closing (a logout)
    window.deleteLater()
    from PySide6.QtCore import QEvent  # not for the first frame: see gui/window_events.py

    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return code


def _when_on_screen(window: MainWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once the window is exposed (its first frame drawn), or after 2 s."""
    tries = [0]

    def check() -> None:
        if not shiboken6.isValid(window):
            return  # the app quit (and deleted the window) before its first frame
        handle = window.windowHandle()
        tries[0] += 1
        if (handle is not None and handle.isExposed()) or tries[0] >= _EXPOSE_TRIES:
            then()
        else:
            QTimer.singleShot(10, check)

    QTimer.singleShot(0, check)


_ROUTERS: list[object] = []


def _after_first_frame(app: QApplication, window: MainWindow) -> None:
    gc.enable()  # off while the window was made (cli.main.open_window)
    # Qt's own texts and number formats: the home screen shows neither.
    from massage_timer.gui.language import install_qt_translations

    install_qt_translations(app)
    window.finish_startup()
    # The editor, history, settings, reminders and tray: not needed for the first frame.
    from massage_timer.gui.pages import PageRouter

    router = PageRouter(window)
    _ROUTERS.append(router)  # held here: Python must not collect it
    from massage_timer.gui.hands_free import start_hands_free

    _ROUTERS.append(start_hands_free(window, tray=router.tray))  # media keys, tray menu
    from massage_timer.resources import icon_path

    try:
        icon = icon_path()
    except (ValueError, FileNotFoundError):
        return
    if icon.is_file():
        from PySide6.QtGui import QIcon

        window.setWindowIcon(QIcon(str(icon)))
