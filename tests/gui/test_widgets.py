"""The pieces: the illustration (SVG and fallback), the breath pacer, the pain rating,
the banner, the themes and fonts, the keys' context."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from massage_timer.core.breath import BreathState
from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.core.timeline import BreathPhase
from massage_timer.gui import illustration as illustration_module
from massage_timer.gui.illustration import IllustrationView
from massage_timer.gui.notices import Banner
from massage_timer.gui.pacer import BreathPacer
from massage_timer.gui.pain import PainRating
from massage_timer.gui.shortcuts import COMMANDS, make_actions
from massage_timer.gui.theme import THEMES, apply_theme, rescale_fonts, scale_font
from massage_timer.resources import illustration_path
from tests.doubles import fresh


def colours(image: QImage) -> set[int]:
    xs, ys = range(0, image.width(), 4), range(0, image.height(), 4)
    return {image.pixel(x, y) for y in ys for x in xs}


def shown(qtbot: QtBot, widget: QWidget, size: QSize | None = None) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(size or QSize(400, 300))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.parametrize("technique", sorted(TECHNIQUES))
def test_every_technique_has_a_picture_or_a_clean_card(qtbot: QtBot, technique: str) -> None:
    view = IllustrationView()
    shown(qtbot, view)
    view.set_technique(technique)
    picture = view.grab().toImage()
    assert len(colours(picture)) > 3  # something is drawn, whichever it is
    assert view.has_picture() == illustration_path(technique).is_file()
    assert TECHNIQUES[technique].name in view.accessibleName()


def test_a_missing_svg_shows_the_name_on_a_card(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(illustration_module, "illustration_path", lambda t: tmp_path / "gone.svg")
    view = IllustrationView()
    shown(qtbot, view)
    view.set_technique("palm-rub")
    assert not view.has_picture()
    picture = view.grab().toImage()
    assert len(colours(picture)) > 3  # the card and the words on it


def test_the_picture_is_rendered_once_per_size(qtbot: QtBot) -> None:
    view = IllustrationView()
    shown(qtbot, view)
    view.set_technique("gentle-circles")
    if not view.has_picture():
        pytest.skip("the gentle-circles drawing is not there yet")
    view.grab()
    view.grab()
    assert len(view._pixmaps) == 1
    for width in range(300, 1000, 50):
        view.resize(width, 300)
        view.grab()
    assert len(view._pixmaps) <= 6  # a resize drag does not fill the memory
    pixmap = next(reversed(view._pixmaps.values()))
    logical = pixmap.deviceIndependentSize()
    assert logical.height() == pytest.approx(300, abs=1)  # as large as fits, kept 4:3
    assert logical.width() == pytest.approx(400, abs=1)


def test_the_pacer_animates_only_when_it_should(qtbot: QtBot) -> None:
    breath = [BreathState(BreathPhase.INHALE, 0.5, 2000.0)]
    pacer = BreathPacer(lambda: breath[0])
    qtbot.addWidget(pacer)
    pacer.show_breath(breath[0], running=True)
    assert not fresh(lambda: pacer.animating)  # not shown yet
    shown(qtbot, pacer, QSize(200, 240))
    assert fresh(lambda: pacer.animating)
    pacer.set_suspended(True)  # the window is minimized
    assert not fresh(lambda: pacer.animating)
    pacer.set_suspended(False)
    assert fresh(lambda: pacer.animating)
    pacer.show_breath(breath[0], running=False)  # paused
    assert not fresh(lambda: pacer.animating)
    pacer.show_breath(None, running=True)  # a segment without a paced breath
    assert not fresh(lambda: pacer.animating)
    pacer.show_breath(breath[0], running=True)
    pacer.hide()
    assert not fresh(lambda: pacer.animating)


def test_a_held_breath_draws_no_new_frames(qtbot: QtBot) -> None:
    breath = [BreathState(BreathPhase.HOLD, 0.0, 3000.0)]
    pacer = BreathPacer(lambda: breath[0])
    shown(qtbot, pacer, QSize(200, 240))
    pacer.show_breath(breath[0], running=True)
    qtbot.waitUntil(lambda: pacer._drawn is not None)
    frames = pacer.frames
    pacer.frame()
    pacer.frame()
    assert pacer.frames == frames
    breath[0] = BreathState(BreathPhase.EXHALE, 0.3, 3000.0)
    pacer.frame()
    assert pacer.frames == frames + 1
    assert pacer.accessibleDescription() == "Breathe out"


def test_the_circle_grows_with_the_breath(qtbot: QtBot) -> None:
    pacer = BreathPacer()
    shown(qtbot, pacer, QSize(200, 240))

    def filled(fullness: float) -> int:
        pacer.show_breath(BreathState(BreathPhase.INHALE, fullness, 0.0), running=False)
        image = pacer.grab().toImage()
        accent = pacer.palette().color(QPalette.ColorRole.Highlight)
        near = 0
        for y in range(0, image.height(), 2):
            for x in range(0, image.width(), 2):
                c = QColor(image.pixel(x, y))
                if abs(c.hue() - accent.hue()) < 12 and c.saturation() > 60:
                    near += 1
        return near

    assert filled(0.0) < filled(0.5) < filled(1.0)


def test_pain_rating_answers_once(qtbot: QtBot) -> None:
    rating = PainRating("Pain?")
    shown(qtbot, rating, QSize(700, 60))
    with qtbot.waitSignal(rating.rated) as got:
        qtbot.mouseClick(rating.buttons[7], Qt.MouseButton.LeftButton)
    assert got.args == [7]
    assert rating.isHidden()
    rating.reset()
    assert rating.isVisible()
    with qtbot.waitSignal(rating.rated) as got:
        qtbot.mouseClick(rating.skip_button, Qt.MouseButton.LeftButton)
    assert got.args == [None]
    assert [b.accessibleName() for b in rating.buttons][:2] == ["Pain 0 of 10", "Pain 1 of 10"]


def test_the_banner_shows_each_notice_once(qtbot: QtBot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.add(["Sound is off."])
    banner.add(["Sound is off."])
    assert banner.label.text() == "Sound is off."
    banner.hide()  # dismissed
    banner.add(["Sound is off."])
    assert banner.isHidden()  # not again
    banner.add(["The history was moved aside."])
    assert not banner.isHidden() and banner.label.text() == "The history was moved aside."


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_applies_cleanly(qapp: QApplication, theme: str, qtbot: QtBot) -> None:
    style, sheet, palette = qapp.style().name(), qapp.styleSheet(), qapp.palette()
    try:
        apply_theme(qapp, theme)
        label = QLabel("x")
        shown(qtbot, label, QSize(50, 20))
        if theme == "high-contrast":
            pal = qapp.palette()
            assert pal.color(QPalette.ColorRole.Window) == QColor("#000000")
            assert pal.color(QPalette.ColorRole.WindowText) == QColor("#ffffff")
            assert pal.color(QPalette.ColorRole.Highlight) == QColor("#ffd400")
            assert "3px solid #ffd400" in qapp.styleSheet()
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_fonts_are_relative_to_the_app_font(qapp: QApplication, qtbot: QtBot) -> None:
    base = QFont(qapp.font())
    label = QLabel("0:42")
    qtbot.addWidget(label)
    scale_font(label, 3.0, weight=700)
    assert label.font().pointSizeF() == pytest.approx(base.pointSizeF() * 3)
    assert label.font().weight() == QFont.Weight.Bold
    try:
        bigger = QFont(base)
        bigger.setPointSizeF(base.pointSizeF() * 1.5)
        qapp.setFont(bigger)
        holder = QWidget()
        qtbot.addWidget(holder)
        label.setParent(holder)
        rescale_fonts(holder)
        assert label.font().pointSizeF() == pytest.approx(base.pointSizeF() * 4.5)
    finally:
        qapp.setFont(base)


def test_keys_are_window_shortcuts(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    actions = make_actions(window)
    for command in COMMANDS:
        action = actions[command.name]
        assert action.shortcutContext() is Qt.ShortcutContext.WindowShortcut
        assert [k.toString() for k in action.shortcuts()] == [
            k.replace("Escape", "Esc") for k in command.keys
        ]
        assert command.key_text in action.toolTip()
