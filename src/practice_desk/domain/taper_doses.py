"""What a patient can really take: whole, half or quarter tablets and liquid in 0.1 mL.

The Doser finds the takeable daily dose nearest a target inside a window, preferring
whole tablets to split ones, tablets to liquids, small volumes and the form already in use.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from itertools import combinations_with_replacement

from pydantic import BaseModel, ConfigDict

from practice_desk.domain import wording
from practice_desk.domain.formulary import Drug, Form, Product, Release
from practice_desk.domain.wording import Language

UG = 1000  # dose arithmetic is done in whole micrograms, so sums are exact
LIQUID_STEP_ML = 0.1  # what a 1 mL oral syringe measures reliably
MAX_LIQUID_ML = 10.0  # per day: more than this is hard to measure and to take
MAX_PIECES = 4  # tablets or capsules per day that a plan may ask for
_WHOLE_FORMS = frozenset(
    {Form.TABLET, Form.CAPSULE, Form.ODT, Form.CHEWABLE, Form.SUBLINGUAL, Form.FILM}
)


class StepPart(BaseModel):
    """How much of one product a step takes each day (units of tablets, or mL)."""

    model_config = ConfigDict(frozen=True)

    product: str  # Product.label()
    per_day: float
    unit: str  # "tablet", "capsule", ..., or "mL"


class Piece(BaseModel):
    """One way of taking part of a dose: a whole, half or quarter of a unit."""

    model_config = ConfigDict(frozen=True)

    product: Product
    fraction: float  # 1, 0.5 or 0.25

    @property
    def ug(self) -> int:
        return round(self.product.strength_mg * self.fraction * UG)

    def words(self, count: int, language: Language = "en") -> str:
        unit = self.product.label(language)
        if self.fraction == 1.0:
            return f"{count} x {unit}"
        part = "half of a" if self.fraction == 0.5 else "quarter of a"
        return f"{count} x {wording.phrase(part, language)} {unit}"


class Dose(BaseModel):
    """A daily amount made from pieces and liquid."""

    model_config = ConfigDict(frozen=True)

    ug: int
    pieces: tuple[tuple[Piece, int], ...] = ()
    liquid: Product | None = None
    liquid_ml: float = 0.0

    @property
    def mg(self) -> float:
        return self.ug / UG

    def words(self, language: Language = "en") -> str:
        if self.ug == 0:
            return wording.phrase("Stop: take none", language)
        parts = [piece.words(count, language) for piece, count in self.pieces]
        if self.liquid is not None and self.liquid_ml > 0:
            of_the = wording.phrase("of the", language)
            parts.append(f"{self.liquid_ml:.1f} mL {of_the} {self.liquid.label(language)}")
        return " + ".join(parts)

    def parts(self) -> tuple[StepPart, ...]:
        amounts: dict[str, StepPart] = {}
        for piece, count in self.pieces:
            label = piece.product.label()
            previous = amounts.get(label)
            per_day = piece.fraction * count + (previous.per_day if previous else 0)
            amounts[label] = StepPart(product=label, per_day=per_day, unit=piece.product.form.value)
        if self.liquid is not None and self.liquid_ml:
            amounts[self.liquid.label()] = StepPart(
                product=self.liquid.label(), per_day=self.liquid_ml, unit="mL"
            )
        return tuple(amounts.values())

    @property
    def unit_count(self) -> int:
        return sum(count for _, count in self.pieces)

    @property
    def split(self) -> bool:
        return any(piece.fraction < 1 for piece, _ in self.pieces)


# --- what can be taken ----------------------------------------------------------------


def usable_products(
    drug: Drug, allow_liquid: bool = True, current: Product | None = None
) -> list[Product]:
    """Oral immediate-release products (of the current product's group), or the drug's other
    oral products if it has none."""
    group = current.group if current is not None else ""
    oral = [
        p for p in drug.products if (p.form in _WHOLE_FORMS or p.is_liquid) and p.group == group
    ]
    if not allow_liquid:
        oral = [p for p in oral if not p.is_liquid]
    immediate = [p for p in oral if p.release is Release.IMMEDIATE]
    return immediate or oral


class Doser:
    """Finds the takeable daily dose nearest a target within a window."""

    def __init__(self, products: Sequence[Product], allow_splitting: bool, ceiling_ug: int) -> None:
        pieces: list[Piece] = []
        for product in products:
            if product.is_liquid:
                continue
            pieces.append(Piece(product=product, fraction=1.0))
            if allow_splitting and product.splittable:
                pieces.append(Piece(product=product, fraction=0.5))
                if product.quarters:
                    pieces.append(Piece(product=product, fraction=0.25))
        # Each liquid measured in 0.1 mL steps; the dilute one for small doses, the
        # concentrated one to keep volumes small.
        self.liquids = sorted((p for p in products if p.is_liquid), key=lambda p: p.mg_per_ml or 0)
        by_sum: dict[int, tuple[tuple[Piece, int], ...]] = {0: ()}
        for count in range(1, MAX_PIECES + 1):
            for combo in combinations_with_replacement(pieces, count):
                total = sum(p.ug for p in combo)
                if total > ceiling_ug:
                    continue
                # Whole units first, larger strengths first: "1 x 20 mg tablet + 1 x half ...".
                ordered = sorted(dict.fromkeys(combo), key=lambda p: (-p.fraction, -p.ug))
                grouped = tuple((p, combo.count(p)) for p in ordered)
                if total not in by_sum or _simpler(grouped, by_sum[total]):
                    by_sum[total] = grouped
        self._solid = by_sum
        self._sums = sorted(by_sum)

    @staticmethod
    def _step_ug(liquid: Product) -> int:
        return round((liquid.mg_per_ml or 0) * LIQUID_STEP_ML * UG)

    @property
    def smallest_ug(self) -> int:
        candidates = [s for s in self._sums if s > 0] + [self._step_ug(q) for q in self.liquids]
        return min((c for c in candidates if c > 0), default=0)

    def can_make(self, ug: int) -> bool:
        if ug in self._solid:
            return True
        max_k = int(MAX_LIQUID_ML / LIQUID_STEP_ML + 1e-9)
        for liquid in self.liquids:
            step = self._step_ug(liquid)
            if step and any(
                (ug - s) % step == 0 and 0 <= (ug - s) // step <= max_k
                for s in self._sums
                if s <= ug
            ):
                return True
        return False

    def nearest(
        self, target_ug: int, low_ug: int, high_ug: int, previous: Dose | None = None
    ) -> Dose | None:
        """The best takeable dose in [low, high] for target, or None when none fits."""
        candidates: list[Dose] = []
        i = bisect.bisect_left(self._sums, target_ug)
        for j in (i - 2, i - 1, i, i + 1):
            if 0 <= j < len(self._sums) and low_ug <= self._sums[j] <= high_ug:
                total = self._sums[j]
                candidates.append(Dose(ug=total, pieces=self._solid[total]))
        # low may be above target when the window was clamped; scan the window's floor too.
        k = bisect.bisect_left(self._sums, low_ug)
        if k < len(self._sums) and self._sums[k] <= high_ug:
            total = self._sums[k]
            candidates.append(Dose(ug=total, pieces=self._solid[total]))
        max_k = int(MAX_LIQUID_ML / LIQUID_STEP_ML + 1e-9)
        below = [*self._sums[max(0, i - 3) : i + 1], 0]
        for liquid in self.liquids:
            step = self._step_ug(liquid)
            for solid in below:
                if solid > high_ug or not step:
                    continue
                for units in _liquid_options(
                    target_ug - solid, low_ug - solid, high_ug - solid, step
                ):
                    if 0 < units <= max_k:
                        candidates.append(
                            Dose(
                                ug=solid + units * step,
                                pieces=self._solid[solid],
                                liquid=liquid,
                                liquid_ml=round(units * LIQUID_STEP_ML, 1),
                            )
                        )
        fitting = [c for c in candidates if low_ug <= c.ug <= high_ug]
        if not fitting:
            return None
        return min(fitting, key=lambda d: _cost(d, target_ug, previous))


def _liquid_options(remainder: int, low: int, high: int, step: int) -> list[int]:
    near = remainder / step
    options = {math.floor(near), math.ceil(near), math.ceil(low / step), math.floor(high / step)}
    return sorted(o for o in options if low <= o * step <= high)


def _cost(dose: Dose, target_ug: int, previous: Dose | None) -> float:
    # Closeness first, then ease: whole tablets beat split ones, tablets beat measuring a
    # liquid, small volumes beat large ones, mixing tablets with a liquid is a last resort,
    # and staying with the form the patient already uses beats switching back and forth.
    error = abs(dose.ug - target_ug) / max(target_ug, 1)
    liquid = dose.liquid_ml > 0
    mixed = liquid and bool(dose.pieces)
    switched = previous is not None and previous.ug > 0 and (previous.liquid_ml > 0) != liquid
    return (
        error
        + 0.005 * dose.unit_count
        + 0.01 * dose.split
        + 0.03 * liquid
        + 0.002 * dose.liquid_ml
        + 0.03 * mixed
        + 0.02 * switched
    )


def _simpler(a: tuple[tuple[Piece, int], ...], b: tuple[tuple[Piece, int], ...]) -> bool:
    def key(group: tuple[tuple[Piece, int], ...]) -> tuple[int, int]:
        return (sum(c for _, c in group), sum(c for p, c in group if p.fraction < 1))

    return key(a) < key(b)
