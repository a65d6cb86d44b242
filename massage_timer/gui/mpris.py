"""MPRIS on the session bus: headset buttons, media keys and the desktop's media panel.

While the app runs it owns ``org.mpris.MediaPlayer2.massage_timer`` (or, when another
copy already does, that name with ``.instance<pid>``, as the MPRIS spec asks) and serves
``/org/mpris/MediaPlayer2`` with the ``org.mpris.MediaPlayer2`` and
``org.mpris.MediaPlayer2.Player`` interfaces. A session is the "track": its step is the
title, its routine the album, its length ``mpris:length``. Every command goes to the
:class:`~massage_timer.gui.remote.SessionRemote`, which makes the same controller calls
as the window's keys.

The object is a ``QDBusVirtualObject`` that answers the messages itself: that way every
value goes out with the exact type the spec gives (see ``dbus_values``), which
PySide6's automatic conversions cannot promise. ``PropertiesChanged`` is sent only when
an announced value really changed, on a state or step change, never on a tick.

Without a session bus (another OS, a bare CI box) :func:`start_mpris` logs one debug
line and returns None; the app runs as before.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVirtualObject

from massage_timer import APP_NAME
from massage_timer.core.engine import State
from massage_timer.gui.dbus_values import Int64, Marshaller, ObjectPath, Strings, Value, VarDict
from massage_timer.gui.remote import SessionRemote

_log = logging.getLogger(__name__)

BUS_NAME = "org.mpris.MediaPlayer2.massage_timer"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
TRACK_PREFIX = "/io/github/massage_timer/session"  # + "/<n>/step<i>": unique per step
_STATUS = {State.RUNNING: "Playing", State.PAUSED: "Paused"}
_NOT_ANNOUNCED = {"Position"}  # the spec: clients compute it, no signal as it moves

_STANDARD = """\
  <interface name="org.freedesktop.DBus.Introspectable">
    <method name="Introspect"><arg name="xml" type="s" direction="out"/></method>
  </interface>
  <interface name="org.freedesktop.DBus.Properties">
    <method name="Get">
      <arg name="interface" type="s" direction="in"/>
      <arg name="name" type="s" direction="in"/>
      <arg name="value" type="v" direction="out"/>
    </method>
    <method name="GetAll">
      <arg name="interface" type="s" direction="in"/>
      <arg name="values" type="a{sv}" direction="out"/>
    </method>
    <method name="Set">
      <arg name="interface" type="s" direction="in"/>
      <arg name="name" type="s" direction="in"/>
      <arg name="value" type="v" direction="in"/>
    </method>
    <signal name="PropertiesChanged">
      <arg name="interface" type="s"/>
      <arg name="changed" type="a{sv}"/>
      <arg name="invalidated" type="as"/>
    </signal>
  </interface>
"""
_INTROSPECTION = """\
  <interface name="org.mpris.MediaPlayer2">
    <method name="Raise"/>
    <method name="Quit"/>
    <property name="CanQuit" type="b" access="read"/>
    <property name="CanRaise" type="b" access="read"/>
    <property name="HasTrackList" type="b" access="read"/>
    <property name="Identity" type="s" access="read"/>
    <property name="DesktopEntry" type="s" access="read"/>
    <property name="SupportedUriSchemes" type="as" access="read"/>
    <property name="SupportedMimeTypes" type="as" access="read"/>
  </interface>
  <interface name="org.mpris.MediaPlayer2.Player">
    <method name="Next"/>
    <method name="Previous"/>
    <method name="Pause"/>
    <method name="PlayPause"/>
    <method name="Stop"/>
    <method name="Play"/>
    <method name="Seek"><arg name="Offset" type="x" direction="in"/></method>
    <method name="SetPosition">
      <arg name="TrackId" type="o" direction="in"/>
      <arg name="Position" type="x" direction="in"/>
    </method>
    <method name="OpenUri"><arg name="Uri" type="s" direction="in"/></method>
    <signal name="Seeked"><arg name="Position" type="x"/></signal>
    <property name="PlaybackStatus" type="s" access="read"/>
    <property name="Rate" type="d" access="read"/>
    <property name="MinimumRate" type="d" access="read"/>
    <property name="MaximumRate" type="d" access="read"/>
    <property name="Metadata" type="a{sv}" access="read"/>
    <property name="Position" type="x" access="read"/>
    <property name="CanGoNext" type="b" access="read"/>
    <property name="CanGoPrevious" type="b" access="read"/>
    <property name="CanPlay" type="b" access="read"/>
    <property name="CanPause" type="b" access="read"/>
    <property name="CanSeek" type="b" access="read"/>
    <property name="CanControl" type="b" access="read"/>
  </interface>
