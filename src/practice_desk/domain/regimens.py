"""Medication orders and their history: what the patient takes, how, since when and why.

A dose change ends the current order and starts the next (linked to it), so a patient's
medication history is a timeline with a reason at every turn.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from practice_desk.domain import formulary, wording
from practice_desk.domain.formulary import Drug, Product
from practice_desk.domain.patients import Diagnosis
from practice_desk.domain.wording import Language


class DoseUnit(StrEnum):
    UNIT = "unit"  # tablets, capsules, patches: the product's strength each
    ML = "mL"  # of an oral liquid
    MG = "mg"  # an amount in mg, whatever makes it up


class Route(StrEnum):
    ORAL = "oral"
    SUBLINGUAL = "sublingual"
    TRANSDERMAL = "transdermal"
    INTRAMUSCULAR = "intramuscular"
    OTHER = "other"


class OrderStatus(StrEnum):
    ACTIVE = "active"
    CHANGED = "changed"  # ended by a dose change; the next order continues it
    STOPPED = "stopped"


class DoseSchedule(BaseModel):
    """When the doses are taken: fixed times of day, or n times a day, or as needed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    morning: float = Field(0, ge=0)
    noon: float = Field(0, ge=0)
    evening: float = Field(0, ge=0)
    bedtime: float = Field(0, ge=0)
    #: For "n times a day" schedules: the amount each time and how often.
    amount: float = Field(0, ge=0)
    times_per_day: int = Field(0, ge=0, le=12)
    as_needed: bool = False
    #: As needed: the most that may be taken in a day, in the order's dose unit.
    max_per_day: float | None = Field(None, gt=0)
    #: A dose every so many days (a long-acting injection): ``amount`` each time.
    every_days: int = Field(0, ge=0, le=365)

    @model_validator(mode="after")
    def _one_way(self) -> DoseSchedule:
        timed = self.morning + self.noon + self.evening + self.bedtime
        counted = self.amount * self.times_per_day
        if self.every_days:
            if timed or self.times_per_day or self.as_needed:
                raise ValueError(
                    "A dose every so many days is given on its own: no times of day, no "
                    "as-needed doses."
                )
            if not self.amount:
                raise ValueError("Give the amount of each dose.")
            return self
        if timed and counted:
            raise ValueError(
                "Give either amounts at times of day or an amount n times a day, not both."
            )
        if self.as_needed and (timed or self.times_per_day):
            raise ValueError(
                "Record the regular doses and the as-needed doses as two separate medications."
            )
        if not timed and not counted and not self.as_needed:
            raise ValueError("The schedule has no doses: give an amount and when to take it.")
        if self.as_needed and self.max_per_day is None:
            raise ValueError("An as-needed medication needs a most-per-day.")
        return self

    @property
    def per_day(self) -> float:
        """Amount a day in the order's unit (for as-needed: the daily maximum)."""
        if self.as_needed:
            return self.max_per_day or 0.0
        if self.every_days:
            return self.amount / self.every_days
        return (
            self.morning
            + self.noon
            + self.evening
            + self.bedtime
            + self.amount * self.times_per_day
        )

    def times(self) -> dict[str, float]:
        """The times of day and their amounts ({"morning": 1, "bedtime": 2}); n times a day
        becomes morning, noon, evening and bedtime in turn; empty when as needed."""
        timed = {
            "morning": self.morning,
            "noon": self.noon,
            "evening": self.evening,
            "bedtime": self.bedtime,
        }
        if any(timed.values()):
            return {k: v for k, v in timed.items() if v}
        spread = {
            1: ("daily",),
            2: ("morning", "bedtime"),
            3: ("morning", "noon", "bedtime"),
            4: ("morning", "noon", "evening", "bedtime"),
        }.get(self.times_per_day, ())
        return {time: self.amount for time in spread}

    def words(self, unit: str, language: Language = "en") -> str:
        def qty(value: float) -> str:
            return wording.quantity(value, unit, language)

        def say(text: str) -> str:
            return wording.phrase(text, language)

        if self.every_days:
            return f"{qty(self.amount)} {say('every')} {self.every_days} {say('days')}"
        if self.as_needed:
            each = f"{qty(self.amount)} " if self.amount else ""
            return (
                f"{each}{say('when needed, at most')} {qty(self.max_per_day or 0)} {say('a day')}"
            )
        parts = [
            f"{qty(v)} {say(label)}"
            for v, label in (
                (self.morning, "in the morning"),
                (self.noon, "at noon"),
                (self.evening, "in the evening"),
                (self.bedtime, "at bedtime"),
            )
            if v
        ]
        if parts:
            return ", ".join(parts)
        named = {1: "once a day", 2: "twice a day", 3: "three times a day"}
        times = (
            say(named[self.times_per_day])
            if self.times_per_day in named
            else (f"{self.times_per_day} {say('times a day')}")
        )
        return f"{qty(self.amount)} {times}"


