"""Text from files is shown as text: the one home of how the window shows words it did not write.

A routine's title, description, notes, step titles and spoken lines come from files anyone
can write. Qt reads many strings as markup unless told otherwise: a QLabel and a
QMessageBox guess (``Qt.TextFormat.AutoText``), so ``<img src="/a/file.png">`` in a title
would show a local picture; tooltips guess the same way; a ``&`` in an action's or a
button's text marks a keyboard mnemonic; ``[*]`` in a window title is the "modified"
placeholder. Every widget of ``gui/`` that may show such text goes through the helpers here.

The module loads no more of Qt than QLabel: the home screen's cards are built before the
first frame, and ``PySide6.QtCore.Qt`` (every Qt enum) costs tens of milliseconds to load.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

# What html.escape does; the first frame's tooltips use it, and importing html brings its
# table of 2,000 named entities with it (a millisecond of start-up).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

_LINE_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029]+")


def could_be_markup(text: str) -> bool:
    """Whether Qt might read ``text`` as rich text: it never does without ``<`` or ``&``."""
    return "<" in text or "&" in text


class TextLabel(QLabel):
    """A QLabel that shows its text as plain text, whatever the text looks like.

    Qt takes a label's text for rich text only when it holds a tag (``<``) or an entity
    (``&lt;``); other text shows as written under any format. So the label turns to
    ``PlainText`` the first time it gets a ``<`` or a ``&``, and everyday text does not
    load Qt's enums before the first frame.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plain = False
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        if not self._plain and could_be_markup(text):
            from PySide6.QtCore import Qt

            self.setTextFormat(Qt.TextFormat.PlainText)  # before the text: never parsed
            self._plain = True
        super().setText(text)


def tip(text: str) -> str:
    """A tooltip showing ``text`` literally.

    Qt guesses from the first line whether a tooltip is rich text, and when it guesses so
    it reads entities and tags anywhere. Escaping alone would then show ``&amp;`` for a
    plain ``&``, so the tooltip is always rich text, with every character escaped.
    """
    if not text:
        return ""
    return "<qt>" + text.translate(_ESCAPES).replace("\n", "<br>") + "</qt>"


def first_line_tip(heading: str, detail: str) -> str:
    """A tooltip of our own ``heading`` over ``detail`` from a file, literal both ways.

    For tooltips that leave Qt: a tray icon's tooltip is a QToolTip on an XEmbed tray,
    which guesses rich text from the first line only, but a plain title on a
    StatusNotifierItem tray, where ``<qt>`` would show as written. A first line without
    ``<`` or ``&`` makes Qt take the whole text as plain, so it reads the same on both.
    """
    if could_be_markup(heading) or "\n" in heading:
        raise ValueError(f"the first line of a tooltip must be plain: {heading!r}")
    return f"{heading}\n{one_line(detail)}" if detail else heading


def one_line(text: str) -> str:
    """``text`` on one line: tabs and line breaks become spaces."""
    return _LINE_BREAKS.sub(" ", text).strip()


def menu_text(text: str) -> str:
    """Text for a QAction or a button, shown literally.

    ``&`` marks the next letter as the mnemonic (``&&`` shows one ``&``), and in a menu a
    tab separates the text from the shortcut shown at its right.
    """
    return one_line(text).replace("&", "&&")


def window_title(text: str) -> str:
    """A window title showing ``text`` literally (``[*]`` is Qt's "modified" mark)."""
    return one_line(text).replace("[*]", "[*][*]")


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
) -> QMessageBox:
    """A QMessageBox whose ``text`` is plain text; the caller adds buttons and opens it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(window_title(title))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box
