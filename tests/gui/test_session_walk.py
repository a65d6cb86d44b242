"""Walk whole routines on a fake clock: every segment shows the right step, count, side,
breath phase, countdown and what comes next."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from massage_timer.core.constants import QUICK_ID
from massage_timer.core.phrases import breath_phase_name
from massage_timer.core.timefmt import clock_text
from massage_timer.core.timeline import CueKind, Segment, SegmentKind
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.session_view import SIDES, segment_text
from tests.doubles import FakeClock, RecordingPlayer
from tests.gui.events import EventCounter


def advance_to(clock: FakeClock, window: MainWindow, ms: float) -> None:
    """Move the fake clock to ``ms`` into the session and let the controller wake."""
    controller = window.controller
    assert controller is not None
    clock.advance((ms - controller.session.position_ms()) / 1000)
    controller.poll_now()


def test_quick_five_segment_by_segment(
    window: MainWindow, clock: FakeClock, player: RecordingPlayer, qtbot: QtBot
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    view = window.session_view
    plan = controller.plan
    segments = plan.segments
    started: list[Segment] = []
    controller.segment_started.connect(started.append)
    for seg in segments[1:]:
        advance_to(clock, window, seg.start_ms + 500)  # half a second into the segment
        step = next(s for s in plan.steps if s.index == seg.step_index)
        assert view.step_label.text() == step.title
        assert view.step_of_label.text() == f"Step {step.index + 1} of {len(plan.steps)}"
        assert view.illustration.technique == seg.technique
        assert view.countdown_label.text() == clock_text((seg.duration_ms - 500) / 1000, "up")
        assert view.side_label.text() == SIDES.get(seg.side or "", "")
        if seg.kind is SegmentKind.WORK and seg.rep is not None:
            assert view.count_label.text() == f"{seg.count_word} {seg.rep} of {seg.reps}"
        if seg.stroke_ms:
            assert view.count_label.text() == f"Stroke 1 of {seg.reps}"
        if seg.kind is SegmentKind.BREATHING:
            assert view.count_label.text() == f"Breath {seg.rep} of {seg.reps}"
            assert view.phase_label.text() == "Breathe"
            assert view.pacer.phase_text() == breath_phase_name(seg.phase or "")
        if seg.kind is SegmentKind.REST:
            assert view.phase_label.text() == "Rest"
        assert view.pacer.isVisible() == (seg.breathing is not None)
        if seg.index + 1 < len(segments):
            assert view.next_label.text() == f"Next: {segment_text(segments[seg.index + 1])}"
        spoken = [c for c in seg.cues if c.kind is CueKind.SPEECH and c.at_ms <= seg.start_ms + 500]
        if spoken:
            assert view.caption_label.text() == f"“{spoken[-1].text}”"
    assert [s.index for s in started] == [s.index for s in segments[1:]]
    # Every cue was handed to the player, in time order, none twice.
    assert [c.at_ms for c in player.played] == sorted(c.at_ms for c in player.played)
    assert len(player.played) == len(set(player.played))


def test_labels_read_plainly(window: MainWindow, clock: FakeClock) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    view = window.session_view
    at = {s.title: s for s in reversed(controller.plan.segments)}  # the first of each title
    advance_to(clock, window, at["Shoulder blade squeeze"].start_ms + 100)
    assert view.count_label.text() == "Squeeze 1 of 6"
    assert view.next_label.text() == "Next: Rest"
    advance_to(clock, window, at["Rest"].start_ms + 100)
    assert view.next_label.text() == "Next: Squeeze 2 of 6"
    left = next(s for s in controller.plan.segments if s.side == "left")
    advance_to(clock, window, left.start_ms + 100)
    assert view.side_label.text() == "Left side"
    assert view.next_label.text() == "Next: Switch sides, right side"
    palm = at["Palm rub"]
    advance_to(clock, window, palm.start_ms + 4 * 1200 + 100)
    assert view.count_label.text() == "Stroke 5 of 50"
    assert view.phase_label.text() == "Lower back"


@pytest.mark.parametrize("phase_at", [0.25, 0.75])
def test_the_pacer_follows_the_breath(
    window: MainWindow, clock: FakeClock, phase_at: float, qtbot: QtBot
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    inhale = next(s for s in controller.plan.segments if s.phase == "inhale")
    advance_to(clock, window, inhale.start_ms + inhale.duration_ms * phase_at)
    pacer = window.session_view.pacer
    assert pacer.breath is not None
    assert pacer.breath.fullness == pytest.approx(phase_at, abs=0.01)
    assert pacer.animating  # shown, running, paced
    frames = pacer.frames
    clock.advance(inhale.duration_ms * 0.1 / 1000)
    qtbot.waitUntil(lambda: pacer.frames > frames)
    assert pacer.breath.fullness == pytest.approx(phase_at + 0.1, abs=0.01)


def test_no_pacer_animation_without_a_paced_breath(window: MainWindow, clock: FakeClock) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    first = controller.plan.segments[0]  # the "Get ready" transition has no pacer
    assert first.breathing is None
    advance_to(clock, window, 1000)
    assert not window.session_view.pacer.isVisible()
    assert not window.session_view.pacer.animating


def test_another_routine_walks_to_its_end(window: MainWindow, clock: FakeClock) -> None:
    controller = window.open_session("foam-roller-breathing", minutes=2)
    assert controller is not None
    assert controller.plan.total_ms == 120_000
    for seg in controller.plan.segments:
        advance_to(clock, window, seg.start_ms + 10)
        assert window.session_view.illustration.technique == seg.technique
    advance_to(clock, window, 120_001)
    assert window.current_page() is window.finish_view


def test_the_progress_bar_follows_the_session_painted_with_the_frame(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QEvent

    controller = window.open_session(QUICK_ID)
    assert controller is not None
    bar = window.session_view.progress
    paints = EventCounter(bar, QEvent.Type.Paint)
    qtbot.waitUntil(bar.isVisible)
    before, value = paints.count, bar.value()
    advance_to(clock, window, controller.plan.total_ms / 2)
    assert bar.value() == pytest.approx(500, abs=2)  # half way
    assert paints.count == before  # not painted at once, outside the frame (a flush each)
    qtbot.waitUntil(lambda: paints.count > before)  # but painted, with the next paint
    assert bar.value() != value


def test_the_countdown_shrinks_again_with_the_window(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    window.open_session(QUICK_ID)
    view = window.session_view
    window.resize(900, 500)
    qtbot.waitUntil(lambda: view.height() < 500)
    small = view.countdown_label.height()
    window.resize(1400, 1400)
    qtbot.waitUntil(lambda: view.countdown_label.height() > small)
    window.resize(900, 500)
    qtbot.waitUntil(lambda: view.countdown_label.height() == small)
    assert view.minimumSizeHint().height() <= 500
