"""The window with a crowded routine folder: every file gets a card, a FIFO cannot stop it."""

from __future__ import annotations

import os

from massage_timer import paths
from massage_timer.gui.main_window import MainWindow
from massage_timer.storage.user_routines import user_routine_files

STEPS = '\n[[steps]]\ntechnique = "kneading"\nduration = 60\n'


def test_each_file_has_its_own_card_and_a_fifo_is_reported(window: MainWindow) -> None:
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "quick-5.toml").write_text('title = "Like the built-in"' + STEPS, encoding="utf-8")
    (folder / "my-quick-5.toml").write_text('title = "Named my-quick-5"' + STEPS, encoding="utf-8")
    os.mkfifo(folder / "pipe.toml")
    window.reload_routines()
    titles = {}
    for routine_id in user_routine_files(folder).files:
        card = window.home.card(routine_id)
        assert card is not None
        titles[routine_id] = card.title_label.text()
    assert len(titles) == 2
    assert any("Like the built-in" in t for t in titles.values())
    assert any("Named my-quick-5" in t for t in titles.values())
    quick = window.home.card("quick-5")
    assert quick is not None and "Quick 5 minutes" in quick.title_label.text()
    assert window.banner.isVisible() and "pipe.toml" in window.banner.label.text()
