"""The printed taper calendar, read back as a patient and a pharmacist would read it."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from practice_desk.documents.taper_calendar import render_taper_calendar
from practice_desk.domain import formulary
from practice_desk.domain.formulary import Product
from practice_desk.domain.tapering import TaperPlan, plan
from practice_desk.practice.specimens import PROFILE

START = date(2027, 1, 4)
DRUGS = formulary.load().drugs


def _text(pdf: bytes) -> str:
    """pdftotext where installed (what CI uses), else pypdf; whitespace folded."""
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
    else:
        out = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(out.split())


def _product(drug: str, form: str, mg: float, release: str = "IR") -> Product:
    return next(
        p
        for p in DRUGS[drug].products
        if p.form == form and p.strength_mg == mg and p.release == release
    )


def _calendar(taper: TaperPlan, language: str = "en") -> str:
    return _text(
        render_taper_calendar(
            taper,
            patient_name="Testpatient Quillfeather",
            profile=PROFILE,
            language=language,  # type: ignore[arg-type]
        )
    )


@pytest.fixture(scope="module")
def sertraline() -> TaperPlan:
    return plan(
        "sertraline", 100, step_percent=25, interval_days=28, start=START,
        current_product=_product("sertraline", "tablet", 100),
    )  # fmt: skip


def test_the_new_bottle_its_syringe_and_the_final_stop_are_printed(sertraline: TaperPlan) -> None:
    text = _calendar(sertraline)
    change = next(s for s in sertraline.steps if s.note and s.daily_mg)
    assert "From 26 Apr 2027: a new bottle, the 20 mg/mL oral concentrate" in text
    assert change.number == 5
    assert "3 mL oral syringe marked in 0.1 mL" in text
    assert "1 mL oral syringe marked in 0.01 mL" in text  # the smallest volumes
    final = sertraline.steps[-1]
    assert f"{final.number} {final.start.day} " in text
    assert "Stop taking it today (after 2.2 mg a day)" in text
    assert "Keep filling in the diary for 4 more weeks" in text
    # The pharmacy sheet asks for the syringes the plan names, and carries the plan's notes.
    assert "Please supply oral syringes to measure each dose" in text
    assert "Notes on this plan, for the prescriber and the pharmacist" in text
    assert f"Step {final.number} (" in text and "the last cut is the whole remaining dose" in text


def test_spanish_calendar_says_the_same(sertraline: TaperPlan) -> None:
    text = _calendar(sertraline, "es")
    assert "Desde el 26 abr 2027: un frasco nuevo, concentrado oral de 20 mg/mL" in text
    assert "jeringa oral de 1 mL marcada cada 0,01 mL" in text
    assert "Deje de tomarlo hoy (después de 2.2 mg al día)" in text


def test_a_compounded_liquid_prints_its_pharmacy_order() -> None:
    taper = plan(
        "venlafaxine", 150, step_percent=10, interval_days=28, start=START,
        current_product=_product("venlafaxine", "capsule", 150, "ER"),
    )  # fmt: skip
    order = taper.pharmacy_order
    assert order is not None
    text = _calendar(taper)
    assert "Please compound for this patient" in text
    assert f"venlafaxine oral liquid, {order.mg_per_ml:g} mg per mL" in text
    assert f"Quantity: {order.total_ml:g} mL in all" in text
    assert "tapering strips" in text
    first_day, _, first_ml = order.schedule[0]
    assert f"{first_day.day} " in text
    assert f"{first_ml:g} mL {first_ml * order.mg_per_ml:g} mg" in text


def test_a_plan_that_stops_short_says_what_to_do_next() -> None:
    taper = plan(
        "sertraline", 100, strategy="custom", custom_mg=[75, 50], interval_days=28, start=START,
        current_product=_product("sertraline", "tablet", 100),
    )  # fmt: skip
    text = _calendar(taper)
    assert "After 28 Feb 2027: keep taking 50 mg (1 x 50 mg tablet) each day" in text
    assert "see your prescriber before changing it" in text


def test_divided_doses_get_a_box_each_and_the_class_diary() -> None:
    taper = plan(
        "clonazepam", 2, strategy="linear", step_mg=0.25, interval_days=14, start=START,
        current_product=_product("clonazepam", "tablet", 1),
        dose_times={"morning": 1, "bedtime": 1},
    )  # fmt: skip
    step = taper.steps[0]
    assert [(t.time, t.mg) for t in step.times] == [("morning", 0.75), ("bedtime", 1.0)]
    text = _calendar(taper)
    boxes = sum((s.days or 0) * sum(1 for t in s.times if t.mg) for s in taper.steps)
    assert text.count("☐") == boxes
    assert "A box for each dose: morning, bedtime" in text
    assert "Morning: 1 x 0.5 mg tablet + 1 x half of a 0.5 mg tablet" in text
    assert "Bedtime: 1 x 1 mg tablet" in text
    assert (
        "1 = anxiety or agitation; 2 = trouble sleeping or vivid dreams; "
        "3 = tremor, restlessness or muscle twitching; 4 = sensitivity to light, noise or touch"
    ) in text
    assert "A seizure, confusion, or seeing or hearing things that are not there" in text
    assert "Stop taking it today (after 0.25 mg a day)" in text


def test_each_class_has_its_own_diary(sertraline: TaperPlan) -> None:
    text = _calendar(sertraline)
    assert "1 = dizziness or unsteadiness; 2 = electric-shock feelings" in text
    assert "call or text 988" in text
    lithium = _calendar(
        plan(
            "lithium",
            900,
            strategy="linear",
            step_percent=25,
            interval_days=14,
            start=START,
            current_product=_product("lithium", "capsule", 300),
        )
    )
    assert "1 = needing less sleep, more energy or racing thoughts" in lithium
    assert "3 months after stopping" in lithium
    spanish = _calendar(sertraline, "es")
    assert "1 = mareo o inestabilidad" in spanish