def _products(drug: formulary.Drug) -> frozenset[formulary.Product]:
    """A drug's products as a set: every order read from the practice file is checked."""
    known = _PRODUCT_SETS.get(id(drug))
    if known is None or known[0] is not drug:
        known = (drug, frozenset(drug.products))
        _PRODUCT_SETS[id(drug)] = known
    return known[1]


_PRODUCT_SETS: dict[int, tuple[formulary.Drug, frozenset[formulary.Product]]] = {}


class OrderDetails(BaseModel):
    """What a prescriber writes: the drug, how much, when, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    drug_id: str | None = None  # formulary id; None for a free-text medication
    name: str = Field(min_length=1, max_length=200)  # as shown: generic, or the free text
    product: Product | None = None
    dose_unit: DoseUnit = DoseUnit.UNIT
    schedule: DoseSchedule
    route: Route = Route.ORAL
    indication: Diagnosis | None = None
    instructions: str = Field("", max_length=500)
    #: Prescribed elsewhere (GP, another specialist): recorded, not prescribed here.
    external_prescriber: str = Field("", max_length=200)

    @model_validator(mode="after")
    def _known_drug_and_product(self, info: ValidationInfo) -> OrderDetails:
        if self.drug_id is None:
            return self
        if info.context and info.context.get("stored"):
            # An order keeps the product it was written for, whatever later formulary
            # releases say: a record read back is never refused for that.
            return self
        drug = formulary.load().drugs.get(self.drug_id)
        if drug is None:
            raise ValueError(f"“{self.drug_id}” is not a formulary drug id.")
        if self.product is not None and self.product not in _products(drug):
            raise ValueError(f"That product is not one of {drug.generic}'s products.")
        return self

    @model_validator(mode="after")
    def _dose_is_computable(self) -> OrderDetails:
        if self.dose_unit is DoseUnit.UNIT and self.product is None and self.drug_id is not None:
            raise ValueError(
                "Choose the product (form and strength) to dose in tablets or capsules."
            )
        if self.dose_unit is DoseUnit.ML and (self.product is None or not self.product.is_liquid):
            raise ValueError("A dose in mL needs an oral liquid product with its concentration.")
        return self

    @property
    def checked(self) -> bool:
        """False for free-text medications: the safety checks cannot see them."""
        return self.drug_id is not None

    @property
    def daily_mg(self) -> float | None:
        """Total mg a day (for as-needed, the daily maximum); None when it cannot be known."""
        # Rounded to a millionth of a mg: 6.8 mL of 2 mg/mL is 13.6 mg, not 13.600000000000001
        # (which would miss a taper step's dose and cross a ceiling of exactly 13.6).
        per_day = self.schedule.per_day
        if self.dose_unit is DoseUnit.MG:
            return round(per_day, 6)
        if self.product is None:
            return None
        if self.dose_unit is DoseUnit.ML:
            return round(per_day * (self.product.mg_per_ml or 0), 6)
        return round(per_day * self.product.strength_mg, 6)

    @property
    def unit_word(self) -> str:
        if self.dose_unit is DoseUnit.UNIT and self.product is not None:
            return self.product.form.value
        return self.dose_unit.value

    def directions(self, language: Language = "en") -> str:
        """Plain directions, e.g. "1 tablet in the morning, 2 tablets at bedtime"."""
        text = self.schedule.words(self.unit_word, language)
        if self.route is not Route.ORAL:
            text += f" ({self.route.value})"
        return text + (f". {self.instructions}" if self.instructions else "")


class Order(BaseModel):
    """A stored order: details, dates, status and its place in the history."""

    model_config = ConfigDict(frozen=True)

    id: int
    patient_id: int
    details: OrderDetails
    start: date
    end: date | None = None
    status: OrderStatus = OrderStatus.ACTIVE
    reason: str = ""  # why it was started, changed or stopped
    end_reason: str = ""
    previous_id: int | None = None
    prescriber: str = ""
    row_version: int = 1
    #: Stopped because it was entered in error: never taken (no washout, no timeline).
    in_error: bool = False

    @property
    def active(self) -> bool:
        return self.status is OrderStatus.ACTIVE

    def next_dose(self, today: date) -> date | None:
        """For a dose every so many days: the next due on or after today, counted from the
        first dose on the start date; None for other schedules."""
        every = self.details.schedule.every_days
        if not every or not self.active:
            return None
        if today <= self.start:
            return self.start
        doses = -(-(today - self.start).days // every)  # ceiling
        return self.start + timedelta(days=doses * every)

    @property
    def taken(self) -> bool:
        """Was this order ever taken? Not when it was entered in error."""
        return not self.in_error


def details_for(
    drug: Drug | str,
    *,
    product: Product | None = None,
    schedule: DoseSchedule,
    dose_unit: DoseUnit = DoseUnit.UNIT,
    **extra: object,
) -> OrderDetails:
    """Order details for a formulary drug (by object, name or brand) or, failing that, free text."""
    found = formulary.load().find(drug) if isinstance(drug, str) else drug
    if found is None:
        name = str(drug)
        return OrderDetails.model_validate(
            {
                "name": name,
                "schedule": schedule,
                "dose_unit": DoseUnit.MG if dose_unit is DoseUnit.UNIT else dose_unit,
                **extra,
            }
        )
    return OrderDetails.model_validate(
        {
            "drug_id": found.id,
            "name": found.generic,
            "product": product,
            "schedule": schedule,
            # A catalogue drug has no products to count: its amounts are in mg.
            "dose_unit": DoseUnit.MG
            if dose_unit is DoseUnit.UNIT and not found.products
            else dose_unit,
            **extra,
        }
    )


# --- reconciliation ---------------------------------------------------------------------------


class ReconcileKind(StrEnum):
    NEW = "new"  # the patient takes it; the chart does not have it
    MISSING = "missing"  # the chart has it; the patient does not mention it
    DOSE_DIFFERS = "dose_differs"
    SAME = "same"


class DoseNote(StrEnum):
    """Why a reported line has no daily mg: said plainly, rather than guessed."""

    NOT_GIVEN = "not_given"  # "melatonin"
    NO_UNIT = "no_unit"  # "sertraline 100": mg, or tablets?
    NOT_MG = "not_mg"  # "2 tablets", "5 mL", "1000 units": the strength is not known
    SEVERAL_AMOUNTS = "several_amounts"  # "50 mg morning, 100 mg night"; "50 mg, 2 tablets"
    FREQUENCY_UNCLEAR = "frequency_unclear"  # "twice a day x3"
    AS_NEEDED = "as_needed"  # "when needed": no regular daily amount
    NOT_DAILY = "not_daily"  # weekly, monthly, every other day


class Reported(BaseModel):
    """One line of what the patient says they take."""

    model_config = ConfigDict(frozen=True)

    name: str
    daily_mg: float | None = None
    #: Why daily_mg is None, when the line was read from text (None: not read from text).
    dose_note: DoseNote | None = None
    #: The line as the clinician typed it.
    text: str = ""


class ReconcileItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ReconcileKind
    name: str
    reported: Reported | None = None
    order_id: int | None = None
    chart_daily_mg: float | None = None


def reconcile(reported: list[Reported], active: list[Order]) -> list[ReconcileItem]:
    """Compare a patient-reported list with the chart's active orders, item by item."""
    data = formulary.load()

    def key(name: str, drug_id: str | None = None) -> str:
        found = data.find(name)
        return drug_id or (found.id if found else name.strip().casefold())

    by_key: dict[str, list[Order]] = {}
    for o in active:
        by_key.setdefault(key(o.details.name, o.details.drug_id), []).append(o)
    items: list[ReconcileItem] = []
    seen: set[str] = set()
    for line in reported:
        k = key(line.name)
        orders = by_key.get(k)
        seen.add(k)
        if not orders:
            items.append(ReconcileItem(kind=ReconcileKind.NEW, name=line.name, reported=line))
            continue
        order = orders[0]
        doses = [o.details.daily_mg for o in orders]
        chart_mg = None if None in doses else sum(d for d in doses if d is not None)
        differs = (
            line.daily_mg is not None
            and chart_mg is not None
            and abs(line.daily_mg - chart_mg) > 1e-6
        )
        items.append(
            ReconcileItem(
                kind=ReconcileKind.DOSE_DIFFERS if differs else ReconcileKind.SAME,
                name=order.details.name,
                reported=line,
                order_id=order.id,
                chart_daily_mg=chart_mg,
            )
        )
    for k, orders in by_key.items():
        if k not in seen:
            items += [
                ReconcileItem(
                    kind=ReconcileKind.MISSING,
                    name=order.details.name,
                    order_id=order.id,
                    chart_daily_mg=order.details.daily_mg,
                )
                for order in orders
            ]
    return items


#: The name scripts used before DoseSchedule (kept working; see README, Scripting).
Schedule = DoseSchedule
