"""The moving picture: layers that add up to the drawing, left the mirror of right, the pose
following the session position on a fake clock, frames only while it should move."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from massage_timer.core.constants import QUICK_ID
from massage_timer.core.motion import Pose
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.core.timeline import Segment, SegmentRole
from massage_timer.gui.illustration import IllustrationView
from massage_timer.gui.layers import LayeredPicture, split_layers
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.motion_art import ART, Move
from massage_timer.gui.session_controller import (
    FRAME_MS,
    WAKE_MARGIN_MS,
    frame_slot,
    frame_start_ms,
)
from massage_timer.resources import illustration_path
from tests.doubles import FakeClock, fresh

# Drawn (nearly) the same on both sides of the spine: their mirror looks alike.
SYMMETRIC = {
    "chest-expansion",
    "gentle-circles",
    "shoulder-blade-squeeze",
    "thumb-knuckle-circles",
    "waist-twist",
}


def coarse(image: QImage) -> QImage:
    """A quarter of the size, smoothed: edges a fraction of a pixel apart come out alike."""
    return image.scaled(
        200, 150, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def blank(w: int = 400, h: int = 300) -> QImage:
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    return image


def differing(a: QImage, b: QImage, tolerance: int = 8) -> int:
    assert a.size() == b.size()
    count = 0
    for y in range(0, a.height(), 2):
        for x in range(0, a.width(), 2):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            d = max(abs(p.red() - q.red()), abs(p.green() - q.green()), abs(p.blue() - q.blue()))
            count += d > tolerance
    return count


def shown_view(qtbot: QtBot, technique: str) -> IllustrationView:
    view = IllustrationView(opaque=True)
    qtbot.addWidget(view)
    view.resize(QSize(400, 300))
    view.show()
    qtbot.waitExposed(view)
    view.set_technique(technique)
    view.set_source(lambda: Pose())
    return view


def test_every_technique_has_moving_parts_in_its_drawing() -> None:
    assert set(ART) == set(TECHNIQUES)
    for technique, parts in ART.items():
        ids = [element for element, _doc in split_layers(illustration_path(technique))]
        assert ids, f"{technique}: not drawn as layers"
        assert set(parts) <= set(ids), f"{technique}: {set(parts) - set(ids)} missing"
        assert len(ids) > len(parts), f"{technique}: no static layer"


@pytest.mark.parametrize("mirrored", [False, True])
@pytest.mark.parametrize("technique", sorted(ART))
def test_the_layers_add_up_to_the_whole_drawing(
    qtbot: QtBot, technique: str, mirrored: bool
) -> None:
    path = illustration_path(technique)
    layers = [(i, QSvgRenderer(QByteArray(doc))) for i, doc in split_layers(path)]
    unmoved = {element: (lambda _p: Move()) for element in ART[technique]}
    picture = LayeredPicture(layers, unmoved, QRectF(0, 0, 400, 300), 1.0, mirrored)
    composed = blank()
    painter = QPainter(composed)
    picture.paint(painter, Pose())
    painter.end()
    whole = blank()
    painter = QPainter(whole)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if mirrored:
        painter.setTransform(QTransform(-1, 0, 0, 1, 400, 0))
    QSvgRenderer(str(path)).render(painter, QRectF(0, 0, 400, 300))
    painter.end()
    assert differing(composed, whole) == 0


@pytest.mark.parametrize("technique", sorted(ART))
def test_the_left_side_is_the_mirror_of_the_right(qtbot: QtBot, technique: str) -> None:
    view = shown_view(qtbot, technique)
    # Offsets of whole pixels: a part moved by a fraction is resampled differently when
    # drawn turned over, which is not what this test is about.
    pose = Pose(phase=0.25, angle=90, offset=0.5, squeeze=0.0, chest=0.5)
    for moving in (None, pose):
        view.show_pose(moving, running=False)
        view.set_mirrored(False)
        right = view.grab().toImage()
        view.set_mirrored(True)
        left = view.grab().toImage()
        if technique not in SYMMETRIC:
            assert differing(left, right) > 100  # the mirror is another picture
        # The same picture turned over, to within antialiasing and a part's resampling.
        turned = right.flipped(Qt.Orientation.Horizontal)
        assert differing(coarse(left), coarse(turned), tolerance=24) == 0
    # A pose for the left side mirrors the picture by itself.
    view.show_pose(Pose(offset=0.4, mirrored=True), running=False)
    assert view.mirrored


def test_a_pose_moves_the_parts_and_the_same_pose_draws_the_same(qtbot: QtBot) -> None:
    view = shown_view(qtbot, "palm-rub")
    view.show_pose(Pose(offset=0.0), running=False)
    top = view.grab().toImage()
    view.show_pose(Pose(offset=1.0), running=False)
    bottom = view.grab().toImage()
    view.show_pose(Pose(offset=0.0), running=False)
    again = view.grab().toImage()
    assert differing(top, bottom) > 200
    assert differing(top, again) == 0


def test_a_pose_asked_twice_before_its_paint_is_one_frame(qtbot: QtBot) -> None:
    # The whole second's refresh and its frame both show the pose of that moment.
    view = shown_view(qtbot, "palm-rub")
    view.show_pose(Pose(offset=0.0), running=False)
    view.repaint()
    frames = view.frames
    view.show_pose(Pose(offset=1.0), running=False)
    view.show_pose(Pose(offset=1.0), running=False)
    assert view.frames == frames + 1
    view.repaint()
    view.show_pose(Pose(offset=0.0), running=False)  # after the paint: a new frame
    assert view.frames == frames + 2


def test_reduce_motion_shows_the_still_picture(qtbot: QtBot) -> None:
    view = shown_view(qtbot, "palm-rub")
    still = view.grab().toImage()
    view.show_pose(Pose(offset=1.0), running=True)
    assert fresh(lambda: view.animating)
    assert differing(view.grab().toImage(), still) > 100
    view.set_reduce_motion(True)
    assert not fresh(lambda: view.animating)
    assert differing(view.grab().toImage(), still) == 0


def _segment(window: MainWindow, technique: str, role: SegmentRole) -> Segment:
    assert window.controller is not None
    segments = window.controller.plan.segments
    return next(s for s in segments if s.technique == technique and s.role is role)


def _go(window: MainWindow, clock: FakeClock, ms: float) -> None:
    assert window.controller is not None
    clock.advance((ms - window.controller.session.position_ms()) / 1000)
    window.controller.poll_now()


def test_the_picture_follows_the_session_position(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    view = window.session_view.illustration
    rub = _segment(window, "palm-rub", SegmentRole.STROKES)
    _go(window, clock, rub.start_ms + 1)
    assert view.technique == "palm-rub" and view.animating
    assert view.pose is not None and view.pose.offset == pytest.approx(0.0, abs=1e-3)
    at_top = view.grab().toImage()
    clock.advance(0.6)  # half a stroke: the hands at the bottom
    view.frame()
    assert view.pose.offset == pytest.approx(1.0, abs=1e-3)
    assert differing(view.grab().toImage(), at_top) > 50
    clock.advance(0.6)  # the next stroke starts at the top again
    view.frame()
    assert differing(view.grab().toImage(), at_top) == 0
    # Pause: the picture holds whatever the clock does.
    controller.pause()
    assert not fresh(lambda: view.animating) and not fresh(lambda: controller.frames_wanted)
    held = view.grab().toImage()
    pose = view.pose
    clock.advance(0.3)
    view.frame()
    controller.poll_now()
    assert view.pose == pose
    assert differing(view.grab().toImage(), held) == 0
    assert controller.next_wake_ms() is None


def test_frames_come_from_the_controller_and_stop_when_minimized(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    view = window.session_view
    circles = _segment(window, "gentle-circles", SegmentRole.TIMED)
    _go(window, clock, circles.start_ms + 250)
    assert controller.frames_wanted
    pos = controller.session.position_ms()
    grid = frame_start_ms(frame_slot(pos) + 1) - pos
    assert controller.next_wake_ms() == math.ceil(grid) + WAKE_MARGIN_MS
    frames = view.illustration.frames
    clock.advance(0.2)
    qtbot.waitUntil(lambda: view.illustration.frames > frames)
    view.set_window_minimized(True)
    controller.set_display_active(False)
    assert not fresh(lambda: view.illustration.animating)
    assert not fresh(lambda: view.pacer.animating)
    assert not fresh(lambda: controller.frames_wanted)
    wake = controller.next_wake_ms()
    assert wake is not None and wake > 1000  # only the next cue wakes it
    view.set_window_minimized(False)
    controller.set_display_active(True)
    assert controller.frames_wanted


def test_transitions_and_reduce_motion_want_no_frames_for_the_picture(
    window: MainWindow, clock: FakeClock
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    view = window.session_view
    _go(window, clock, 1000)  # the lead-in: the still picture, no pacer
    assert view.illustration.pose is None and not fresh(lambda: controller.frames_wanted)
    circles = _segment(window, "gentle-circles", SegmentRole.TIMED)
    _go(window, clock, circles.start_ms + 100)
    view.set_reduce_motion(True)
    assert not fresh(lambda: view.illustration.animating)
    assert controller.frames_wanted == view.pacer.animating  # the pacer still breathes


def test_the_left_side_of_a_session_is_mirrored(window: MainWindow, clock: FakeClock) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    segments = [
        s for s in controller.plan.segments if s.technique == "cross-body-stretch" and s.side
    ]
    for seg in segments:
        _go(window, clock, seg.start_ms + 500)
        assert window.session_view.illustration.mirrored == (seg.side == "left")


def test_the_reduce_motion_setting_reaches_a_running_session(
    window: MainWindow, clock: FakeClock
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    circles = _segment(window, "gentle-circles", SegmentRole.TIMED)
    _go(window, clock, circles.start_ms + 100)
    picture = window.session_view.illustration
    assert fresh(lambda: picture.animating)
    window.apply_settings(window.settings.replace(reduce_motion=True))
    assert not fresh(lambda: picture.animating)
    window.apply_settings(window.settings.replace(reduce_motion=False))
    assert fresh(lambda: picture.animating)


def test_one_frame_per_slot_of_the_grid_and_no_tick_for_a_frame(
    window: MainWindow, clock: FakeClock
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    circles = _segment(window, "gentle-circles", SegmentRole.TIMED)
    _go(window, clock, circles.start_ms + 10)
    assert controller.frames_wanted
    frames: list[float] = []
    ticks: list[float] = []
    controller.frame.connect(lambda: frames.append(controller.session.position_ms()))
    controller.tick.connect(lambda: ticks.append(controller.session.position_ms()))
    start = controller.session.position_ms()
    while controller.session.position_ms() < start + 3000:
        wait = controller.next_wake_ms()
        assert wait is not None
        clock.advance(wait / 1000)
        controller._timer.stop()
        controller._wake()  # as the timer would, at the moment it was armed for
    slots = [frame_slot(p) for p in frames]
    assert slots == sorted(set(slots))  # never two frames in one slot
    assert len(frames) >= 3000 / FRAME_MS - 1  # and none skipped, whole seconds included
    assert len(ticks) < len(frames) / 5  # a frame alone wakes no display refresh


def test_a_held_technique_gets_ready_at_rest_without_frames(
    window: MainWindow, clock: FakeClock
) -> None:
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    lead = _segment(window, "shoulder-blade-squeeze", SegmentRole.LEAD)
    _go(window, clock, lead.start_ms + 500)
    picture = window.session_view.illustration
    assert picture.pose is not None and picture.pose.squeeze == 0.0  # the blades apart
    assert not fresh(lambda: picture.animating) and not fresh(
        lambda: controller.frames_wanted
    )  # nothing moves yet


def test_whole_seconds_begin_their_own_frame_slot() -> None:
    # At some rates 1000 / FRAME_MS is just under the rate in floating point (15 is one);
    # the grid must still start each whole second in a slot of its own.
    for second in range(0, 600):
        pos = second * 1000
        assert frame_start_ms(frame_slot(pos)) == pos
        assert frame_slot(pos - 0.001) == frame_slot(pos) - 1
