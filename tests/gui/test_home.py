"""The home screen: the routines with their minutes, the quick button, the ways out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from massage_timer import paths
from massage_timer.core.constants import QUICK_ID
from massage_timer.core.planner import plan_routine
from massage_timer.gui.main_window import MainWindow
from massage_timer.storage.catalog import BUILTIN_ORDER, load_catalog
from tests.doubles import RecordingPlayer, fresh


def test_every_builtin_routine_is_listed_with_its_minutes(window: MainWindow) -> None:
    home = window.home
    assert window.current_page() is home
    assert [c.entry.id for c in home.cards][: len(BUILTIN_ORDER)] == list(BUILTIN_ORDER)
    for routine in load_catalog().routines:
        card = home.card(routine.id)
        assert card is not None, routine.id
        minutes = max(1, round(plan_routine(routine).total_seconds / 60))
        assert card.minutes_label.text() == f"{minutes} min"
        assert card.title_label.text().startswith(routine.title)
        assert card.area_label.text()  # the body area
        assert card.description_label.text() == routine.description
    assert home.card(QUICK_ID) is not None
    assert home.card(QUICK_ID).minutes_label.text() == "5 min"  # type: ignore[union-attr]


def test_quick_button_starts_the_quick_session(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.session_opened) as opened:
        qtbot.mouseClick(window.home.quick_button, Qt.MouseButton.LeftButton)
    controller = opened.args[0]
    assert controller.plan.routine_id == QUICK_ID
    assert controller.plan.total_ms == 300_000
    assert controller.state.value == "running"
    assert window.current_page() is window.session_view
    assert "massage-timer" in window.windowTitle()


def test_start_on_a_card_starts_that_routine(window: MainWindow, qtbot: QtBot) -> None:
    card = window.home.card("desk-break")
    assert card is not None
    with qtbot.waitSignal(window.session_opened) as opened:
        qtbot.mouseClick(card.start_button, Qt.MouseButton.LeftButton)
    assert opened.args[0].plan.routine_id == "desk-break"


def test_customize_history_and_settings_are_signals(window: MainWindow, qtbot: QtBot) -> None:
    card = window.home.card("lower-back")
    assert card is not None
    with qtbot.waitSignal(window.customize_requested) as asked:
        qtbot.mouseClick(card.customize_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["lower-back"]
    with qtbot.waitSignal(window.history_requested):
        qtbot.mouseClick(window.home.history_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.settings_requested):
        qtbot.mouseClick(window.home.settings_button, Qt.MouseButton.LeftButton)


def test_a_pushed_page_returns_home_with_esc_or_back(window: MainWindow, qtbot: QtBot) -> None:
    page = QLabel("history goes here")
    window.show_page(page, "History")
    assert window.current_page() is not window.home
    assert page.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_page() is window.home
    other = QWidget()
    window.show_page(other, "Settings")
    back = window.current_page().findChildren(type(window.home.quick_button))[0]
    assert back.accessibleName() == "Back"
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.home


def test_reload_routines_shows_a_new_user_routine(window: MainWindow) -> None:
    folder: Path = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "my-neck.toml").write_text(
        'title = "My neck"\n[[steps]]\ntechnique = "gentle-circles"\nduration = 120\n',
        encoding="utf-8",
    )
    window.reload_routines()
    card = window.home.card("my-neck")
    assert card is not None
    assert "(yours)" in card.title_label.text()


def test_a_broken_user_routine_is_reported_in_the_banner(window: MainWindow) -> None:
    folder: Path = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text("title = \n", encoding="utf-8")
    window.reload_routines()
    assert window.banner.isVisible()
    assert "broken.toml" in window.banner.label.text()


def test_a_page_with_its_own_way_back(window: MainWindow, qtbot: QtBot) -> None:
    page = QLabel("an editor with its own Close button")
    window.show_page(page, chrome=False)
    assert window.current_page() is page
    window.pop_page()
    assert window.current_page() is window.home


def test_changed_settings_apply_at_once(
    window: MainWindow, player: RecordingPlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = window.open_session("desk-break")
    assert controller is not None
    window.apply_settings(window.settings.replace(mute=True, captions=False))
    assert controller.muted and player.settings[-1].mute
    assert window.session_view.caption_frame.isVisible()  # muted: captions stay
    reloads: list[object] = []
    monkeypatch.setattr(window, "reload_routines", lambda: reloads.append(1))
    window.apply_settings(window.settings.replace(mute=False))
    assert not fresh(lambda: controller.muted) and reloads == []
    assert not window.session_view.caption_frame.isVisible()  # sound on, captions off
    window.apply_settings(window.settings.replace(rate=260))
    assert reloads == [1]  # the minutes on the cards depend on the speech rate
