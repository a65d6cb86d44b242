"""No sleep and no screen blanking while a session runs.

From the start to the end of a running session the desktop is asked, over the session
bus, not to go idle: through the portal's ``org.freedesktop.portal.Inhibit`` (idle and
suspend) where that service is present, else ``org.freedesktop.ScreenSaver.Inhibit``.
The request is released when the session stops or finishes, when the app quits, and
after a pause longer than :data:`PAUSE_RELEASE_MS` (it is asked again on resume).

Crash-safe by the desktop's design: both services tie a request to the caller's bus
connection and drop it when that connection closes, which the bus does the moment the
process dies. With neither service (a bare box, another OS) there is one debug line and
the session goes on.

The calls go through a ``QDBusInterface`` and ``QMetaObject.invokeMethod`` because that
is how, from Python, the cookie goes out as the ``uint32`` the services insist on (a
Python int becomes an ``int32``, which they refuse). They wait for the answer, so they
run in a worker thread, never on the one that drives the session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from typing import Protocol

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QObject, Qt, QTimer, Signal
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage, QDBusObjectPath

from massage_timer import APP_NAME
from massage_timer.core.engine import State
from massage_timer.core.i18n import N_, _
from massage_timer.gui.remote import SessionRemote

_log = logging.getLogger(__name__)

PAUSE_RELEASE_MS = 3 * 60 * 1000  # a longer pause lets the screen rest again
CALL_TIMEOUT_MS = 2000
REASON = N_("A massage session is running")  # shown by the desktop; said through _()
SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver")
PORTAL = ("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop")
PORTAL_INHIBIT = "org.freedesktop.portal.Inhibit"
_PORTAL_IDLE_AND_SUSPEND = 4 | 8


class InhibitBackend(Protocol):
    """One desktop service: ``inhibit`` returns a token for ``release``, or None."""

    name: str

    def inhibit(self) -> object | None: ...

    def release(self, token: object) -> None: ...


def _interface(bus: QDBusConnection, service: str, path: str, name: str) -> QDBusInterface | None:
    iface = QDBusInterface(service, path, name, bus)
    if not iface.isValid():
        _log.debug("%s at %s is not usable: %s", name, service, iface.lastError().message())
        return None
    iface.setTimeout(CALL_TIMEOUT_MS)
    return iface


class ScreenSaverBackend:
    name = "org.freedesktop.ScreenSaver"

    def __init__(self, bus: QDBusConnection) -> None:
        self._bus = bus
        self._iface: QDBusInterface | None = None

    def inhibit(self) -> object | None:
        if self._iface is None:
            self._iface = _interface(self._bus, *SCREENSAVER, self.name)
        if self._iface is None:
            return None
        cookie = QMetaObject.invokeMethod(
            self._iface,
            "Inhibit",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("uint"),
            Q_ARG("QString", APP_NAME),
            Q_ARG("QString", _(REASON)),
        )
        return cookie if isinstance(cookie, int) and cookie > 0 else None

    def release(self, token: object) -> None:
        if self._iface is not None and isinstance(token, int):
            QMetaObject.invokeMethod(
                self._iface, "UnInhibit", Qt.ConnectionType.DirectConnection, Q_ARG("uint", token)
            )


class PortalBackend:
    name = PORTAL_INHIBIT

    def __init__(self, bus: QDBusConnection) -> None:
        self._bus = bus
        self._iface: QDBusInterface | None = None

    def inhibit(self) -> object | None:
        if self._iface is None:
            self._iface = _interface(self._bus, *PORTAL, self.name)
        if self._iface is None:
            return None
        handle = QMetaObject.invokeMethod(
            self._iface,
            "Inhibit",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("QDBusObjectPath"),
            Q_ARG("QString", ""),  # no window handle: the whole session is meant
            Q_ARG("uint", _PORTAL_IDLE_AND_SUSPEND),
            Q_ARG("QVariantMap", {"reason": _(REASON)}),
        )
        path = handle.path() if isinstance(handle, QDBusObjectPath) else ""
        return path or None

    def release(self, token: object) -> None:
        close = QDBusMessage.createMethodCall(
            PORTAL[0], str(token), "org.freedesktop.portal.Request", "Close"
        )
        self._bus.call(close, timeout=CALL_TIMEOUT_MS)


def _has_owner(bus: QDBusConnection, service: str) -> bool:
    # A plain call (thread-safe), not the connection's shared interface object.
    ask = QDBusMessage.createMethodCall(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner"
    )
    ask.setArguments([service])
    reply = bus.call(ask, timeout=CALL_TIMEOUT_MS)
    found = reply.arguments()
    return reply.type() == QDBusMessage.MessageType.ReplyMessage and found == [True]


class _Keeper:
    """The request itself; runs only in the inhibitor's one worker thread, in order."""

    def __init__(self, bus: QDBusConnection) -> None:
        self._bus = bus
        self._backends: list[tuple[str, InhibitBackend]] = [
            (PORTAL[0], PortalBackend(bus)),
            (SCREENSAVER[0], ScreenSaverBackend(bus)),
        ]
        self._held: tuple[InhibitBackend, object] | None = None
        self._said_absent = False  # the missing services are told once, not every session

    def hold(self) -> str:
        if self._held is None:
            for service, backend in self._backends:
                if not _has_owner(self._bus, service):
                    continue
                token = backend.inhibit()
                if token is not None:
                    self._held = (backend, token)
                    break
        if self._held is None and not self._said_absent:
            self._said_absent = True
            _log.debug("No inhibit portal or screensaver service: the screen may blank.")
        return self._held[0].name if self._held is not None else ""

    def release(self) -> str:
        held, self._held = self._held, None
        if held is not None:
            held[0].release(held[1])
        return ""


