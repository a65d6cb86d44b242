"""The window follows being minimized, hidden and shown, and a new app font, by itself."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from massage_timer.core.constants import QUICK_ID
from massage_timer.gui.main_window import MainWindow
from tests.doubles import FakeClock


def _breathing_session(window: MainWindow, clock: FakeClock) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(17)  # past "Get ready": the breath pacer moves
    controller.poll_now()
    assert window.session_view.pacer.animating


def test_minimizing_stops_the_frames_and_restoring_brings_them_back(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    _breathing_session(window, clock)
    pacer = window.session_view.pacer
    window.showMinimized()
    qtbot.waitUntil(lambda: not pacer.animating)
    assert window.controller is not None and not window.controller._display
    window.showNormal()
    qtbot.waitUntil(lambda: pacer.animating)
    assert window.controller._display


def test_hiding_stops_the_frames_and_showing_again_brings_them_back(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    # As closing to the tray and opening from it do.
    _breathing_session(window, clock)
    pacer = window.session_view.pacer
    window.hide()
    qtbot.waitUntil(lambda: not pacer.animating)
    window.show()
    qtbot.waitUntil(lambda: pacer.animating)


def test_shown_again_on_the_home_the_quick_button_has_the_keys(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.hide()
    window.home.quick_button.clearFocus()
    window.show()
    qtbot.waitUntil(lambda: window.focusWidget() is window.home.quick_button)


def test_a_new_app_font_rescales_the_window_text(qtbot: QtBot, window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    base = QFont(app.font())
    heading = window.home.quick_button
    before = heading.font().pointSizeF()
    bigger = QFont(base)
    bigger.setPointSizeF(base.pointSizeF() * 1.5)
    try:
        app.setFont(bigger)
        qtbot.waitUntil(lambda: heading.font().pointSizeF() > before * 1.4)
    finally:
        app.setFont(base)
    qtbot.waitUntil(lambda: abs(heading.font().pointSizeF() - before) < 0.01)
