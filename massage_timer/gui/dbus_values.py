"""D-Bus values with their exact wire types, for the services the app offers (MPRIS).

PySide6 turns a Python ``int`` into a D-Bus ``int32`` whenever it fits, and a plain list
or dict loses its element types, while MPRIS wants ``int64`` for lengths and positions,
``as`` for string lists (even empty ones) and ``a{sv}`` for metadata. So the services
describe their values with the small typed wrappers here (``Int64``, ``ObjectPath``,
``Strings``, ``VarDict``), plain ``str``, ``bool`` and ``float`` standing for ``s``, ``b``
and ``d``, and :class:`Marshaller` writes them with exactly those types.

The one trick: Python cannot make a C++ ``QVariant`` of ``qlonglong`` for a small
number. QtDBus can, when it reads a property declared ``qlonglong`` on an adaptor; a
local ``Properties.Get`` on our own connection (answered in-process, no bus round trip)
hands back a ``QDBusVariant`` that keeps the C++ type, which is then written as is.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import ClassInfo, Property, QMetaType, QObject
from PySide6.QtDBus import (
    QDBusAbstractAdaptor,
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
    QDBusVariant,
)

_BOX_PATH = "/io/github/massage_timer/Int64"
_BOX_INTERFACE = "io.github.massage_timer.Int64"


@dataclass(frozen=True)
class Int64:
    value: int


@dataclass(frozen=True)
class ObjectPath:
    path: str


@dataclass(frozen=True)
class Strings:
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class VarDict:
    """An ``a{sv}``: keys in order, values any of the types this module writes."""

    items: tuple[tuple[str, Value], ...] = ()

    def get(self, key: str) -> Value | None:
        return next((v for k, v in self.items if k == key), None)


Value = str | bool | float | Int64 | ObjectPath | Strings | VarDict


_INTERFACE_INFO = ClassInfo(**{"D-Bus Interface": _BOX_INTERFACE})  # type: ignore[arg-type]


# PySide6's stubs know neither a ClassInfo used as a decorator nor a type given by name.
@_INTERFACE_INFO
class _Int64Box(QDBusAbstractAdaptor):  # type: ignore[operator]
    """Holds one number as a ``qlonglong`` property, for QtDBus to read with that type."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.number = 0

    def _get(self) -> int:
        return self.number

    value = Property("qlonglong", _get)  # type: ignore[arg-type]  # by name: int is int32


class Marshaller:
    """Writes :data:`Value` s with their exact types on ``bus`` (a connected QDBusConnection)."""

    def __init__(self, bus: QDBusConnection) -> None:
        self._bus = bus
        self._holder = QObject()
        self._box = _Int64Box(self._holder)
        self.ready = bus.registerObject(
            _BOX_PATH, self._holder, QDBusConnection.RegisterOption.ExportAdaptors
        )

    def close(self) -> None:
        self._bus.unregisterObject(_BOX_PATH)

    def variant(self, value: Value) -> QDBusVariant:
        """``value`` as a D-Bus variant whose content has the exact type."""
        if isinstance(value, Int64):
            return self._int64(value.value)
        return QDBusVariant(self.plain(value))

    def plain(self, value: Value) -> object:
        """``value`` as a method argument or reply (not wrapped in a variant)."""
        if isinstance(value, bool | str | float):
            return value
        if isinstance(value, Int64):
            return self._int64(value.value)  # only ever sent inside a variant
        if isinstance(value, ObjectPath):
            return QDBusObjectPath(value.path)
        if isinstance(value, Strings):
            arg = QDBusArgument()
            arg.beginArray(QMetaType(QMetaType.Type.QString))
            for item in value.items:
                arg.appendVariant(item)
            arg.endArray()
            return arg
        return self.var_dict(value)

    def var_dict(self, value: VarDict) -> QDBusArgument:
        arg = QDBusArgument()
        arg.beginMap(QMetaType(QMetaType.Type.QString), QMetaType.fromName(b"QDBusVariant"))
        for key, item in value.items:
            arg.beginMapEntry()
            arg.appendVariant(key)  # appendVariant: ``<<`` would write a str as an array
            arg.appendVariant(self.variant(item))
            arg.endMapEntry()
        arg.endMap()
        return arg

    def _int64(self, number: int) -> QDBusVariant:
        self._box.number = number
        call = QDBusMessage.createMethodCall(
            self._bus.baseService(), _BOX_PATH, "org.freedesktop.DBus.Properties", "Get"
        )
        call.setArguments([_BOX_INTERFACE, "value"])
        reply = self._bus.call(call)
        found = reply.arguments()
        if reply.type() == QDBusMessage.MessageType.ReplyMessage and found:
            variant = found[0]
            if isinstance(variant, QDBusVariant):
                return variant
        # Only if the local read failed: right number, narrower type.
        return QDBusVariant(number)
