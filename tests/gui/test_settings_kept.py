"""Opening and closing the window, or saving the settings page, keeps what the file holds."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from massage_timer import paths
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.pages import PageRouter
from massage_timer.storage.settings import SCHEMA_VERSION, load_settings
from tests.doubles import RecordingPlayer

_FILE = f"""# my notes: the dark theme helps in the evening
schema = {SCHEMA_VERSION + 1}
theme = "dark"
haptics = "strong"
reminders = ["07:00", "25:00"]

[future]
colours = ["teal"]
"""
_KEPT = (
    "# my notes: the dark theme helps in the evening",
    f"schema = {SCHEMA_VERSION + 1}",
    'haptics = "strong"',
    'reminders = ["07:00", "25:00"]',
    "[future]",
    'colours = ["teal"]',
)


def _open(qtbot: QtBot) -> MainWindow:
    settings, _ = load_settings()
    window = MainWindow(settings, player=RecordingPlayer())
    qtbot.addWidget(window)
    window.restore_geometry()
    window.show()
    qtbot.waitExposed(window)
    return window


def test_open_and_close_keeps_comments_unknown_keys_and_a_newer_schema(qtbot: QtBot) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(_FILE)
    window = _open(qtbot)
    assert window.close()
    text = path.read_text()
    assert all(line in text for line in _KEPT)
    assert load_settings()[0].window_geometry  # the window's place was remembered
    # A second start that leaves the window where it was writes nothing at all.
    after_first = path.read_bytes()
    copies = sorted(path.parent.iterdir())
    window = _open(qtbot)
    assert window.close()
    assert path.read_bytes() == after_first
    assert sorted(path.parent.iterdir()) == copies


def test_a_change_on_the_settings_page_keeps_them_too(qtbot: QtBot) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(_FILE)
    window = _open(qtbot)
    router = PageRouter(window, voices=lambda: [("en", "English")])
    dialog = router.open_settings()
    dialog.volume.setValue(35)
    dialog.accept()
    text = path.read_text()
    assert all(line in text for line in _KEPT)
    assert "volume = 0.35" in text
    assert 'theme = "dark"' in text
    assert load_settings()[0].volume == 0.35
    # The newer version's file was kept whole before this version first rewrote it.
    [copy] = path.parent.glob(f"settings.toml.schema-{SCHEMA_VERSION + 1}-*")
    assert copy.read_text() == _FILE
    assert window.close()
