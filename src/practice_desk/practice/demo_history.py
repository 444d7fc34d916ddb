"""Synthetic clinical histories for the demo practice: regimens, labs, scales, tapers.

Dates are counted back from the day the demo is built, so the Today view has things due;
everything else follows the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from practice_desk.domain import formulary
from practice_desk.domain.appointments import USUAL_MINUTES, Booking, VisitKind
from practice_desk.domain.formulary import Product, Release
from practice_desk.domain.notes import Adherence, NoteContent
from practice_desk.domain.regimens import DoseSchedule, details_for
from practice_desk.domain.taper_progress import SymptomEntry
from practice_desk.practice.facade import Practice


@dataclass(frozen=True)
class Template:
    drug: str
    strength: float
    form: str
    first: DoseSchedule
    then: DoseSchedule | None
    labs: tuple[tuple[str, float, float], ...] = ()  # (test id, low, high) of plausible values
    weight: int = 10


_M1 = DoseSchedule(morning=1)
_B1 = DoseSchedule(bedtime=1)
TEMPLATES = (
    Template("sertraline", 50, "tablet", _M1, DoseSchedule(morning=2), weight=16),
    Template("escitalopram", 10, "tablet", _M1, DoseSchedule(morning=2), weight=14),
    Template("bupropion", 150, "tablet", _M1, DoseSchedule(morning=2), weight=8),
    Template("mirtazapine", 15, "tablet", _B1, DoseSchedule(bedtime=2), weight=6),
    Template("trazodone", 50, "tablet", _B1, None, weight=8),
    Template("lamotrigine", 100, "tablet", _M1, DoseSchedule(morning=2), weight=5),
    Template(
        "lithium",
        300,
        "capsule",
        DoseSchedule(bedtime=2),
        DoseSchedule(bedtime=3),
        labs=(
            ("lithium_level", 0.5, 1.1),
            ("egfr", 55, 110),
            ("tsh", 0.6, 4.5),
            ("calcium", 2.2, 2.6),
        ),
        weight=4,
    ),
    Template(
        "quetiapine",
        100,
        "tablet",
        _B1,
        DoseSchedule(bedtime=2),
        labs=(("weight", 55, 110), ("glucose_or_a1c", 4.6, 6.4), ("lipids", 3.5, 6.5)),
        weight=5,
    ),
    Template(
        "aripiprazole",
        5,
        "tablet",
        _M1,
        DoseSchedule(morning=2),
        labs=(("weight", 55, 110), ("glucose_or_a1c", 4.6, 6.2)),
        weight=4,
    ),
    Template("clonazepam", 0.5, "tablet", DoseSchedule(morning=1, evening=1), None, weight=3),
    Template("lisdexamfetamine", 30, "capsule", _M1, None, weight=3),
    Template(
        "clozapine",
        100,
        "tablet",
        DoseSchedule(bedtime=2),
        DoseSchedule(bedtime=3),
        labs=(("anc", 1800, 5500), ("weight", 60, 120)),
        weight=1,
    ),
)


def _product(drug_id: str, strength: float, form: str) -> Product:
    drug = formulary.load().drugs[drug_id]
    matches = [p for p in drug.products if p.strength_mg == strength and p.form.value == form]
    # Prefer the immediate-release product where one exists; bupropion's demo is an ER tablet.
    immediate = [p for p in matches if p.release is Release.IMMEDIATE]
    return (immediate or matches)[0]


def add_history(practice: Practice, rng: random.Random, patient_id: int, today: date) -> None:
    """Zero to three medications with their history, results and maybe a taper."""
    count = rng.choices([0, 1, 2, 3], weights=[3, 4, 2, 1])[0]
    chosen: dict[str, Template] = {}
    while len(chosen) < count:
        template = rng.choices(TEMPLATES, weights=[t.weight for t in TEMPLATES])[0]
        chosen.setdefault(template.drug, template)
    if not chosen:
        return
    for template in chosen.values():
        _medication(practice, rng, patient_id, template, today)
    _scales(practice, rng, patient_id, today)
    _notes(practice, patient_id, today, sorted(chosen))
    _visit(practice, rng, patient_id, today)


def _visit(practice: Practice, rng: random.Random, patient_id: int, today: date) -> None:
    """The next follow-up: most booked ahead, some today, some past and never marked, and
    a few seen with nothing booked."""
    roll = rng.random()
    if roll < 0.1:
        return
    day = today if roll < 0.2 else today + timedelta(days=rng.randint(-10, 60))
    booking = Booking(
        on=day,
        at=time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))),
        minutes=USUAL_MINUTES[VisitKind.FOLLOW_UP],
        kind=VisitKind.FOLLOW_UP,
        note="medication review",
    )
    practice.appointments.book(patient_id, booking, today=min(day, today))


def _medication(
    practice: Practice, rng: random.Random, patient_id: int, template: Template, today: date
) -> None:
    product = _product(template.drug, template.strength, template.form)
    started = today - timedelta(days=rng.randint(30, 700))
    details = details_for(template.drug, product=product, schedule=template.first)
    order, _ = practice.start_medication(
        patient_id, details, start=started, reason="demo", override_reason="synthetic demo data"
    )
    if template.then and rng.random() < 0.6:
        changed = started + timedelta(days=rng.randint(21, 60))
        if changed < today:
            order, _ = practice.change_dose(
                order.id,
                details_for(template.drug, product=product, schedule=template.then),
                row_version=order.row_version,
                reason="partial response",
                on=changed,
                override_reason="synthetic demo data",
            )
    for test_id, low, high in template.labs:
        taken = started + timedelta(days=7)
        while taken < today - timedelta(days=rng.randint(0, 60)):
            value = round(rng.uniform(low, high), 2)
            # The demo's glucose-or-HbA1c values (4.6-6.4) are HbA1c percentages.
            unit = "%" if test_id == "glucose_or_a1c" else None
            practice.record_lab(patient_id, test_id, value, taken_on=taken, unit=unit)
            taken += timedelta(days=rng.choice([30, 60, 90]) if test_id != "anc" else 30)
    if template.drug in ("sertraline", "escitalopram") and rng.random() < 0.08:
        _taper(practice, rng, patient_id, order.id, today)


def _taper(
    practice: Practice, rng: random.Random, patient_id: int, order_id: int, today: date
) -> None:
    start = today - timedelta(days=rng.randint(10, 90))
    plan = practice.plan_taper(
        order_id, start=start, strategy="hyperbolic", step_percent=25, interval_days=28
    )
    taper = practice.start_taper(patient_id, plan, order_id=order_id)
    step = practice.taper_step(taper.id, today=today)
    if step is not None and rng.random() < 0.5:
        practice.log_withdrawal(
            taper.id,
            SymptomEntry(
                on=min(today, step.start + timedelta(days=5)),
                step=step.number,
                symptoms=("insomnia", "dizziness"),
                severity=rng.randint(1, 6),
            ),
        )


def _scales(practice: Practice, rng: random.Random, patient_id: int, today: date) -> None:
    severity = rng.randint(10, 22)
    anxious = rng.random() < 0.5
    taken = today - timedelta(days=rng.randint(100, 300))
    while taken <= today:
        answers = _spread(rng, severity, 9, 3)
        answers[8] = 0 if rng.random() < 0.93 else 1
        practice.record_scale(patient_id, "phq9", answers, taken_on=taken)
        if anxious:
            gad = _spread(rng, max(severity - 3, 0), 7, 3)
            practice.record_scale(patient_id, "gad7", gad, taken_on=taken)
        severity = max(0, severity - rng.randint(0, 4))
        taken += timedelta(days=rng.choice([42, 56, 84]))


def _spread(rng: random.Random, total: int, items: int, top: int) -> list[int]:
    answers = [0] * items
    for _ in range(min(total, items * top)):
        index = rng.choice([i for i in range(items) if answers[i] < top])
        answers[index] += 1
    return answers


_SYMPTOMS = (
    "sleeping better",
    "early-morning waking",
    "low mood most days",
    "worry about work",
    "more energy in the mornings",
    "irritable with family",
    "appetite back to normal",
    "panic attacks less often",
    "concentration still poor",
)
_SIDE_EFFECTS = (
    "none reported",
    "mild nausea in the first week",
    "headache that settled",
    "dry mouth",
    "some daytime drowsiness",
    "weight up two kilograms",
)
_PLANS = (
    "continue the current dose; review in four weeks",
    "increase the dose as discussed; review in two weeks",
    "check labs before the next visit",
    "therapy referral made; continue medication",
    "discussed a slow taper; to decide next visit",
)


def _notes(practice: Practice, patient_id: int, today: date, drugs: list[str]) -> None:
    """One to three follow-up notes; now and then the latest is an unsigned draft.

    Uses its own random stream so notes do not change the rest of the demo data.
    """
    rng = random.Random(patient_id * 104_729)
    visit = today - timedelta(days=rng.randint(60, 200))
    for index in range(rng.randint(1, 3)):
        symptoms = rng.sample(_SYMPTOMS, 2)
        note = practice.save_note(
            patient_id,
            NoteContent(
                visit_date=visit,
                symptoms="; ".join(symptoms).capitalize(),
                side_effects=rng.choice(_SIDE_EFFECTS).capitalize(),
                adherence=rng.choice(list(Adherence)[1:3]),
                sections={
                    "interval_history": f"Seen for {' and '.join(drugs)} follow-up (visit "
                    f"{index + 1}). Synthetic demo note.",
                    "plan": rng.choice(_PLANS).capitalize(),
                },
            ),
        )
        if rng.random() < 0.06:
            break  # left as a draft to sign
        practice.sign_note(note.id, row_version=note.row_version)
        visit += timedelta(days=rng.choice([28, 42, 56]))
        if visit > today:
            break
