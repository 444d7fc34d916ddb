"""Medications through the facade: safety checks before saving, a history with reasons."""

from __future__ import annotations

from datetime import date

import pytest

from practice_desk.domain import formulary
from practice_desk.domain.errors import (
    Conflict,
    NotPermitted,
    OverrideRequired,
    ValidationError,
)
from practice_desk.domain.regimens import (
    DoseSchedule,
    DoseUnit,
    Order,
    OrderDetails,
    OrderStatus,
    ReconcileKind,
    Reported,
    details_for,
)
from practice_desk.domain.safety import AlertKind, AlertSeverity
from practice_desk.practice import Practice
from tests.helpers import NURSE_PASSWORD, patient_data

D0 = date(2027, 1, 4)


def product(drug_name: str, strength: float, form: str = "tablet") -> formulary.Product:
    drug = formulary.load().find(drug_name)
    assert drug is not None, drug_name
    return next(p for p in drug.products if p.strength_mg == strength and p.form.value == form)


def sertraline(tablets: float = 1, strength: float = 50):  # type: ignore[no-untyped-def]
    return details_for(
        "Zoloft", product=product("sertraline", strength), schedule=DoseSchedule(morning=tablets)
    )


@pytest.fixture
def patient_id(practice: Practice) -> int:
    return practice.add_patient(patient_data(date_of_birth="1980-05-05")).id


def test_start_change_and_stop_make_a_timeline_with_reasons(
    practice: Practice, patient_id: int
) -> None:
    first, alerts = practice.start_medication(
        patient_id, sertraline(), start=D0, reason="depression"
    )
    assert first.details.name == "sertraline" and first.details.daily_mg == 50
    assert not [a for a in alerts if a.severity is AlertSeverity.CONTRAINDICATED]

    second, _ = practice.change_dose(
        first.id,
        sertraline(2),
        row_version=first.row_version,
        reason="partial response",
        on=date(2027, 2, 1),
    )
    assert second.previous_id == first.id and second.details.daily_mg == 100
    with pytest.raises(Conflict, match="changed or stopped"):
        practice.change_dose(
            first.id,
            sertraline(3),
            row_version=first.row_version,
            reason="again",
            on=date(2027, 3, 1),
        )
    stopped = practice.stop_medication(
        second.id, row_version=second.row_version, reason="remission, tapered", on=date(2027, 6, 1)
    )
    assert stopped.status is OrderStatus.STOPPED

    history = practice.medications(patient_id, include_history=True)
    assert [(o.status, o.start, o.end) for o in history] == [
        (OrderStatus.CHANGED, D0, date(2027, 2, 1)),
        (OrderStatus.STOPPED, date(2027, 2, 1), date(2027, 6, 1)),
    ]
    assert history[0].end_reason == "partial response"
    assert practice.medications(patient_id) == []
    actions = [e.action for e in practice.audit_events(patient_id)]
    assert {"medication.started", "medication.changed", "medication.stopped"} <= set(actions)


def test_changes_need_a_reason(practice: Practice, patient_id: int) -> None:
    order, _ = practice.start_medication(patient_id, sertraline(), start=D0)
    with pytest.raises(ValidationError, match="why"):
        practice.change_dose(order.id, sertraline(2), row_version=1, reason=" ")
    with pytest.raises(ValidationError, match="why"):
        practice.stop_medication(order.id, row_version=1, reason="")


def test_contraindicated_combination_needs_an_audited_override(
    practice: Practice, patient_id: int
) -> None:
    practice.start_medication(patient_id, sertraline(), start=D0)
    phenelzine = details_for(
        "Nardil", product=product("phenelzine", 15), schedule=DoseSchedule(morning=1)
    )
    with pytest.raises(OverrideRequired) as refused:
        practice.start_medication(patient_id, phenelzine, start=D0)
    assert "give the reason" in str(refused.value)
    assert len(practice.medications(patient_id)) == 1  # nothing saved

    order, alerts = practice.start_medication(
        patient_id, phenelzine, start=D0, override_reason="specialist cross-over, inpatient"
    )
    assert any(a.severity is AlertSeverity.CONTRAINDICATED for a in alerts)
    override = next(e for e in practice.audit_events(patient_id) if e.action == "safety.override")
    assert override.detail["order_id"] == order.id


