"""Screenshots of every technique's moving picture on both sides, in a real window.

Run by ``test_motion_xvfb.py`` on its Xvfb screen: a routine of one step per technique,
each done on the left and then the right, runs in the main window on a fake clock; for
each technique and side the clock is moved a little into the work and the screen is
grabbed from the X server, the whole screen and the picture's own area. The breathing
step has no sides in a routine, so its left is the session's picture mirrored by hand.

    python tests/e2e/shoot_techniques.py FOLDER
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from massage_timer.core.cue_player import SilentPlayer
from massage_timer.core.motion import MOTIONS, Motion
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.core.timeline import SegmentRole
from massage_timer.gui.main_window import MainWindow
from massage_timer.storage.settings import Settings
from tests.doubles import FakeClock, ScriptedConfirm

WORK_ROLES = (SegmentRole.TIMED, SegmentRole.REP, SegmentRole.STROKES, SegmentRole.BREATH)


def routine_text() -> str:
    lines = ['title = "Every technique"']
    for technique, motion in MOTIONS.items():
        lines += ["", "[[steps]]", f'technique = "{technique}"']
        if motion is Motion.BREATH:
            lines.append("reps = 2")
            continue
        if motion in (Motion.HOLD, Motion.TWIST):
            lines += ["reps = 1", "hold = 4", "rest = 0"]
        elif motion is Motion.STROKE:
            lines += ["strokes = 6", "stroke_seconds = 1.2"]
        else:
            lines.append("duration = 8")
        lines.append('sides = ["left", "right"]')
    return "\n".join(lines) + "\n"


def settle(app: QApplication) -> None:
    end = time.monotonic() + 0.3  # the repaint reaches the X server
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    clock = FakeClock()
    window = MainWindow(
        Settings(ask_pain=False), clock=clock, player=SilentPlayer(), confirm=ScriptedConfirm()
    )
    window.resize(1280, 800)
    window.move(0, 0)
    window.show()
    end = time.monotonic() + 10
    while not (window.windowHandle() and window.windowHandle().isExposed()):
        if time.monotonic() > end:
            print("the window never came on screen")
            return 1
        app.processEvents()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "every-technique.toml"
        path.write_text(routine_text())
        controller = window.open_session(str(path))
        assert controller is not None
        if controller.state.value == "ready":
            controller.start()
        view = window.session_view.illustration
        taken: set[tuple[str, str]] = set()
        for seg in controller.plan.segments:
            side = seg.side or "right"
            if seg.role not in WORK_ROLES or (seg.technique, side) in taken:
                continue
            clock.advance((seg.start_ms + 1500 - controller.session.position_ms()) / 1000)
            controller.poll_now()
            settle(app)
            shoot(window, view, folder, f"{seg.technique}-{side}")
            taken.add((seg.technique, side))
            if seg.side is None:  # no sides in a routine: the left is the mirror by hand
                view.set_mirrored(True)
                settle(app)
                shoot(window, view, folder, f"{seg.technique}-left")
                taken.add((seg.technique, "left"))
    missing = {(t, s) for t in TECHNIQUES for s in ("left", "right")} - taken
    if missing:
        print(f"not shot: {sorted(missing)}")
        return 1
    print(f"{len(taken)} screenshots in {folder}")
    return 0


def shoot(window: MainWindow, view: object, folder: Path, name: str) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(view, QWidget)
    screen = window.screen()
    screen.grabWindow(0).save(str(folder / f"{name}-screen.png"))
    corner = view.mapToGlobal(view.rect().topLeft())
    picture = screen.grabWindow(0, corner.x(), corner.y(), view.width(), view.height())
    picture.save(str(folder / f"{name}.png"))


if __name__ == "__main__":
    sys.exit(main())
