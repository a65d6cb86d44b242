"""The settings dialog: live changes, OK saves atomically, Cancel restores, damaged file."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from massage_timer import paths
from massage_timer.core.breathing import Breathing
from massage_timer.gui.settings_dialog import SettingsDialog
from massage_timer.storage.settings import Settings, load_settings

VOICES = [("en-us", "English (US)"), ("en-gb", "English (UK)")]
ROUTINES = [("quick-5", "Quick 5 minutes"), ("shoulder-relief", "Shoulder relief")]


def _dialog(qtbot: QtBot, settings: Settings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings(), VOICES, routines=ROUTINES)
    qtbot.addWidget(dialog)
    return dialog


def test_shows_the_settings(qtbot: QtBot) -> None:
    settings = Settings(voice="en-gb", rate=200, volume=0.5, reminders=("18:30", "08:00"))
    dialog = _dialog(qtbot, settings)
    assert dialog.voice.currentText() == "English (UK)"
    assert dialog.rate.value() == 200 and dialog.rate_label.text() == "200 words a minute"
    assert dialog.volume_label.text() == "50 %"
    assert [dialog.reminders.item(i).text() for i in range(2)] == ["08:00", "18:30"]
    assert dialog.routine.currentText() == "Quick 5 minutes"
    assert dialog.settings() == settings.replace(reminders=("08:00", "18:30"))


def test_every_change_is_announced_at_once(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    seen: list[Settings] = []
    dialog.settings_changed.connect(seen.append)
    dialog.volume.setValue(30)
    assert seen[-1].volume == pytest.approx(0.3)
    dialog.mute.setChecked(True)
    assert seen[-1].mute and seen[-1].volume == pytest.approx(0.3)
    dialog.exhale.setValue(8)
    assert seen[-1].breathing == Breathing(4, 0, 8)
    assert dialog.breath_label.text() == "One breath takes 12 s: 5.0 breaths a minute"
    dialog.voice.setCurrentIndex(dialog.voice.findData("en-us"))
    assert seen[-1].voice == "en-us"
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert seen[-1].theme == "dark"
    assert len(seen) == 5
    assert not paths.settings_file().exists()  # nothing is written before OK


def test_ok_saves_where_platformdirs_says_and_reads_back(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.rate.setValue(140)
    dialog.metronome.setChecked(True)
    dialog.captions.setChecked(False)
    dialog.beeps.setChecked(False)
    dialog.inhale.setValue(5)
    dialog.hold.setValue(1.5)
    dialog.time_edit.setTime(QTime(7, 30))
    qtbot.mouseClick(dialog.add_reminder_button, Qt.MouseButton.LeftButton)
    dialog.add_reminder("21:00")
    dialog.add_reminder("07:30")  # no duplicates
    dialog.routine.setCurrentIndex(dialog.routine.findData("shoulder-relief"))
    dialog.tray.setChecked(True)
    dialog.ask_pain.setChecked(False)
    dialog.reduce_motion.setChecked(True)
    expected = dialog.settings()
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.accepted.emit()
    path = paths.settings_file()
    assert path.is_relative_to(os.environ["XDG_CONFIG_HOME"])
    assert path.is_file()
    loaded, warnings = load_settings()
    assert warnings == []
    assert loaded == expected
    assert loaded.reminders == ("07:30", "21:00")
    assert loaded.reminder_routine == "shoulder-relief" and loaded.tray and not loaded.ask_pain
    assert loaded.reduce_motion
    assert loaded.breathing == Breathing(5, 1.5, 6) and loaded.rate == 140
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]  # no temp litter


def test_remove_a_reminder(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, Settings(reminders=("08:00", "18:30")))
    assert not dialog.remove_reminder_button.isEnabled()
    dialog.reminders.setCurrentRow(0)
    with qtbot.waitSignal(dialog.settings_changed) as blocker:
        qtbot.mouseClick(dialog.remove_reminder_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].reminders == ("18:30",)


def test_cancel_restores_the_original(qtbot: QtBot) -> None:
    original = Settings(rate=180, volume=0.6)
    dialog = _dialog(qtbot, original)
    dialog.rate.setValue(100)
    with qtbot.waitSignal(dialog.settings_changed) as blocker:
        dialog.reject()
    assert blocker.args[0] == original
    assert not paths.settings_file().exists()


def test_cancel_without_changes_announces_nothing(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    with qtbot.assertNotEmitted(dialog.settings_changed):
        dialog.reject()


def test_a_garbage_settings_file_is_moved_aside_and_defaults_go_on(qtbot: QtBot) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe garbage = [[[ \x00")
    settings, warnings = load_settings()
    assert settings == Settings()
    assert len(warnings) == 1 and warnings[0].kept_at is not None
    assert warnings[0].kept_at.read_bytes() == b"\xff\xfe garbage = [[[ \x00"  # kept, not lost
    assert not path.exists()
    dialog = _dialog(qtbot, settings)
    assert dialog.settings() == Settings()
    dialog.volume.setValue(40)
    dialog.accept()
    assert load_settings() == (Settings(volume=0.4), [])
    assert warnings[0].kept_at.exists()


def test_a_voice_or_routine_that_is_gone_stays_chosen(qtbot: QtBot) -> None:
    settings = Settings(voice="old-voice", reminder_routine="deleted-one")
    dialog = _dialog(qtbot, settings)
    assert dialog.voice.currentText() == "old-voice (not available)"
    assert dialog.routine.currentText() == "deleted-one (not found)"
    assert dialog.settings() == settings


def test_a_failed_save_keeps_the_dialog_open(qtbot: QtBot) -> None:
    blocker = paths.settings_file().parent
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where the folder should be")
    dialog = _dialog(qtbot)
    with qtbot.assertNotEmitted(dialog.accepted):
        dialog.accept()
    assert dialog.error.text().startswith("The settings could not be saved")
