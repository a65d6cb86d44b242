"""Where the window opens: a saved place comes back, a damaged one gives the first-start size."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from massage_timer.gui.window_geometry import restore_geometry


@pytest.mark.parametrize("saved", ["", "not base64 at all", "é✗", "AAAA"])
def test_no_place_or_a_damaged_one_opens_at_the_first_start_size(qtbot: QtBot, saved: str) -> None:
    first, other = QWidget(), QWidget()
    qtbot.addWidget(first)
    qtbot.addWidget(other)
    restore_geometry(first, "")
    restore_geometry(other, saved)
    assert other.size() == first.size()
    assert first.width() >= 600


def test_a_saved_place_comes_back(qtbot: QtBot) -> None:
    import binascii

    window, again = QWidget(), QWidget()
    qtbot.addWidget(window)
    qtbot.addWidget(again)
    window.resize(640, 480)
    window.move(20, 30)
    saved = binascii.b2a_base64(bytes(window.saveGeometry().data()), newline=False).decode()
    restore_geometry(again, saved)
    assert again.size() == window.size()
