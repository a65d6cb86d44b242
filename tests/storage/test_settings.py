"""Settings: defaults, round trip, and every way a settings file can be wrong."""

from __future__ import annotations

import dataclasses
import math
import os
import stat
from pathlib import Path

import pytest

from massage_timer import paths
from massage_timer.core.breathing import Breathing
from massage_timer.storage import quarantine
from massage_timer.storage import settings as settings_module
from massage_timer.storage.settings import (
    SCHEMA_VERSION,
    THEMES,
    Settings,
    load_settings,
    save_settings,
    update_settings,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


def _write(path: Path, content: str | bytes) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode() if isinstance(content, str) else content
    path.write_bytes(data)
    return data


def _corrupt_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


# --- defaults and round trip -------------------------------------------------------


def test_defaults_are_declared_in_code() -> None:
    s = Settings()
    assert (s.voice, s.rate, s.volume, s.mute, s.beeps) == ("", 160, 0.8, False, True)
    assert (s.metronome, s.captions, s.theme, s.reminders) == (False, True, "system", ())
    assert (s.reminder_routine, s.tray, s.ask_pain, s.window_geometry) == (
        "quick-5",
        False,
        True,
        "",
    )
    assert s.breathing == Breathing(inhale=4, hold=0, exhale=6)
    assert isinstance(s.breathing.inhale, float)  # ints are normalised to float
    assert "high-contrast" in THEMES


def test_missing_file_gives_defaults_without_warning(path: Path) -> None:
    assert load_settings(path) == (Settings(), [])
    assert not path.exists()  # loading never creates the file


def test_rules_cover_every_field() -> None:
    # The validation table and the dataclasses must not drift apart.
    assert set(settings_module._SETTINGS_RULES) == {f.name for f in dataclasses.fields(Settings)}
    assert set(settings_module._BREATHING_RULES) == {f.name for f in dataclasses.fields(Breathing)}


def test_round_trip(path: Path) -> None:
    original = Settings(
        voice="english+f3",
        rate=210,
        volume=0.35,
        mute=True,
        beeps=False,
        metronome=True,
        captions=False,
        breathing=Breathing(inhale=5, hold=1.5, exhale=7),
        theme="high-contrast",
        reminders=("07:30", "21:05"),
        reminder_routine="neck-10",
        tray=True,
        ask_pain=False,
        reduce_motion=True,
        window_geometry="AdnQywADAAAAAAA=",
    )
    save_settings(original, path)
    text = path.read_text()
    assert text.startswith("# massage-timer settings.")
    assert f"schema = {SCHEMA_VERSION}\n" in text
    assert "[breathing]" in text
    assert load_settings(path) == (original, [])
    assert os.listdir(path.parent) == ["settings.toml"]  # no temp files left


def test_defaults_round_trip(path: Path) -> None:
    save_settings(Settings(), path)
    assert load_settings(path) == (Settings(), [])


def test_empty_file_and_utf8_bom_are_fine(path: Path) -> None:
    _write(path, b"")
    assert load_settings(path) == (Settings(), [])
    _write(path, '\ufefftheme = "dark"\n'.encode())
    assert load_settings(path) == (Settings(theme="dark"), [])


def test_whole_numbers_are_accepted_for_decimal_settings(path: Path) -> None:
    _write(path, "volume = 1\n[breathing]\nhold = 2\n")
    loaded, warnings = load_settings(path)
    assert warnings == []
    assert loaded.volume == 1.0 and isinstance(loaded.volume, float)
    assert loaded.breathing == Breathing(hold=2.0)


# --- validation in code ------------------------------------------------------------


def test_replace_returns_a_validated_copy() -> None:
    s = Settings()
    changed = s.replace(theme="dark", reminders=["08:00"])
    assert changed.theme == "dark" and changed.reminders == ("08:00",)
    assert s.theme == "system"
    with pytest.raises(ValueError, match="rate must be between 80 and 300"):
        s.replace(rate=500)
    assert dataclasses.replace(s.breathing, exhale=8).exhale == 8.0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rate": 79}, "rate must be between"),
        ({"rate": 160.0}, "rate must be a whole number"),
        ({"rate": True}, "rate must be a whole number"),
        ({"volume": math.nan}, "volume must be between"),
        ({"volume": "loud"}, "volume must be a number"),
        ({"mute": 1}, "mute must be true or false"),
        ({"theme": "purple"}, "theme must be one of system, light, dark, high-contrast"),
        ({"theme": 3}, "theme must be text"),
        ({"reminders": "07:00"}, "reminders must be a list"),
        ({"reminders": ("7:00",)}, "reminders is not valid: '7:00'"),
        ({"reminder_routine": " "}, "reminder_routine is not valid"),
        ({"breathing": {"inhale": 4}}, "breathing must be a table"),
    ],
)
def test_invalid_values_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings(**changes)  # type: ignore[arg-type]


