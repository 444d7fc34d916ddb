"""The interface language: a Qt translation catalogue installed before any window is built.

Widgets say their words in English through ``tr()``; a catalogue made by
``tools/update_translations.py`` (``resources/i18n/ui/practice_desk_<lang>.qm``) and
shipped as package data turns them into another language at run time, so the running
application needs no Qt tools. Qt's own catalogue (``qtbase_<lang>``, shipped with
PySide6) translates its standard buttons and dialogs.

English needs a catalogue too, for plurals only: "%n patient(s)" reads "1 patient" or
"3 patients" (``practice_desk_en.qm``, made by the same tool). Qt asks the most recently
installed translator first, so another language installed later answers before it.

A Python subclass of QTranslator overriding ``translate`` is avoided on purpose: with
PySide6 6.12 on Python 3.11, returning "not translated" (None) from it loses a reference
to None on every call, and the application aborts after some tens of thousands of
translated strings.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from importlib import resources

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from practice_desk.domain import wording
from practice_desk.domain.wording import Language

log = logging.getLogger("practice_desk.ui")

#: Interface languages, by code, with the name each has in its own language.
LANGUAGES = {"en": "English", "es": "Español"}
#: The locale for month names in date fields; US Spanish keeps "1,234.5" for numbers.
_LOCALES = {"es": QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates)}


def fill(template: str, *values: object) -> str:
    """Qt-style ``%1``, ``%2``... placeholders, so a translation may reorder them.

    Replaced in one pass: a value that itself holds "%2" (typed text) stays as typed.
    """

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if number <= len(values) else match.group(0)

    return re.sub(r"%([1-9])", value, template)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation under ``context`` without translating it yet.

    For words kept in module-level tables (tab titles, audit actions); whoever shows
    one passes it through ``QCoreApplication.translate(context, ...)`` or, inside a
    class named ``context``, ``self.tr(...)``.
    """
    return source


class _Installed:
    """What the last call installed, so a second call replaces it instead of stacking."""

    language = "en"
    translators: list[QTranslator] = []  # noqa: RUF012 - one application per process
    locale: QLocale | None = None  # the default locale from before, to put back


def catalogue(language: str) -> bytes | None:
    """The compiled catalogue of ``language`` from the package's resources, if it ships."""
    path = resources.files("practice_desk.resources").joinpath(
        "i18n", "ui", f"practice_desk_{language}.qm"
    )
    return path.read_bytes() if path.is_file() else None


class _Catalogue(QTranslator):
    """A translator loaded from bytes, which keeps those bytes alive while it is in use.

    ``QTranslator.load(data)`` reads the data in place rather than copying it.
    """

    def __init__(self, data: bytes, parent: QApplication) -> None:
        super().__init__(parent)
        self._data = data
        self.loaded = self.load(self._data)


def install_english_plurals(app: QApplication) -> None:
    """English plural forms for every "%n ...(s)" string; installed once, kept for good."""
    if app.findChild(_Catalogue, "english_plurals") is not None:
        return
    data = catalogue("en")
    if data is None:
        log.warning("English plural catalogue missing; plurals show as '(s)'")
        return
    plurals = _Catalogue(data, app)
    plurals.setObjectName("english_plurals")
    if plurals.loaded:
        app.installTranslator(plurals)


def installed_language() -> str:
    """The code of the interface language installed last ("en" when none was)."""
    return _Installed.language


def install_interface_language(app: QApplication, language: str) -> bool:
    """Show the interface in ``language`` from now on; True when a catalogue was installed.

    Call it right after creating the QApplication and before building any window: widgets
    take their words when they are built. Calling it again replaces the previous language;
    "en" removes it and returns False (English is the source text).
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}; known: {sorted(LANGUAGES)}")
    for translator in _Installed.translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    _Installed.translators = []
    if _Installed.locale is not None:
        QLocale.setDefault(_Installed.locale)
        _Installed.locale = None
    _Installed.language = "en"
    if language == "en":
        return False

    data = catalogue(language)
    ours = _Catalogue(data, app) if data is not None else None
    if ours is None or not ours.loaded:
        log.warning("no interface catalogue for %s; the interface stays in English", language)
        return False
    qt_own = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_own)
        _Installed.translators.append(qt_own)
    app.installTranslator(ours)  # installed last, so asked first
    _Installed.translators.append(ours)
    _Installed.locale = QLocale()
    QLocale.setDefault(_LOCALES[language])
    _Installed.language = language
    return True


def default_language(system: QLocale | None = None) -> str:
    """Spanish when the computer's own language (``system``, for tests) is Spanish, else English."""
    system = system or QLocale.system()
    return "es" if system.language() == QLocale.Language.Spanish else "en"


def interface_language(settings: QSettings, chosen: str | None = None) -> str:
    """The screens' language on this computer: chosen now, remembered, or the system's.

    Kept in the computer's settings rather than the practice file because the unlock
    screen is shown before the practice file can be read.
    """
    if chosen in LANGUAGES:
        settings.setValue("ui/language", chosen)
        return str(chosen)
    remembered = str(settings.value("ui/language", ""))
    return remembered if remembered in LANGUAGES else default_language()


def long_date(value: date) -> str:
    """ "1 Dec 1990" with the month in the interface language ("1 dic 1990")."""
    return wording.long_date(value, _language())


def short_month(month: int) -> str:
    """ "Dec" for 12 in the interface language ("dic"): the month as long_date writes it."""
    return wording.short_month(month, _language())


def _language() -> Language:
    return "es" if _Installed.language == "es" else "en"
