"""Starting the app: run_app with and without a routine, the voice fallback, the cards'
cache, and a clean stop on SIGTERM."""

from __future__ import annotations

import gc
import importlib
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import massage_timer.storage.catalog
from massage_timer import paths
from massage_timer.core.constants import QUICK_ID
from massage_timer.core.cue_player import SilentPlayer
from massage_timer.gui import home_cache, voice
from massage_timer.gui.app import run_app
from massage_timer.gui.main_window import MainWindow
from massage_timer.storage.history import HistoryStore
from massage_timer.storage.settings import Settings


@pytest.fixture
def app(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The test QApplication, its look restored afterwards; a silent voice."""
    monkeypatch.setattr(voice, "create_player", lambda s: (SilentPlayer(), [voice.NO_SOUND]))
    style, sheet, palette = qapp.style().name(), qapp.styleSheet(), qapp.palette()
    yield qapp
    # A fallback timer whose app already quit must not quit a later test's window.
    for timer in _PENDING:
        timer.stop()
    _PENDING.clear()
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)


def the_window(app: QApplication) -> MainWindow:
    [window] = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return window


_PENDING: list[QTimer] = []


def soon(app: QApplication, look: Callable[[], None], ms: int = 300) -> None:
    """Run ``look`` once the app runs; whatever happens, the app then quits."""

    def run() -> None:
        try:
            look()
        finally:
            for window in app.topLevelWidgets():
                if isinstance(window, MainWindow) and window.isVisible():
                    window.quit_now()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(run)
    timer.start(ms)
    _PENDING.append(timer)


def once_running(app: QApplication, look: Callable[[], None], limit_ms: int = 10000) -> None:
    """Run ``look`` as soon as the window's session runs (or after ``limit_ms``), then quit.

    A loaded machine (CI with coverage) may take longer than a fixed delay to get there.
    """
    waited = [0]

    def check() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        controller = windows[0].controller if windows else None
        running = controller is not None and controller.state.value == "running"
        if running or waited[0] >= limit_ms:
            soon(app, look, ms=0)
            return
        waited[0] += 50
        QTimer.singleShot(50, check)

    QTimer.singleShot(50, check)


def test_quick_opens_the_window_and_starts_at_once(app: QApplication) -> None:
    seen: dict[str, object] = {}

    def look() -> None:
        window = the_window(app)
        seen["title"] = window.windowTitle()
        seen["page"] = window.current_page() is window.session_view
        seen["state"] = window.controller.state.value if window.controller else None
        seen["banner"] = window.banner.label.text()

    once_running(app, look)
    assert run_app(start_routine=QUICK_ID) == 0
    assert "massage-timer" in str(seen["title"]) and "Quick 5 minutes" in str(seen["title"])
    assert seen["page"] and seen["state"] == "running"
    assert seen["banner"] == voice.NO_SOUND  # shown once, in the window
    [record] = HistoryStore().sessions()  # quitting stopped and recorded it
    assert record.routine_id == QUICK_ID and not record.completed


def test_run_with_minutes_fits_the_session(app: QApplication) -> None:
    seen: dict[str, float] = {}

    def look() -> None:
        window = the_window(app)
        assert window.controller is not None
        seen["total"] = window.controller.plan.total_seconds

    soon(app, look)
    assert run_app(start_routine="desk-break", minutes=2) == 0
    assert seen["total"] == 120


def test_without_a_routine_the_home_shows(app: QApplication) -> None:
    seen: dict[str, bool] = {}

    def look() -> None:
        window = the_window(app)
        seen["home"] = window.current_page() is window.home
        seen["cards"] = bool(window.home.cards)
        window.close()  # nothing to lose: no question

    soon(app, look)
    assert run_app() == 0
    assert seen == {"home": True, "cards": True}


def test_the_cycle_collector_waits_for_the_first_frame(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    # open_window turns the collector off while the window is made; run_app turns it on
    # once the window is on screen, not only when the app ends.
    seen: dict[str, bool] = {}
    monkeypatch.setattr(MainWindow, "__init__", _spy_init(seen), raising=True)

    def look() -> None:
        seen["on screen"] = gc.isenabled()
        the_window(app).close()

    soon(app, look)
    gc.disable()
    try:
        assert run_app() == 0
    finally:
        gc.enable()
    assert seen == {"while made": False, "on screen": True}


def _spy_init(seen: dict[str, bool]) -> Callable[..., None]:
    made = MainWindow.__init__

    def init(self: MainWindow, *args: object, **kwargs: object) -> None:
        seen["while made"] = gc.isenabled()
        made(self, *args, **kwargs)  # type: ignore[arg-type]

    return init


def test_an_unknown_routine_is_an_error_before_any_window(
    app: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_app(start_routine="no-such-routine") == 1
    assert "no routine with this id" in capsys.readouterr().err
    assert not [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]


def test_sigterm_stops_records_and_quits(app: QApplication) -> None:
    before = signal.getsignal(signal.SIGTERM)
    QTimer.singleShot(300, lambda: os.kill(os.getpid(), signal.SIGTERM))
    soon(app, lambda: None, 5000)  # should the signal be lost, the test still ends
    assert run_app(start_routine=QUICK_ID) == 0
    assert signal.getsignal(signal.SIGTERM) is before  # handlers are put back
    [record] = HistoryStore().sessions()
    assert not record.completed


def test_a_missing_voice_falls_back_to_captions(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_module(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", no_module)
    player, warnings = voice.create_player(Settings())
    assert isinstance(player, SilentPlayer) and warnings == [voice.NO_SOUND]


def test_a_voice_that_fails_to_start_falls_back_too(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        @staticmethod
        def create_cue_player(settings: Settings) -> object:
            raise RuntimeError("no espeak")

    monkeypatch.setattr(importlib, "import_module", lambda name: Broken)
    player, warnings = voice.create_player(Settings())
    assert isinstance(player, SilentPlayer)
    assert warnings == ["Sound could not start (no espeak); captions show every cue."]


def test_the_cards_come_from_the_cache_until_a_routine_changes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = MainWindow(Settings())
    qtbot.addWidget(first)
    entries = [c.entry for c in first.home.cards]
    qtbot.waitUntil(home_cache.cache_file().is_file)

    def no_reading() -> object:
        raise AssertionError("the routines were read")

    with monkeypatch.context() as patch:
        patch.setattr(massage_timer.storage.catalog, "load_catalog", no_reading)
        second = MainWindow(Settings())
        qtbot.addWidget(second)
        assert [c.entry for c in second.home.cards] == entries
    folder: Path = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'title = "Mine"\n[[steps]]\ntechnique = "kneading"\nduration = 60\n', encoding="utf-8"
    )
    third = MainWindow(Settings())
    qtbot.addWidget(third)
    assert third.home.card("mine") is not None
    for window in (first, second, third):
        window.quit_now()


def test_qt_speaks_the_language_once_the_window_is_on_screen(app: QApplication) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale

    from massage_timer.gui import language

    before = QLocale()
    seen: dict[str, str] = {}

    def look() -> None:
        seen["locale"] = QLocale().name()
        seen["cancel"] = QCoreApplication.translate("QPlatformTheme", "Cancel")
        the_window(app).close()

    soon(app, look)
    try:
        assert run_app(language="de") == 0
    finally:
        for translator in language._KEPT:
            app.removeTranslator(translator)
        language._KEPT.clear()
        QLocale.setDefault(before)
    assert seen == {"locale": "de_DE", "cancel": "Abbrechen"}
