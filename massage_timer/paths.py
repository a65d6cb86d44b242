"""One place for where user data lives, wrapping platformdirs.

platformdirs honours the XDG variables on Linux, so tests move every folder by
pointing XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME and XDG_STATE_HOME at a
temporary place.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from massage_timer import APP_NAME


def _dirs() -> platformdirs.PlatformDirs:
    # Made on each call so that a changed environment (tests) takes effect at once.
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def cache_dir() -> Path:
    return Path(_dirs().user_cache_dir)


def state_dir() -> Path:
    """Where records wait when the data folder cannot be written (XDG_STATE_HOME)."""
    return Path(_dirs().user_state_dir)


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def user_routines_dir() -> Path:
    return data_dir() / "routines"


def history_db() -> Path:
    return data_dir() / "history.sqlite3"


def voice_cache_dir() -> Path:
    return cache_dir() / "voice"
