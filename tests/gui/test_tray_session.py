"""The tray during a session: tooltip with step and time left, menu commands, closing to it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from massage_timer.core.constants import QUICK_ID
from massage_timer.core.engine import State
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.pages import PageRouter
from massage_timer.gui.remote import SessionRemote
from massage_timer.gui.session_controller import SessionController
from massage_timer.gui.spoken_answers import SpokenAnswers
from massage_timer.gui.tray import TrayIcon
from massage_timer.gui.tray_session import TraySession, tray_tooltip
from massage_timer.storage.settings import Settings
from tests.doubles import FakeClock, RecordingPlayer, ScriptedConfirm, fresh


@pytest.fixture
def in_tray(window: MainWindow) -> TraySession:
    remote = SessionRemote(window)
    SpokenAnswers(remote)
    return TraySession(remote, TrayIcon(window))


def start(window: MainWindow, clock: FakeClock) -> SessionController:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(20)
    controller.poll_now()
    return controller


def test_the_tooltip_says_the_step_and_the_time_left(
    window: MainWindow, clock: FakeClock, in_tray: TraySession
) -> None:
    assert in_tray.tooltip() == "massage-timer"
    controller = start(window, clock)
    snap = controller.snapshot()
    assert snap.step is not None
    # 20 s in: the first step's 60 s of work began at its lead-in's end.
    expected = tray_tooltip("Quick 5 minutes", snap)
    assert expected.startswith("Quick 5 minutes: Gentle circles, ")
    assert expected.endswith(" left (4:40 in all)")
    assert in_tray.tooltip() == expected
    in_tray.refresh()  # what its once-a-second timer does
    assert in_tray._tray.tooltip == expected  # what the icon shows
    controller.pause()
    assert in_tray._tray.tooltip.endswith("(paused)")


def test_the_tooltip_moves_each_second_only_while_running(
    window: MainWindow, clock: FakeClock, in_tray: TraySession, qtbot: QtBot
) -> None:
    controller = start(window, clock)
    assert in_tray._timer.isActive()
    before = in_tray._tray.tooltip
    clock.advance(5)
    qtbot.waitUntil(lambda: in_tray._tray.tooltip != before, timeout=3000)
    assert "4:35 in all" in in_tray._tray.tooltip
    controller.pause()
    assert not in_tray._timer.isActive()


def test_the_menu_drives_the_session_and_is_answered(
    window: MainWindow,
    clock: FakeClock,
    in_tray: TraySession,
    player: RecordingPlayer,
    confirm: ScriptedConfirm,
) -> None:
    actions = in_tray.actions
    assert not any(a.isVisible() for a in actions.values())  # no session: no entries
    controller = start(window, clock)
    assert all(a.isVisible() for a in actions.values())
    actions["pause"].trigger()
    assert fresh(lambda: controller.state) is State.PAUSED and player.played[-1].text == "Paused."
    assert actions["pause"].text() == "Resume"
    actions["pause"].trigger()
    assert fresh(lambda: controller.state) is State.RUNNING and actions["pause"].text() == "Pause"
    actions["next"].trigger()
    assert controller.snapshot().segment.step_index == 1
    actions["back"].trigger()
    assert controller.snapshot().segment.step_index == 0
    actions["stop"].trigger()
    assert fresh(lambda: controller.state) is State.STOPPED and confirm.asked == []
    assert not any(a.isVisible() for a in actions.values())


def test_closing_to_the_tray_keeps_the_session_running(
    qtbot: QtBot, settings: Settings, clock: FakeClock, confirm: ScriptedConfirm
) -> None:
    win = MainWindow(
        settings.replace(tray=True), clock=clock, player=RecordingPlayer(), confirm=confirm
    )
    qtbot.addWidget(win)
    win.show()
    win.finish_startup()
    router = PageRouter(win, voices=lambda: [("en", "English")])
    router.tray.available = True  # offscreen has no tray; the window logic is what is tested
    controller = start(win, clock)
    win.close()
    assert not win.isVisible()
    assert fresh(lambda: controller.state) is State.RUNNING and confirm.asked == []
    clock.advance(5)
    controller.poll_now()
    assert controller.snapshot().position_ms == pytest.approx(25000, abs=1)
    win.quit_now()
