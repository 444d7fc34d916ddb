"""Reading what a patient reports taking, one medication a line, as a clinician types it.

"Zoloft 100mg daily", "lithium 300 mg twice a day", "melatonin": each line becomes a
`Reported` with the name as typed and the total mg a day. When the amount a day cannot be
known from the words (no dose, tablets of an unknown strength, two amounts, as needed,
weekly) it stays None and `Reported.dose_note` says why: a reconciliation that guessed a
dose would hide exactly the difference it is there to find.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from practice_desk.domain import formulary
from practice_desk.domain.regimens import DoseNote, Reported
from practice_desk.domain.search import fold

#: Longer than this is not one medication (a pasted letter, say).
MAX_LINE = 200


class UnreadReason(StrEnum):
    NO_NAME = "no_name"  # "100 mg", "---": no medication name in it
    TOO_LONG = "too_long"


class Unreadable(BaseModel):
    """A line that could not be read as a medication, for the clinician to retype."""

    model_config = ConfigDict(frozen=True)

    text: str
    reason: UnreadReason
    line: int = 0  # 1-based, in the pasted list; 0 for a single line


class ReportedList(BaseModel):
    """A pasted list read line by line: what could be read, and what could not."""

    model_config = ConfigDict(frozen=True)

    reported: tuple[Reported, ...] = ()
    unreadable: tuple[Unreadable, ...] = ()


_MASK = "\x00"
_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "una": 1,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
}
_NOT_DAILY = re.compile(
    r"\b(?:weekly|fortnightly|monthly|weeks?|wk|months?|fortnight|depot"
    r"|semanal|semanas?|mes|meses|mensual|quincenal)\b"
    r"|\bevery\s+other\s+(?:day|morning|night|evening)\b|\balternat(?:e|ing)\b"
    r"|\bq\.?o\.?d\b\.?|\bevery\s+\d+\s+days\b"
    r"|\bq\s*\d+\s*(?:d|w|wk|wks)\b|\bd[ií]as\s+alternos\b|\bcada\s+\d+\s+d[ií]as\b"
)
_AS_NEEDED = re.compile(
    r"\bp\.?r\.?n\b\.?|\bas\s+(?:needed|required)\b|\b(?:when|if)\s+(?:needed|required)\b"
    r"|\bsi\s+precisa\b|\ba\s+demanda\b|\bs\.?o\.?s\b\.?|\bcuando\s+(?:lo\s+)?necesite\b"
)
_RANGE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?")
_UNIT = (
    r"mg|milligrams?|mcg|µg|ug|micrograms?|grams?|g|ml|millilit(?:er|re)s?|units?|iu|ui"
    r"|tablets?|tabs?|capsules?|caps?|pills?|drops?|gotas|puffs?|sprays?|patch(?:es)?"
    r"|sachets?|comprimidos?|c[aá]psulas?|pastillas?"
)
#: (pattern, times a day): group 1, when present, is the count ("3 times", "every 8 h").
_FREQUENCIES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<![\w.,])(\d+)\s*[x×](?![a-z\d])"), "times"),  # "2x", "2 x 50 mg"
    (re.compile(r"(?<![a-z])[x×]\s*(\d+)(?![\d.,])(?!\s*(?:" + _UNIT + r")\b)"), "times"),
    (re.compile(r"\b(?:every\s+|cada\s+|q\s*)(\d+)\s*(?:h|hr|hrs|hours?|horas?)\b"), "hours"),
    (
        re.compile(
            r"\b(\d+|" + "|".join(_NUM_WORDS) + r")\s*(?:times?|veces|vez)"
            r"(?:\s*(?:a|per|al|por|/)?\s*(?:day|daily|d[ií]a|diarias?)\b)?"
        ),
        "times",
    ),
    (
        re.compile(
            r"\btwice(?:\s+(?:a\s+day|daily|per\s+day))?\b|\bb\.?i\.?d\b\.?|\bbd\b"
            r"|\bmorning\s+and\s+(?:night|evening|bedtime)\b|\bam\s+(?:and|&)\s+pm\b"
            r"|\bma[nñ]ana\s+y\s+noche\b"
        ),
        "2",
    ),
    (re.compile(r"\bthrice(?:\s+(?:a\s+day|daily))?\b|\bt\.?i\.?d\b\.?|\btds\b"), "3"),
    (re.compile(r"\bq\.?i\.?d\b\.?|\bqds\b"), "4"),
    (
        re.compile(
            r"\bonce(?:\s+(?:a\s+day|daily|per\s+day))?\b|\bdaily\b|\bq\.?d\b\.?|\bo\.?d\b\.?"
            r"|\bevery\s+(?:day|morning|night|evening)\b|\bnightly\b"
            r"|\b(?:at|before)\s+(?:night|bedtime|bed)\b|\bin\s+the\s+(?:morning|evening)\b"
            r"|\bq\.?h\.?s\b\.?|\bh\.?s\b\.?|\bq\s*(?:am|pm)\b|\bmane\b|\bnocte\b"
            r"|\b(?:a|per)\s+day\b|/\s*(?:day|d)\b|\bal\s+d[ií]a\b|\bdiari[oa]s?\b"
            r"|\bcada\s+d[ií]a\b|\bpor\s+la\s+(?:ma[nñ]ana|noche)\b|\bal\s+acostarse\b"
        ),
        "1",
    ),
]
#: Amounts in words ("two tablets", "half a tablet", "one and a half"): read as a second
#: amount, so the dose is "several amounts" rather than a confident wrong number.
_WORD_AMOUNT = re.compile(
    r"\b(?:two|three|four|five|six|half|halves|quarter|dos|tres|cuatro|cinco|seis"
    r"|medio|media|mitad|cuarto)\b"
)
#: Times of day left after the frequency words were read ("qAM and noon"): the count of
#: doses a day is then not known.
_TIME_LEFT = re.compile(r"\b(?:noon|midday|lunch|lunchtime|afternoon|mediod[ií]a|almuerzo|tarde)\b")
_AMOUNT = re.compile(
    r"(?<![\w.,/\-])(\d+\s*/\s*\d+|\d+(?:[.,]\d+)?|½|¼|¾)\s*(" + _UNIT + r")?(?![\w\-])"
)
_MG_PER_UNIT = {"mg": 1.0, "milligram": 1.0, "mcg": 0.001, "µg": 0.001, "ug": 0.001}
_MG_PER_UNIT |= {"microgram": 0.001, "g": 1000.0, "gram": 1000.0}
_BULLET = re.compile(r"^\s*(?:[-*•·–]+\s*|\d{1,2}[.)]\s+)")
_SEGMENTS = re.compile(r"[\x00,;:()\[\]+]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words a run of name words may contain but neither starts nor ends with.
_FILLER = _words(
    "take takes taking taken i he she they of at in on the a an by mouth po oral orally and"
    " with or food meals day days every each per morning mornings night nights evening"
    " evenings bedtime about around approx usually also then hour hours time times"
    " toma tomar tomo de del por la el los las y con al noche manana dia cada hora horas"
    " vez veces"
)
#: Words that end a name: forms and units.
_STOP = _words(
    "tablet tablets tab tabs capsule capsules cap caps pill pills mg ml mcg units unit iu"
    " dose doses drops puffs comprimido comprimidos capsula capsulas pastilla pastillas gotas"
)
#: Release forms after a brand ("Seroquel XR"): dropped only when the rest is a known drug.
_RELEASE = _words("xr er sr cr xl la cd odt ir dr ec retard prolong")
_LEFTOVER = re.compile(r"^\d+(?:[.,]\d+)?[a-zµ]*$")


def parse_reported_line(text: str) -> Reported | Unreadable:
    """One typed line as a `Reported`, or an `Unreadable` saying why it is not one."""
    raw = _BULLET.sub("", text.strip(), count=1).strip()
    if len(raw) > MAX_LINE:
        return Unreadable(text=text.strip(), reason=UnreadReason.TOO_LONG)
    # Same length as raw, so positions found in it cut the name out of what was typed.
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in raw)
    masked, counts, kinds = _frequencies(low)
    amounts: list[tuple[float | None, str]] = []
    for match in _AMOUNT.finditer(masked):
        amounts.append((_number(match.group(1)), (match.group(2) or "").rstrip("s")))
    masked = _AMOUNT.sub(lambda m: _MASK * len(m.group(0)), masked)
    if _WORD_AMOUNT.search(masked):
        kinds.add("word_amount")
    if _TIME_LEFT.search(masked):
        kinds.add("time_left")
    name = _name(raw, masked)
    if not name:
        return Unreadable(text=text.strip(), reason=UnreadReason.NO_NAME)
    daily_mg, note = _daily(amounts, counts, kinds)
    return Reported(name=name, daily_mg=daily_mg, dose_note=note, text=raw)


def parse_reported_list(text: str) -> ReportedList:
    """Every non-blank line (lines starting with # are comments), in order."""
    reported: list[Reported] = []
    unreadable: list[Unreadable] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        read = parse_reported_line(line)
        if isinstance(read, Reported):
            reported.append(read)
        else:
            unreadable.append(read.model_copy(update={"line": number}))
    return ReportedList(reported=tuple(reported), unreadable=tuple(unreadable))


def _frequencies(low: str) -> tuple[str, list[int | None], set[str]]:
    """The text with frequency words masked, the times a day each gave, and special kinds."""
    kinds: set[str] = set()
    masked = low
    specials = ((_NOT_DAILY, "not_daily"), (_AS_NEEDED, "as_needed"), (_RANGE, "range"))
    for pattern, kind in specials:
        if pattern.search(masked):
            kinds.add(kind)
            masked = pattern.sub(lambda m: _MASK * len(m.group(0)), masked)
    counts: list[int | None] = []
    for pattern, how in _FREQUENCIES:
        for match in pattern.finditer(masked):
            if how == "times":
                word = match.group(1)
                counts.append(_NUM_WORDS.get(word) or int(word) or None)
            elif how == "hours":
                hours = int(match.group(1))
                counts.append(24 // hours if hours and 24 % hours == 0 else None)
            else:
                counts.append(int(how))
        masked = pattern.sub(lambda m: _MASK * len(m.group(0)), masked)
    return masked, counts, kinds


def _daily(
    amounts: list[tuple[float | None, str]], counts: list[int | None], kinds: set[str]
) -> tuple[float | None, DoseNote | None]:
    if "as_needed" in kinds:
        return None, DoseNote.AS_NEEDED
    if "not_daily" in kinds:
        return None, DoseNote.NOT_DAILY
    if "range" in kinds or "word_amount" in kinds:  # "100-150 mg", "50 mg two tablets"
        return None, DoseNote.SEVERAL_AMOUNTS
    if "time_left" in kinds:  # "10 mg qAM and noon"
        return None, DoseNote.FREQUENCY_UNCLEAR
    if not amounts:
        return None, DoseNote.NOT_GIVEN
    in_mg = [(v, u) for v, u in amounts if u in _MG_PER_UNIT]
    others = [(v, u) for v, u in amounts if u not in _MG_PER_UNIT]
    if not in_mg:
        return None, (DoseNote.NOT_MG if any(u for _, u in others) else DoseNote.NO_UNIT)
    # "100 mg, 1 tablet" is 100 mg either way; "50 mg, 2 tablets" could be 50 or 100.
    if len(in_mg) > 1 or any(v != 1 for v, _ in others):
        return None, DoseNote.SEVERAL_AMOUNTS
    value, unit = in_mg[0]
    several = [c for c in counts if c != 1]
    if value is None or None in several or len(several) > 1:
        return None, DoseNote.FREQUENCY_UNCLEAR
    per_day = several[0] if several else 1
    return round(value * _MG_PER_UNIT[unit] * (per_day or 1), 6), None


def _number(text: str) -> float | None:
    fractions = {"½": 0.5, "¼": 0.25, "¾": 0.75}
    if text in fractions:
        return fractions[text]
    if "/" in text:
        top, _, bottom = text.partition("/")
        return int(top) / int(bottom) if int(bottom) else None
    if "," in text:
        whole, _, part = text.partition(",")
        # 1,000 is a thousand; 0,5 (as written in Spanish) is a half.
        text = whole + part if len(part) == 3 and whole != "0" else f"{whole}.{part}"
    return float(text)


def _name(raw: str, masked: str) -> str:
    """The first run of name words, in the case typed: "Seroquel XR", "vitamin D", "fish oil"."""
    start = 0
    for separator in _SEGMENTS.finditer(masked + _MASK):
        words = _run(raw[start : separator.start()], masked[start : separator.start()])
        start = separator.end()
        if sum(c.isalpha() for c in "".join(words)) >= 2:
            return _without_release_form(" ".join(words))
    return ""


def _run(raw: str, masked: str) -> list[str]:
    words: list[str] = []
    trailing = 0  # filler words at the end of the run, trimmed when it ends
    for token in re.finditer(r"\S+", masked):
        word = raw[token.start() : token.end()].strip(".-–—*•\"'“”")
        key = fold(word)
        is_word = any(c.isalpha() for c in word) and not _LEFTOVER.match(key)
        if not is_word or key in _STOP:
            if words:
                break
            continue
        if key in _FILLER:
            if words:
                words.append(word)
                trailing += 1
            continue
        words.append(word)
        trailing = 0
    return words[: len(words) - trailing]


def _without_release_form(name: str) -> str:
    data = formulary.load()
    head, _, last = name.rpartition(" ")
    if head and fold(last) in _RELEASE and data.exact(name) is None and data.exact(head):
        return head
    return name
