"""Safety rules at both sides of each boundary: washout days, dose ceilings, ages."""

from __future__ import annotations

from datetime import date, timedelta

import pydantic
import pytest

from practice_desk.domain import formulary
from practice_desk.domain.safety import (
    AlertKind,
    Med,
    PatientFacts,
    StoppedMed,
    check,
    check_names,
)

TODAY = date(2027, 3, 1)


def _washout(stopped: str, ended: date, started: str) -> list[str]:
    alerts = check(
        [Med(name=started)], stopped=[StoppedMed(name=stopped, ended=ended)], today=TODAY
    )
    return [a.message for a in alerts if "was stopped on" in a.message]


@pytest.mark.parametrize(
    ("stopped", "days"),
    [("phenelzine", 14), ("fluoxetine", 35)],  # the rule's window; fluoxetine's own (label)
)
def test_a_washout_lasts_its_days_and_not_one_more(stopped: str, days: int) -> None:
    other = "sertraline" if stopped == "phenelzine" else "phenelzine"
    assert _washout(stopped, TODAY - timedelta(days=days - 1), other)  # the last day of it
    assert not _washout(stopped, TODAY - timedelta(days=days), other)  # clear today


def test_a_rule_without_a_washout_ends_with_the_stop() -> None:
    # Bupropion with tramadol (seizure threshold) has no washout window in the labels.
    assert not _washout("bupropion", TODAY, "tramadol")
    assert any(
        a.kind is AlertKind.INTERACTION
        for a in check([Med(name="bupropion"), Med(name="tramadol")])
    )


def test_an_unknown_or_restarted_stopped_drug_gives_no_washout() -> None:
    assert not _washout("grandmas calming tea", TODAY, "sertraline")
    alerts = check(
        [Med(name="phenelzine")],
        stopped=[StoppedMed(name="phenelzine", ended=TODAY)],  # stopped, then started again
        today=TODAY,
    )
    assert not [a for a in alerts if "was stopped on" in a.message]


def test_the_adult_maximum_is_allowed_and_a_twentieth_of_a_mg_more_is_not() -> None:
    at_max = check_names(["sertraline"], daily_mg=[200])
    assert not [a for a in at_max if a.kind is AlertKind.MAX_DOSE]
    above = [
        a for a in check_names(["sertraline"], daily_mg=[200.05]) if a.kind is AlertKind.MAX_DOSE
    ]
    assert len(above) == 1
    # Sertraline's entry has no note of its own: the advice says what to do in general.
    assert above[0].action == "Check the dose against the label."


def test_the_geriatric_ceiling_starts_at_its_age_and_says_the_labels_words() -> None:
    citalopram = formulary.load().drugs["citalopram"]
    older = citalopram.geriatric_from_age  # 61: "over age 60"
    limit = citalopram.geriatric_max_daily_mg
    assert limit is not None and (older, limit) == (61, 20.0)

    def age_alerts(age: int, mg: float) -> list[str]:
        alerts = check_names(["citalopram"], daily_mg=[mg], age=age)
        return [a.action for a in alerts if a.kind is AlertKind.AGE]

    assert age_alerts(older, limit + 0.05) == [citalopram.max_note]
    assert age_alerts(older - 1, limit + 0.05) == []
    assert age_alerts(older, limit) == []
    assert age_alerts(older + 20, 30) == [citalopram.max_note]


def test_no_smoking_history_means_no_smoking_alert() -> None:
    assert PatientFacts().stopped_smoking is False and PatientFacts().smoker is False
    quiet = check([Med(name="clozapine", daily_mg=300)], patient=PatientFacts())
    assert not [a for a in quiet if "smok" in a.message.lower()]
    stopped = check_names(["clozapine"], daily_mg=[300], smoking="stopped")
    assert [a for a in stopped if "smok" in a.message.lower()]


def test_the_inputs_are_frozen() -> None:
    med = Med(name="sertraline")
    with pytest.raises(pydantic.ValidationError):
        med.name = "fluoxetine"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        StoppedMed(name="x", ended=TODAY).ended = TODAY  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        PatientFacts().age = 80  # type: ignore[misc]