def test_washout_after_stopping_fluoxetine(practice: Practice, patient_id: int) -> None:
    fluoxetine = details_for(
        "Prozac", product=product("fluoxetine", 20, "capsule"), schedule=DoseSchedule(morning=1)
    )
    order, _ = practice.start_medication(patient_id, fluoxetine, start=D0)
    practice.stop_medication(order.id, row_version=1, reason="switching", on=date(2027, 3, 1))
    phenelzine = details_for(
        "phenelzine", product=product("phenelzine", 15), schedule=DoseSchedule(morning=1)
    )
    alerts = practice.check_medications(patient_id, phenelzine, today=date(2027, 3, 20))
    washout = [a for a in alerts if "was stopped on 1 Mar 2027" in a.message]
    assert washout and washout[0].severity is AlertSeverity.CONTRAINDICATED
    later = practice.check_medications(patient_id, phenelzine, today=date(2027, 4, 10))
    assert not [a for a in later if "was stopped" in a.message]


def test_accepted_combinations_stay_quiet(practice: Practice, patient_id: int) -> None:
    practice.start_medication(patient_id, sertraline(), start=D0)
    mirtazapine = details_for(
        "mirtazapine", product=product("mirtazapine", 15), schedule=DoseSchedule(bedtime=1)
    )
    alerts = practice.check_medications(patient_id, mirtazapine, today=D0)
    assert not [a for a in alerts if a.kind is AlertKind.INTERACTION and a.severity.rank >= 2]


def test_free_text_medication_is_recorded_as_not_checked(
    practice: Practice, patient_id: int
) -> None:
    tea = details_for(
        "Grandma's calming tea",
        dose_unit=DoseUnit.MG,
        schedule=DoseSchedule(amount=1, times_per_day=1),
    )
    order, alerts = practice.start_medication(patient_id, tea, start=D0)
    assert not order.details.checked
    assert [a.kind for a in alerts] == [AlertKind.NOT_CHECKED]


def test_smoking_status_reaches_the_checks(practice: Practice) -> None:
    smoker = practice.add_patient(patient_data(smoker=True)).id
    clozapine = details_for(
        "clozapine", product=product("clozapine", 100), schedule=DoseSchedule(bedtime=1)
    )
    alerts = practice.check_medications(smoker, clozapine, today=D0)
    assert any("smoker" in a.message for a in alerts)


def test_stopping_smoking_is_dated_and_the_clozapine_rule_follows_it(practice: Practice) -> None:
    patient = practice.add_patient(patient_data(smoker=True))
    clozapine = details_for(
        "clozapine", product=product("clozapine", 100), schedule=DoseSchedule(bedtime=1)
    )

    def rules(today: date) -> set[str]:
        return {a.rule_id for a in practice.check_medications(patient.id, clozapine, today=today)}

    assert "I43" in rules(date.today())
    stopped = practice.update_patient(
        patient.id, patient.details.model_copy(update={"smoker": False}), patient.row_version
    )
    assert stopped.details.smoking_stopped == date.today()  # recorded by the app
    assert "G15" in rules(date.today()) and "I43" not in rules(date.today())
    later = date.fromordinal(date.today().toordinal() + formulary.STOPPED_SMOKING_DAYS)
    assert "G15" in rules(later)
    assert "G15" not in rules(date.fromordinal(later.toordinal() + 1))  # the window is over
    # An unrelated edit keeps the date; smoking again clears it.
    edited = practice.update_patient(
        patient.id, stopped.details.model_copy(update={"smoking_stopped": None, "phone": None}),
        stopped.row_version,
    )  # fmt: skip
    assert edited.details.smoking_stopped == date.today()
    again = practice.update_patient(
        patient.id, edited.details.model_copy(update={"smoker": True}), edited.row_version
    )
    assert again.details.smoking_stopped is None and "G15" not in rules(date.today())


