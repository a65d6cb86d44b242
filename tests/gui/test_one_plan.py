"""The window, the editor and the session plan alike: under the person's settings, and with
any title a user writes."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from massage_timer import paths
from massage_timer.core.breathing import Breathing
from massage_timer.core.timefmt import clock_text
from massage_timer.core.timeline import SegmentRole
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.pages import PageRouter
from massage_timer.storage.settings import Settings
from tests.doubles import BREATHE_AND_KNEAD, FakeClock

from .test_session_walk import advance_to

ODD_TITLES = """title = "Odd titles"

[[steps]]
technique = "gentle-circles"
title = "Get ready: x"
duration = 30

[[steps]]
technique = "kneading"
title = "Well done"
duration = 30
sides = ["left", "right"]
"""


@pytest.fixture
def settings() -> Settings:
    return Settings(ask_pain=False, breathing=Breathing(6, 0, 8))


def _user_routine(name: str, text: str) -> str:
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return name


def _session_ms(window: MainWindow, routine_id: str) -> int:
    controller = window.open_session(routine_id)
    assert controller is not None
    total = controller.plan.total_ms
    controller.stop()
    window.go_home()
    return total


def test_the_editors_total_is_what_the_session_lasts(window: MainWindow, qtbot: QtBot) -> None:
    rid = _user_routine("breathe-knead", BREATHE_AND_KNEAD)
    window.reload_routines()
    session_before = _session_ms(window, rid)
    router = PageRouter(window, voices=lambda: [])
    editor = router.open_editor(rid)
    assert editor is not None
    # 6/0/8 s breaths: the breathing step has fewer, longer breaths than at 4/0/6.
    assert editor.draft.body(0).reps == round(120 / 14)
    assert editor.draft.total_seconds() == session_before / 1000
    assert editor.total_label.text() == f"Total {clock_text(session_before / 1000)}"

    editor.minutes_spin.setValue(10)  # "whole routine: 10 min"
    assert editor.draft.total_seconds() == 600
    assert editor.total_label.text() == "Total 10:00"
    saved = editor.save()
    assert saved is not None
    editor.closed.emit()
    assert _session_ms(window, saved.id) == 600_000


def test_titles_a_user_writes_are_only_titles(window: MainWindow, clock: FakeClock) -> None:
    rid = _user_routine("odd", ODD_TITLES)
    window.reload_routines()
    controller = window.open_session(rid)
    assert controller is not None
    plan, view = controller.plan, window.session_view
    closing = plan.segments[-1]
    assert closing.role is SegmentRole.CLOSING
    # The step titled "Well done" ends where its own last segment ends, not at its lead-in.
    well_done = [s for s in plan.segments if s.step_index == 1 and s is not closing]
    assert plan.steps[1].end_ms == well_done[-1].end_ms == closing.start_ms
    for seg in plan.segments[:-1]:
        advance_to(clock, window, seg.start_ms + 500)
        title = plan.steps[seg.step_index].title
        assert view.step_label.text() == title
        if seg.role is SegmentRole.LEAD:
            assert view.phase_label.text() == "Get ready"
        elif seg.role is SegmentRole.TIMED:
            assert view.phase_label.text() not in ("Get ready", "Well done")
        nxt = plan.segments[seg.index + 1]
        if nxt.role is SegmentRole.LEAD:
            assert view.next_label.text() == f"Next: {plan.steps[nxt.step_index].title}"
    advance_to(clock, window, closing.start_ms + 500)
    assert view.phase_label.text() == "Well done"
    assert view.next_label.text() == "Last: the session ends here"
