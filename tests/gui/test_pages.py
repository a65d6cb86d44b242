"""The customize, history and settings pages reached from the window, and reminders."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.pages import PageRouter
from massage_timer.gui.routine_editor import RoutineEditor
from massage_timer.storage.catalog import load_catalog
from massage_timer.storage.settings import Settings, load_settings
from tests.doubles import RecordingPlayer


def router_for(window: MainWindow) -> PageRouter:
    return PageRouter(window, voices=lambda: [("en", "English")])


def test_customize_opens_the_editor_and_a_save_shows_on_home(
    window: MainWindow, qtbot: QtBot
) -> None:
    router = router_for(window)
    window.home.customize_requested.emit("shoulder-relief")
    editor = router.editor
    assert isinstance(editor, RoutineEditor) and window.current_page() is not window.home
    editor.title_edit.setText("Evening shoulders")
    editor.title_edit.textEdited.emit("Evening shoulders")
    saved = editor.save()
    assert saved is not None and saved.origin == "user"
    assert any(r.title == "Evening shoulders" for r in load_catalog().routines)
    assert any(r.title == "Evening shoulders" for r in window.catalog.routines)
    editor.closed.emit()
    assert window.current_page() is window.home


def test_escape_leaves_a_page(window: MainWindow, qtbot: QtBot) -> None:
    router_for(window)
    window.home.history_requested.emit()
    assert window.current_page() is not window.home
    window.actions_["stop"].trigger()
    assert window.current_page() is window.home


def test_unknown_routine_to_customize_says_so(window: MainWindow) -> None:
    router = router_for(window)
    assert router.open_editor("nope") is None
    assert any("nope" in m for m in window.banner.shown)


def test_settings_apply_live_to_the_running_session(
    window: MainWindow, player: RecordingPlayer, qtbot: QtBot, private_user_folders: Path
) -> None:
    router = router_for(window)
    window.open_session("quick-5")
    window.home.settings_requested.emit()
    dialog = router.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.settings_changed.emit(window.settings.replace(mute=True, theme="dark"))
    assert window.settings.mute and window.settings.theme == "dark"
    dialog.add_reminder("07:30")  # what the dialog's fields hold is what OK saves
    assert router.reminders.next_due() is not None
    dialog.accept()
    stored, _ = load_settings()
    assert stored.reminders == ("07:30",)


def test_a_reminder_without_a_tray_asks_in_the_window(window: MainWindow, qtbot: QtBot) -> None:
    router = router_for(window)
    router.tray.available = False
    router.remind("lower-back")
    from PySide6.QtWidgets import QMessageBox

    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "Lower-back self-massage" in boxes[0].text()
    boxes[0].button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.controller is not None)
    assert window.controller is not None and window.controller.plan.routine_id == "lower-back"


def test_closing_with_the_tray_keeps_the_app(qtbot: QtBot, settings: Settings) -> None:
    win = MainWindow(settings.replace(tray=True), player=RecordingPlayer())
    qtbot.addWidget(win)
    win.show()
    router = router_for(win)
    router.tray.available = True  # offscreen has no tray; the window logic is what is tested
    win.close()
    assert not win.isVisible() and not router._leaving
    router._quit_from_tray()
    assert router._leaving
