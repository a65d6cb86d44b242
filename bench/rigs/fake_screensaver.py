"""A stand-in for the desktop's ``org.freedesktop.ScreenSaver``, for tests on a private bus.

Run as ``python -m bench.rigs.fake_screensaver`` with ``DBUS_SESSION_BUS_ADDRESS`` set.
It prints ``ready`` once it owns the name, then one line per call:
``inhibit APP REASON COOKIE`` and ``uninhibit COOKIE``. With ``--portal`` it is the
portal's ``org.freedesktop.portal.Inhibit`` instead: ``portal-inhibit FLAGS REASON PATH``
and ``portal-close PATH`` when the request object is closed. With ``--slow`` the
screensaver takes a second to answer ``Inhibit``, as a busy desktop might. Like the real
services it takes the exact signatures (``Inhibit(ss) -> u``, ``UnInhibit(u)``), so a
cookie sent back as an ``int32`` is refused.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection, QDBusObjectPath

NAME = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
_INFO = ClassInfo(**{"D-Bus Interface": NAME})  # type: ignore[arg-type]
_PORTAL_INFO = ClassInfo(**{"D-Bus Interface": "org.freedesktop.portal.Inhibit"})  # type: ignore[arg-type]
_REQUEST_INFO = ClassInfo(**{"D-Bus Interface": "org.freedesktop.portal.Request"})  # type: ignore[arg-type]


def say(line: str) -> None:
    print(line, flush=True)


@_INFO
class ScreenSaver(QDBusAbstractAdaptor):  # type: ignore[operator]
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._next = 0

    @Slot(str, str, result="uint")
    def Inhibit(self, app: str, reason: str) -> int:  # noqa: N802 - the D-Bus name
        if "--slow" in sys.argv:
            time.sleep(1.0)
        self._next += 1
        say(f"inhibit {app} {reason.replace(' ', '_')} {self._next}")
        return self._next

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:  # noqa: N802 - the D-Bus name
        say(f"uninhibit {cookie}")


@_REQUEST_INFO
class Request(QDBusAbstractAdaptor):  # type: ignore[operator]
    def __init__(self, parent: QObject, path: str) -> None:
        super().__init__(parent)
        self._path = path

    @Slot()
    def Close(self) -> None:  # noqa: N802 - the D-Bus name
        say(f"portal-close {self._path}")


@_PORTAL_INFO
class Portal(QDBusAbstractAdaptor):  # type: ignore[operator]
    def __init__(self, parent: QObject, bus: QDBusConnection) -> None:
        super().__init__(parent)
        self._bus = bus
        self._requests: list[QObject] = []

    @Slot(str, "uint", "QVariantMap", result=QDBusObjectPath)
    def Inhibit(self, window: str, flags: int, options: dict[str, object]) -> QDBusObjectPath:  # noqa: N802
        path = f"/org/freedesktop/portal/desktop/request/fake/{len(self._requests) + 1}"
        holder = QObject()
        Request(holder, path)
        self._bus.registerObject(path, holder, QDBusConnection.RegisterOption.ExportAdaptors)
        self._requests.append(holder)
        reason = str(options.get("reason", "")).replace(" ", "_")
        say(f"portal-inhibit {flags} {reason} {path}")
        return QDBusObjectPath(path)


def main() -> int:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    holder = QObject()
    portal = "--portal" in sys.argv
    if portal:
        Portal(holder, bus)
    else:
        ScreenSaver(holder)
    path, name = (PORTAL_PATH, PORTAL_NAME) if portal else (PATH, NAME)
    exported = bus.registerObject(path, holder, QDBusConnection.RegisterOption.ExportAdaptors)
    if not (exported and bus.registerService(name)):
        say(f"failed: {bus.lastError().message()}")
        return 1
    say("ready")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
