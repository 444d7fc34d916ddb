"""How typed search text is read: a name prefix, a date of birth, a chart number or a phone."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

_MONTHS = "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y"


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: ``Ólafsdóttir`` -> ``olafsdottir``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def parse_date(text: str) -> date | None:
    """A date typed as 1984-03-21, 03/21/1984 (US order) or 21 Mar 1984; else None."""
    text = text.strip().replace(",", ", ").replace("  ", " ")
    for pattern in ("%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", *_MONTHS):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class PatientQuery(BaseModel):
    """What a search box's text asks for; several readings can apply at once."""

    model_config = ConfigDict(frozen=True)

    name_parts: tuple[str, ...] = ()
    birth_date: date | None = None
    number: str | None = None  # digits: a chart number or part of a phone number

    @property
    def empty(self) -> bool:
        return not (self.name_parts or self.birth_date or self.number)


def read_query(text: str) -> PatientQuery:
    text = text.strip()
    if not text:
        return PatientQuery()
    born = parse_date(text)
    if born:
        return PatientQuery(birth_date=born)
    digits = re.sub(r"[\s()+\-.]", "", text)
    if re.fullmatch(r"[0-9]+", digits):
        return PatientQuery(number=digits)
    # "Family, Given" or "Given Family": each word must prefix some name of the patient.
    parts = tuple(fold(p) for p in re.split(r"[,\s]+", text) if p.strip())
    return PatientQuery(name_parts=parts)
