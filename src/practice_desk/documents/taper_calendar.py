"""The patient's taper calendar (a row per step, a tick box per day) and the pharmacy sheet."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import timedelta

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from practice_desk.documents.base import Language, Paper, build, esc, long_date, para, styles, t
from practice_desk.documents.sheets import _crisis, _header
from practice_desk.domain.prescriptions import PracticeProfile
from practice_desk.domain.tapering import Step, TaperPlan

_BOX = "☐"


def _ticks(step: Step, language: Language) -> Paragraph:
    """One box per day, a week to a line, each line starting with its month (no 4/1 vs 1/4)."""
    days = [step.start + timedelta(days=offset) for offset in range(step.days or 1)]
    lines = []
    for i in range(0, len(days), 7):
        week = days[i : i + 7]
        month = long_date(week[0], language).split()[1]
        boxes = "&nbsp;".join(
            f"{_BOX}{d.day}"
            + (f" {long_date(d, language).split()[1]}" if d.day == 1 and d is not week[0] else "")
            for d in week
        )
        lines.append(f"<b>{month}</b>&nbsp;{boxes}")
    return Paragraph("<br/>".join(lines), styles()["small"])


def pharmacy_totals(plan: TaperPlan) -> list[tuple[str, float, str]]:
    """(product, total amount, unit) the whole plan needs, rounded up to whole units."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for step in plan.steps:
        for part in step.parts:
            totals[(part.product, part.unit)] += part.per_day * (step.days or 0)
    return [
        (product, float(math.ceil(amount)) if unit != "mL" else round(amount, 1), unit)
        for (product, unit), amount in sorted(totals.items())
    ]


def render_taper_calendar(
    plan: TaperPlan,
    *,
    patient_name: str,
    profile: PracticeProfile,
    language: Language = "en",
    paper: Paper = "letter",
    specimen: bool = False,
) -> bytes:
    cell = styles()["cell"]
    head = [
        t("step", language),
        t("dates", language),
        t("daily_dose", language),
        t("taken", language),
        t("diary", language),
    ]
    rows: list[list[object]] = [[Paragraph(f"<b>{esc(h)}</b>", cell) for h in head]]
    for step in plan.steps:
        if step.daily_mg == 0:
            dates = long_date(step.start, language)
            dose = Paragraph(f"<b>{esc(t('stop', language))}</b>", cell)
            ticks: object = ""
        else:
            end = step.end or step.start
            dates = f"{long_date(step.start, language)} –<br/>{long_date(end, language)}"
            how = step.how_es if language == "es" and step.how_es else step.how
            dose = Paragraph(f"<b>{step.daily_mg:g} mg</b><br/>{esc(how)}", cell)
            ticks = _ticks(step, language)
        rows.append([Paragraph(str(step.number), cell), Paragraph(dates, cell), dose, ticks, ""])
    table = Table(
        rows,
        colWidths=[11 * mm, 27 * mm, 44 * mm, 66 * mm, 26 * mm],
        repeatRows=1,
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
    )
    first_day = long_date(plan.steps[0].start, language) if plan.steps else ""
    story: list[Flowable] = [
        *_header(profile, language),
        para(t("taper_title", language), "title"),
        para(f"{patient_name} · {plan.drug_name}"),
        Spacer(1, 2 * mm),
        para(t("taper_intro", language)),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 4 * mm),
        para(t("taper_withdrawal", language)),
        para(f"{t('phone', language)}: {profile.phone}", "bold"),
        Spacer(1, 2 * mm),
        _crisis(language),
        PageBreak(),
        *_header(profile, language),
        para(t("pharmacy_sheet", language), "title"),
        para(f"{patient_name} · {plan.drug_name} · {first_day}"),
        Spacer(1, 3 * mm),
    ]
    totals = [
        [
            Paragraph(f"<b>{esc(t('product', language))}</b>", cell),
            Paragraph(f"<b>{esc(t('total', language))}</b>", cell),
        ]
    ]
    totals += [
        [Paragraph(esc(product), cell), Paragraph(f"{amount:g} {esc(unit)}", cell)]
        for product, amount, unit in pharmacy_totals(plan)
    ]
    story.append(
        Table(
            totals,
            colWidths=[110 * mm, 50 * mm],
            style=TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                ]
            ),
        )
    )
    return build(
        story, paper=paper, title=t("taper_title", language), specimen=specimen, language=language
    )