"""


def introspection_xml() -> str:
    """The whole object, as ``Introspect`` answers (Qt hands that call to us as well)."""
    return f"<node>\n{_STANDARD}{_INTROSPECTION}</node>\n"


def root_properties() -> dict[str, Value]:
    return {
        "CanQuit": True,
        "CanRaise": True,
        "HasTrackList": False,
        "Identity": APP_NAME,
        "DesktopEntry": APP_NAME,  # massage-timer.desktop
        "SupportedUriSchemes": Strings(),
        "SupportedMimeTypes": Strings(),
    }


def player_properties(remote: SessionRemote, session_number: int = 0) -> dict[str, Value]:
    """The Player interface's properties as the session stands now."""
    active = remote.active
    return {
        "PlaybackStatus": _STATUS.get(remote.state, "Stopped"),
        "Rate": 1.0,
        "MinimumRate": 1.0,
        "MaximumRate": 1.0,
        "Metadata": metadata(remote, session_number),
        "Position": Int64(round(remote.position_ms() * 1000)),
        "CanGoNext": active,
        "CanGoPrevious": active,
        "CanPlay": active,
        "CanPause": active,
        "CanSeek": False,
        "CanControl": True,  # must never change, says the spec
    }


def metadata(remote: SessionRemote, session_number: int = 0) -> VarDict:
    """The "track": the current step of the session, its routine and length; or none."""
    controller = remote.controller
    step = remote.current_step()
    if controller is None or step is None or not remote.active:
        return VarDict((("mpris:trackid", ObjectPath(NO_TRACK)),))
    plan = controller.plan
    return VarDict(
        (
            ("mpris:trackid", ObjectPath(f"{TRACK_PREFIX}/{session_number}/step{step.index}")),
            ("mpris:length", Int64(plan.total_ms * 1000)),
            ("xesam:title", step.title),
            ("xesam:album", plan.title),
            ("xesam:artist", Strings((APP_NAME,))),
        )
    )


