"""Clinical-core figures: the safety check over a long list and a taper plan.

Imported by ``benchmarks/run.py`` (keys ``safety_check_ms``, ``taper_plan_ms`` and
``taper_plan_worst_ms``, goals <= 5, <= 20 and <= 20 ms); runnable alone as
``python benchmarks/clinical.py``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from practice_desk.domain import formulary, safety, tapering
from practice_desk.domain.taper_doses import oral_products

#: A long but realistic list (20 drugs, as the goal says): psychiatric drugs with the
#: medicines such patients also take, and one name the formulary does not know.
TWENTY = [
    "sertraline",
    "bupropion",
    "lithium",
    "lamotrigine",
    "quetiapine",
    "clonazepam",
    "trazodone",
    "gabapentin",
    "propranolol",
    "lisinopril",
    "hydrochlorothiazide",
    "ibuprofen",
    "omeprazole",
    "tramadol",
    "ethinyl_estradiol",
    "atorvastatin",
    "metformin",
    "levothyroxine",
    "Norco",
    "not-a-drug-in-the-formulary",
]
REPEATS = 200


def _median_ms(work: Callable[[], object], repeats: int) -> tuple[float, float]:
    work()  # warm: load and validate the formulary, build indexes
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _worst_taper() -> tuple[float, str]:
    """The slowest plan over every drug in the formulary: a 5% hyperbolic taper (the most
    steps) from twice its largest oral strength, the current product its strongest tablet or
    capsule, so every route through its products is walked. Median of 5, after a warm run."""
    worst = (0.0, "")
    for drug in formulary.load().drugs.values():
        products = [p for p in oral_products(drug) if not p.is_liquid]
        if not products:
            continue
        top = max(products, key=lambda p: p.strength_mg)

        def work(drug: formulary.Drug = drug, top: formulary.Product = top) -> object:
            return tapering.plan(
                drug,
                top.strength_mg * 2,
                strategy="hyperbolic",
                step_percent=5,
                interval_days=14,
                current_product=top,
                start=date(2027, 1, 4),
            )

        median, _ = _median_ms(work, 5)
        worst = max(worst, (median, drug.id))
    return worst


def _cold_formulary_ms(runs: int = 5, *, baseline: bool = False) -> float:
    """formulary.load() in a fresh interpreter (import and validation included), median
    of ``runs``: it is on the path to the first screen. With ``baseline``, only importing
    pydantic and building one model, the fixed cost every process pays before it."""
    work = (
        "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int\n"
        if baseline
        else "from practice_desk.domain import formulary; formulary.load()\n"
    )
    script = (
        "import time; t = time.perf_counter()\n" + work + "print((time.perf_counter() - t) * 1000)"
    )
    times = [
        float(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    return statistics.median(times)


def measure_clinical() -> dict[str, Any]:
    data = formulary.load()
    meds = [safety.Med(name=n, daily_mg=None) for n in TWENTY]
    patient = safety.PatientFacts(age=67, smoker=True, allergies=("penicillin",))
    safety_ms, safety_p95 = _median_ms(
        lambda: safety.check(meds, patient=patient, today=date(2027, 1, 4)), REPEATS
    )
    alerts = safety.check(meds, patient=patient, today=date(2027, 1, 4))
    sertraline = data.find("sertraline")
    assert sertraline is not None
    taper_ms, taper_p95 = _median_ms(
        lambda: tapering.plan(
            sertraline,
            100,
            strategy="hyperbolic",
            step_percent=10,
            interval_days=28,
            start=date(2027, 1, 4),
        ),
        50,
    )
    plan = tapering.plan(
        sertraline,
        100,
        strategy="hyperbolic",
        step_percent=10,
        interval_days=28,
        start=date(2027, 1, 4),
    )
    worst_ms, worst_drug = _worst_taper()
    cold, baseline = _cold_formulary_ms(), _cold_formulary_ms(baseline=True)
    return {
        "safety_check_ms": round(safety_ms, 3),
        "safety_check_p95_ms": round(safety_p95, 3),
        "safety_check_drugs": len(meds),
        "safety_check_alerts": len(alerts),
        "taper_plan_ms": round(taper_ms, 3),
        "taper_plan_p95_ms": round(taper_p95, 3),
        "taper_plan_steps": len(plan.steps),
        "taper_plan_worst_ms": round(worst_ms, 3),
        "taper_plan_worst_drug": worst_drug,
        "formulary_load_ms": round(cold, 1),
        # The same run's fixed cost of pydantic (import, first model), and the rest.
        "formulary_pydantic_baseline_ms": round(baseline, 1),
        "formulary_own_ms": round(cold - baseline, 1),
        "formulary_drugs": len(data.drugs),
        "formulary_rules": len(data.rules),
        "formulary_version": data.version,
    }


def measure_documents() -> dict[str, Any]:
    """rx_pdf_ms (one prescription, goal <= 30) and taper_calendar_pdf_ms (30 steps, <= 100)."""
    from practice_desk.documents.prescription import RxDocument, render_prescriptions
    from practice_desk.documents.taper_calendar import render_taper_calendar
    from practice_desk.practice.specimens import PROFILE, SPECIMEN_PATIENT, specimens

    sample = specimens("en")  # also warms fonts and resources
    rx_doc = RxDocument(rx=_specimen_rx(), verification_code="ABCD-EFGH")
    rx_ms, rx_p95 = _median_ms(lambda: render_prescriptions([rx_doc], PROFILE), 30)
    plan = tapering.plan(
        "sertraline",
        100,
        strategy="hyperbolic",
        step_percent=10,
        interval_days=14,
        start=date(2027, 1, 4),
        dose_times={"morning": 1, "bedtime": 1},  # divided: a box per dose per day
    )
    thirty = plan.model_copy(update={"steps": plan.steps[:29] + plan.steps[-1:]})
    calendar_ms, calendar_p95 = _median_ms(
        lambda: render_taper_calendar(thirty, patient_name=SPECIMEN_PATIENT, profile=PROFILE), 10
    )
    return {
        "rx_pdf_ms": round(rx_ms, 2),
        "rx_pdf_p95_ms": round(rx_p95, 2),
        "taper_calendar_pdf_ms": round(calendar_ms, 2),
        "taper_calendar_pdf_p95_ms": round(calendar_p95, 2),
        "taper_calendar_steps": len(thirty.steps),
        "specimen_documents": len(sample),
    }


def _specimen_rx():  # type: ignore[no-untyped-def]
    from practice_desk.domain.prescriptions import Prescription

    return Prescription(
        serial=1,
        issued=date(2027, 1, 4),
        patient={
            "name": "Zoë Ñúñez-Łukasiewicz",
            "date_of_birth": date(1984, 3, 21),
            "address": "12 Placeholder Street\nAnytown, NY 01234",
        },
        drug="sertraline",
        brand="Zoloft",
        strength="50 mg",
        form="tablet",
        directions="Take 1 tablet by mouth every morning.",
        quantity=30,
        quantity_unit="tablets",
        days_supply=30,
        refills=2,
    )


if __name__ == "__main__":
    print(json.dumps({**measure_clinical(), **measure_documents()}))
