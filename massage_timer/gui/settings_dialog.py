"""The settings dialog: voice, sounds, breathing pattern, theme, reminders and more.

Every change is announced at once with ``settings_changed(Settings)``, so a running
session honours it (a quieter voice, a new breathing pattern). OK writes the file
atomically; Cancel announces the original settings again, undoing the preview.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QSlider,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from massage_timer.core.breathing import Breathing
from massage_timer.core.constants import BREATH_LIMITS
from massage_timer.core.i18n import LANGUAGE_NAMES, N_, SHIPPED, _
from massage_timer.gui.text import TextLabel
from massage_timer.gui.theme import em
from massage_timer.storage.settings import THEMES, Settings, save_settings

_THEME_NAMES = {
    "system": N_("Same as the system"),
    "light": N_("Light"),
    "dark": N_("Dark"),
    "high-contrast": N_("High contrast"),
}


def _check(text: str, tip: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setAccessibleName(text)
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
    spin.setSuffix(_(" s"))
    spin.setAccessibleName(name)
    spin.setAccessibleDescription(_("Seconds; part of the breathing pattern"))
    spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance(_("00.0 s")) * 3)
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
        self.setWindowTitle(_("Settings"))
        self.setAccessibleName(_("Settings"))
        self._original = settings
        self._last = settings
        self._path = path
        self._loading = True
        if routines is None:
            from massage_timer.storage.catalog import load_catalog  # reads files: only when needed

            routines = [(r.id, r.title) for r in load_catalog().routines]

        tabs = QTabWidget()
        tabs.setAccessibleName(_("Settings sections"))
        tabs.addTab(self._voice_tab(voices), _("Voice and sound"))
        tabs.addTab(self._breathing_tab(), _("Breathing"))
        tabs.addTab(self._reminders_tab(routines), _("Reminders"))
        tabs.addTab(self._general_tab(), _("General"))
        self.tabs = tabs

        self.error = TextLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Problem saving"))
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        for which, text in (
            (QDialogButtonBox.StandardButton.Ok, _("Keep these settings and close")),
            (QDialogButtonBox.StandardButton.Cancel, _("Put every setting back and close")),
        ):
            standard = self.buttons.button(which)
            if standard is not None:
                standard.setAccessibleDescription(text)
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
        self.voice.setAccessibleName(_("Voice"))
        self.voice.setAccessibleDescription(_("Which installed voice speaks the cues"))
        self.voice.addItem(_("The voice of the app's language"), "")
        for voice_id, name in voices:
            self.voice.addItem(name, voice_id)
        self.voice.currentIndexChanged.connect(self._changed)

        self.rate = QSlider(Qt.Orientation.Horizontal)
        self.rate.setRange(80, 300)
        self.rate.setSingleStep(5)
        self.rate.setPageStep(20)
        self.rate.setAccessibleName(_("Speaking speed"))
        self.rate_label = TextLabel()
        self.rate.valueChanged.connect(self._changed)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setAccessibleName(_("Volume"))
        self.volume_label = TextLabel()
        self.volume.valueChanged.connect(self._changed)

        self.mute = _check(_("Mute the voice and sounds"), _("Follow the session on screen only"))
        self.beeps = _check(
            _("Beep 3-2-1 into each change"), _("Soft beeps count down to each new step or side")
        )
        self.metronome = _check(
            _("Tick the pace of counted strokes"), _("A soft tick at each stroke and breath")
        )
        self.captions = _check(
            _("Show what the voice says"), _("Each spoken cue also shows as a caption")
        )
        self.answer_keys = _check(
            _("Answer the window's keys aloud"),
            _('The voice says "Paused", "Next: ..." for keys too, not only for media keys'),
        )
        for box in (self.mute, self.beeps, self.metronome, self.captions, self.answer_keys):
            box.toggled.connect(self._changed)

        form = _form()
        form.addRow(_("Voice"), self.voice)
        form.addRow(_("Speed"), _with_label(self.rate, self.rate_label))
        form.addRow(_("Volume"), _with_label(self.volume, self.volume_label))
        form.addRow("", self.mute)
        form.addRow("", self.beeps)
        form.addRow("", self.metronome)
        form.addRow("", self.captions)
        form.addRow("", self.answer_keys)
        return _page(form)

    def _breathing_tab(self) -> QWidget:
        self.inhale = _seconds(_("Breathe in"), "inhale")
        self.hold = _seconds(_("Hold"), "hold")
        self.exhale = _seconds(_("Breathe out"), "exhale")
        for spin in (self.inhale, self.hold, self.exhale):
            spin.valueChanged.connect(self._changed)
        self.breath_label = TextLabel()
        self.breath_label.setAccessibleName(_("Breaths a minute"))
        intro = TextLabel(
            _(
                "The pacer used during sessions, unless a routine sets its own. "
                "A longer breath out helps you relax."
            )
        )
        intro.setWordWrap(True)
        form = _form()
        form.addRow(intro)
        form.addRow(_("Breathe in"), self.inhale)
        form.addRow(_("Hold"), self.hold)
        form.addRow(_("Breathe out"), self.exhale)
        form.addRow("", self.breath_label)
        return _page(form)

    def _reminders_tab(self, routines: Sequence[tuple[str, str]]) -> QWidget:
        self.reminders = QListWidget()
        self.reminders.setAccessibleName(_("Reminder times"))
        self.reminders.setAccessibleDescription(_("The times of day a reminder comes"))
        self.reminders.setSpacing(3)
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setTime(QTime(9, 0))
        self.time_edit.setAccessibleName(_("New reminder time"))
        self.time_edit.setAccessibleDescription(_("Hours and minutes, 24-hour clock"))
        self.add_reminder_button = QPushButton(_("Add"))
        self.add_reminder_button.setAccessibleName(_("Add reminder"))
        self.add_reminder_button.setAccessibleDescription(_("Add a daily reminder at this time"))
        self.add_reminder_button.clicked.connect(lambda: self.add_reminder(self._time_text()))
        self.remove_reminder_button = QPushButton(_("Remove"))
        self.remove_reminder_button.setAccessibleName(_("Remove the selected reminder"))
        self.remove_reminder_button.setAccessibleDescription(
            _("No more reminders at the time selected in the list")
        )
        self.remove_reminder_button.clicked.connect(self.remove_selected_reminder)
        self.reminders.currentRowChanged.connect(
            lambda row: self.remove_reminder_button.setEnabled(row >= 0)
        )
        self.routine = QComboBox()
        self.routine.setAccessibleName(_("Routine to remind of"))
        self.routine.setAccessibleDescription(_("The routine a reminder offers to start"))
        for routine_id, title in routines:
            self.routine.addItem(title, routine_id)
        self.routine.currentIndexChanged.connect(self._changed)
        self.tray = _check(
            _("Keep running in the tray when the window closes"),
            _("Reminders only come while massage-timer runs"),
        )
        self.tray.toggled.connect(self._changed)

        add_row = QHBoxLayout()
        add_row.addWidget(self.time_edit)
        add_row.addWidget(self.add_reminder_button)
        add_row.addWidget(self.remove_reminder_button)
        add_row.addStretch(1)
        layout = QVBoxLayout()
        layout.addWidget(TextLabel(_("Remind me every day at:")))
        layout.addWidget(self.reminders, 1)
        layout.addLayout(add_row)
        form = _form()
        form.addRow(_("Routine"), self.routine)
        layout.addLayout(form)
        layout.addWidget(self.tray)
        return _page(layout)

    def _general_tab(self) -> QWidget:
        self.theme = QComboBox()
        self.theme.setAccessibleName(_("Theme"))
        self.theme.setAccessibleDescription(_("The window's colours"))
        for theme in THEMES:
            self.theme.addItem(_(_THEME_NAMES[theme]) if theme in _THEME_NAMES else theme, theme)
        self.theme.currentIndexChanged.connect(self._changed)
        self.ask_pain = _check(
            _("Ask how much it hurts before and after a session (0 to 10)"),
            _("Your answers draw the pain chart in the history"),
        )
        self.ask_pain.toggled.connect(self._changed)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        self.language.addItem(_("Same as the system"), "")
        for code in SHIPPED:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setAccessibleDescription(
            _("A new language applies when massage-timer starts again.")
        )
        self.language.setToolTip(self.language.accessibleDescription())
        self.language.currentIndexChanged.connect(self._changed)
        self.reduce_motion = _check(
            _("Reduce motion: still pictures during a session"),
            _("The pictures show the technique with arrows instead of moving"),
        )
        self.reduce_motion.toggled.connect(self._changed)
        form = _form()
        form.addRow(_("Theme"), self.theme)
        form.addRow(_("Language"), self.language)
        form.addRow("", self.ask_pain)
        form.addRow("", self.reduce_motion)
        return _page(form)

    # --- values -------------------------------------------------------------------------------

    def _show(self, settings: Settings) -> None:
        loading, self._loading = self._loading, True
        try:
            if self.voice.findData(settings.voice) < 0:
                # A voice no longer installed stays chosen, so OK does not silently drop it.
                self.voice.addItem(
                    _("{voice} (not available)").format(voice=settings.voice), settings.voice
                )
            self.voice.setCurrentIndex(self.voice.findData(settings.voice))
            self.rate.setValue(settings.rate)
            self.volume.setValue(round(settings.volume * 100))
            self.mute.setChecked(settings.mute)
            self.beeps.setChecked(settings.beeps)
            self.metronome.setChecked(settings.metronome)
            self.captions.setChecked(settings.captions)
            self.answer_keys.setChecked(settings.answer_keys)
            self.inhale.setValue(settings.breathing.inhale)
            self.hold.setValue(settings.breathing.hold)
            self.exhale.setValue(settings.breathing.exhale)
            self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
            self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
            self.reminders.clear()
            self.reminders.addItems(sorted(set(settings.reminders)))
            if self.routine.findData(settings.reminder_routine) < 0:
                self.routine.addItem(
                    _("{routine} (not found)").format(routine=settings.reminder_routine),
                    settings.reminder_routine,
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
            answer_keys=self.answer_keys.isChecked(),
            breathing=Breathing(self.inhale.value(), self.hold.value(), self.exhale.value()),
            theme=str(self.theme.currentData()),
            language=str(self.language.currentData() or ""),
            reminders=tuple(self.reminders.item(i).text() for i in range(self.reminders.count())),
            reminder_routine=str(self.routine.currentData() or self._original.reminder_routine),
            tray=self.tray.isChecked(),
            ask_pain=self.ask_pain.isChecked(),
            reduce_motion=self.reduce_motion.isChecked(),
        )

    def _update_labels(self) -> None:
        self.rate_label.setText(_("{value} words a minute").format(value=self.rate.value()))
        self.rate.setAccessibleDescription(self.rate_label.text())
        self.volume_label.setText(_("{value} %").format(value=self.volume.value()))
        self.volume.setAccessibleDescription(self.volume_label.text())
        cycle = self.inhale.value() + self.hold.value() + self.exhale.value()
        self.breath_label.setText(
            _("One breath takes {cycle} s: {breaths} breaths a minute").format(
                cycle=QLocale().toString(cycle, "g", 3),
                breaths=QLocale().toString(60 / cycle, "f", 1),
            )
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
            self.error.setText(
                _("The settings could not be saved: {reason}").format(reason=exc.strerror or exc)
            )
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


def _with_label(slider: QSlider, label: TextLabel) -> QWidget:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(slider, 1)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance(_("300 words a minute")) + 4)
    row.addWidget(label)
    box = QWidget()
    box.setLayout(row)
    return box
