"""The patient's taper calendar (a row per step, a tick box per day) and the pharmacy sheet."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from practice_desk.documents.base import (
    FONT,
    Language,
    Paper,
    Specimen,
    build,
    esc,
    para,
    styles,
    t,
)
from practice_desk.documents.sheets import _crisis, _header
from practice_desk.domain import withdrawal, wording
from practice_desk.domain.prescriptions import PracticeProfile
from practice_desk.domain.taper_doses import devices
from practice_desk.domain.tapering import Step, TaperPlan
from practice_desk.domain.wording import long_date

_BOX = "☐"


def _doses(step: Step) -> list[str]:
    """The times of day this step has a dose at ([] when once a day at no set time)."""
    timed = [t.time for t in step.times if t.mg]
    return [] if timed in ([], ["daily"]) else timed


def _ticks(step: Step, language: Language) -> str:
    """A box for each dose of each day (one box a day when once a day), a few days to a
    line, each line starting with its month (no 4/1 vs 1/4), the times named above them.

    Plain lines, not a Paragraph: nothing here wraps, and a 30-step calendar stays fast."""
    days = [step.start + timedelta(days=offset) for offset in range(step.days or 1)]
    times = _doses(step)
    per_day = _BOX * max(1, len(times))
    lines = []
    if len(times) > 1:
        names = ", ".join(wording.time_name(time, language) for time in times)
        lines.append(t("box_each_dose", language).format(times=names))
    per_line = {0: 7, 1: 7, 2: 5}.get(len(times), 4)  # keep each line within the column
    for i in range(0, len(days), per_line):
        week = days[i : i + per_line]
        month = long_date(week[0], language).split()[1]
        boxes = " ".join(
            f"{d.day}{per_day}"
            + (f" {long_date(d, language).split()[1]}" if d.day == 1 and d is not week[0] else "")
            for d in week
        )
        lines.append(f"{month} {boxes}")
    return "\n".join(lines)


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


def _grid(
    rows: list[list[object]],
    widths: list[float],
    spans: Sequence[int] = (),
    plain: Sequence[int] = (),
) -> Table:
    """A table with a grey header row; ``spans`` rows run across all but the first column,
    and ``plain`` columns hold plain lines in the small font (tick boxes, diary)."""
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for column in plain:
        style += [
            ("FONTNAME", (column, 1), (column, -1), FONT),
            ("FONTSIZE", (column, 1), (column, -1), 7),
            ("LEADING", (column, 1), (column, -1), 9),
        ]
    for row in spans:
        style.append(("SPAN", (1, row), (-1, row)))
        style.append(("BACKGROUND", (0, row), (-1, row), colors.Color(0.97, 0.97, 0.9)))
    return Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(style))


def _calendar_rows(plan: TaperPlan, language: Language) -> tuple[list[list[object]], list[int]]:
    """A row per step, and a shaded row of what to know: a new product, or stopping."""
    cell = styles()["cell"]
    head = [t(k, language) for k in ("step", "dates", "daily_dose", "taken", "diary")]
    rows: list[list[object]] = [[Paragraph(f"<b>{esc(h)}</b>", cell) for h in head]]
    spans: list[int] = []
    checks = withdrawal.for_drug(plan.drug_id)
    for step in plan.steps:
        note = step.note_es if language == "es" and step.note_es else step.note
        if step.daily_mg == 0:
            dates = long_date(step.start, language)
            dose = Paragraph(f"<b>{esc(t('stop', language))}</b>", cell)
            ticks = ""
        else:
            end = step.end or step.start
            dates = f"{long_date(step.start, language)} –<br/>{long_date(end, language)}"
            dose = Paragraph(f"<b>{step.daily_mg:g} mg</b><br/>{_how(step, language)}", cell)
            ticks = _ticks(step, language)
        # A new product is announced above its first step; the advice on stopping below it.
        announce = ["", Paragraph(f"<i>{esc(note)}</i>", cell), "", "", ""]
        if note and step.daily_mg:
            spans.append(len(rows))
            rows.append(announce)
        diary = _diary(step, len(checks.diary)) if step.daily_mg else ""
        rows.append([Paragraph(str(step.number), cell), Paragraph(dates, cell), dose, ticks, diary])
        if note and not step.daily_mg:
            spans.append(len(rows))
            rows.append(announce)
    return rows, spans


def _how(step: Step, language: Language) -> str:
    """How to take the step: a line for each time of day when the dose is divided."""
    timed = [t for t in step.times if t.mg]
    if len(_doses(step)) < 2:
        return esc(step.how_es if language == "es" and step.how_es else step.how)
    lines = [
        f"<b>{esc(wording.time_name(t.time, language).capitalize())}:</b> "
        + esc(t.how_es if language == "es" and t.how_es else t.how)
        for t in timed
    ]
    if step.device:
        device = next((d for d in devices() if d.name == step.device), None)
        said = device.says(language) if device else step.device
        lines.append(
            f"<i>{esc(wording.phrase('measured with a', language).capitalize())} {esc(said)}</i>"
        )
    return "<br/>".join(lines)


def _diary(step: Step, ratings: int) -> str:
    """A line per week: the diary's ratings numbered 1 to 4, each with room for a number."""
    weeks = -(-(step.days or 1) // 7)
    blank = " ".join(f"{n}__" for n in range(1, ratings + 1))
    return "\n".join([blank] * weeks)


def _watch(plan: TaperPlan, language: Language) -> list[Flowable]:
    """What to rate, what to watch for, and when it is urgent, for this drug's class."""
    checks = withdrawal.for_drug(plan.drug_id)
    ratings = "; ".join(
        f"{n} = {withdrawal.label(key, language)}" for n, key in enumerate(checks.diary, start=1)
    )
    watched = ", ".join(withdrawal.label(key, language) for key in checks.symptoms[:6])
    return [
        KeepTogether(
            [
                para(t("diary_key", language).format(ratings=ratings)),
                Spacer(1, 2 * mm),
                para(t("taper_withdrawal", language).format(symptoms=watched)),
                para(checks.urgent.said(language), "bold"),
            ]
        )
    ]


def _after_end(plan: TaperPlan, language: Language) -> list[Flowable]:
    """A plan that does not reach zero says what to do after its last day."""
    if plan.reaches_zero or not plan.steps:
        return []
    last = plan.steps[-1]
    how = last.how_es if language == "es" and last.how_es else last.how
    after = last.end or last.start
    text = t("taper_after_end", language).format(
        date=long_date(after, language), dose=f"{last.daily_mg:g} mg ({how})"
    )
    return [Spacer(1, 3 * mm), para(text, "bold")]


def _pharmacy_page(
    plan: TaperPlan, patient_name: str, profile: PracticeProfile, language: Language
) -> list[Flowable]:
    cell = styles()["cell"]
    first_day = long_date(plan.steps[0].start, language) if plan.steps else ""
    story: list[Flowable] = [
        *_header(profile, language),
        para(t("pharmacy_sheet", language), "title"),
        para(f"{patient_name} · {plan.drug_name} · {first_day}"),
        Spacer(1, 3 * mm),
    ]
    totals: list[list[object]] = [
        [Paragraph(f"<b>{esc(t(k, language))}</b>", cell) for k in ("product", "total")]
    ]
    totals += [
        [
            Paragraph(esc(product), cell),
            Paragraph(esc(wording.quantity(amount, unit, language)), cell),
        ]
        for product, amount, unit in pharmacy_totals(plan)
    ]
    story.append(_grid(totals, [110 * mm, 50 * mm]))
    if plan.warnings:
        story += [
            Spacer(1, 3 * mm),
            para(t("plan_notes", language), "bold"),
            *[para(f"• {w}", "small") for w in plan.warnings],
        ]
    devices = list(dict.fromkeys(s.device for s in plan.steps if s.device))
    if devices:
        story += [
            Spacer(1, 3 * mm),
            para(t("syringes", language) + ": " + "; ".join(devices) + ".", "bold"),
        ]
    order = plan.pharmacy_order
    if order is not None:
        story += [
            Spacer(1, 4 * mm),
            para(t("compounding_order", language), "bold"),
            para(
                t("compounding_liquid", language).format(
                    drug=order.drug_name,
                    strength=f"{order.mg_per_ml:g}",
                    total=f"{order.total_ml:g}",
                )
            ),
            Spacer(1, 2 * mm),
        ]
        rows: list[list[object]] = [
            [
                Paragraph(f"<b>{esc(t(k, language))}</b>", cell)
                for k in ("from_to", "ml_a_day", "mg_a_day")
            ]
        ]
        for begins, ends, ml in order.schedule:
            span = long_date(begins, language) + (f" – {long_date(ends, language)}" if ends else "")
            rows.append(
                [
                    Paragraph(span, cell),
                    Paragraph(f"{ml:g} mL", cell),
                    Paragraph(f"{ml * order.mg_per_ml:g} mg", cell),
                ]
            )
        story.append(_grid(rows, [80 * mm, 40 * mm, 40 * mm]))
    return story


def render_taper_calendar(
    plan: TaperPlan,
    *,
    patient_name: str,
    profile: PracticeProfile,
    language: Language = "en",
    paper: Paper = "letter",
    specimen: Specimen = False,
) -> bytes:
    rows, spans = _calendar_rows(plan, language)
    # The step column fits "Step" / "Paso" on one line (13 mm broke it as "Ste p").
    table = _grid(rows, [16 * mm, 25 * mm, 48 * mm, 61 * mm, 26 * mm], spans, plain=(3, 4))
    story: list[Flowable] = [
        *_header(profile, language),
        para(t("taper_title", language), "title"),
        para(f"{patient_name} · {plan.drug_name}"),
        Spacer(1, 2 * mm),
        para(t("taper_intro", language)),
        Spacer(1, 3 * mm),
        table,
        *_after_end(plan, language),
        Spacer(1, 4 * mm),
        *_watch(plan, language),
        para(f"{t('phone', language)}: {profile.phone}", "bold"),
        Spacer(1, 2 * mm),
        _crisis(language),
        PageBreak(),
        *_pharmacy_page(plan, patient_name, profile, language),
    ]
    return build(
        story, paper=paper, title=t("taper_title", language), specimen=specimen, language=language
    )
