"""Moving damaged files aside: unique names, content kept, nothing deleted."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from massage_timer.storage import quarantine
from massage_timer.storage.quarantine import StorageWarning, move_aside, unreadable_file_warning


class _FixedClock(datetime):
    @classmethod
    def now(cls, tz: object = None) -> _FixedClock:
        return cls(2026, 11, 23, 10, 45, 0)


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quarantine, "datetime", _FixedClock)


@pytest.mark.usefixtures("fixed_clock")
def test_renames_with_timestamp_and_counts_up_when_taken(tmp_path: Path) -> None:
    kept = []
    for content in (b"first", b"second", b"third"):
        target = tmp_path / "settings.toml"
        target.write_bytes(content)
        kept.append(move_aside(target, "test"))
        assert not target.exists()
    assert [path.name for path in kept] == [
        "settings.toml.corrupt-20261123-104500",
        "settings.toml.corrupt-20261123-104500-2",
        "settings.toml.corrupt-20261123-104500-3",
    ]
    assert [path.read_bytes() for path in kept] == [b"first", b"second", b"third"]


@pytest.mark.usefixtures("fixed_clock")
def test_works_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError("this file system has no hard links")

    monkeypatch.setattr(os, "link", no_links)
    taken = tmp_path / "history.sqlite3.corrupt-20261123-104500"
    taken.write_bytes(b"older garbage")
    target = tmp_path / "history.sqlite3"
    target.write_bytes(b"garbage")
    kept = move_aside(target, "test")
    assert kept.name == "history.sqlite3.corrupt-20261123-104500-2"
    assert kept.read_bytes() == b"garbage"
    assert taken.read_bytes() == b"older garbage"


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        move_aside(tmp_path / "nothing-here", "test")


def test_warning_is_one_line_and_names_both_files(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    kept = tmp_path / "settings.toml.corrupt-20261123-104500"
    warning = unreadable_file_warning(
        "Settings file", path, "line 3:\nInvalid value", kept, "defaults are used"
    )
    assert warning.message == (
        f"Settings file {path} was unreadable (line 3: Invalid value); "
        f"it was kept as {kept} and defaults are used."
    )
    assert warning.kept_at == kept
    assert str(warning) == warning.message


def test_warning_when_nothing_could_be_moved(tmp_path: Path) -> None:
    warning = unreadable_file_warning("History database", tmp_path, "x" * 500, None, "oh well")
    assert "it could not be moved aside and oh well." in warning.message
    assert "x" * 197 + "..." in warning.message
    assert "x" * 198 not in warning.message
    assert warning.kept_at is None


def test_storage_warning_is_frozen() -> None:
    warning = StorageWarning("hello")
    with pytest.raises(AttributeError):
        warning.message = "changed"  # type: ignore[misc]
    assert warning.kept_at is None