def test_reconciliation_item_by_item(practice: Practice, patient_id: int) -> None:
    practice.start_medication(patient_id, sertraline(), start=D0)
    lamotrigine = details_for(
        "lamotrigine", product=product("lamotrigine", 100), schedule=DoseSchedule(morning=1)
    )
    practice.start_medication(patient_id, lamotrigine, start=D0)
    items = practice.reconcile_medications(
        patient_id,
        [Reported(name="Zoloft", daily_mg=100), Reported(name="ibuprofen", daily_mg=400)],
    )
    kinds = {(i.kind, i.name) for i in items}
    assert kinds == {
        (ReconcileKind.DOSE_DIFFERS, "sertraline"),
        (ReconcileKind.NEW, "ibuprofen"),
        (ReconcileKind.MISSING, "lamotrigine"),
    }


def test_nurse_sees_medications_but_cannot_change_them(
    with_nurse: Practice, patient_id: int
) -> None:
    order, _ = with_nurse.start_medication(patient_id, sertraline(), start=D0)
    with_nurse.lock()
    with_nurse.unlock("nurse1", NURSE_PASSWORD)
    assert [o.id for o in with_nurse.medications(patient_id)] == [order.id]
    with pytest.raises(NotPermitted, match="change medications"):
        with_nurse.start_medication(patient_id, sertraline(), start=D0)
    with pytest.raises(NotPermitted):
        with_nurse.stop_medication(order.id, row_version=1, reason="nurse tries")


def test_a_dose_change_cannot_switch_the_drug(practice: Practice, patient_id: int) -> None:
    phenelzine = details_for(
        "phenelzine", product=product("phenelzine", 15), schedule=DoseSchedule(morning=1)
    )
    order, _ = practice.start_medication(patient_id, phenelzine, start=D0)
    with pytest.raises(ValidationError, match="stop one and start the other"):
        practice.change_dose(
            order.id, sertraline(), row_version=1, reason="switch", on=date(2027, 2, 1)
        )
    assert [o.details.drug_id for o in practice.medications(patient_id)] == ["phenelzine"]


def test_sertraline_stopped_a_week_ago_still_blocks_an_maoi(
    practice: Practice, patient_id: int
) -> None:
    order, _ = practice.start_medication(patient_id, sertraline(), start=D0)
    practice.stop_medication(order.id, row_version=1, reason="switching", on=date(2027, 3, 1))
    phenelzine = details_for(
        "phenelzine", product=product("phenelzine", 15), schedule=DoseSchedule(morning=1)
    )
    with pytest.raises(OverrideRequired, match="wait 14 days"):
        practice.start_medication(patient_id, phenelzine, start=date(2027, 3, 8))


def test_doses_of_one_drug_add_up(practice: Practice, patient_id: int) -> None:
    quetiapine = formulary.load().drugs["quetiapine"]
    tab300 = next(
        p for p in quetiapine.products if p.strength_mg == 300 and p.release.value == "IR"
    )
    practice.start_medication(
        patient_id,
        details_for(quetiapine, product=tab300, schedule=DoseSchedule(bedtime=2)),
        start=D0,
    )
    alerts = practice.check_medications(
        patient_id,
        details_for(quetiapine, product=tab300, schedule=DoseSchedule(morning=1)),
        today=D0,
    )
    assert any(a.kind is AlertKind.MAX_DOSE and "900 mg" in a.message for a in alerts)


def test_unknown_drug_ids_and_foreign_products_are_refused() -> None:
    from pydantic import ValidationError as PydanticError

    from practice_desk.domain.regimens import OrderDetails

    with pytest.raises(PydanticError, match="not a formulary drug id"):
        OrderDetails(
            drug_id="Nardil",
            name="Nardil",
            product=product("phenelzine", 15),
            schedule=DoseSchedule(morning=1),
        )
    with pytest.raises(PydanticError, match="not one of"):
        OrderDetails(
            drug_id="sertraline",
            name="sertraline",
            product=product("phenelzine", 15),
            schedule=DoseSchedule(morning=1),
        )


def test_a_diagnosis_on_the_chart_is_checked_against_a_new_medication(
    practice: Practice,
) -> None:
    epilepsy = practice.add_patient(patient_data(diagnoses=["G40.909"])).id
    bupropion = details_for(
        "bupropion", product=product("bupropion", 150), schedule=DoseSchedule(morning=1)
    )
    with pytest.raises(OverrideRequired):
        practice.start_medication(epilepsy, bupropion, start=D0)
    assert practice.medications(epilepsy) == []  # nothing saved without a reason
    alerts = practice.check_medications(epilepsy, bupropion)
    assert [a.rule_id for a in alerts if a.kind is AlertKind.CONDITION] == ["D01"]
    well = practice.add_patient(patient_data(given_name="Bea", diagnoses=["F41.1"])).id
    practice.start_medication(well, bupropion, start=D0)  # no seizure disorder: saved
    assert len(practice.medications(well)) == 1


