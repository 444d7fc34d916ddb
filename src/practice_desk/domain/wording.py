"""Dose wording in English and Spanish: product forms, times of day, frequencies.

Written by the Practice Desk team; Spanish follows the usage of US pharmacy labels
("tableta", "al acostarse", "dos veces al día").
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

Language = Literal["en", "es"]

_FORMS_ES = {
    "tablet": ("tableta", "tabletas"),
    "capsule": ("cápsula", "cápsulas"),
    "odt": ("tableta que se disuelve en la boca", "tabletas que se disuelven en la boca"),
    "chewable": ("tableta masticable", "tabletas masticables"),
    "sublingual": ("tableta sublingual", "tabletas sublinguales"),
    "film": ("película sublingual", "películas sublinguales"),
    "patch": ("parche", "parches"),
    "solution": ("solución oral", "solución oral"),
    "suspension": ("suspensión oral", "suspensión oral"),
    "concentrate": ("concentrado oral", "concentrado oral"),
    "syrup": ("jarabe", "jarabe"),
    "injection": ("inyección", "inyecciones"),
}

_PHRASES = {
    "in the morning": "por la mañana",
    "at noon": "al mediodía",
    "in the evening": "por la tarde",
    "at bedtime": "al acostarse",
    "once a day": "una vez al día",
    "twice a day": "dos veces al día",
    "three times a day": "tres veces al día",
    "times a day": "veces al día",
    "when needed, at most": "cuando lo necesite, como máximo",
    "a day": "al día",
    "every": "cada",
    "days": "días",
    "Stop: take none": "Deje de tomarlo",
    "half of a": "media",
    "quarter of a": "un cuarto de",
    "of the": "de",
    "measured with a": "medido con una",
}


_TIMES_OF_DAY = {
    "morning": "in the morning",
    "noon": "at noon",
    "evening": "in the evening",
    "bedtime": "at bedtime",
    "daily": "once a day",
}


_TIME_NAMES = {
    "en": {"morning": "morning", "noon": "noon", "evening": "evening", "bedtime": "bedtime"},
    "es": {"morning": "mañana", "noon": "mediodía", "evening": "tarde", "bedtime": "al acostarse"},
}


def time_name(time: str, language: Language) -> str:
    """A time of day as a short name: "morning", "bedtime" / "mañana", "al acostarse"."""
    return _TIME_NAMES[language].get(time, time)


def time_of_day(time: str) -> str:
    """The English phrase for a time of day ("bedtime" -> "at bedtime"); phrase() translates."""
    return _TIMES_OF_DAY.get(time, time)


def phrase(text: str, language: Language) -> str:
    return text if language == "en" else _PHRASES.get(text, text)


def quantity(value: float, unit: str, language: Language) -> str:
    """``2 tablets`` / ``2 tabletas``; units of measure (mg, mL) never take a plural."""
    number = f"{value:g}"
    if unit in ("mg", "mL"):
        return f"{number} {unit}"
    plural = value > 1
    if language == "es":
        singular, many = _FORMS_ES.get(unit, (unit, unit))
        return f"{number} {many if plural else singular}"
    return f"{number} {unit}{'s' if plural else ''}"


def form_name(form: str, language: Language) -> str:
    if language == "en":
        return form
    return _FORMS_ES.get(form, (form, form))[0]


def product_label(
    strength_mg: float,
    form: str,
    release: str,
    mg_per_ml: float | None,
    language: Language,
    *,
    compounded: bool = False,
) -> str:
    """``50 mg tablet`` or ``tableta de 50 mg``; liquids by concentration."""
    if compounded and mg_per_ml is not None:
        if language == "es":
            return f"líquido oral preparado en la farmacia de {mg_per_ml:g} mg/mL"
        return f"{mg_per_ml:g} mg/mL oral liquid compounded by the pharmacy"
    if mg_per_ml is not None:
        if language == "es":
            return f"{form_name(form, 'es')} de {mg_per_ml:g} mg/mL"
        return f"{mg_per_ml:g} mg/mL oral {form}"
    suffix = "" if release == "IR" else f" {release}"
    if language == "es":
        return f"{form_name(form, 'es')}{suffix} de {strength_mg:g} mg"
    return f"{strength_mg:g} mg{suffix} {form}"


_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
}


def long_date(value: date, language: Language = "en") -> str:
    """``4 Jan 2027``: never 4/1 against 1/4. The one way dates are written, on paper and
    on screen (the window passes its interface language)."""
    return f"{value.day} {short_month(value.month, language)} {value.year}"


def short_month(month: int, language: Language = "en") -> str:
    """``Dec`` for 12 (``dic`` in Spanish): the month as long_date writes it."""
    return _MONTHS[language][month - 1]


_MONTH_NAMES = {
    **{m.lower(): i for i, m in enumerate(_MONTHS["en"], start=1)},
    **{m.lower(): i for i, m in enumerate(_MONTHS["es"], start=1)},
    **{
        name: i
        for i, names in enumerate(
            (
                ("january", "enero"),
                ("february", "febrero"),
                ("march", "marzo"),
                ("april", "abril"),
                ("may", "mayo"),
                ("june", "junio"),
                ("july", "julio"),
                ("august", "agosto"),
                ("september", "sept", "septiembre", "setiembre", "set"),
                ("october", "octubre"),
                ("november", "noviembre"),
                ("december", "diciembre"),
            ),
            start=1,
        )
        for name in names
    },
}


def read_date(text: str, *, day_first: bool = False, today: date | None = None) -> date | None:
    """A date as a clinic types it, or None: 1975-03-14; 03/14/1975 (US) or 14/03/1975
    (day_first: a Spanish-speaking clinic), the order taken from the numbers when one is
    above 12; 14 Mar 1975, Mar 14, 1975, 14 de marzo de 1975. A two-digit year is the
    latest such year not after today."""
    words = re.sub(r"\b(de|del|the|of)\b", " ", text.strip().lower())
    words = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", words)
    parts = [p for p in re.split(r"[\s,./\-]+", words) if p]
    if len(parts) != 3:
        return None
    if parts[0].isdigit() and len(parts[0]) == 4:  # year first: 1975-03-14
        year_text, first, second = parts
        numbers = (first, second)
        day_first_here = False
    else:
        *numbers_list, year_text = parts
        first, second = numbers_list
        numbers = (first, second)
        day_first_here = day_first
    month_word = next((p for p in numbers if not p.isdigit()), None)
    if not year_text.isdigit() or len(year_text) not in (2, 4):
        return None
    year = int(year_text)
    if len(year_text) == 2:
        now = (today or date.today()).year
        year += 2000 if 2000 + year <= now else 1900
    if month_word is not None:
        month = _MONTH_NAMES.get(month_word.rstrip("."))
        other = first if month_word == second else second
        if month is None or not other.isdigit():
            return None
        day = int(other)
    else:
        a, b = int(first), int(second)
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            day, month = (a, b) if day_first_here else (b, a)
    try:
        return date(year, month, day)
    except ValueError:
        return None