def test_invalid_breathing_is_refused() -> None:
    with pytest.raises(ValueError, match="inhale must be between 1 and 20"):
        Breathing(inhale=0)
    with pytest.raises(ValueError, match="hold must be between 0 and 20"):
        Breathing(hold=math.inf)


# --- damaged files: moved aside, defaults used ---------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"\xff\xfe\x00\x00garbage\x80", "not UTF-8 text", id="garbage-bytes"),
        pytest.param(bytes(range(256)) * 4, "not UTF-8 text", id="binary"),
        pytest.param(b"rate = 120\x00\x01\x02\n", "line 1, column 11", id="control-chars"),
        pytest.param(
            b'schema = 1\nrate = 120\ntheme = "da', "end of file: Unterminated", id="truncated"
        ),
        pytest.param(b"schema = 1\n[breathing\ninhale = 4\n", "line 2", id="broken-table"),
        pytest.param(b"rate = 1\nrate = 2\n", "Cannot overwrite a value", id="duplicate-key"),
        pytest.param(b"voice = \n", "line 1, column 9: Invalid value", id="missing-value"),
    ],
)
def test_unreadable_file_is_kept_aside_unchanged(path: Path, content: bytes, reason: str) -> None:
    original = _write(path, content)
    loaded, warnings = load_settings(path)
    assert loaded == Settings()
    [warning] = warnings
    [kept] = _corrupt_copies(path)
    assert kept.read_bytes() == original  # kept byte for byte
    assert not path.exists()
    assert warning.kept_at == kept
    assert reason in warning.message
    assert warning.message.startswith(f"Settings file {path} was unreadable (")
    assert warning.message.endswith(f"it was kept as {kept} and defaults are used.")
    assert "\n" not in warning.message
    # The next save starts a clean file and leaves the damaged copy alone.
    save_settings(loaded, path)
    assert load_settings(path) == (Settings(), [])
    assert kept.read_bytes() == original


def test_second_damaged_file_gets_its_own_copy(path: Path) -> None:
    _write(path, b"\xff one")
    load_settings(path)
    _write(path, b"\xff two")
    load_settings(path)
    kept = _corrupt_copies(path)
    assert sorted(p.read_bytes() for p in kept) == [b"\xff one", b"\xff two"]


def test_file_that_cannot_be_moved_still_gives_defaults(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, reason: str) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(quarantine, "move_aside", refuse)  # settings import it when needed
    _write(path, b"\xff\xff")
    loaded, [warning] = load_settings(path)
    assert loaded == Settings()
    assert warning.kept_at is None
    assert "moving it failed: Permission denied" in warning.message
    assert "could not be moved aside and defaults are used." in warning.message
    assert path.read_bytes() == b"\xff\xff"


def test_unreadable_path_is_reported_and_left_alone(path: Path) -> None:
    path.mkdir(parents=True)  # a folder where the file should be
    loaded, [warning] = load_settings(path)
    assert loaded == Settings()
    assert warning.kept_at is None
    assert f"Settings file {path} could not be read" in warning.message
    assert path.is_dir()


# --- single bad values: that key falls back, the rest is kept ------------------------