def test_the_latest_recorded_result_is_checked_against_a_medication(
    practice: Practice, patient_id: int
) -> None:
    lithium = details_for(
        "lithium", product=product("lithium", 300, "capsule"), schedule=DoseSchedule(morning=1)
    )
    practice.record_lab(patient_id, "sodium", 131, taken_on=date(2026, 11, 1))
    alerts = practice.check_medications(patient_id, lithium, today=date(2026, 11, 10))
    assert [a.rule_id for a in alerts if a.kind is AlertKind.LAB] == ["L02"]
    # A newer, normal result replaces it; a result dated after "today" does not count yet.
    practice.record_lab(patient_id, "sodium", 139, taken_on=date(2026, 11, 5))
    practice.record_lab(patient_id, "sodium", 128, taken_on=date(2026, 11, 20))
    alerts = practice.check_medications(patient_id, lithium, today=date(2026, 11, 10))
    assert not [a for a in alerts if a.kind is AlertKind.LAB]


def test_an_order_outlives_a_change_to_its_product_in_the_formulary(
    practice: Practice, patient_id: int
) -> None:
    # An order written for a product as an earlier formulary release described it.
    tablet = product("sertraline", 100)
    older = tablet.model_copy(update={"note": "as an earlier formulary release said it"})
    details = OrderDetails.model_construct(
        **(sertraline().model_dump() | {"product": older, "schedule": DoseSchedule(morning=1)})
    )
    with practice._change():  # the record as a practice file from then holds it
        stored = Order.model_construct(id=0, patient_id=patient_id, details=details, start=D0)
        practice._store.orders.add(stored, None)
    [order] = practice.medications(patient_id)  # read back, not refused
    assert order.details.product == older and order.details.daily_mg == 100
    plan = practice.plan_taper(order.id, step_percent=25)  # still the patient's own tablets
    assert "mL" not in plan.steps[0].how and not plan.steps[0].note


@pytest.mark.parametrize(
    ("reason", "ok"),
    [
        ("x", False),
        ("abcdefg hijklmn", False),  # 14 letters
        ("abcdefg hijklmno", True),  # 15 letters, two words
        ("abcdefghijklmnopqrstu", False),  # one word
        ("ok 12345678901234567890", False),  # digits are not words
        ("cross-taper reviewed", True),
    ],
)
def test_an_override_needs_a_reason_in_words(reason: str, ok: bool) -> None:
    from practice_desk.practice.regimens import override_reason_problem

    assert (override_reason_problem(reason) == "") is ok


def test_injections_due_by_a_day_leave_out_stopped_orders_and_archived_charts(
    practice: Practice,
) -> None:
    from datetime import timedelta

    drug = formulary.load().drugs["paliperidone"]
    sustenna = next(p for p in drug.products if p.interval_days == (28,))
    schedule = DoseSchedule(amount=1, every_days=28)
    ids = [practice.add_patient(patient_data(given_name=n)).id for n in ("Ann", "Ben", "Cy")]
    orders = [
        practice.start_medication(
            pid, details_for(drug, product=sustenna, schedule=schedule), start=D0 + timedelta(i)
        )[0]
        for i, pid in enumerate(ids)
    ]
    today = D0 + timedelta(days=27)
    due = practice.regimens.injections_due(until=D0 + timedelta(days=29), today=today)
    assert [(d.patient_id, d.due) for d in due] == [
        (ids[0], D0 + timedelta(days=28)),
        (ids[1], D0 + timedelta(days=29)),
    ]  # Cy's is due on day 30, after the day asked for
    practice.stop_medication(
        orders[0].id, row_version=orders[0].row_version, reason="switched", on=today
    )
    ben = practice.get_patient(ids[1])
    practice.archive_patient(ids[1], ben.row_version)
    [left] = practice.regimens.injections_due(until=D0 + timedelta(days=40), today=today)
    assert left.patient_id == ids[2] and left.due == D0 + timedelta(days=30)
