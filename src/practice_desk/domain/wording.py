"""Dose wording in English and Spanish: product forms, times of day, frequencies.

Written by the Practice Desk team; Spanish follows the usage of US pharmacy labels
("tableta", "al acostarse", "dos veces al día").
"""

from __future__ import annotations

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