@pytest.mark.parametrize(
    ("line", "key", "problem"),
    [
        ('rate = "fast"', "rate", "must be a whole number, not 'fast'"),
        ("rate = 500", "rate", "must be between 80 and 300, not 500"),
        ("rate = 12.5", "rate", "must be a whole number"),
        ("volume = 1.5", "volume", "must be between 0 and 1, not 1.5"),
        ("volume = nan", "volume", "must be between 0 and 1"),
        ("volume = true", "volume", "must be a number, not True"),
        ('mute = "yes"', "mute", "must be true or false, not 'yes'"),
        ("captions = 0", "captions", "must be true or false"),
        ('theme = "purple"', "theme", "must be one of system, light, dark, high-contrast"),
        ("voice = 7", "voice", "must be text, not 7"),
        ('reminders = "07:00"', "reminders", "must be a list, not '07:00'"),
        ('reminders = ["07:00", "24:00"]', "reminders", "is not valid: '24:00'"),
        ("reminders = [700]", "reminders", "must be text, not 700"),
        ('reminder_routine = ""', "reminder_routine", "is not valid: ''"),
        ('window_geometry = "not base64!"', "window_geometry", "is not valid"),
        ("breathing = 3", "breathing", "must be a table, not 3"),
        ("breathing = { inhale = 0 }", "breathing.inhale", "must be between 1 and 20"),
        ('breathing = { exhale = "long" }', "breathing.exhale", "must be a number"),
    ],
)
def test_bad_value_falls_back_to_its_default(path: Path, line: str, key: str, problem: str) -> None:
    original = _write(path, f"{line}\ntray = true\nask_pain = false\n")
    loaded, [warning] = load_settings(path)
    assert loaded == Settings(tray=True, ask_pain=False)  # the rest is kept
    assert f"Setting '{key}' in {path} {problem}" in warning.message
    assert "the default" in warning.message and "is used" in warning.message
    assert warning.kept_at is None
    assert path.read_bytes() == original  # not moved, not rewritten
    assert _corrupt_copies(path) == []


def test_several_bad_values_each_get_a_warning(path: Path) -> None:
    _write(path, 'rate = 10\nvolume = -1\ntheme = "dark"\n[breathing]\ninhale = 5\nhold = -2\n')
    loaded, warnings = load_settings(path)
    assert loaded == Settings(theme="dark", breathing=Breathing(inhale=5))
    named = ["'rate'", "'volume'", "'breathing.hold'"]
    assert [any(n in w.message for w in warnings) for n in named] == [True, True, True]
    assert len(warnings) == 3


# --- forward compatibility -----------------------------------------------------------


def test_unknown_keys_are_ignored_with_a_warning(path: Path) -> None:
    _write(path, 'theme = "light"\nsparkles = true\n[breathing]\nexhale = 8\nsigh = 2\n')
    loaded, warnings = load_settings(path)
    assert loaded == Settings(theme="light", breathing=Breathing(exhale=8))
    assert [w.message for w in warnings] == [
        f"Unknown setting 'sparkles' in {path} was ignored.",
        f"Unknown setting 'breathing.sigh' in {path} was ignored.",
    ]
    assert all(w.kept_at is None for w in warnings)


def test_newer_schema_is_read_as_far_as_understood(path: Path) -> None:
    _write(path, f'schema = {SCHEMA_VERSION + 1}\nrate = 200\nhaptics = "strong"\n')
    loaded, warnings = load_settings(path)
    assert loaded == Settings(rate=200)
    assert len(warnings) == 2
    assert f"written by a newer version of massage-timer (schema {SCHEMA_VERSION + 1})" in (
        warnings[0].message
    )
    assert "'haptics'" in warnings[1].message
    assert _corrupt_copies(path) == []


@pytest.mark.parametrize("value", ['"one"', "0", "true", "1.5"])
def test_invalid_schema_is_read_as_current(path: Path, value: str) -> None:
    _write(path, f'schema = {value}\ntheme = "dark"\n')
    loaded, [warning] = load_settings(path)
    assert loaded == Settings(theme="dark")
    assert "has an invalid schema" in warning.message


# --- default location ----------------------------------------------------------------


def test_default_path_is_the_platform_settings_file() -> None:
    save_settings(Settings(rate=99))
    assert paths.settings_file().is_file()
    assert load_settings() == (Settings(rate=99), [])


# --- saving edits the file in place -----------------------------------------------------

_HAND_WRITTEN = f"""# my own notes: keep the voice slow
schema = {SCHEMA_VERSION + 1}
theme = "dark"  # easier on the eyes
haptics = "strong"
reminders = ["07:00", "25:00"]
breathing = {{ inhale = 5 }}

[future]
colours = ["teal", "sand"]
"""


def test_saving_without_a_change_writes_nothing(path: Path) -> None:
    original = _write(path, _HAND_WRITTEN)
    loaded, _ = load_settings(path)
    assert save_settings(loaded, path) is False
    assert save_settings(loaded, path, since=loaded) is False
    assert path.read_bytes() == original
    assert os.listdir(path.parent) == ["settings.toml"]  # no copy, no temp file


