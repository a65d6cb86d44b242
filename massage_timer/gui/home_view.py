"""The home screen: one big "Quick 5 minutes" button and the routines as cards."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from massage_timer.core.i18n import _
from massage_timer.gui.picture_strip import PictureStrip
from massage_timer.gui.text import TextLabel, tip
from massage_timer.gui.theme import em, scale_font

if TYPE_CHECKING:
    from massage_timer.core.routine import Routine
    from massage_timer.core.timeline import Plan
    from massage_timer.storage.catalog import Catalog

CARD_WIDTH_EM = 24  # a card is about this many lines of text wide; more room, more columns


class RoutineEntry(NamedTuple):  # made in a tenth of a dataclass's time, before the frame
    """What the home screen shows of a routine."""

    id: str
    title: str
    seconds: float
    area: str
    description: str
    own: bool = False  # the user's own routine rather than a built-in
    techniques: tuple[str, ...] = ()  # its techniques in order, each once: the card's pictures

    @property
    def minutes(self) -> int:
        return max(1, round(self.seconds / 60))

    @property
    def minutes_text(self) -> str:
        return _("{minutes} min").format(minutes=self.minutes)


def routine_area(routine: Routine) -> str:
    """The body areas a routine works on, for its card: its tags, or its techniques' areas."""
    from massage_timer.core.technique_library import TECHNIQUES

    names = list(routine.tags) or list(
        dict.fromkeys(
            TECHNIQUES[s.technique].area for s in routine.steps if s.technique in TECHNIQUES
        )
    )
    text = _(", ").join(names)  # a list separator: "、" in Chinese
    return text[:1].upper() + text[1:]


def routine_entries(
    catalog: Catalog, plan: Callable[[Routine], Plan]
) -> tuple[list[RoutineEntry], list[str]]:
    """The cards for ``catalog``'s routines (minutes from ``plan``), and what could not be shown."""
    from massage_timer.core.routine import RoutineOrigin

    notices = [_("Skipped a routine file: {problem}").format(problem=e) for e in catalog.errors]
    entries = []
    for r in catalog.routines:
        try:
            seconds = plan(r).total_seconds
        except ValueError as exc:
            notices.append(f"{r.title}: {exc}")
            continue
        own = r.origin is RoutineOrigin.USER
        techniques = tuple(dict.fromkeys(s.technique for s in r.steps))
        entries.append(
            RoutineEntry(r.id, r.title, seconds, routine_area(r), r.description, own, techniques)
        )
    return entries, notices


class RoutineCard(QFrame):
    """One routine: title, minutes, body area, what it is for; Start and Customize…."""

    def __init__(self, entry: RoutineEntry, home: HomeView) -> None:
        super().__init__(home.grid_host)  # made where it stays (see MainWindow)
        self.setObjectName("card")
        self.entry = entry
        self.setAccessibleName(
            _("{title}, {minutes} minutes").format(title=entry.title, minutes=entry.minutes)
        )
        col = QVBoxLayout(self)
        pad = em(self, 0.9)
        col.setContentsMargins(pad, pad, pad, pad)
        col.setSpacing(em(self, 0.3))
        top = QHBoxLayout()
        self.title_label = TextLabel(entry.title + ("  (yours)" if entry.own else ""))
        self.title_label.setWordWrap(True)
        scale_font(self.title_label, 1.25, weight=700)
        top.addWidget(self.title_label, 1)
        self.minutes_label = TextLabel(entry.minutes_text)
        scale_font(self.minutes_label, 1.25, weight=600)
        self.minutes_label.setAccessibleName(_("{minutes} minutes").format(minutes=entry.minutes))
        top.addWidget(self.minutes_label)
        col.addLayout(top)
        self.area_label = TextLabel(entry.area)
        self.area_label.setWordWrap(True)  # three areas in German fill more than a line
        self.area_label.setForegroundRole(QPalette.ColorRole.Highlight)
        scale_font(self.area_label, 1.0, weight=600)
        col.addWidget(self.area_label)
        self.pictures = PictureStrip(entry.techniques)
        col.addWidget(self.pictures)
        self.description_label = TextLabel(entry.description)
        self.description_label.setWordWrap(True)
        col.addWidget(self.description_label)
        col.addStretch(1)
        row = QHBoxLayout()
        self.start_button = QPushButton(_("Start"))
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName(_("Start {title}").format(title=entry.title))
        self.start_button.setToolTip(
            tip(
                _("Start {title} ({minutes_text})").format(
                    title=entry.title, minutes_text=entry.minutes_text
                )
            )
        )
        self.start_button.clicked.connect(lambda: home.start_requested.emit(entry.id))
        self.customize_button = QPushButton(_("Customize…"))
        self.customize_button.setAccessibleName(_("Customize {title}").format(title=entry.title))
        self.customize_button.setToolTip(_("Change the minutes, steps, reps and voice"))
        self.customize_button.clicked.connect(lambda: home.customize_requested.emit(entry.id))
        row.addWidget(self.start_button)
        row.addWidget(self.customize_button)
        row.addStretch(1)
        col.addLayout(row)


