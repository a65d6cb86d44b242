"""The tray as a desktop sees it (issue 14): a reminder for a routine whose title holds markup.

Under Xvfb, on a private session bus with a stand-in tray host and notification server
(``bench/rigs/desktop_bus.py``), the real window and page router send a reminder through
Qt's QSystemTrayIcon. What the desktop receives (the notification, the tray item's
tooltip, its exported menu) must carry the title as written: the summary and the
tooltip's title are plain text to a desktop, the body (markup to many servers) holds only
our own words, and the menu entry shows the ``&`` rather than taking it for a mnemonic.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from bench.rigs import desktop_bus, processes
from bench.rigs.xvfb import xvfb
from massage_timer import paths

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

_MISSING = desktop_bus.missing_tools()
if _MISSING:
    pytest.skip(_MISSING, allow_module_level=True)

TITLE = 'Odd <b>bold</b> & <img src="/usr/share/pixmaps/debian-logo.png"> [*]'
ROUTINE = f"""title = '{TITLE}'

[[steps]]
technique = "kneading"
duration = 60
"""
DRIVER = """
from PySide6.QtWidgets import QApplication
from massage_timer.core.cue_player import SilentPlayer
from massage_timer.gui.main_window import MainWindow
from massage_timer.gui.pages import PageRouter
from massage_timer.storage.settings import Settings

app = QApplication([])
window = MainWindow(Settings(tray=True, ask_pain=False), player=SilentPlayer())
router = PageRouter(window, voices=lambda: [])
print("tray" if router.tray.available else "no tray", flush=True)
router.remind("odd")
app.exec()
"""
WAIT_S = 20.0  # for things to happen at all; not a timing figure


def dbusmenu_shown(label: str) -> str:
    """What a dbusmenu host shows for ``label``: ``_x`` marks x as the mnemonic."""
    return re.sub(r"_(.)", r"\1", label)


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "desktop.jsonl"
    try:
        with desktop_bus.desktop_bus(log) as address:
            yield address, log
    except RuntimeError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def display() -> Iterator[str]:
    try:
        with xvfb() as name:
            yield name
    except RuntimeError as exc:
        pytest.skip(str(exc))


def test_a_reminder_reaches_the_desktop_with_the_title_as_written(
    bus: tuple[str, Path], display: str
) -> None:
    address, log = bus
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "odd.toml").write_text(ROUTINE, encoding="utf-8")
    env = {
        **os.environ,
        "DISPLAY": display,
        "DBUS_SESSION_BUS_ADDRESS": address,
        "QT_QPA_PLATFORM": "xcb",
        "PULSE_SERVER": "unix:/nonexistent",
    }
    app = subprocess.Popen(
        [sys.executable, "-c", DRIVER], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert app.stdout is not None
        assert app.stdout.readline().strip() == "tray"  # the stand-in host is a tray to Qt
        end = time.monotonic() + WAIT_S
        while not desktop_bus.logged(log, "notify") and time.monotonic() < end:
            time.sleep(0.05)
        [note] = desktop_bus.logged(log, "notify")
        assert note["summary"] == f"Time for your {TITLE}"
        assert note["body"] == "Click here to start it."

        [item] = desktop_bus.logged(log, "item")
        service = item["service"]
        get = "org.freedesktop.DBus.Properties.Get"
        sni = "string:org.kde.StatusNotifierItem"
        # While the reminder is up, the item's tooltip is the notification's two texts.
        tooltip = desktop_bus.strings(
            address, service, "/StatusNotifierItem", get, sni, "string:ToolTip"
        )
        assert tooltip[-2:] == [f"Time for your {TITLE}", "Click here to start it."]

        labels = desktop_bus.strings(
            address,
            service,
            "/MenuBar",
            "com.canonical.dbusmenu.GetLayout",
            "int32:0",
            "int32:-1",
            "array:string:label",
        )
        shown = [dbusmenu_shown(value) for key, value in pairwise(labels) if key == "label"]
        assert f"Start {TITLE}" in shown, shown
    finally:
        processes.end(app)
