"""Qt's own texts (standard buttons, context menus) in the language the app speaks."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from massage_timer.core.i18n import SOURCE_LANGUAGE, current_language

_KEPT: list[QTranslator] = []  # a translator must outlive its installation


def install_qt_translations(app: QApplication) -> bool:
    """Load ``qtbase_<lang>.qm`` from the PySide6 wheel for the current language.

    Also sets the default QLocale, so numbers and dates that Qt formats follow it.
    Returns whether a catalog was found (English needs none).
    """
    language = current_language()
    QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return False
    app.installTranslator(translator)
    _KEPT.append(translator)
    return True
