"""Issue 14: what a routine file says is shown as text, never as markup, on every screen.

One user routine carries tags, an ``<img>`` of a local file, ``&`` and ``[*]`` in its
title, description, step title, notes and spoken line. Every place that shows them (the
home card, the session, the finish screen, the editor, history, the tray, message boxes,
the window title) must show exactly those characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from massage_timer import APP_NAME, paths
from massage_timer.core.timeline import CueKind
from massage_timer.gui.history_view import HistoryView
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.pages import PageRouter
from massage_timer.gui.routine_editor import RoutineEditor
from massage_timer.gui.settings_dialog import SettingsDialog
from massage_timer.gui.tray import TrayIcon, reminder_notice
from massage_timer.storage.history import HistoryStore, SessionRecord
from massage_timer.storage.settings import Settings
from tests.doubles import FakeClock

from .test_session_walk import advance_to

IMG = '<img src="/usr/share/pixmaps/debian-logo.png">'
# "zq" marks every text that comes from the file, so a walk over labels can tell them apart.
TITLE = f"Odd zqtitle <b>bold</b> & {IMG} [*]"
DESCRIPTION = f"{IMG} <b>zqdescription</b> & more"
STEP_TITLE = f"<b>zqstep</b> & {IMG}"
NOTE = f"<i>zqnote</i> & {IMG}"
SAY = f"<b>zqsay</b> & {IMG}"
RID = "odd"
might_be_rich = QtGui.Qt.mightBeRichText  # Qt's guess for AutoText labels and tooltips

ROUTINE = f"""title = '{TITLE}'
description = '{DESCRIPTION}'

