"""The session screen: what to do now, how long is left, and what comes next.

Everything shown comes from the controller's snapshot at the moment of a refresh; the
view keeps no time. It refreshes when the controller ticks (each whole second of the
countdown, each segment, cue and change of state); the pacer and the moving picture are
redrawn on the controller's frame wake-ups, which it asks for only while one animates.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from massage_timer.core.engine import Snapshot, State
from massage_timer.core.i18n import N_, _, ngettext
from massage_timer.core.motion import moves, shows_pose
from massage_timer.core.phrases import side_label
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.core.timefmt import clock_text
from massage_timer.core.timeline import Segment, SegmentKind, SegmentRole
from massage_timer.gui.icons import button_icon
from massage_timer.gui.illustration import IllustrationView
from massage_timer.gui.pacer import BreathPacer
from massage_timer.gui.pain import PainRating
from massage_timer.gui.session_controller import SessionController
from massage_timer.gui.shortcuts import COMMANDS, bind_button
from massage_timer.gui.steady_label import SteadyLabel
from massage_timer.gui.text import TextLabel
from massage_timer.gui.theme import em, scale_font

SIDES = {"left": N_("Left side"), "right": N_("Right side")}
_KEY_HINTS = {c.name: c.keys[-1].replace("Escape", "Esc") for c in COMMANDS}
# The countdown grows with the window: what the height has beyond the rest of the screen
# (_FIXED_LINES of text), over _GROWTH lines, is its factor of the app font, within bounds.
_FIXED_LINES = 21
_GROWTH_LINES = 4.2
_COUNTDOWN_SCALE = (2.6, 8.0)


_TRANSITION_WORDS = {
    SegmentRole.LEAD: N_("Get ready"),
    SegmentRole.SWITCH: N_("Switch sides"),
    SegmentRole.CLOSING: N_("Well done"),
}


def phase_text(snap: Snapshot) -> str:
    """A few words on what kind of moment this is: "Get ready", "Rest", the body area..."""
    if snap.state is State.PAUSED:
        return _("Paused · Space resumes")
    seg = snap.segment
    if seg.role in _TRANSITION_WORDS:
        return _(_TRANSITION_WORDS[seg.role])
    if seg.kind is SegmentKind.REST:
        return _("Rest")
    if seg.kind is SegmentKind.BREATHING:
        return _("Breathe")
    tech = TECHNIQUES.get(seg.technique)
    return tech.area if tech is not None else ""


def segment_text(seg: Segment) -> str:
    """A segment named as what comes next: "Squeeze 3 of 6", "Gentle circles · 1:00"."""
    if seg.role is SegmentRole.LEAD:
        return seg.step_title  # the lead-in to the palm rub is, for the person, the palm rub
    sided = (
        _("{title}, {side}").format(title=seg.title, side=side_label(seg.side))
        if seg.side
        else seg.title
    )
    if seg.kind is SegmentKind.TRANSITION:
        return sided
    if seg.kind is not SegmentKind.WORK:
        return seg.title
    if seg.rep is not None and seg.reps is not None:
        return _("{count_word} {rep} of {reps}").format(
            count_word=seg.count_word or _("Rep"), rep=seg.rep, reps=seg.reps
        )
    length = (
        ngettext("{n} stroke", "{n} strokes", seg.reps or 0).format(n=seg.reps)
        if seg.stroke_ms
        else clock_text(seg.duration_ms / 1000)
    )
    return _("{name} · {length}").format(name=sided, length=length)


def next_text(snap: Snapshot) -> str:
    """What comes after this segment, as the engine knows it."""
    if snap.next_segment is None:
        return _("Last: the session ends here")
    return _("Next: {segment}").format(segment=segment_text(snap.next_segment))


class SessionView(QWidget):
    """Shows one session; bind it to a controller with :meth:`set_controller`."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: SessionController | None = None
        self.setAccessibleName(_("Session"))
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # holds the focus, so no button shows it
        root = QVBoxLayout(self)
        root.setContentsMargins(em(self, 1.2), em(self, 0.8), em(self, 1.2), em(self, 0.8))
        root.setSpacing(em(self, 0.6))

        # Header: routine and step, time left in the whole session, and its progress.
        header = QHBoxLayout()
        self.routine_label = self._label(1.15, 700, _("Routine"))
        self.step_of_label = self._label(1.0, 400, _("Step number"))
        self.session_left_label = self._label(1.15, 700, _("Time left in the session"), steady=True)
        self.session_left_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        header.addWidget(self.routine_label)
        header.addSpacing(em(self, 0.8))
        header.addWidget(self.step_of_label)
        header.addStretch(1)
        header.addWidget(self.session_left_label)
        root.addLayout(header)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(_("Session progress"))
        root.addWidget(self.progress)

        self.pain_strip = QFrame()
        self.pain_strip.setObjectName("painStrip")
        strip = QHBoxLayout(self.pain_strip)
        strip.setContentsMargins(em(self, 0.7), em(self, 0.3), em(self, 0.3), em(self, 0.3))
        self.pain_before = PainRating(_("Pain now, 0 to 10? (optional)"))
        self.pain_before.rated.connect(lambda _: self.pain_strip.hide())
        strip.addWidget(self.pain_before)
        self.pain_strip.hide()
        root.addWidget(self.pain_strip)

        self.body = QHBoxLayout()
        self.body.setSpacing(em(self, 1.5))
        self.illustration = IllustrationView(opaque=True)
        self.illustration.animating_changed.connect(self._sync_frames)
        self.body.addWidget(self.illustration, 11)
        self.body.addWidget(self._build_panel(), 9)
        root.addLayout(self.body, 1)

        self.caption_frame = QFrame()
        self.caption_frame.setObjectName("caption")
        cap = QHBoxLayout(self.caption_frame)
        cap.setContentsMargins(em(self, 0.8), em(self, 0.45), em(self, 0.8), em(self, 0.45))
        self.caption_label = self._label(1.3, 500, _("Caption: the last spoken cue"))
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label.setWordWrap(True)
        cap.addWidget(self.caption_label)
        root.addWidget(self.caption_frame)

        controls = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name in ("back", "pause", "next", None, "mute", "fullscreen", "stop"):
            if name is None:
                controls.addStretch(1)
                continue
            button = QPushButton()
            if actions[name].icon().isNull():
                actions[name].setIcon(button_icon(self, name))
            # Keys do everything; a click must not leave focus on a button Space would press.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            bind_button(button, actions[name], _KEY_HINTS[name])
            controls.addWidget(button)
            self.buttons[name] = button
        root.addLayout(controls)

    def _label(
        self, scale: float, weight: int, name: str, rich: bool = False, steady: bool = False
    ) -> QLabel:
        # Plain text unless we wrote the markup; a steady label for what changes each second.
        label = QLabel() if rich else SteadyLabel() if steady else TextLabel()
        label.setAccessibleName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        scale_font(label, scale, weight=weight)
        return label

    def _build_panel(self) -> QWidget:
        panel = QWidget()
        col = QVBoxLayout(panel)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(em(self, 0.3))
        self.phase_label = self._label(1.1, 700, _("Phase"))
        self.phase_label.setForegroundRole(QPalette.ColorRole.Highlight)
        col.addWidget(self.phase_label)
        self.step_label = self._label(2.0, 700, _("Step"))
        self.step_label.setWordWrap(True)
        col.addWidget(self.step_label)
        counts = QHBoxLayout()
        self.count_label = self._label(1.5, 600, _("Count"))
        self.side_label = self._label(1.5, 700, _("Side"))
        self.side_label.setForegroundRole(QPalette.ColorRole.Highlight)
        counts.setSpacing(em(self, 1))
        counts.addWidget(self.count_label)
        counts.addWidget(self.side_label)
        counts.addStretch(1)
        col.addLayout(counts)
        col.addStretch(1)

        timer_row = QHBoxLayout()
        self.countdown_label = self._label(5.0, 700, _("Time left in this step"), steady=True)
        timer_row.addWidget(self.countdown_label, 0, Qt.AlignmentFlag.AlignVCenter)
        timer_row.addStretch(1)
        self.pacer = BreathPacer()
        self.pacer.animating_changed.connect(self._sync_frames)
        timer_row.addWidget(self.pacer, 0, Qt.AlignmentFlag.AlignVCenter)
        col.addLayout(timer_row)
        col.addSpacing(em(self, 0.6))

        # What to do and the safety note scroll in their own area rather than overlap
        # the countdown when a small window has no room for every line.
        notes = QWidget()
        notes_col = QVBoxLayout(notes)
        notes_col.setContentsMargins(0, 0, 0, 0)
        notes_col.setSpacing(em(self, 0.4))
        self.instructions_label = self._label(1.05, 400, _("What to do"))
        self.instructions_label.setWordWrap(True)
        self.instructions_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        notes_col.addWidget(self.instructions_label)
        self.safety_frame = QFrame()
        self.safety_frame.setObjectName("safety")
        safety = QVBoxLayout(self.safety_frame)
        safety.setContentsMargins(em(self, 0.6), 0, 0, 0)
        # Rich text: our own bold lead-in, and the library's note after it escaped (refresh).
        self.safety_label = self._label(0.95, 400, _("Safety note"), rich=True)
        self.safety_label.setWordWrap(True)
        self.safety_label.setTextFormat(Qt.TextFormat.RichText)
        safety.addWidget(self.safety_label)
        notes_col.addWidget(self.safety_frame)
        notes_col.addStretch(1)
        self.notes = QScrollArea()
        self.notes.setWidget(notes)
        self.notes.setWidgetResizable(True)
        self.notes.setFrameShape(QFrame.Shape.NoFrame)
        self.notes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes.viewport().setAutoFillBackground(False)
        notes.setAutoFillBackground(False)
        col.addWidget(self.notes, 6)  # spare height goes to the words, not to gaps
        self.next_label = self._label(1.15, 400, _("What comes next"))
        self.next_label.setWordWrap(True)
        col.addWidget(self.next_label)
        return panel

    # -- binding ------------------------------------------------------------------------

    def set_controller(self, controller: SessionController | None) -> None:
        """Show ``controller``'s session (None: show nothing)."""
        if self.controller is not None:
            self.controller.tick.disconnect(self.refresh)
            self.controller.frame.disconnect(self._frame)
        self.controller = controller
        self.pacer.set_source(controller.breath if controller is not None else None)
        self.illustration.set_source(controller.pose if controller is not None else None)
        if controller is not None:
            controller.tick.connect(self.refresh)
            controller.frame.connect(self._frame)
            self.refresh()
        else:
            self.pacer.show_breath(None, False)
            self.illustration.show_pose(None, False)

    def _frame(self) -> None:
        self.pacer.frame()
        self.illustration.frame()

    def _sync_frames(self) -> None:
        if self.controller is not None:
            self.controller.set_frames_wanted(self.pacer.animating or self.illustration.animating)

    def ask_pain_before(self, ask: bool) -> None:
        self.pain_before.reset()
        self.pain_strip.setVisible(ask)

    def set_captions(self, show: bool) -> None:
        self.caption_frame.setVisible(show)

    def set_window_minimized(self, minimized: bool) -> None:
        self.pacer.set_suspended(minimized)
        self.illustration.set_suspended(minimized)

    def set_reduce_motion(self, reduce: bool) -> None:
        """Show the still picture, with its arrows, instead of the moving one."""
        self.illustration.set_reduce_motion(reduce)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Big enough to read from across the room; small windows still fit everything.
        low, high = _COUNTDOWN_SCALE
        line = max(1, em(self))
        factor = (self.height() - _FIXED_LINES * line) / (_GROWTH_LINES * line)
        scale_font(self.countdown_label, max(low, min(high, factor)), weight=700)
        side = round(self.countdown_label.sizeHint().height() * 1.3)
        # On a narrow window the words need more of the width than the picture does.
        narrow = self.width() < line * 55
        self.body.setStretch(0, 1 if narrow else 11)
        self.body.setStretch(1, 1 if narrow else 9)
        self.pacer.setFixedSize(side, side + round(line * 1.4))

    # -- showing ------------------------------------------------------------------------

    def _show_progress(self, value: int) -> None:
        # QProgressBar.setValue repaints at once, outside the frame's paint, and flushes to
        # the screen on its own (1.3 ms a second). With updates off it only records the
        # value; turning them on again schedules an ordinary update, painted with the frame.
        if value == self.progress.value():
            return
        self.progress.setUpdatesEnabled(False)
        self.progress.setValue(value)
        self.progress.setUpdatesEnabled(True)

    def refresh(self) -> None:
        """Show the controller's state at this moment."""
        if self.controller is None:
            return
        snap = self.controller.snapshot()
        seg = snap.segment
        step = snap.step
        self.routine_label.setText(self.controller.plan.title)
        if step is not None and step.index > 0 and not self.pain_strip.isHidden():
            self.pain_strip.hide()  # "before" is over once the first step is done
        if step is not None:
            self.step_of_label.setText(
                _("Step {value} of {step_count}").format(
                    value=step.index + 1, step_count=snap.step_count
                )
            )
            self.step_label.setText(step.title)
            self.instructions_label.setText("\n".join(f"•  {line}" for line in step.lines))
            self.safety_label.setText(
                _("<b>Take care.</b> {note}").format(note=html.escape(step.safety))
                if step.safety
                else ""
            )
            self.safety_frame.setVisible(bool(step.safety))
        self.illustration.set_technique(seg.technique)
        self.illustration.set_mirrored(seg.side == "left")
        running = snap.state is State.RUNNING and moves(seg)
        pose = self.controller.pose() if shows_pose(seg) else None
        self.illustration.show_pose(pose, running)
        self.session_left_label.setText(
            _("{time} left").format(time=clock_text(snap.session_remaining_ms / 1000, "up"))
        )
        self._show_progress(round(1000 * snap.position_ms / max(1, snap.total_ms)))
        self.phase_label.setText(phase_text(snap))
        self.count_label.setText(snap.count_label)
        self.count_label.setVisible(bool(snap.count_label))
        self.side_label.setText(_(SIDES[seg.side]) if seg.side in SIDES else "")
        self.countdown_label.setText(clock_text(snap.segment_remaining_ms / 1000, "up"))
        self.countdown_label.setEnabled(snap.state is not State.PAUSED)
        self.next_label.setText(next_text(snap))
        spoken = snap.last_spoken
        self.caption_label.setText(
            _("“{text}”").format(text=spoken.text) if spoken else _("Space pauses · Esc stops")
        )
        self.pacer.setVisible(snap.breath is not None)
        self.pacer.show_breath(snap.breath, snap.state is State.RUNNING)
