"""Qt's own texts (standard buttons) and dates in the language the app speaks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLibraryInfo, QLocale, QTime, QTranslator
from PySide6.QtWidgets import QApplication

from massage_timer.core.i18n import SOURCE_LANGUAGE, _, current_language

if TYPE_CHECKING:
    from datetime import date, datetime  # only annotations: the first frame shows no dates

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


def day_month(moment: date) -> str:
    """ "2 Dec" in the app's language ("2. Dez.", "12月2日"...)."""
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), _("d MMM"))


def weekday_day(day: date) -> str:
    """ "Mo 2": a short weekday name and the day of the month, for a chart's axis."""
    name = QLocale().dayName(day.isoweekday(), QLocale.FormatType.NarrowFormat)
    return f"{name} {day.day}"


def date_time(moment: datetime) -> str:
    """A local date and time as the app's language writes it, short."""
    local = moment.astimezone()
    value = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return QLocale().toString(value, QLocale.FormatType.ShortFormat)
