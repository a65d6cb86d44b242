"""The main window: home, session and finish screens in a stack, the keys, and the banner.

Pages other engineers build (the routine editor, history, settings) are pushed with
:meth:`MainWindow.show_page` and leave with Esc or their Back button.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from massage_timer import APP_NAME
from massage_timer.catalog import QUICK_ID, Catalog, find_routine, load_catalog
from massage_timer.core.clock import Clock
from massage_timer.core.engine import State
from massage_timer.core.planner import plan_routine
from massage_timer.core.routine import Breathing, Routine
from massage_timer.core.routine_errors import RoutineError
from massage_timer.core.timeline import Plan
from massage_timer.cue_player import CuePlayer, SilentPlayer
from massage_timer.gui.finish_view import FinishView
from massage_timer.gui.history_writer import HistoryWriter
from massage_timer.gui.home_view import HomeView, RoutineEntry, routine_area
from massage_timer.gui.icons import button_icon
from massage_timer.gui.notices import Banner, Confirm, ask
from massage_timer.gui.session_controller import SessionController, SessionSummary
from massage_timer.gui.session_view import SessionView
from massage_timer.gui.shortcuts import SESSION_ONLY, make_actions
from massage_timer.gui.theme import em, rescale_fonts, scale_font
from massage_timer.gui.voice import create_player
from massage_timer.storage.settings import Settings


class MainWindow(QMainWindow):
    """The app's one window."""

    customize_requested = Signal(str)  # a routine id: open the editor on it
    history_requested = Signal()
    settings_requested = Signal()
    session_opened = Signal(object)  # the new SessionController

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog | None = None,
        *,
        clock: Clock | None = None,
        player: CuePlayer | None = None,
        confirm: Confirm | None = None,
        history: HistoryWriter | None = None,
        warnings: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.catalog = catalog or load_catalog()
        self.clock = clock
        self.player = player  # None until the voice is made, after the first frame
        self.confirm: Confirm = confirm or ask
        self.history = history or HistoryWriter(parent=self)
        self.controller: SessionController | None = None
        self._start_pending = False
        self._ready = False
        self._quitting = False  # closing without asking (a signal from the terminal)
        self._shut = False
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        self.actions_ = make_actions(self)
        self.actions_["pause"].triggered.connect(self._pause)
        self.actions_["next"].triggered.connect(lambda: self._session("skip"))
        self.actions_["back"].triggered.connect(lambda: self._session("back"))
        self.actions_["stop"].triggered.connect(self._escape)
        self.actions_["mute"].triggered.connect(self.toggle_mute)
        self.actions_["fullscreen"].triggered.connect(self.toggle_full_screen)
        self.actions_["quit"].triggered.connect(self.close)

        central = QWidget()
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self.banner = Banner()
        self.history.warning.connect(lambda m: self.banner.add([m]))
        self.history.failed.connect(lambda m: self.banner.add([m]))
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(em(self, 1.2), em(self, 0.6), em(self, 1.2), 0)
        banner_row.addWidget(self.banner)
        col.addLayout(banner_row)
        self.stack = QStackedWidget()
        col.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.home = HomeView(QUICK_ID)
        self.home.start_requested.connect(lambda rid: self.open_session(rid))
        self.home.customize_requested.connect(self.customize_requested)
        self.home.history_requested.connect(self.history_requested)
        self.home.settings_requested.connect(self.settings_requested)
        self.session_view = SessionView(self.actions_)
        self.session_view.pain_before.rated.connect(self._pain_before)
        self.finish_view = FinishView()
        self.finish_view.home_requested.connect(self.go_home)
        self.finish_view.again_requested.connect(lambda rid: self.open_session(rid))
        self.finish_view.pain_after_given.connect(self._pain_after)
        for page in (self.home, self.session_view, self.finish_view):
            self.stack.addWidget(page)
        self._pages: list[QWidget] = []  # pushed pages, newest last
        self.stack.currentChanged.connect(lambda _: self._sync_actions())
        self.reload_routines()
        self.banner.add(list(warnings or []))
        self._sync_actions()

    # -- pages --------------------------------------------------------------------------

    def reload_routines(self) -> None:
        """Read the routines again (after the editor saved one) and show them."""
        self.catalog = load_catalog()
        entries = []
        for r in self.catalog.routines:
            try:
                seconds = self._plan(r).total_seconds
            except ValueError as exc:
                self.banner.add([f"{r.title}: {exc}"])
                continue
            desc = r.description or ""
            entries.append(
                RoutineEntry(r.id, r.title, seconds, routine_area(r), desc, r.origin == "user")
            )
        self.home.set_routines(entries)
        self.banner.add([f"Skipped a routine file: {e}" for e in self.catalog.errors])

    def show_page(self, widget: QWidget, title: str = "") -> None:
        """Push a full-window page (editor, history, settings); Esc or Back returns."""
        page = QWidget()
        page.setProperty("pushed", True)
        col = QVBoxLayout(page)
        col.setContentsMargins(em(self, 1.2), em(self, 0.8), em(self, 1.2), em(self, 0.8))
        top = QHBoxLayout()
        back = QPushButton("Back  Esc")
        back.setIcon(button_icon(self, "home"))
        back.setAccessibleName("Back")
        back.setToolTip("Back to the routines (Esc)")
        back.clicked.connect(self.pop_page)
        top.addWidget(back)
        heading = QLabel(title)
        scale_font(heading, 1.4, weight=700)
        top.addSpacing(em(self, 0.8))
        top.addWidget(heading, 1)
        col.addLayout(top)
        col.addWidget(widget, 1)
        self._pages.append(page)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        widget.setFocus()

    def pop_page(self) -> None:
        """Close the newest pushed page and show what was under it."""
        if not self._pages:
            return
        page = self._pages.pop()
        self.stack.removeWidget(page)
        page.deleteLater()
        self.stack.setCurrentWidget(self._pages[-1] if self._pages else self.home)

    def go_home(self) -> None:
        while self._pages:
            self.pop_page()
        self.stack.setCurrentWidget(self.home)
        self.setWindowTitle(APP_NAME)
        self.home.quick_button.setFocus()

    def current_page(self) -> QWidget:
        return self.stack.currentWidget() or self.home

    # -- sessions -----------------------------------------------------------------------

    def _plan(self, routine: Routine, minutes: float | None = None) -> Plan:
        b = self.settings.breathing
        pattern = Breathing(b.inhale, b.hold, b.exhale)
        return plan_routine(routine, minutes=minutes, rate=self.settings.rate, breathing=pattern)

    def open_session(self, ref: str, minutes: float | None = None) -> SessionController | None:
        """Show the session for routine ``ref`` (an id or a file) and start it."""
        try:
            plan = self._plan(find_routine(ref, self.catalog), minutes)
        except (RoutineError, ValueError) as exc:
            self.banner.add([f"Cannot start {ref}: {exc}"])
            return None
        self._drop_controller()
        controller = SessionController(
            plan, clock=self.clock, player=self.player, recorder=self.history, parent=self
        )
        controller.set_muted(self.settings.mute)
        controller.state_changed.connect(lambda _: self._sync_actions())
        controller.session_finished.connect(self._finished)
        self.controller = controller
        self.session_view.set_controller(controller)
        self.session_view.ask_pain_before(self.settings.ask_pain)
        self._sync_captions()
        while self._pages:
            self.pop_page()
        self.stack.setCurrentWidget(self.session_view)
        self.session_view.setFocus()
        self.setWindowTitle(f"{plan.title} — {APP_NAME}")
        self.session_opened.emit(controller)
        if self._ready:
            controller.start()
        else:
            self._start_pending = True  # starts once the voice is ready
        self._sync_actions()
        return controller

    def _drop_controller(self) -> None:
        old = self.controller
        if old is None:
            return
        if old.active:
            old.stop()
        self.session_view.set_controller(None)
        self.controller = None
        old.deleteLater()

    def _session(self, command: str) -> None:
        if self.controller is not None and self.current_page() is self.session_view:
            getattr(self.controller, command)()

    def _pause(self) -> None:
        self._session("toggle_pause")

    def _escape(self) -> None:
        page = self.current_page()
        if self._pages:
            self.pop_page()
        elif page is self.session_view and self.controller is not None:
            if not self.controller.active:
                self.controller.stop()  # still waiting to start: nothing to lose
                self.go_home()
            elif self.confirm(
                self,
                "Stop the session?",
                "Stop this session now? Enter stops, Esc keeps going.",
                "Stop session",
            ):
                if self.controller is not None:  # the session may have ended meanwhile
                    self.controller.stop()
        elif page is self.finish_view:
            self.go_home()
        elif self.isFullScreen():
            self.toggle_full_screen()

    def _finished(self, summary: SessionSummary) -> None:
        self.finish_view.show_summary(summary, self.settings.ask_pain)
        self.stack.setCurrentWidget(self.finish_view)
        self.setWindowTitle(
            f"{summary.title}: {'done' if summary.completed else 'stopped'} — {APP_NAME}"
        )

    def _pain_before(self, value: int | None) -> None:
        if self.controller is not None:
            self.controller.pain_before = value

    def _pain_after(self, value: int | None) -> None:
        if value is not None and self.history.last_record is not None:
            self.history.set_pain_after(self.history.last_record, value)

    # -- startup: what the first frame does not need ----------------------------------------

    def finish_startup(self) -> None:
        """Make the voice and start a waiting session; runs once the window is on screen."""
        if self._ready:
            return
        if self.player is None:
            self.player, warnings = create_player(self.settings)
            self.banner.add(warnings)
        self._ready = True
        self._sync_captions()
        if self.controller is not None:
            self.controller.set_player(self.player)
            if self._start_pending:
                self._start_pending = False
                self.controller.start()

    # -- sound, screen, keys --------------------------------------------------------------

    def toggle_mute(self) -> None:
        self.settings = self.settings.replace(mute=not self.settings.mute)
        apply = getattr(self.player, "apply_settings", None)
        if callable(apply):
            apply(self.settings)
        if self.controller is not None:
            self.controller.set_muted(self.settings.mute)
        self._sync_captions()
        self._sync_actions()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _sync_captions(self) -> None:
        # Without sound the captions are the only guide, whatever the setting says.
        silent = self.settings.mute or isinstance(self.player, SilentPlayer | None)
        self.session_view.set_captions(self.settings.captions or silent)

    def _sync_actions(self) -> None:
        in_session = (
            self.current_page() is self.session_view
            and self.controller is not None
            and self.controller.active
        )
        for name in SESSION_ONLY:
            self.actions_[name].setEnabled(in_session)
        paused = self.controller is not None and self.controller.state is State.PAUSED
        pause = self.actions_["pause"]
        pause.setText("Resume" if paused else "Pause")
        pause.setIcon(button_icon(self, "play" if paused else "pause"))
        mute = self.actions_["mute"]
        mute.setText("Unmute" if self.settings.mute else "Mute")
        mute.setIcon(button_icon(self, "unmute" if self.settings.mute else "mute"))

    # -- window -------------------------------------------------------------------------

    def restore_geometry(self) -> None:
        """Put the window where it was last time, or a comfortable size on first start."""
        saved = self.settings.window_geometry
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            return
        screen = self.screen().availableGeometry()
        w = min(max(em(self, 60), 1000), int(screen.width() * 0.9))
        h = min(max(em(self, 40), 700), int(screen.height() * 0.9))
        self.resize(w, h)
        self.move(screen.center().x() - w // 2, screen.center().y() - h // 2)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.current_page() is self.home and self.focusWidget() is None:
            self.home.quick_button.setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.WindowStateChange:
            minimized = self.isMinimized()
            self.session_view.set_window_minimized(minimized)
            if self.controller is not None:
                self.controller.set_display_active(not minimized)
        elif event.type() == QEvent.Type.ApplicationFontChange:
            rescale_fonts(self)
        super().changeEvent(event)

    def quit_now(self) -> None:
        """Close without asking (Ctrl+C in the terminal): the session is stopped and kept."""
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._quitting and self.controller is not None and self.controller.active:
            if not self.confirm(
                self, "Quit massage-timer?", "A session is running. Stop it and quit?", "Quit"
            ):
                event.ignore()
                return
        self.shut_down()
        event.accept()

    def shut_down(self) -> None:
        """Stop a running session (it is recorded), remember the window, finish writes."""
        if self._shut:
            return
        self._shut = True
        if self.controller is not None and self.controller.active:
            self.controller.stop()
        save_window_settings(
            bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            self.settings.mute,
            self.banner,
        )
        self.history.close()
        close = getattr(self.player, "close", None)
        if callable(close):
            close()


def save_window_settings(geometry: str, mute: bool, banner: Banner | None = None) -> None:
    """Store the window's place and the mute switch, keeping what else is on disk."""
    from massage_timer.storage.settings import load_settings, save_settings

    # Read again: the settings page may have saved other changes since startup.
    current, _ = load_settings()
    try:
        save_settings(current.replace(window_geometry=geometry, mute=mute))
    except (OSError, ValueError) as exc:
        if banner is not None:
            banner.add([f"Settings could not be saved ({exc})."])