def test_a_change_keeps_comments_unknown_keys_tables_and_bad_lists(path: Path) -> None:
    _write(path, _HAND_WRITTEN)
    loaded, _ = load_settings(path)
    changed = loaded.replace(rate=200, breathing=dataclasses.replace(loaded.breathing, exhale=8))
    assert save_settings(changed, path, since=loaded) is True
    text = path.read_text()
    for kept in (
        "# my own notes: keep the voice slow",
        f"schema = {SCHEMA_VERSION + 1}",
        'theme = "dark"  # easier on the eyes',
        'haptics = "strong"',
        'reminders = ["07:00", "25:00"]',  # partly valid: left for the user to see
        "[future]",
        'colours = ["teal", "sand"]',
    ):
        assert kept in text
    assert "rate = 200" in text
    reloaded, _ = load_settings(path)
    assert reloaded == changed
    assert reloaded.breathing == Breathing(inhale=5, exhale=8)


def test_a_newer_schema_is_kept_aside_before_it_is_rewritten(path: Path) -> None:
    original = _write(path, _HAND_WRITTEN)
    loaded, _ = load_settings(path)
    save_settings(loaded.replace(mute=True), path)
    [copy] = sorted(path.parent.glob(f"settings.toml.schema-{SCHEMA_VERSION + 1}-*"))
    assert copy.read_bytes() == original
    assert _corrupt_copies(path) == []


def test_the_current_schema_is_rewritten_without_a_copy(path: Path) -> None:
    _write(path, f"schema = {SCHEMA_VERSION}\n# a note\nrate = 120\n")
    save_settings(Settings(rate=130), path)
    assert path.read_text() == f"schema = {SCHEMA_VERSION}\n# a note\nrate = 130\n"
    assert os.listdir(path.parent) == ["settings.toml"]


def test_since_keeps_a_change_made_meanwhile_by_someone_else(path: Path) -> None:
    _write(path, 'theme = "dark"\n')
    started_with, _ = load_settings(path)
    _write(path, 'theme = "light"\n')  # another window changed the theme meanwhile
    save_settings(started_with.replace(volume=0.5), path, since=started_with)
    assert load_settings(path)[0] == Settings(theme="light", volume=0.5)


def test_a_new_file_holds_only_what_differs_from_the_defaults(path: Path) -> None:
    assert save_settings(Settings(theme="dark"), path) is True
    text = path.read_text()
    assert text.startswith("# massage-timer settings.")
    assert f"schema = {SCHEMA_VERSION}\n" in text
    assert 'theme = "dark"' in text
    assert "rate" not in text and "volume" not in text


def test_update_settings_writes_only_a_real_change(path: Path) -> None:
    assert update_settings(path, window_geometry="AdnQyw==") is True
    written = path.read_bytes()
    assert update_settings(path, window_geometry="AdnQyw==", mute=False) is False
    assert path.read_bytes() == written
    assert update_settings(path, mute=True) is True
    assert load_settings(path)[0] == Settings(window_geometry="AdnQyw==", mute=True)
    with pytest.raises(ValueError, match="rate"):
        update_settings(path, rate=5)


# --- special and huge files ----------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_gives_one_warning_and_the_defaults_at_once(path: Path) -> None:
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    loaded, [warning] = load_settings(path)  # would block forever if it were opened plainly
    assert loaded == Settings()
    assert "could not be read (a named pipe (FIFO), not a file)" in warning.message
    assert warning.kept_at is None
    assert stat.S_ISFIFO(os.lstat(path).st_mode)  # never moved aside as "corrupt"
    with pytest.raises(OSError):
        update_settings(path, mute=True)
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert os.listdir(path.parent) == ["settings.toml"]


def test_a_link_to_dev_zero_gives_one_warning_and_the_defaults(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.symlink_to("/dev/zero")
    loaded, [warning] = load_settings(path)
    assert loaded == Settings()
    assert "a device, not a file" in warning.message
    assert path.is_symlink() and _corrupt_copies(path) == []


def test_a_huge_file_is_refused_and_left_alone(path: Path) -> None:
    _write(path, "# " + "x" * settings_module.MAX_SETTINGS_BYTES + "\n")
    loaded, [warning] = load_settings(path)
    assert loaded == Settings()
    assert "too large" in warning.message
    assert _corrupt_copies(path) == []
