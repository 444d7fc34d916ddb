"""Handouts, the Recovery Sheet, the medication list and the visit summary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from practice_desk.documents.base import (
    BOLD,
    FONT,
    MONO,
    Language,
    Paper,
    Specimen,
    build,
    esc,
    para,
    styles,
    t,
)
from practice_desk.domain.handouts import Handout
from practice_desk.domain.prescriptions import PracticeProfile
from practice_desk.domain.wording import long_date


def _header(profile: PracticeProfile, language: Language) -> list[Flowable]:
    contact = "   ".join(
        x
        for x in (
            f"{t('phone', language)} {profile.phone}" if profile.phone else "",
            f"{t('fax', language)} {profile.fax}" if profile.fax else "",
        )
        if x
    )
    return [
        para(profile.name, "bold"),
        para(
            " · ".join(line.strip() for line in profile.address.splitlines() if line.strip()),
            "small",
        ),
        para(contact, "small"),
        Spacer(1, 4 * mm),
    ]


def _bullets(items: Sequence[str]) -> ListFlowable:
    return ListFlowable(
        [ListItem(para(item), leftIndent=10, value="•") for item in items],
        bulletType="bullet",
        start="•",
        bulletFontName=FONT,
        leftIndent=12,
    )


def _crisis(language: Language) -> Paragraph:
    return Paragraph(f"<b>{esc(t('crisis', language))}</b>", styles()["body"])


def render_handout(
    handout: Handout,
    profile: PracticeProfile,
    *,
    paper: Paper = "letter",
    specimen: Specimen = False,
) -> bytes:
    lang = handout.language
    story: list[Flowable] = [
        *_header(profile, lang),
        para(f"{t('handout_for', lang)}", "small"),
        para(handout.title, "title"),
    ]
    sections: list[tuple[str, str | Sequence[str]]] = [
        ("what_it_treats", handout.what_it_treats),
        ("how_to_take", handout.how_to_take),
        ("when_it_helps", handout.when_it_helps),
        ("common_side_effects", handout.common_side_effects),
        ("serious_warnings", handout.serious_warnings),
        ("what_to_avoid", handout.what_to_avoid),
        ("stopping", handout.stopping),
        ("call_us_if", handout.call_us_if),
    ]
    for key, content in sections:
        block: list[Flowable] = [para(t(key, lang), "h2")]
        block.append(para(content) if isinstance(content, str) else _bullets(content))
        if key == "call_us_if" and profile.phone:  # the number as written, not in brackets
            block.append(para(f"{t('phone', lang)} {profile.phone}", "bold"))
        story.append(KeepTogether(block))
    story += [
        Spacer(1, 4 * mm),
        _crisis(lang),
        Spacer(1, 3 * mm),
        para(
            f"{t('sources', lang)}: {handout.source}. {long_date(handout.reviewed, lang)}.", "small"
        ),
    ]
    return build(story, paper=paper, title=handout.title, specimen=specimen, language=lang)


class RecoveryFacts(BaseModel):
    model_config = ConfigDict(frozen=True)

    practice_name: str
    vault_id: str
    recovery_key: str
    created: date
    #: The founding prescriber's key fingerprint (the practice's trust anchor).
    anchor: str | None = None


def _anchor(fingerprint: str | None) -> list[Flowable]:
    if not fingerprint:
        return []
    return [
        Spacer(1, 4 * mm),
        para(f"Signing key of the founding prescriber: {fingerprint}", "small"),
        para(
            "Settings shows the same key. If it ever shows another, the practice's list of "
            "users and roles was changed outside Practice Desk.",
            "small",
        ),
    ]


def render_recovery_sheet(
    facts: RecoveryFacts, *, paper: Paper = "letter", specimen: Specimen = False
) -> bytes:
    groups = facts.recovery_key.split("-")
    key_table = Table(
        [groups[:4], groups[4:]],
        colWidths=[38 * mm] * 4,
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), MONO, 16),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("BOX", (0, 0), (-1, -1), 1, colors.black),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )
    story: list[Flowable] = [
        para("Practice Desk Recovery Sheet", "title"),
        para(facts.practice_name, "big"),
        para(f"Vault id: {facts.vault_id}", "small"),
        para(f"Created {long_date(facts.created)}", "small"),
        Spacer(1, 6 * mm),
        para("Recovery key", "h2"),
        key_table,
        *_anchor(facts.anchor),
        Spacer(1, 6 * mm),
        para("What it is for", "h2"),
        para(
            "This key opens the practice's records if every password is lost. With it, a new "
            "password can be set, and an encrypted backup can be checked or restored. Each group "
            "of six digits has a built-in check, so a mistyped group is caught."
        ),
        para("Where to keep it", "h2"),
        _bullets(
            [
                "Keep this sheet somewhere safe and locked, away from the computer and away "
                "from the backup drives: anyone with both the key and a backup can read the "
                "records.",
                "Do not photograph it, email it or store it on the computer.",
                "If it is lost or may have been seen, make a new recovery key in Practice Desk and "
                "destroy this sheet.",
            ]
        ),
    ]
    return build(story, paper=paper, title="Recovery Sheet", specimen=specimen)


Change = Literal["new", "dose_changed", "stopped", "unchanged"]


class MedicationLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    strength_form: str
    directions: str
    change: Change = "unchanged"
    external: bool = False
    #: False for a medicine recorded as typed (not in the formulary): not safety-checked.
    checked: bool = True


def _med_table(lines: Sequence[MedicationLine], language: Language, with_change: bool) -> Table:
    cell = styles()["cell"]
    head = [t("medicine", language), t("directions", language)] + (
        [t("change", language)] if with_change else []
    )
    rows: list[list[object]] = [[Paragraph(f"<b>{esc(h)}</b>", cell) for h in head]]
    for line in lines:
        name = f"<b>{esc(line.name)}</b> {esc(line.strength_form)}"
        if line.external:
            name += f" <i>({esc(t('prescribed_elsewhere', language))})</i>"
        if not line.checked:
            name += f"<br/><i>{esc(t('not_checked', language))}</i>"
        row: list[object] = [Paragraph(name, cell), Paragraph(esc(line.directions), cell)]
        if with_change:
            label = (
                t(line.change, language) if line.change != "unchanged" else t("unchanged", language)
            )
            row.append(
                Paragraph(
                    f"<b>{esc(label)}</b>" if line.change != "unchanged" else esc(label), cell
                )
            )
        rows.append(row)
    widths = [62 * mm, 82 * mm, 30 * mm] if with_change else [70 * mm, 104 * mm]
    return Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
    )


def _unchecked_note(lines: Sequence[MedicationLine], language: Language) -> list[Flowable]:
    """Why a medicine is marked "not checked", once, under the list."""
    if all(line.checked for line in lines):
        return []
    return [Spacer(1, 2 * mm), para(t("not_checked_why", language), "small")]


def _who(facts: VisitFacts, language: Language) -> str:
    born = long_date(facts.date_of_birth, language)
    return f"{facts.patient_name} · {t('born', language)} {born}"


class VisitFacts(BaseModel):
    model_config = ConfigDict(frozen=True)

    patient_name: str
    date_of_birth: date
    visit_date: date
    medications: tuple[MedicationLine, ...]
    instructions: str = ""
    next_appointment: date | None = None
    labs_due: tuple[str, ...] = ()
    #: (substance, reaction, severity) of each allergy recorded.
    allergies: tuple[tuple[str, str, str], ...] = ()
    #: Asked and none known (an empty list without it means nobody has asked).
    no_known_allergies: bool = False


def _allergies(facts: VisitFacts, language: Language) -> list[Flowable]:
    """The allergies on every sheet that lists medicines, or that none are known, or that
    nobody has asked."""
    if facts.allergies:
        lines = []
        for substance, reaction, severity in facts.allergies:
            said = [reaction, t(f"severity_{severity}", language) if severity != "unknown" else ""]
            details = ", ".join(x for x in said if x)
            lines.append(f"{substance} ({details})" if details else substance)
        body: Flowable = _bullets(lines)
    elif facts.no_known_allergies:
        body = para(t("no_known_allergies", language))
    else:
        body = para(t("allergies_not_recorded", language))
    return [para(t("allergies", language), "h2"), body]


def render_medication_list(
    facts: VisitFacts,
    profile: PracticeProfile,
    *,
    language: Language = "en",
    paper: Paper = "letter",
    specimen: Specimen = False,
) -> bytes:
    current = [m for m in facts.medications if m.change != "stopped"]
    story: list[Flowable] = [
        *_header(profile, language),
        para(t("medication_list", language), "title"),
        para(_who(facts, language)),
        para(f"{t('printed_on', language)} {long_date(facts.visit_date, language)}", "small"),
        Spacer(1, 4 * mm),
        _med_table(current, language, with_change=False) if current else para(t("none", language)),
        *_unchecked_note(current, language),
        *_allergies(facts, language),
        Spacer(1, 5 * mm),
        _crisis(language),
    ]
    return build(
        story,
        paper=paper,
        title=t("medication_list", language),
        specimen=specimen,
        language=language,
    )


def render_visit_summary(
    facts: VisitFacts,
    profile: PracticeProfile,
    *,
    language: Language = "en",
    paper: Paper = "letter",
    specimen: Specimen = False,
) -> bytes:
    story: list[Flowable] = [
        *_header(profile, language),
        para(t("visit_summary", language), "title"),
        para(_who(facts, language)),
        para(long_date(facts.visit_date, language), "small"),
        Spacer(1, 4 * mm),
        _med_table(facts.medications, language, with_change=True),
        *_unchecked_note(facts.medications, language),
        *_allergies(facts, language),
    ]
    if facts.instructions:
        story += [para(t("instructions", language), "h2"), para(facts.instructions)]
    story += [
        para(t("next_appointment", language), "h2"),
        para(
            long_date(facts.next_appointment, language)
            if facts.next_appointment
            else t("none", language)
        ),
        para(t("labs_due", language), "h2"),
        _bullets(facts.labs_due) if facts.labs_due else para(t("none", language)),
        Spacer(1, 5 * mm),
        _crisis(language),
    ]
    return build(
        story, paper=paper, title=t("visit_summary", language), specimen=specimen, language=language
    )


__all__ = [
    "BOLD",
    "FONT",
    "MedicationLine",
    "RecoveryFacts",
    "VisitFacts",
    "render_handout",
    "render_medication_list",
    "render_recovery_sheet",
    "render_visit_summary",
]
