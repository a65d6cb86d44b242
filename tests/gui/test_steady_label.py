"""A label that changes every second keeps its size, so the view is not laid out again."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from massage_timer.gui.steady_label import SteadyLabel


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
    spy = _LayoutRequests(host)
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


class _LayoutRequests(QWidget):
    """Counts the LayoutRequest events ``watched`` receives (a relayout)."""

    def __init__(self, watched: QWidget) -> None:
        super().__init__()
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, _obj: object, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False
