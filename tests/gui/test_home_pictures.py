"""The home cards show small pictures of their routines' techniques, drawn after the first
frame, and the cards' cache keeps which techniques they are."""

from __future__ import annotations

import json

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from massage_timer.core.technique_library import TECHNIQUES
from massage_timer.gui import home_cache
from massage_timer.gui.home_view import RoutineEntry
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.picture_strip import PictureStrip
from massage_timer.storage.catalog import load_catalog


def dark_pixels(image: QImage, width: int) -> int:
    """Dark slate outline pixels in the first ``width`` columns: a figure is drawn there."""
    return sum(
        1
        for y in range(image.height())
        for x in range(min(width, image.width()))
        if image.pixelColor(x, y).value() < 90
    )


def test_each_card_shows_its_techniques_in_order(window: MainWindow, qtbot: QtBot) -> None:
    for routine in load_catalog().routines:
        card = window.home.card(routine.id)
        assert card is not None
        expected = tuple(dict.fromkeys(s.technique for s in routine.steps))
        assert card.pictures.techniques == expected
        assert card.pictures.isVisible()
    strip = window.home.card("quick-5").pictures  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: strip.ready)
    assert strip.shown_count() >= 2
    picture_w = round(strip.height() * 4 / 3)
    assert dark_pixels(strip.grab().toImage(), picture_w) > 40


def test_the_pictures_come_after_the_first_frame(qtbot: QtBot) -> None:
    strip = PictureStrip(("back-extension",))  # drawn by no other test at this size
    strip.setFixedHeight(37)
    qtbot.addWidget(strip)
    strip.resize(200, 37)
    first = strip.grab().toImage()  # the first paint: the pictures are left out
    assert not strip.ready
    assert dark_pixels(first, 50) < 5
    qtbot.waitUntil(lambda: strip.ready)
    assert dark_pixels(strip.grab().toImage(), 50) > 10


def test_a_strip_names_its_techniques_once_its_pictures_are_drawn(qtbot: QtBot) -> None:
    strip = PictureStrip(("palm-rub", "no-such-technique"))
    qtbot.addWidget(strip)
    assert strip.accessibleName() == "Pictures"
    strip.resize(400, strip.height())
    strip.grab()
    qtbot.waitUntil(lambda: strip.ready)
    name = TECHNIQUES["palm-rub"].name
    assert strip.accessibleName() == f"Pictures: {name}, no-such-technique"
    assert strip.toolTip() == f"{name}, no-such-technique"
    assert PictureStrip(()).accessibleName() == "No pictures"


def test_a_narrow_strip_says_how_many_more(qtbot: QtBot) -> None:
    strip = PictureStrip(("palm-rub", "kneading", "waist-twist", "foam-roller", "gentle-circles"))
    qtbot.addWidget(strip)
    strip.resize(strip.height() * 3, strip.height())
    strip.show()
    qtbot.waitExposed(strip)
    assert 0 < strip.shown_count() < 5
    qtbot.waitUntil(lambda: strip.ready)


def test_the_cache_keeps_the_techniques() -> None:
    entry = RoutineEntry("a", "A", 60, "Back", "", False, ("palm-rub", "kneading"))
    key = home_cache.cache_key(160, (4, 0, 6))
    text = json.dumps({"key": key, "entries": [entry._asdict()], "notices": []})
    home_cache._write(home_cache.cache_file(), text)
    loaded = home_cache.load(key)
    assert loaded is not None and loaded[0] == [entry]


def test_the_cards_cache_is_kept_per_language() -> None:
    from massage_timer.core.i18n import set_language

    entry = RoutineEntry("a", "A", 60, "Back", "", False, ("palm-rub",))
    key = home_cache.cache_key(160, (4, 0, 6))
    text = json.dumps({"key": key, "entries": [entry._asdict()], "notices": []})
    home_cache._write(home_cache.cache_file(), text)  # as save() does, without its thread
    set_language("de")
    try:
        assert home_cache.load(home_cache.cache_key(160, (4, 0, 6))) is None  # planned afresh
    finally:
        set_language("en")
    assert home_cache.load(home_cache.cache_key(160, (4, 0, 6))) == ([entry], [])
