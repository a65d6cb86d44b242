"""User data really lands in the XDG folders (what platformdirs uses on Linux)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from massage_timer import paths
from massage_timer.storage.atomic import atomic_write_bytes
from massage_timer.storage.history import HistoryStore, SessionRecord
from massage_timer.storage.settings import Settings, load_settings, save_settings

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="platformdirs uses XDG folders only on Linux/BSD"
)


def test_paths_follow_the_xdg_variables(xdg_dirs: dict[str, Path]) -> None:
    app = "massage-timer"
    assert paths.config_dir() == xdg_dirs["config"] / app
    assert paths.data_dir() == xdg_dirs["data"] / app
    assert paths.cache_dir() == xdg_dirs["cache"] / app
    assert paths.settings_file() == xdg_dirs["config"] / app / "settings.toml"
    assert paths.history_db() == xdg_dirs["data"] / app / "history.sqlite3"
    assert paths.user_routines_dir() == xdg_dirs["data"] / app / "routines"
    assert paths.voice_cache_dir() == xdg_dirs["cache"] / app / "voice"


def test_paths_follow_a_changed_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    assert paths.settings_file().is_relative_to(tmp_path / "elsewhere")


def test_saving_settings_creates_the_file_there(xdg_dirs: dict[str, Path]) -> None:
    assert not xdg_dirs["config"].exists()
    save_settings(Settings(theme="dark"))
    expected = xdg_dirs["config"] / "massage-timer" / "settings.toml"
    assert expected.is_file()
    assert load_settings(expected) == (Settings(theme="dark"), [])


def test_recording_history_creates_the_database_there(xdg_dirs: dict[str, Path]) -> None:
    with HistoryStore() as store:
        store.record(SessionRecord(None, "quick-5", "Quick 5", datetime.now(UTC), 300, 300, True))
    expected = xdg_dirs["data"] / "massage-timer" / "history.sqlite3"
    assert expected.is_file()
    with HistoryStore(expected) as store:
        assert len(store.sessions()) == 1


def test_routines_and_voice_cache_folders_can_be_filled(xdg_dirs: dict[str, Path]) -> None:
    atomic_write_bytes(paths.user_routines_dir() / "mine.toml", b'title = "Mine"\n', parents=True)
    atomic_write_bytes(paths.voice_cache_dir() / "hello.wav", b"RIFF", parents=True)
    assert (xdg_dirs["data"] / "massage-timer" / "routines" / "mine.toml").is_file()
    assert (xdg_dirs["cache"] / "massage-timer" / "voice" / "hello.wav").is_file()
