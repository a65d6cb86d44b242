"""Screen readers: every interactive control of every page has a name, focus runs in a
sensible order, and step changes reach assistive technology without doubling the voice."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAccessibleInterface,
)
from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from massage_timer.core.constants import QUICK_ID
from massage_timer.core.technique_library import get_technique
from massage_timer.gui.announce import StepAnnouncer
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.pages import PageRouter
from massage_timer.gui.session_controller import SessionController
from massage_timer.storage.settings import Settings
from tests.doubles import FakeClock

Role = QAccessible.Role
INTERACTIVE = {
    Role.Button,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.SpinBox,
    Role.Slider,
    Role.Dial,
    Role.EditableText,
    Role.List,
    Role.Table,
    Role.Tree,
    Role.PageTab,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.Link,
}
CONTAINERS = {Role.List, Role.Table, Role.Tree}  # their items are named by their model


def walk(iface: QAccessibleInterface | None) -> Iterator[QAccessibleInterface]:
    """The accessibility tree under ``iface``: what a screen reader sees, visible parts only."""
    if iface is None or not iface.isValid() or iface.state().invisible:
        return
    yield iface
    if iface.role() in CONTAINERS:
        return
    for k in range(iface.childCount()):
        yield from walk(iface.child(k))


def unnamed(widget: QWidget) -> list[str]:
    """Interactive controls without a name, and (as "no Tab:") those Tab never reaches."""
    found = []
    for iface in walk(QAccessible.queryAccessibleInterface(widget)):
        if iface.role() not in INTERACTIVE:
            continue
        obj = iface.object()
        label = obj.objectName() if obj is not None else ""  # a tab of a tab bar has none
        what = f"{iface.role().name} {type(obj).__name__} {label!r}"
        if not iface.text(QAccessible.Text.Name).strip():
            found.append(what)
        tab = Qt.FocusPolicy.TabFocus
        if isinstance(obj, QWidget) and obj.isEnabled() and not obj.focusPolicy() & tab:
            found.append(f"no Tab: {what}")
    return found


def interactive_count(widget: QWidget) -> int:
    return sum(
        1 for i in walk(QAccessible.queryAccessibleInterface(widget)) if i.role() in INTERACTIVE
    )


@pytest.fixture
def router(window: MainWindow) -> PageRouter:
    return PageRouter(window, voices=lambda: [("en", "English")])


def session(window: MainWindow, clock: FakeClock) -> SessionController:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    clock.advance(20)
    controller.poll_now()
    return controller


def test_home_has_no_unnamed_control(window: MainWindow) -> None:
    assert interactive_count(window) > 5
    assert unnamed(window) == []


def test_the_session_has_no_unnamed_control(window: MainWindow, clock: FakeClock) -> None:
    session(window, clock)
    assert interactive_count(window) > 5
    assert unnamed(window) == []


def test_the_finish_screen_has_no_unnamed_control(window: MainWindow, clock: FakeClock) -> None:
    session(window, clock).stop()
    assert window.current_page() is window.finish_view
    assert unnamed(window) == []


def test_history_settings_and_editor_have_no_unnamed_control(
    window: MainWindow, router: PageRouter, qtbot: QtBot
) -> None:
    router.open_history()
    assert unnamed(window) == []
    window.pop_page()
    router.open_editor(QUICK_ID)
    assert interactive_count(window) > 5
    assert unnamed(window) == []
    window.pop_page()
    dialog = router.open_settings()
    qtbot.waitExposed(dialog)
    [tabs] = dialog.findChildren(QTabWidget)
    for k in range(tabs.count()):  # a hidden tab is not in the tree: show each in turn
        tabs.setCurrentIndex(k)
        assert unnamed(dialog) == [], tabs.tabText(k)


class Posted:
    """Stands in for ``QAccessible.updateAccessibility``: keeps the announcements."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, event: QAccessibleEvent) -> None:
        assert isinstance(event, QAccessibleAnnouncementEvent)
        assert event.politeness() is QAccessible.AnnouncementPoliteness.Polite
        self.texts.append(event.message())


def test_step_changes_are_exposed_and_announced_only_without_a_voice(
    window: MainWindow, clock: FakeClock
) -> None:
    posted = Posted()
    StepAnnouncer(window, post=posted)
    controller = session(window, clock)
    label = window.session_view.step_label
    assert label.accessibleName() == "Step 1 of 5: Gentle circles"
    assert posted.texts == []  # the voice says it: a screen reader would only talk over it
    window.toggle_mute()
    controller.skip()
    assert label.accessibleName() == "Step 2 of 5: Shoulder blade squeeze"
    squeeze = get_technique("shoulder-blade-squeeze").cue
    assert posted.texts == [f"Step 2 of 5: Shoulder blade squeeze. {squeeze}"]


def test_a_session_started_before_the_announcer_is_named(
    window: MainWindow, clock: FakeClock
) -> None:
    session(window, clock)
    StepAnnouncer(window, post=Posted())
    assert window.session_view.step_label.accessibleName() == "Step 1 of 5: Gentle circles"


def focus_order(start: QWidget, among: Sequence[QWidget]) -> list[QWidget]:
    """The order Tab visits ``among``, following the focus chain from ``start``."""
    seen: list[QWidget] = []
    widget: QWidget | None = start
    for _ in range(500):
        if widget is None:
            break
        if widget in among and widget not in seen:
            seen.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return seen


def test_focus_runs_through_the_session_controls_left_to_right(
    window: MainWindow, clock: FakeClock
) -> None:
    session(window, clock)
    buttons = window.session_view.buttons
    row = [buttons[name] for name in ("back", "pause", "next", "mute", "fullscreen", "stop")]
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in row)
    assert focus_order(row[0], row) == row
    xs = [b.mapTo(window, b.rect().topLeft()).x() for b in row]
    assert xs == sorted(xs)  # the order they are seen in


def test_home_starts_on_the_quick_button(window: MainWindow) -> None:
    assert window.focusWidget() is window.home.quick_button


def test_the_session_and_finish_controls_are_described(
    window: MainWindow, clock: FakeClock, settings: Settings
) -> None:
    window.settings = settings.replace(ask_pain=True)
    window.banner.add(["A notice"])
    controller = session(window, clock)
    window.session_view.ask_pain_before(True)
    assert undescribed(window) == []
    controller.stop()
    window.finish_view.show_summary(controller.summary, True)  # type: ignore[arg-type]
    assert undescribed(window) == []


def undescribed(widget: QWidget) -> list[str]:
    """Interactive controls a screen reader can name but not explain (tabs aside)."""
    found = []
    for iface in walk(QAccessible.queryAccessibleInterface(widget)):
        if iface.role() not in INTERACTIVE or iface.role() is Role.PageTab:
            continue
        if not iface.text(QAccessible.Text.Description).strip():
            obj = iface.object()
            found.append(f"{iface.role().name} {iface.text(QAccessible.Text.Name)!r} {obj}")
    return found


def test_every_control_has_a_description(
    window: MainWindow, router: PageRouter, qtbot: QtBot, clock: FakeClock
) -> None:
    assert undescribed(window) == []  # the home
    router.open_history()
    assert undescribed(window) == []
    window.pop_page()
    router.open_editor(QUICK_ID)
    assert undescribed(window) == []
    window.pop_page()
    dialog = router.open_settings()
    qtbot.waitExposed(dialog)
    [tabs] = dialog.findChildren(QTabWidget)
    for k in range(tabs.count()):
        tabs.setCurrentIndex(k)
        assert undescribed(dialog) == [], tabs.tabText(k)
    dialog.reject()
    session(window, clock)
    assert undescribed(window) == []