def _card_scroller(parent: QWidget) -> QScrollArea:
    scroller = QScrollArea(parent)
    # A viewport of our own making: PySide6 wraps the one Qt made only after learning
    # its type, which takes about 10 ms at the first call, before the first frame.
    scroller.setViewport(QWidget(scroller))
    return scroller


class _CardGrid(QGridLayout):
    """The cards' grid; it reflows the cards whenever it is placed, as the width may change.

    Placing calls no event handler of ours, so the first frame makes no ``QEvent`` (see
    gui/window_events.py) and still shows the columns its width holds.
    """

    def __init__(self, reflow: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self._reflow = reflow

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        self._reflow()  # the columns first: the cards are then placed in them
        super().setGeometry(rect)


class HomeView(QWidget):
    """The routines and the way into a session, customizing, history and settings."""

    start_requested = Signal(str)  # a routine id
    customize_requested = Signal(str)  # a routine id
    history_requested = Signal()
    settings_requested = Signal()

    def __init__(self, quick_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quick_id = quick_id
        self.cards: list[RoutineCard] = []
        self._columns = 0
        self.setAccessibleName(_("Routines"))
        root = QVBoxLayout(self)
        m = em(self, 1.4)
        root.setContentsMargins(m, em(self, 1.1), m, 0)
        root.setSpacing(em(self, 0.7))

        top = QHBoxLayout()
        titles = QVBoxLayout()
        heading = TextLabel(_("Self-massage"))
        scale_font(heading, 2.0, weight=700)
        titles.addWidget(heading)
        sub = TextLabel(
            _("For back, neck and shoulders. Follow by ear; every key works eyes closed.")
        )
        sub.setWordWrap(True)
        scale_font(sub, 1.05)
        titles.addWidget(sub)
        top.addLayout(titles, 1)
        self.history_button = QPushButton(_("History"))
        self.history_button.setAccessibleName(_("History of sessions"))
        self.history_button.setToolTip(_("Your sessions, minutes per week and streak"))
        self.history_button.clicked.connect(self.history_requested)
        self.settings_button = QPushButton(_("Settings"))
        self.settings_button.setAccessibleName(_("Settings"))
        self.settings_button.setToolTip(_("Voice, volume, breathing pattern and look"))
        self.settings_button.clicked.connect(self.settings_requested)
        ways = QHBoxLayout()
        ways.addWidget(self.history_button)
        ways.addWidget(self.settings_button)
        side = QVBoxLayout()  # the buttons sit at the top, level with the heading
        side.addLayout(ways)
        side.addStretch(1)
        top.addLayout(side)
        root.addLayout(top)

        quick = QHBoxLayout()
        self.quick_button = QPushButton(_("Quick 5 minutes"))
        self.quick_button.setObjectName("quick")
        self.quick_button.setAccessibleName(_("Start the quick 5 minute session"))
        self.quick_button.setToolTip(_("Neck, shoulders and lower back in five minutes"))
        self.quick_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        scale_font(self.quick_button, 1.6, weight=700)
        self.quick_button.clicked.connect(lambda: self.start_requested.emit(self.quick_id))
        quick.addWidget(self.quick_button)
        self.quick_note = TextLabel()
        self.quick_note.setWordWrap(True)
        scale_font(self.quick_note, 1.05)
        quick.addSpacing(em(self, 0.8))
        quick.addWidget(self.quick_note, 1)
        root.addLayout(quick)

        routines = TextLabel(_("Routines"))
        scale_font(routines, 1.3, weight=700)
        root.addWidget(routines)
        self.scroller = _card_scroller(self)
        self.scroller.setObjectName("routines")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.grid_host = QWidget(self.scroller.viewport())  # where setWidget puts it
        self.grid_host.setObjectName("routineGrid")
        self.grid = _CardGrid(self._reflow, self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, em(self, 1))
        self.grid.setSpacing(em(self, 0.8))
        self.scroller.setWidget(self.grid_host)
        root.addWidget(self.scroller, 1)
        self.quick_button.setFocus()

    def set_routines(self, entries: list[RoutineEntry]) -> None:
        """Show ``entries`` as cards, replacing what was there."""
        if [c.entry for c in self.cards] == entries:
            return  # the same cards (the cache was right): nothing to rebuild
        for card in self.cards:
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = [RoutineCard(e, self) for e in entries]
        quick = next((e for e in entries if e.id == self.quick_id), None)
        self.quick_button.setEnabled(quick is not None)
        self.quick_note.setText(
            _("{area}. {description}").format(area=quick.area, description=quick.description)
            if quick
            else _("The quick routine is missing.")
        )
        self._columns = 0
        self._reflow()

    def card(self, routine_id: str) -> RoutineCard | None:
        return next((c for c in self.cards if c.entry.id == routine_id), None)

    def _reflow(self) -> None:
        # As many columns as fit cards of a readable width: one on a narrow window.
        width = self.scroller.contentsRect().width()
        columns = max(1, min(3, width // max(1, em(self, CARD_WIDTH_EM))))
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // columns, i % columns)
        for c in range(3):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.grid.setRowStretch(len(self.cards) // columns + 1, 1)
