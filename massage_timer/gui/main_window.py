"""The main window: home, session and finish screens in a stack, the keys, and the banner.

Pages other engineers build (the routine editor, history, settings) are pushed with
:meth:`MainWindow.show_page` and leave with Esc or their Back button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

from massage_timer import APP_NAME
from massage_timer.core.constants import QUICK_ID
from massage_timer.core.i18n import _
from massage_timer.gui.home_view import HomeView, routine_entries
from massage_timer.gui.notices import Banner, Confirm, ask, close_open_dialog
from massage_timer.gui.page_stack import PageStack
from massage_timer.gui.text import window_title
from massage_timer.gui.theme import em, rescale_fonts
from massage_timer.gui.window_geometry import restore_geometry, save_window_settings
from massage_timer.storage.settings import Settings

if TYPE_CHECKING:  # the core and the session load when first needed, not for the first frame
    from collections.abc import Callable

    from PySide6.QtGui import QAction, QCloseEvent

    from massage_timer.core.clock import Clock
    from massage_timer.core.cue_player import CuePlayer
    from massage_timer.core.routine import Routine
    from massage_timer.core.timeline import Plan
    from massage_timer.gui.finish_view import FinishView
    from massage_timer.gui.history_writer import HistoryWriter
    from massage_timer.gui.session_controller import SessionController, SessionSummary
    from massage_timer.gui.session_view import SessionView
    from massage_timer.gui.window_events import WindowEvents
    from massage_timer.storage.catalog import Catalog


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
        self._catalog = catalog  # read when first needed: the cards may come from the cache
        self._cards_checked = False  # the cards shown match the routines on disk
        self.clock = clock
        self.player = player  # None until the voice is made, after the first frame
        self.confirm: Confirm = confirm or ask
        self._history = history
        self.controller: SessionController | None = None
        self._start_pending = False
        self._ready = False
        self._quitting = False  # closing without asking (a signal from the terminal)
        self._asking = False  # a question about the session is open
        self._shut = False
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        self._actions: dict[str, QAction] | None = None  # the keys: just after the first frame

        # Built from the window down: a widget made under its parent takes the style sheet
        # once, where one moved into place takes it again with all it holds.
        central = QWidget(self)
        self.setCentralWidget(central)
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self.banner = Banner(central)
        if history is not None:
            self._tell_history_problems(history)
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(em(self, 1.2), em(self, 0.6), em(self, 1.2), 0)
        banner_row.addWidget(self.banner)
        col.addLayout(banner_row)
        self.stack = PageStack(central)
        col.addWidget(self.stack, 1)
        self.home = HomeView(QUICK_ID, self.stack)
        self.stack.set_home(self.home)
        self.home.start_requested.connect(lambda rid: self.open_session(rid))
        self.home.customize_requested.connect(self.customize_requested)
        self.home.history_requested.connect(self.history_requested)
        self.home.settings_requested.connect(self.settings_requested)
        self._session_view: SessionView | None = None  # made with the first session
        self._finish_view: FinishView | None = None
        self._events: WindowEvents | None = None  # shown, minimized, font: after the first frame
        self.close_hides: Callable[[], bool] | None = None  # the tray: closing only hides
        self.stack.currentChanged.connect(lambda _: self._sync_actions())
        if catalog is not None or not self._cards_from_cache():
            self.reload_routines(catalog)
        self.banner.add(list(warnings or []))
        self._sync_actions()

    # -- parts made when first needed ----------------------------------------------------

    @property
    def actions_(self) -> dict[str, QAction]:
        """The window's keys, made when first used (the first frame needs none)."""
        if self._actions is None:
            from massage_timer.gui.shortcuts import make_actions

            actions = self._actions = make_actions(self)
            actions["pause"].triggered.connect(lambda: self._session("toggle_pause"))
            actions["next"].triggered.connect(lambda: self._session("skip"))
            actions["back"].triggered.connect(lambda: self._session("back"))
            actions["stop"].triggered.connect(self._escape)
            actions["mute"].triggered.connect(self.toggle_mute)
            actions["fullscreen"].triggered.connect(self.toggle_full_screen)
            actions["quit"].triggered.connect(self.close)
            self._sync_actions()
        return self._actions

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from massage_timer.storage.catalog import load_catalog

            self._catalog = load_catalog()
        return self._catalog

    @property
    def session_view(self) -> SessionView:
        if self._session_view is None:
            from massage_timer.gui.session_view import SessionView

            self._session_view = SessionView(self.actions_, self.stack)  # made where it stays
            self._session_view.pain_before.rated.connect(self._pain_before)
            self.stack.addWidget(self._session_view)
            self._sync_actions()
        return self._session_view

    @property
    def finish_view(self) -> FinishView:
        if self._finish_view is None:
            from massage_timer.gui.finish_view import FinishView

            self._finish_view = FinishView(self.stack)
            self._finish_view.home_requested.connect(self.go_home)
            self._finish_view.again_requested.connect(lambda rid: self.open_session(rid))
            self._finish_view.pain_after_given.connect(self._pain_after)
            self.stack.addWidget(self._finish_view)
        return self._finish_view

    @property
    def history(self) -> HistoryWriter:
        if self._history is None:
            from massage_timer.gui.history_writer import HistoryWriter

            self._history = HistoryWriter(parent=self)
            self._tell_history_problems(self._history)
        return self._history

    def _tell_history_problems(self, history: HistoryWriter) -> None:
        history.warning.connect(lambda m: self.banner.add([m]))
        history.failed.connect(lambda m: self.banner.add([m]))

    def _on_page(self, page: QWidget | None) -> bool:
        return page is not None and self.current_page() is page

    # -- pages --------------------------------------------------------------------------

    def _cards_from_cache(self) -> bool:
        from massage_timer.gui import home_cache

        cached = home_cache.load(home_cache.settings_key(self.settings))
        if cached is None:
            return False
        entries, notices = cached
        self.home.set_routines(entries)
        self.banner.add(notices)
        return True

    def reload_routines(self, catalog: Catalog | None = None) -> None:
        """Read the routines again (after the editor saved one) and show them."""
        from massage_timer.gui import home_cache
        from massage_timer.storage.catalog import load_catalog

        self._catalog = catalog or load_catalog()
        entries, notices = routine_entries(self._catalog, self._plan)
        self.home.set_routines(entries)
        self.banner.add(notices)
        self._cards_checked = True
        home_cache.save(home_cache.settings_key(self.settings), entries, notices)

    def show_page(self, widget: QWidget, title: str = "", chrome: bool = True) -> None:
        """Push a full-window page (editor, history, settings); Esc or Back returns.

        With ``chrome`` the page gets a Back button and ``title`` above it; without, the
        page brings its own way back (and calls :meth:`pop_page`).
        """
        self.stack.push(widget, title, chrome)

    def pop_page(self) -> None:
        """Close the newest pushed page and show what was under it."""
        self.stack.pop()

    def go_home(self) -> None:
        self.stack.pop_all()
        self.stack.setCurrentWidget(self.home)
        self.setWindowTitle(APP_NAME)
        self.home.quick_button.setFocus()

    def current_page(self) -> QWidget:
        return self.stack.current()

    # -- sessions -----------------------------------------------------------------------

    def _plan(self, routine: Routine, minutes: float | None = None) -> Plan:
        from massage_timer.core.planner import plan_routine

        return plan_routine(routine, self.settings, minutes=minutes)

    def open_session(self, ref: str, minutes: float | None = None) -> SessionController | None:
        """Show the session for routine ``ref`` (an id or a file) and start it."""
        from massage_timer.core.routine_errors import RoutineError
        from massage_timer.storage.catalog import find_routine

        try:
            plan = self._plan(find_routine(ref, self.catalog), minutes)
        except (RoutineError, ValueError) as exc:
            self.banner.add([_("Cannot start {routine}: {reason}").format(routine=ref, reason=exc)])
            return None
        from massage_timer.gui.session_controller import SessionController

        self._drop_controller()
        controller = SessionController(
            plan, clock=self.clock, player=self.player, recorder=self.history, parent=self
        )
        controller.set_muted(self.settings.mute)
        controller.state_changed.connect(lambda _: self._sync_actions())
        controller.state_changed.connect(lambda _: self._title_session())
        controller.session_finished.connect(self._finished)
        self.controller = controller
        self.session_view.set_controller(controller)
        self.session_view.ask_pain_before(self.settings.ask_pain)
        self._sync_captions()
        while self.stack.pages:
            self.pop_page()
        self.stack.setCurrentWidget(self.session_view)
        self.session_view.setFocus()
        self._title_session()
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
        if self._session_view is not None:
            self._session_view.set_controller(None)
        self.controller = None
        old.deleteLater()

    def _session(self, command: str) -> None:
        if self.controller is not None and self._on_page(self._session_view):
            getattr(self.controller, command)()

    def _escape_session(self, controller: SessionController) -> None:
        if not controller.active:
            controller.stop()  # still waiting to start: nothing to lose
            self.go_home()
            return
        asked = self._ask(
            _("Stop the session?"),
            _("Stop this session now? Enter stops, Esc keeps going."),
            _("Stop session"),
        )
        if asked and self.controller is not None:  # the session may have ended meanwhile
            self.controller.stop()

    def _ask(self, title: str, question: str, yes: str) -> bool:
        """Ask about the running session; if it ends first, the question is withdrawn."""
        self._asking = True
        try:
            return self.confirm(self, title, question, yes)
        finally:
            self._asking = False

    def _escape(self) -> None:
        if self.stack.pages:
            self.pop_page()
        elif self._on_page(self._session_view) and self.controller is not None:
            self._escape_session(self.controller)
        elif self._on_page(self._finish_view):
            self.go_home()
        elif self.isFullScreen():
            self.toggle_full_screen()

    def _finished(self, summary: SessionSummary) -> None:
        if self._shut:
            return
        if self._asking:  # "Stop?" or "Quit?" about a session that is over: answered "no"
            close_open_dialog(questions_only=True)
        self.finish_view.show_summary(summary, self.settings.ask_pain)
        self.stack.setCurrentWidget(self.finish_view)
        self.setWindowTitle(
            window_title(
                (_("{title}: done") if summary.completed else _("{title}: stopped")).format(
                    title=summary.title
                )
            )
            + f" — {APP_NAME}"
        )

    def _title_session(self) -> None:
        # The title says when a session is paused: the taskbar shows it, and so can a test.
        if self.controller is None or not self._on_page(self._session_view):
            return
        paused = " (paused)" if self.controller.state.value == "paused" else ""
        self.setWindowTitle(window_title(self.controller.plan.title) + f"{paused} — {APP_NAME}")

    def _pain_before(self, value: int | None) -> None:
        if self.controller is not None:
            self.controller.pain_before = value

    def _pain_after(self, value: int | None) -> None:
        record = self._history.last_record if self._history is not None else None
        if value is not None and record is not None:
            self.history.set_pain_after(record, value)

    # -- startup: what the first frame does not need ----------------------------------------

    def finish_startup(self) -> None:
        """Make the voice and start a waiting session; runs once the window is on screen."""
        if self._ready:
            return
        _keys = self.actions_  # the keys work from the moment the window is on screen
        from massage_timer.gui.window_events import WindowEvents

        # Shown again, minimized, a new system font: from now on (see window_events).
        self._events = WindowEvents(
            self, self._shown, self._sync_on_screen, lambda: rescale_fonts(self)
        )
        self._shown()  # as if shown now: the first show came before these were connected
        if self.player is None:
            from massage_timer.gui.voice import create_player

            self.player, warnings = create_player(self.settings)
            self.banner.add(warnings)
        self._ready = True
        if not self._cards_checked:  # shown from the cache: check them against the files
            QTimer.singleShot(0, lambda: self.reload_routines())
        self._sync_captions()
        if self.controller is not None:
            self.controller.set_player(self.player)
            if self._start_pending:
                self._start_pending = False
                self.controller.start()

    # -- sound, screen, keys --------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Use changed settings at once: the voice, mute, captions; new minutes on the cards.

        The settings page saves them and applies the theme; a session keeps running.
        """
        old, self.settings = self.settings, settings
        apply = getattr(self.player, "apply_settings", None)
        if callable(apply):
            apply(settings)
        if self.controller is not None:
            self.controller.set_muted(settings.mute)
        self._sync_captions()
        self._sync_actions()
        if (old.rate, old.breathing) != (settings.rate, settings.breathing):
            self.reload_routines()  # the minutes depend on both

    def toggle_mute(self) -> None:
        self.apply_settings(self.settings.replace(mute=not self.settings.mute))

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _sync_captions(self) -> None:
        # Without sound the captions are the only guide, whatever the setting says; and
        # wherever the session view takes the settings, motion goes along.
        if self._session_view is not None:
            self._session_view.set_captions(self.settings.captions or self.voice_silent())
            self._session_view.set_reduce_motion(self.settings.reduce_motion)

    def voice_silent(self) -> bool:
        """No voice is heard: muted, or no sound at all."""
        from massage_timer.core.cue_player import SilentPlayer

        return self.settings.mute or isinstance(self.player, SilentPlayer | None)

    def _sync_actions(self) -> None:
        if self._actions is None:
            return  # no keys yet: made (and synced) just after the first frame
        from massage_timer.gui.shortcuts import SESSION_ONLY

        in_session = (
            self._on_page(self._session_view)
            and self.controller is not None
            and self.controller.active
        )
        for name in SESSION_ONLY:
            self.actions_[name].setEnabled(in_session)
        paused = self.controller is not None and self.controller.state.value == "paused"
        pause = self.actions_["pause"]
        pause.setText(_("Resume") if paused else _("Pause"))
        mute = self.actions_["mute"]
        mute.setText(_("Unmute") if self.settings.mute else _("Mute"))
        if self._session_view is None:
            return  # the icons show on the session's buttons only
        from massage_timer.gui.icons import button_icon

        pause.setIcon(button_icon(self, "play" if paused else "pause"))
        mute.setIcon(button_icon(self, "unmute" if self.settings.mute else "mute"))

    # -- window -------------------------------------------------------------------------

    def restore_geometry(self) -> None:
        """Put the window where it was last time, or a comfortable size on first start."""
        restore_geometry(self, self.settings.window_geometry)

    def _shown(self) -> None:
        if self.current_page() is self.home and self.focusWidget() is None:
            self.home.quick_button.setFocus()
        self._sync_on_screen()

    def _sync_on_screen(self) -> None:
        # Minimized, or not on screen at all (unmapped, hidden): nothing is drawn then.
        off = self.isMinimized() if self._events is None else self._events.off_screen
        if self._session_view is not None:
            self._session_view.set_window_minimized(off)
        if self.controller is not None:
            self.controller.set_display_active(not off)

    def quit_now(self) -> None:
        """Close without asking (Ctrl+C in the terminal): the session is stopped and kept."""
        self._quitting = True
        # An open dialog goes unanswered; if it was "Quit?", the close that asked goes on.
        close_open_dialog(questions_only=False)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.close_hides is not None and self.close_hides():
            self.hide()  # the app keeps running in the tray, and so does a session
            event.ignore()
            return
        running = not self._quitting and self.controller is not None and self.controller.active
        question = _("A session is running. Stop it and quit?")
        agreed = not running or self._ask(_("Quit massage-timer?"), question, _("Quit"))
        # While it asks, a quit may come from the terminal, or the session may end.
        ended = self.controller is None or not self.controller.active
        if not (agreed or self._quitting or ended):
            event.ignore()
            return
        self.shut_down()
        event.accept()

    def shut_down(self) -> None:
        """Stop a running session (it is recorded), remember the window, finish writes."""
        if self._shut:
            return
        self._shut = True
        if self.controller is not None:
            # Recorded as stopped; the window, going away, no longer follows it.
            if self._session_view is not None:
                self._session_view.set_controller(None)
            if self.controller.active:
                self.controller.stop()
        save_window_settings(self, self.settings.mute, lambda m: self.banner.add([m]))
        if self._history is not None:
            self._history.close()
        close = getattr(self.player, "close", None)
        if callable(close):
            close()
