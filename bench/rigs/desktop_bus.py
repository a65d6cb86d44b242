"""A private desktop bus for the tray's end-to-end test: a tray host and a notification server.

A private ``dbus-daemon`` stands in for the session bus. On it a stand-in for the desktop
owns ``org.kde.StatusNotifierWatcher`` (so Qt's QSystemTrayIcon finds a tray and exports
its icon, tooltip and menu as a StatusNotifierItem) and ``org.freedesktop.Notifications``
(which writes each notification it is sent as one JSON line). The stand-in runs as its
own process, ``python -m bench.rigs.desktop_bus LOG``; ``dbus-send`` reads what the app
exported, from outside the app, as a desktop would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.rigs.dbus import daemon_command
from bench.rigs.processes import end, first_line, start_announced

START_TIMEOUT_S = 30.0
ROOT = Path(__file__).resolve().parents[2]
_STRING = re.compile(r'^\s*(?:variant\s+)?string "(.*)"$')


def missing_tools() -> str | None:
    """Why the rig cannot run here, or None."""
    missing = [tool for tool in ("dbus-daemon", "dbus-send") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed (sudo apt-get install dbus-daemon dbus-bin)"
    return None


@contextmanager
def desktop_bus(log: Path) -> Iterator[str]:
    """A private session bus with a tray host and a notification server on it.

    Yields the bus address; every notification and tray item lands in ``log`` as a line.
    """
    daemon, address = start_announced(daemon_command, "dbus-daemon", START_TIMEOUT_S)
    try:
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
        host = subprocess.Popen(
            [sys.executable, "-m", "bench.rigs.desktop_bus", str(log)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert host.stdout is not None
            if first_line(host.stdout, "the desktop stand-in", START_TIMEOUT_S) != "ready":
                raise RuntimeError("the desktop stand-in could not own its names on the bus")
            yield address
        finally:
            end(host)
    finally:
        end(daemon)


def logged(log: Path, kind: str) -> list[dict[str, str]]:
    """The lines of ``kind`` ("notify", "item") the stand-in wrote so far."""
    if not log.is_file():
        return []
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]
    return [line for line in lines if line.get("kind") == kind]


def strings(address: str, service: str, path: str, method: str, *args: str) -> list[str]:
    """Every string in the reply to ``method`` (``interface.Member``), in order.

    ``dbus-send`` prints each string as ``string "…"`` (``variant string "…"`` inside a
    variant) on its own line, unescaped; a text with a line break would span lines, which
    the texts read here never have.
    """
    done = subprocess.run(
        [
            "dbus-send",
            f"--bus={address}",
            "--print-reply",
            f"--dest={service}",
            path,
            method,
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    return [m.group(1) for line in done.stdout.splitlines() if (m := _STRING.match(line))]


def _serve(log: Path) -> int:
    """The desktop stand-in: owns the tray host's and the notification server's names."""
    from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    # PySide6's stubs miss that ClassInfo takes a dict (the key has a space) and decorates.
    class_info: Any = ClassInfo

    def write(**fields: str) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(json.dumps(fields) + "\n")

    @class_info({"D-Bus Interface": "org.kde.StatusNotifierWatcher"})
    class Watcher(QObject):
        def _registered(self) -> bool:
            return True  # what QSystemTrayIcon asks before it calls a tray available

        def _protocol(self) -> int:
            return 0

        IsStatusNotifierHostRegistered = Property(bool, _registered)
        ProtocolVersion = Property(int, _protocol)

        @Slot(str)
        def RegisterStatusNotifierItem(self, service: str) -> None:  # noqa: N802 - D-Bus name
            write(kind="item", service=service)

        @Slot(str)
        def RegisterStatusNotifierHost(self, service: str) -> None:  # noqa: N802 - D-Bus name
            pass

    @class_info({"D-Bus Interface": "org.freedesktop.Notifications"})
    class Notifications(QObject):
        @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
        def Notify(  # noqa: N802 - D-Bus name
            self,
            app: str,
            replaces: int,
            icon: str,
            summary: str,
            body: str,
            actions: list[str],
            hints: dict[str, object],
            timeout: int,
        ) -> int:
            write(kind="notify", app=app, summary=summary, body=body)
            return 1

        @Slot(result="QStringList")
        def GetCapabilities(self) -> list[str]:  # noqa: N802 - D-Bus name
            return ["body", "body-markup", "actions"]

    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    flags = (
        QDBusConnection.RegisterOption.ExportAllSlots
        | QDBusConnection.RegisterOption.ExportAllProperties
    )
    watcher, notifications = Watcher(), Notifications()
    owned = (
        bus.registerObject("/StatusNotifierWatcher", watcher, flags)
        and bus.registerService("org.kde.StatusNotifierWatcher")
        and bus.registerObject("/org/freedesktop/Notifications", notifications, flags)
        and bus.registerService("org.freedesktop.Notifications")
    )
    print("ready" if owned else "failed", flush=True)
    return app.exec() if owned else 1


if __name__ == "__main__":
    sys.exit(_serve(Path(sys.argv[1])))