class SleepInhibitor(QObject):
    """Holds the desktop awake while ``remote``'s session runs.

    The calls wait for the desktop's answer, so they run in a worker thread of their
    own (QtDBus lets go of Python while it waits): a slow or stuck service never holds
    up the session. Requests go in order; ``holding`` follows their results.
    """

    _done = Signal(str)  # from the worker: the service now holding, or ""

    def __init__(
        self,
        remote: SessionRemote,
        bus: QDBusConnection,
        pause_release_ms: int = PAUSE_RELEASE_MS,
    ) -> None:
        super().__init__(remote)
        self._remote = remote
        self._keeper = _Keeper(bus)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inhibit")
        self._wanted = False
        self._pending = 0
        self.holding = ""  # the service that holds the desktop awake now, or ""
        self._done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._pause_timer = QTimer(self)
        self._pause_timer.setSingleShot(True)
        self._pause_timer.setInterval(pause_release_ms)
        self._pause_timer.timeout.connect(self.release)
        remote.changed.connect(self.sync)
        remote.destroyed.connect(self._worker.shutdown)
        self.sync()

    def idle(self) -> bool:
        """No request is on its way (tests wait for this)."""
        return self._pending == 0

    def sync(self) -> None:
        """Hold or release to match the session's state."""
        state = self._remote.state
        if state is State.RUNNING:
            self._pause_timer.stop()
            self.hold()
        elif state is State.PAUSED:
            if self._wanted and not self._pause_timer.isActive():
                self._pause_timer.start()
        else:
            self._pause_timer.stop()
            self.release()

    def hold(self) -> None:
        if not self._wanted:
            self._wanted = True
            self._submit(self._keeper.hold)

    def release(self) -> None:
        if self._wanted:
            self._wanted = False
            self._submit(self._keeper.release)

    def _submit(self, job: Callable[[], str]) -> None:
        self._pending += 1
        done = self._done

        def run() -> None:
            try:
                holding = job()
            except Exception as exc:  # noqa: BLE001 - the session goes on whatever the desktop does
                _log.debug("Inhibiting sleep failed: %s", exc)
                holding = ""
            with suppress(RuntimeError):  # the app is closing and the inhibitor already gone
                done.emit(holding)

        self._worker.submit(run)

    def _finished(self, holding: str) -> None:
        self._pending -= 1
        self.holding = holding
