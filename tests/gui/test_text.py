"""gui/text.py: the helpers that show text from files literally, each against Qt's own reading."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from massage_timer.gui.text import (
    TextLabel,
    could_be_markup,
    first_line_tip,
    menu_text,
    message_box,
    one_line,
    tip,
    window_title,
)

might_be_rich = QtGui.Qt.mightBeRichText
ODD = [
    "a & b",
    "<b>bold</b>",
    'x <img src="/etc/x.png"> y',
    "first\n<b>second</b>",
    "&lt;b&gt; typed as entities",
    "fish &amp; chips",
    "<!DOCTYPE html><p>hi</p>",
    "x < y > z",
]


@pytest.mark.parametrize("text", ODD)
def test_a_tip_renders_as_the_text_itself(text: str) -> None:
    shown = tip(text)
    assert might_be_rich(shown)  # always read as rich text, so entities are decoded...
    doc = QTextDocument()
    doc.setHtml(shown)
    assert doc.toPlainText().replace("\u2028", "\n") == text  # ...into exactly the text


def test_an_empty_tip_is_no_tooltip() -> None:
    assert tip("") == ""


@pytest.mark.parametrize("text", ODD)
def test_a_text_label_shows_any_text_as_plain_text(qtbot: QtBot, text: str) -> None:
    label = TextLabel("an everyday start")
    qtbot.addWidget(label)
    label.setText(text)
    assert label.text() == text
    assert label.textFormat() is Qt.TextFormat.PlainText


@pytest.mark.parametrize(
    "text", ["Quick 5 minutes", "x > y", "[*] and (b)", "lt; gt;", "two\nlines", "Étirement"]
)
def test_text_without_lt_or_amp_is_never_read_as_markup(qtbot: QtBot, text: str) -> None:
    # TextLabel leaves such text in AutoText (no Qt enums before the first frame): Qt must agree.
    assert not could_be_markup(text)
    assert not might_be_rich(text)
    label = TextLabel(text)
    qtbot.addWidget(label)
    assert label.text() == text


def test_the_first_frame_loads_no_qt_enums_for_everyday_text() -> None:
    # A fresh interpreter: a card of plain words keeps PySide6.QtCore.Qt unloaded (it costs
    # tens of ms before the first frame); a title with markup loads it and goes plain.
    script = textwrap.dedent(
        """
        import PySide6.QtCore as core
        from PySide6.QtWidgets import QApplication
        from massage_timer.gui.home_view import HomeView, RoutineEntry
        app = QApplication([])
        home = HomeView("quick-5")
        home.set_routines([RoutineEntry("quick-5", "Quick 5 minutes", 300, "Neck", "Short.")])
        print("Qt" in core.__dict__)
        home.set_routines([RoutineEntry("x", "A <b>title</b>", 60, "Neck", "")])
        card = home.card("x")
        print("Qt" in core.__dict__, card.title_label.textFormat().name)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.stdout.split() == ["False", "True", "PlainText"]


def test_menu_text_shows_an_ampersand_and_no_mnemonic() -> None:
    assert menu_text("Start Fish & chips") == "Start Fish && chips"
    assert menu_text("A &&B") == "A &&&&B"
    assert menu_text("tab\there\nand there") == "tab here and there"  # a tab starts the key text


def test_a_window_title_shows_the_modified_mark_as_written(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setWindowTitle(window_title("Mine [*] and [*][*]") + " — app")
    widget.show()
    qtbot.waitExposed(widget)
    handle = widget.windowHandle()
    assert handle is not None and handle.title() == "Mine [*] and [*][*] — app"


def test_one_line_joins_lines_and_tabs() -> None:
    assert one_line(" a\tb\r\nc\u2028d ") == "a b c d"


def test_a_first_line_tip_is_plain_for_qt_and_refuses_markup_in_its_heading() -> None:
    shown = first_line_tip("massage-timer", "Time for <b>x</b> & y\nnow")
    assert shown == "massage-timer\nTime for <b>x</b> & y now"
    assert not might_be_rich(shown)
    assert first_line_tip("massage-timer", "") == "massage-timer"
    for heading in ("a <b>", "a & b", "two\nlines"):
        with pytest.raises(ValueError):
            first_line_tip(heading, "x")


def test_a_message_box_shows_its_text_as_plain_text(qtbot: QtBot) -> None:
    box = message_box(None, QMessageBox.Icon.Question, "Ask [*]", "Delete <b>x</b> & y?")
    qtbot.addWidget(box)
    assert box.textFormat() is Qt.TextFormat.PlainText
    assert box.text() == "Delete <b>x</b> & y?"
    assert box.windowTitle() == "Ask [*][*]"
    assert box.icon() is QMessageBox.Icon.Question
