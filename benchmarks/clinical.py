"""Clinical-core figures: the safety check over a long list and a taper plan.

Imported by ``benchmarks/run.py`` (keys ``safety_check_ms`` and ``taper_plan_ms``, goals
<= 5 ms and <= 20 ms); runnable alone as ``python benchmarks/clinical.py``.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from practice_desk.domain import formulary, safety, tapering

#: A long but realistic list: psychiatric drugs with the medicines such patients also take.
FIFTEEN = [
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
    "omeprazole-not-in-formulary",
    "tramadol",
    "ethinyl_estradiol",
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


def measure_clinical() -> dict[str, Any]:
    data = formulary.load()
    meds = [safety.Med(name=n, daily_mg=None) for n in FIFTEEN]
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
    return {
        "safety_check_ms": round(safety_ms, 3),
        "safety_check_p95_ms": round(safety_p95, 3),
        "safety_check_drugs": len(meds),
        "safety_check_alerts": len(alerts),
        "taper_plan_ms": round(taper_ms, 3),
        "taper_plan_p95_ms": round(taper_p95, 3),
        "taper_plan_steps": len(plan.steps),
        "formulary_drugs": len(data.drugs),
        "formulary_rules": len(data.rules),
        "formulary_version": data.version,
    }


if __name__ == "__main__":
    print(json.dumps(measure_clinical()))
