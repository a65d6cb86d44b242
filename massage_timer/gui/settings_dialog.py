"""The settings dialog: voice, sounds, breathing pattern, theme, reminders and more.

Every change is announced at once with ``settings_changed(Settings)``, so a running
session honours it (a quieter voice, a new breathing pattern). OK writes the file
atomically; Cancel announces the original settings again, undoing the preview.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSlider,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from massage_timer.core.constants import BREATH_LIMITS
from massage_timer.core.routine import Breathing
from massage_timer.gui.theme import em
from massage_timer.storage.settings import THEMES, Settings, save_settings

_THEME_NAMES = {
    "system": "Same as the system",
    "light": "Light",
    "dark": "Dark",
    "high-contrast": "High contrast",
}


def _check(text: str, tip: str = "") -> QCheckBox:
    box = QCheckBox(text)
    box.setAccessibleName(text)
    if tip:
        box.setToolTip(tip)
        box.setAccessibleDescription(tip)
    return box


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setVerticalSpacing(10)
    form.setHorizontalSpacing(14)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _page(layout: QFormLayout | QVBoxLayout) -> QWidget:
    layout.setContentsMargins(16, 16, 16, 12)
    page = QWidget()
    page.setLayout(layout)
    return page


def _seconds(name: str, phase: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(*BREATH_LIMITS[phase])
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setSuffix(" s")
    spin.setAccessibleName(name)
    spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance("00.0 s") * 3)
    return spin


class SettingsDialog(QDialog):
    """Edit the settings; ``settings_changed(Settings)`` fires live as values change.

    ``voices`` are (id, name) pairs from the speech engine; ``routines`` (id, title)
    pairs for the reminder routine (default: the catalog). ``path`` is where OK saves
    (default: the platform's settings file).
    """

    settings_changed = Signal(object)

    def __init__(
        self,
        settings: Settings,
        voices: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        routines: Sequence[tuple[str, str]] | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self._original = settings
        self._last = settings
        self._path = path
        self._loading = True
        if routines is None:
            from massage_timer.storage.catalog import load_catalog  # reads files: only when needed

            routines = [(r.id, r.title) for r in load_catalog().routines]

        tabs = QTabWidget()
        tabs.setAccessibleName("Settings sections")
        tabs.addTab(self._voice_tab(voices), "Voice and sound")
        tabs.addTab(self._breathing_tab(), "Breathing")
        tabs.addTab(self._reminders_tab(routines), "Reminders")
        tabs.addTab(self._general_tab(), "General")
        self.tabs = tabs

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem saving")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._show(settings)
        self._loading = False
        self.resize(em(self, 36), em(self, 30))

    # --- building -----------------------------------------------------------------------------

    def _voice_tab(self, voices: list[tuple[str, str]]) -> QWidget:
        self.voice = QComboBox()
        self.voice.setAccessibleName("Voice")
        self.voice.addItem("System default", "")
        for voice_id, name in voices:
            self.voice.addItem(name, voice_id)
        self.voice.currentIndexChanged.connect(self._changed)

        self.rate = QSlider(Qt.Orientation.Horizontal)
        self.rate.setRange(80, 300)
        self.rate.setSingleStep(5)
        self.rate.setPageStep(20)
        self.rate.setAccessibleName("Speaking speed")
        self.rate_label = QLabel()
        self.rate.valueChanged.connect(self._changed)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setAccessibleName("Volume")
        self.volume_label = QLabel()
        self.volume.valueChanged.connect(self._changed)

        self.mute = _check("Mute the voice and sounds", "Follow the session on screen only")
        self.beeps = _check("Beep 3-2-1 into each change")
        self.metronome = _check("Tick the pace of counted strokes")
        self.captions = _check("Show what the voice says")
        for box in (self.mute, self.beeps, self.metronome, self.captions):
            box.toggled.connect(self._changed)

        form = _form()
        form.addRow("Voice", self.voice)
        form.addRow("Speed", _with_label(self.rate, self.rate_label))
        form.addRow("Volume", _with_label(self.volume, self.volume_label))
        form.addRow("", self.mute)
        form.addRow("", self.beeps)
        form.addRow("", self.metronome)
        form.addRow("", self.captions)
        return _page(form)

    def _breathing_tab(self) -> QWidget:
        self.inhale = _seconds("Breathe in", "inhale")
        self.hold = _seconds("Hold", "hold")
        self.exhale = _seconds("Breathe out", "exhale")
        for spin in (self.inhale, self.hold, self.exhale):
            spin.valueChanged.connect(self._changed)
        self.breath_label = QLabel()
        self.breath_label.setAccessibleName("Breaths a minute")
        intro = QLabel(
            "The pacer used during sessions, unless a routine sets its own. "
            "A longer breath out helps you relax."
        )
        intro.setWordWrap(True)
        form = _form()
        form.addRow(intro)
        form.addRow("Breathe in", self.inhale)
        form.addRow("Hold", self.hold)
        form.addRow("Breathe out", self.exhale)
        form.addRow("", self.breath_label)
        return _page(form)

    def _reminders_tab(self, routines: Sequence[tuple[str, str]]) -> QWidget:
        self.reminders = QListWidget()
        self.reminders.setAccessibleName("Reminder times")
        self.reminders.setSpacing(3)
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setTime(QTime(9, 0))
        self.time_edit.setAccessibleName("New reminder time")
        self.add_reminder_button = QPushButton("Add")
        self.add_reminder_button.setAccessibleName("Add reminder")
        self.add_reminder_button.clicked.connect(lambda: self.add_reminder(self._time_text()))
        self.remove_reminder_button = QPushButton("Remove")
        self.remove_reminder_button.setAccessibleName("Remove the selected reminder")
        self.remove_reminder_button.clicked.connect(self.remove_selected_reminder)
        self.reminders.currentRowChanged.connect(
            lambda row: self.remove_reminder_button.setEnabled(row >= 0)
        )
        self.routine = QComboBox()
        self.routine.setAccessibleName("Routine to remind of")
        for routine_id, title in routines:
            self.routine.addItem(title, routine_id)
        self.routine.currentIndexChanged.connect(self._changed)
        self.tray = _check(
            "Keep running in the tray when the window closes",
            "Reminders only come while massage-timer runs",
        )
        self.tray.toggled.connect(self._changed)

        add_row = QHBoxLayout()
        add_row.addWidget(self.time_edit)
        add_row.addWidget(self.add_reminder_button)
        add_row.addWidget(self.remove_reminder_button)
        add_row.addStretch(1)
        layout = QVBoxLayout()
        layout.addWidget(QLabel("Remind me every day at:"))
        layout.addWidget(self.reminders, 1)
        layout.addLayout(add_row)
        form = _form()
        form.addRow("Routine", self.routine)
        layout.addLayout(form)
        layout.addWidget(self.tray)
        return _page(layout)

    def _general_tab(self) -> QWidget:
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for theme in THEMES:
            self.theme.addItem(_THEME_NAMES.get(theme, theme), theme)
        self.theme.currentIndexChanged.connect(self._changed)
        self.ask_pain = _check(
            "Ask how much it hurts before and after a session (0 to 10)",
            "Your answers draw the pain chart in the history",
        )
        self.ask_pain.toggled.connect(self._changed)
        self.reduce_motion = _check(
            "Reduce motion: still pictures during a session",
            "The pictures show the technique with arrows instead of moving",
        )
        self.reduce_motion.toggled.connect(self._changed)
        form = _form()
        form.addRow("Theme", self.theme)
        form.addRow("", self.ask_pain)
        form.addRow("", self.reduce_motion)
        return _page(form)

    # --- values -------------------------------------------------------------------------------

    def _show(self, settings: Settings) -> None:
        loading, self._loading = self._loading, True
        try:
            if self.voice.findData(settings.voice) < 0:
                # A voice no longer installed stays chosen, so OK does not silently drop it.
                self.voice.addItem(f"{settings.voice} (not available)", settings.voice)
            self.voice.setCurrentIndex(self.voice.findData(settings.voice))
            self.rate.setValue(settings.rate)
            self.volume.setValue(round(settings.volume * 100))
            self.mute.setChecked(settings.mute)
            self.beeps.setChecked(settings.beeps)
            self.metronome.setChecked(settings.metronome)
            self.captions.setChecked(settings.captions)
            self.inhale.setValue(settings.breathing.inhale)
            self.hold.setValue(settings.breathing.hold)
            self.exhale.setValue(settings.breathing.exhale)
            self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
            self.reminders.clear()
            self.reminders.addItems(sorted(set(settings.reminders)))
            if self.routine.findData(settings.reminder_routine) < 0:
                self.routine.addItem(
                    f"{settings.reminder_routine} (not found)", settings.reminder_routine
                )
            self.routine.setCurrentIndex(self.routine.findData(settings.reminder_routine))
            self.tray.setChecked(settings.tray)
            self.ask_pain.setChecked(settings.ask_pain)
            self.reduce_motion.setChecked(settings.reduce_motion)
        finally:
            self._loading = loading
        self._update_labels()

    @property
    def original(self) -> Settings:
        return self._original

    def settings(self) -> Settings:
        """The settings as the dialog shows them now."""
        return self._original.replace(
            voice=str(self.voice.currentData() or ""),
            rate=self.rate.value(),
            volume=self.volume.value() / 100,
            mute=self.mute.isChecked(),
            beeps=self.beeps.isChecked(),
            metronome=self.metronome.isChecked(),
            captions=self.captions.isChecked(),
            breathing=Breathing(self.inhale.value(), self.hold.value(), self.exhale.value()),
            theme=str(self.theme.currentData()),
            reminders=tuple(self.reminders.item(i).text() for i in range(self.reminders.count())),
            reminder_routine=str(self.routine.currentData() or self._original.reminder_routine),
            tray=self.tray.isChecked(),
            ask_pain=self.ask_pain.isChecked(),
            reduce_motion=self.reduce_motion.isChecked(),
        )

    def _update_labels(self) -> None:
        self.rate_label.setText(f"{self.rate.value()} words a minute")
        self.rate.setAccessibleDescription(self.rate_label.text())
        self.volume_label.setText(f"{self.volume.value()} %")
        self.volume.setAccessibleDescription(self.volume_label.text())
        cycle = self.inhale.value() + self.hold.value() + self.exhale.value()
        self.breath_label.setText(
            f"One breath takes {cycle:g} s: {60 / cycle:.1f} breaths a minute"
        )
        self.remove_reminder_button.setEnabled(self.reminders.currentRow() >= 0)

    def _changed(self) -> None:
        if self._loading:
            return
        self._update_labels()
        current = self.settings()
        if current != self._last:
            self._last = current
            self.settings_changed.emit(current)

    # --- reminders ----------------------------------------------------------------------------

    def _time_text(self) -> str:
        return self.time_edit.time().toString("HH:mm")

    def add_reminder(self, hhmm: str) -> None:
        """Add a daily reminder at "HH:MM" (kept sorted, no duplicates)."""
        times = {self.reminders.item(i).text() for i in range(self.reminders.count())}
        if hhmm in times:
            return
        self.reminders.clear()
        self.reminders.addItems(sorted(times | {hhmm}))
        self.reminders.setCurrentRow(sorted(times | {hhmm}).index(hhmm))
        self._changed()

    def remove_selected_reminder(self) -> None:
        row = self.reminders.currentRow()
        if row >= 0:
            self.reminders.takeItem(row)
            self._changed()

    # --- closing ------------------------------------------------------------------------------

    def accept(self) -> None:
        """Save atomically, then close; a failed save keeps the dialog open and says why."""
        settings = self.settings()
        try:
            save_settings(settings, self._path, since=self._original)
        except OSError as exc:
            self.error.setText(f"The settings could not be saved: {exc.strerror or exc}")
            self.error.show()
            return
        self._original = settings
        super().accept()

    def reject(self) -> None:
        """Close without saving, announcing the original settings if anything changed."""
        if self._last != self._original:
            self._last = self._original
            self.settings_changed.emit(self._original)
        super().reject()


def _with_label(slider: QSlider, label: QLabel) -> QWidget:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(slider, 1)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("300 words a minute") + 4)
    row.addWidget(label)
    box = QWidget()
    box.setLayout(row)
    return box