class MprisObject(QDBusVirtualObject):
    """Answers MPRIS calls at ``/org/mpris/MediaPlayer2`` and announces changes."""

    def __init__(self, remote: SessionRemote, bus: QDBusConnection) -> None:
        super().__init__(remote)
        self.remote = remote
        self.bus = bus
        self.values = Marshaller(bus)
        self.bus_name = ""
        self._sessions = 0  # numbers the sessions, so each track id names one step once
        self._sent = self._announced()
        remote.window.session_opened.connect(self._new_session)
        remote.changed.connect(self.refresh)
        self._methods: dict[tuple[str, str], Callable[[], None]] = {
            (PLAYER, "Next"): remote.next,
            (PLAYER, "Previous"): remote.previous,
            (PLAYER, "Pause"): remote.pause,
            (PLAYER, "PlayPause"): remote.play_pause,
            (PLAYER, "Stop"): remote.stop,
            (PLAYER, "Play"): remote.play,
            (PLAYER, "Seek"): lambda: None,  # CanSeek is false: ignored, as the spec says
            (PLAYER, "SetPosition"): lambda: None,
            # Later, not inside the call: closing may ask a question in a nested loop.
            (ROOT, "Raise"): lambda: QTimer.singleShot(0, remote.raise_window),
            (ROOT, "Quit"): lambda: QTimer.singleShot(0, remote.quit_app),
        }

    def properties(self, interface: str) -> dict[str, Value] | None:
        if interface == ROOT:
            return root_properties()
        if interface == PLAYER:
            return player_properties(self.remote, self._sessions)
        return None

    def introspect(self, path: str) -> str:
        return _INTROSPECTION if path == OBJECT_PATH else ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:  # noqa: N802 - Qt's name
        if message.path() != OBJECT_PATH:
            return False
        try:
            reply = self._answer(message)
        except Exception as exc:  # noqa: BLE001 - a bad call must never take the app down
            _log.warning("MPRIS: %s.%s failed: %s", message.interface(), message.member(), exc)
            reply = message.createErrorReply("org.freedesktop.DBus.Error.Failed", str(exc))
        if message.isReplyRequired():
            connection.send(reply)
        return True

    def _answer(self, message: QDBusMessage) -> QDBusMessage:
        interface, member, args = message.interface(), message.member(), message.arguments()
        if interface == PROPERTIES:
            return self._properties_call(message, member, args)
        if (interface, member) == (INTROSPECTABLE, "Introspect"):
            reply = message.createReply()
            reply.setArguments([introspection_xml()])
            return reply
        action = self._methods.get((interface, member))
        if action is None:
            if (interface, member) == (PLAYER, "OpenUri"):
                return message.createErrorReply(
                    "org.freedesktop.DBus.Error.NotSupported", "massage-timer opens no URIs"
                )
            return message.createErrorReply(
                "org.freedesktop.DBus.Error.UnknownMethod", f"No method {interface}.{member}"
            )
        action()
        return message.createReply()

    def _properties_call(
        self, message: QDBusMessage, member: str, args: list[object]
    ) -> QDBusMessage:
        interface = str(args[0]) if args else ""
        props = self.properties(interface)
        if props is None:
            return message.createErrorReply(
                "org.freedesktop.DBus.Error.UnknownInterface", f"No interface {interface}"
            )
        reply = message.createReply()
        if member == "GetAll":
            reply.setArguments([self.values.var_dict(VarDict(tuple(props.items())))])
        elif member == "Get" and len(args) > 1 and str(args[1]) in props:
            reply.setArguments([self.values.variant(props[str(args[1])])])
        elif member == "Set":
            return message.createErrorReply(
                "org.freedesktop.DBus.Error.PropertyReadOnly", "These properties are read-only"
            )
        else:
            return message.createErrorReply(
                "org.freedesktop.DBus.Error.UnknownProperty", f"No such property {args[1:2]}"
            )
        return reply

    # -- announcing changes -------------------------------------------------------------

    def _announced(self) -> dict[str, Value]:
        props = player_properties(self.remote, self._sessions)
        return {k: v for k, v in props.items() if k not in _NOT_ANNOUNCED}

    def _new_session(self, _controller: object) -> None:
        self._sessions += 1
        self.refresh()

    def refresh(self) -> None:
        """Send ``PropertiesChanged`` with what differs from the last values sent, if any."""
        now = self._announced()
        changed = {k: v for k, v in now.items() if self._sent.get(k) != v}
        self._sent = now
        if not changed:
            return
        signal = QDBusMessage.createSignal(OBJECT_PATH, PROPERTIES, "PropertiesChanged")
        signal.setArguments(
            [
                PLAYER,
                self.values.var_dict(VarDict(tuple(changed.items()))),
                self.values.plain(Strings()),
            ]
        )
        self.bus.send(signal)

    def close(self) -> None:
        self.bus.unregisterObject(OBJECT_PATH)
        self.values.close()


def start_mpris(remote: SessionRemote, bus: QDBusConnection | None = None) -> MprisObject | None:
    """Serve MPRIS for ``remote`` on ``bus`` (the session bus); None when there is none."""
    bus = bus if bus is not None else QDBusConnection.sessionBus()
    if not bus.isConnected():
        _log.debug("No D-Bus session bus (%s): no media keys.", bus.lastError().message())
        return None
    service = MprisObject(remote, bus)
    if not bus.registerVirtualObject(OBJECT_PATH, service):
        _log.debug("MPRIS: %s is already served on this connection.", OBJECT_PATH)
        return None
    for name in (BUS_NAME, f"{BUS_NAME}.instance{os.getpid()}"):
        if bus.registerService(name):
            service.bus_name = name
            return service
    _log.debug("MPRIS: could not own %s: %s", BUS_NAME, bus.lastError().message())
    service.close()
    return None
