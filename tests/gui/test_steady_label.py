"""A label that changes every second keeps its size, so the view is not laid out again."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from massage_timer.gui.steady_label import SteadyLabel
from tests.gui.events import EventCounter


def test_a_new_time_moves_nothing_and_a_wider_one_grows_the_label(qtbot: QtBot) -> None:
    host = QWidget()
    row = QHBoxLayout(host)
    label = SteadyLabel()
    row.addWidget(label)
    qtbot.addWidget(host)
    label.setText("10:00")
    wide = label.size()
    assert label.minimumSize() == label.maximumSize() == wide  # fixed: no layout request
    host.show()
    qtbot.waitExposed(host)
    QApplication.sendPostedEvents()  # what showing it asked for
    spy = EventCounter(host, QEvent.Type.LayoutRequest)
    label.setText("1:05")
    label.setText("9:59")
    assert label.size() == wide  # narrower texts keep the widest width
    QApplication.sendPostedEvents()
    assert spy.count == 0
    label.setText("100:00")
    assert label.width() > wide.width()


def test_a_new_font_measures_the_label_afresh(qtbot: QtBot) -> None:
    label = SteadyLabel()
    qtbot.addWidget(label)
    label.setText("10:00")
    small = label.size()
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 3)
    label.setFont(font)
    assert label.height() > small.height() and label.width() > small.width()
    assert label.minimumSize() == label.maximumSize()
    font.setPointSizeF(font.pointSizeF() / 3)  # back to the first size: the label shrinks
    label.setFont(font)
    assert label.size() == small