[[steps]]
technique = "kneading"
title = '{STEP_TITLE}'
say = '{SAY}'
notes = ['{NOTE}']
duration = 60
"""


@pytest.fixture
def odd_routine() -> str:
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{RID}.toml").write_text(ROUTINE, encoding="utf-8")
    # A file the catalog skips, with markup in the key its error line quotes: the banner.
    (folder / "broken.toml").write_text(
        '"<b>zqkey</b>" = 1\ntitle = "x"\n[[steps]]\ntechnique = "kneading"\nduration = 60\n',
        encoding="utf-8",
    )
    return RID


@pytest.fixture
def loaded(window: MainWindow, odd_routine: str) -> MainWindow:
    window.reload_routines()
    return window


def shown_tip(text: str) -> str:
    """What a QToolTip shows for ``text``: Qt's own guess, then the text as it renders."""
    if not might_be_rich(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText().replace("\u2028", "\n")


def shown_menu_text(text: str) -> str:
    """What a menu entry or button shows for ``text``: ``&&`` is one ``&``, ``&x`` is x."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out)


def assert_plain(label: QLabel, text: str) -> None:
    assert label.text() == text
    assert label.textFormat() is Qt.TextFormat.PlainText


def assert_no_markup(page: QWidget, allowed: tuple[QLabel, ...] = ()) -> int:
    """No label on ``page`` reads file text, or anything Qt would parse, as markup.

    Returns how many labels held text from the file, so a test sees the walk found them.
    """
    from_file = 0
    for label in page.findChildren(QLabel):
        text = label.text()
        plain = label.textFormat() is Qt.TextFormat.PlainText
        if "zq" in text:
            from_file += 1
            assert plain, f"{label.accessibleName() or label.objectName()!r} shows {text!r}"
        elif not plain and label not in allowed:
            assert not might_be_rich(text), f"a label parses {text!r} as markup"
    for label in allowed:
        assert "zq" not in label.text()  # our own rich text holds no file text
    return from_file


AnswerBox = Callable[[QMessageBox.StandardButton], list[QMessageBox]]


@pytest.fixture
def answer_box() -> Iterator[AnswerBox]:
    """Answer the next modal message box; the list returned gets the box that was seen."""
    timers: list[QTimer] = []

    def watch(answer: QMessageBox.StandardButton) -> list[QMessageBox]:
        seen: list[QMessageBox] = []
        timer = QTimer()

        def look() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox) and not seen:
                seen.append(box)
                timer.stop()
                box.done(answer.value)

        timer.timeout.connect(look)
        timer.start(10)
        timers.append(timer)
        return seen

    yield watch
    for timer in timers:
        timer.stop()


def test_the_home_card_shows_the_files_words(loaded: MainWindow) -> None:
    card = loaded.home.card(RID)
    assert card is not None
    assert_plain(card.title_label, TITLE + "  (yours)")
    assert_plain(card.description_label, DESCRIPTION)
    assert shown_tip(card.start_button.toolTip()) == f"Start {TITLE} ({card.entry.minutes_text})"
    assert assert_no_markup(loaded.home) == 2
    # The skipped file's error line quotes its key: the banner shows it as written.
    assert "<b>zqkey</b>" in loaded.banner.label.text()
    assert assert_no_markup(loaded.banner) == 1


def test_the_session_and_finish_screens_show_the_files_words(
    loaded: MainWindow, clock: FakeClock
) -> None:
    controller = loaded.open_session(RID)
    assert controller is not None
    view = loaded.session_view
    plan = controller.plan
    said = next(
        (c, s) for s in plan.segments for c in s.cues if c.kind is CueKind.SPEECH and SAY in c.text
    )
    advance_to(clock, loaded, said[0].at_ms + 100)
    assert_plain(view.routine_label, TITLE)
    assert_plain(view.step_label, STEP_TITLE)
    assert view.instructions_label.textFormat() is Qt.TextFormat.PlainText
    assert f"•  {NOTE}" in view.instructions_label.text().split("\n")
    assert_plain(view.caption_label, f"“{said[0].text}”")
    # The title bar shows the title as written: "[*]" is not taken for the modified mark.
    handle = loaded.windowHandle()
    assert handle is not None and handle.title() == f"{TITLE} — {APP_NAME}"
    assert assert_no_markup(view, allowed=(view.safety_label,)) >= 4
    # The one label of our own rich text: the safety note's bold lead-in, rendered bold.
    assert view.safety_label.textFormat() is Qt.TextFormat.RichText
    assert view.safety_label.text().startswith("<b>Take care.</b> ")

    controller.stop()
    finish = loaded.finish_view
    assert loaded.current_page() is finish
    assert finish.details.textFormat() is Qt.TextFormat.PlainText
    assert f" of {TITLE}" in finish.details.text().split("\n")[0]
    assert handle.title() == f"{TITLE}: stopped — {APP_NAME}"
    assert assert_no_markup(finish) == 1


def test_the_next_step_names_the_files_step_title(loaded: MainWindow) -> None:
    controller = loaded.open_session(RID)
    assert controller is not None
    # The lead-in: "what comes next" is the step, named by the file.
    assert STEP_TITLE in loaded.session_view.next_label.text()
    assert loaded.session_view.next_label.textFormat() is Qt.TextFormat.PlainText


def test_the_editor_shows_the_files_words(loaded: MainWindow, answer_box: AnswerBox) -> None:
    router = PageRouter(loaded, voices=lambda: [])
    editor = router.open_editor(RID)
    assert isinstance(editor, RoutineEditor)
    assert_plain(editor.heading, TITLE)
    assert editor.title_edit.text() == TITLE
    assert_plain(editor.step_editor.heading, f"1. {STEP_TITLE}")
    item = editor.step_list.item(0)
    assert item is not None and item.text().startswith(f"1. {STEP_TITLE}\n")
    assert assert_no_markup(editor) == 2
    # The question before deleting names the routine: a plain-text message box.
    boxes = answer_box(QMessageBox.StandardButton.No)
    editor.delete()
    assert boxes, "no message box was asked"
    assert boxes[0].textFormat() is Qt.TextFormat.PlainText
    assert boxes[0].text() == f"Delete your routine “{TITLE}”?"
    assert (paths.user_routines_dir() / f"{RID}.toml").is_file()  # answered No
    boxes = answer_box(QMessageBox.StandardButton.Yes)
    editor.delete()
    assert boxes and not (paths.user_routines_dir() / f"{RID}.toml").exists()  # answered Yes


def test_the_history_page_shows_the_files_words(qtbot: QtBot) -> None:
    with HistoryStore() as store:
        store.record(
            SessionRecord(
                None, "odd<b>id</b>", TITLE, datetime.now().astimezone(), 60, 60, completed=True
            )
        )
    view = HistoryView()
    qtbot.addWidget(view)
    item = view.recent.topLevelItem(0)
    assert item is not None
    assert item.text(1) == TITLE
    assert shown_tip(item.toolTip(1)) == "odd<b>id</b>"
    assert_no_markup(view)


def test_the_tray_menu_tooltip_and_notification_show_the_title(qtbot: QtBot) -> None:
    tray = TrayIcon()
    tray.notify_reminder(RID, TITLE)
    assert tray.start_action.isVisible()
    assert shown_menu_text(tray.start_action.text()) == f"Start {TITLE}"
    # Plain for Qt's tooltip (its first line has no markup) and for a tray that takes text.
    assert not might_be_rich(tray.tooltip)
    assert tray.tooltip == f"{APP_NAME}\nTime for your {TITLE}"
    assert reminder_notice(TITLE) == (f"Time for your {TITLE}", "Click here to start it.")
    assert reminder_notice("Two\nlines") == ("Time for your Two lines", "Click here to start it.")


def test_a_reminder_without_a_tray_asks_in_plain_text(loaded: MainWindow) -> None:
    router = PageRouter(loaded, voices=lambda: [])
    router.tray.available = False
    router.tray._icon = None
    router.remind(RID)
    boxes = [w for w in loaded.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].textFormat() is Qt.TextFormat.PlainText
    assert boxes[0].text() == f"Time for your {TITLE}. Start it now?"
    boxes[0].button(QMessageBox.StandardButton.No).click()


def test_the_settings_page_lists_the_title_as_written(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(), [], routines=[(RID, TITLE)])
    qtbot.addWidget(dialog)
    index = dialog.routine.findData(RID)
    assert index >= 0 and dialog.routine.itemText(index) == TITLE
    assert_no_markup(dialog)
