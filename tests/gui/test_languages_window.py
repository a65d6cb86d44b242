"""The window in other languages: texts translated, nothing clipped when texts run 40% longer."""

from __future__ import annotations

import gettext
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from massage_timer.core.constants import QUICK_ID
from massage_timer.core.i18n import LANGUAGE_NAMES, install, set_language
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.settings_dialog import SettingsDialog
from massage_timer.storage.settings import Settings
from tests.doubles import FakeClock, RecordingPlayer, ScriptedConfirm

VOICES = [("gmw/en", "English — English"), ("gmw/de", "German — Deutsch")]


class Padded(gettext.NullTranslations):
    """A pseudo-translation: every text 40% longer, as German and French often run."""

    def gettext(self, message: str) -> str:
        return _padded(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _padded(singular if n == 1 else plural)


def _padded(message: str) -> str:
    if not message.strip() or message.startswith(("<", "d MMM")):
        return message
    extra = max(1, round(len(message) * 0.4))
    return message + "ü" * extra  # placeholders stay: only letters are added


@pytest.fixture
def padded() -> Iterator[None]:
    install(Padded(), "de")
    yield
    set_language("en")


def _window(qtbot: QtBot) -> MainWindow:
    win = MainWindow(
        Settings(ask_pain=False),
        clock=FakeClock(),
        player=RecordingPlayer(),
        confirm=ScriptedConfirm(answer=True),
    )
    qtbot.addWidget(win)
    win.restore_geometry()  # the size a first start gets
    win.show()
    qtbot.waitExposed(win)
    win.finish_startup()
    return win


def clipped(page: QWidget) -> list[str]:
    """Every visible label or button whose text does not fit the space it was given."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page) or widget.width() <= 1:
            continue
        if isinstance(widget, QLabel) and widget.text() and not widget.pixmap():
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 2:
                    found.append(f"label {widget.text()!r} wraps past its height")
            elif widget.fontMetrics().horizontalAdvance(widget.text()) > widget.width() + 2:
                found.append(f"label {widget.text()!r} is cut")
        elif (
            isinstance(widget, QAbstractButton)
            and widget.text()
            and widget.sizeHint().width() > widget.width() + 2
        ):
            found.append(f"button {widget.text()!r} is cut")
    return found


@pytest.mark.usefixtures("padded")
def test_nothing_is_clipped_on_the_home_or_in_a_session(qtbot: QtBot) -> None:
    window = _window(qtbot)
    assert clipped(window.home) == []
    controller = window.open_session(QUICK_ID)
    assert controller is not None
    qtbot.wait(10)
    assert clipped(window.session_view) == []
    window.quit_now()


@pytest.mark.usefixtures("padded")
def test_nothing_is_clipped_in_the_settings(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(), VOICES)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert clipped(dialog) == []


def test_the_window_speaks_german(qtbot: QtBot) -> None:
    set_language("de")
    window = _window(qtbot)
    assert window.home.quick_button.text() != "Quick 5 minutes"
    assert window.home.card(QUICK_ID) is not None
    card = window.home.card(QUICK_ID)
    assert card is not None and "Schnelle 5 Minuten" in card.title_label.text()
    window.quit_now()


def test_the_language_is_a_setting_that_applies_at_the_next_start(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(), VOICES)
    qtbot.addWidget(dialog)
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names[1:] == list(LANGUAGE_NAMES.values())
    dialog.language.setCurrentIndex(dialog.language.findData("ko"))
    assert dialog.settings().language == "ko"
    assert "starts again" in dialog.language.accessibleDescription()


def test_the_voices_of_the_language_come_first_and_say_what_they_speak(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from massage_timer import audio
    from massage_timer.audio.speech import Voice
    from massage_timer.gui.pages import engine_voices

    voices = [
        Voice("gmw/en", "English (Great Britain)", ("en-gb",)),
        Voice("ko", "Korean", ("ko",)),
        Voice("gmw/de", "German", ("de",)),
    ]
    monkeypatch.setattr(audio, "available_voices", lambda: voices)
    set_language("de")
    listed = engine_voices()
    assert [voice_id for voice_id, _label in listed] == ["gmw/de", "gmw/en", "ko"]
    assert listed[0][1].endswith("Deutsch") and listed[2][1].endswith("한국어")
