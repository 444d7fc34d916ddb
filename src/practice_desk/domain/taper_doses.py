"""What a patient can really take: measures, each one way of making a day's dose.

A taper plan uses at most two measures, one after the other (see tapering.py):

- a ``SolidMeasure``: tablets or capsules of one form and release, whole, or half and
  quarter tablets where the product may be split;
- a ``LiquidMeasure``: one oral liquid of one concentration (marketed, or compounded by a
  pharmacy), every volume a whole number of the marks of the oral syringe named for it.

Dose arithmetic is in whole micrograms, so sums are exact.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from functools import cache
from itertools import combinations_with_replacement
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from practice_desk.domain import formulary, wording
from practice_desk.domain.formulary import Drug, Form, Product, Release
from practice_desk.domain.wording import Language

UG = 1000  # dose arithmetic is done in whole micrograms, so sums are exact
MAX_PIECES = 4  # tablets or capsules (or parts of them) per day that a plan may ask for
MAX_PIECES_PER_TIME = 3  # ... and at each time of day, when the dose is divided
#: Times of day a dose may be taken at, in the order of the day; "daily" is once a day
#: at no particular time.
TIMES = ("morning", "noon", "evening", "bedtime")
DAILY = "daily"
#: (time, share) pairs: when the doses are taken, and how the day's dose is shared.
Times = tuple[tuple[str, float], ...]
ONCE_DAILY: Times = ((DAILY, 1.0),)
MAX_LIQUID_ML = 20.0  # per dose: more than this is hard to measure and to take
#: Per dose: less than this is hard to draw up reliably even in a 1 mL syringe (our rule;
#: a smaller dose drops that time of day instead).
MIN_DOSE_ML = 0.1
WHOLE_FORMS = frozenset(
    {Form.TABLET, Form.CAPSULE, Form.ODT, Form.CHEWABLE, Form.SUBLINGUAL, Form.FILM}
)
#: Forms that are swallowed: only these may be replaced mg for mg by a swallowed liquid
#: (a sublingual film or tablet is absorbed differently; buprenorphine barely is swallowed).
SWALLOWED_FORMS = frozenset({Form.TABLET, Form.CAPSULE, Form.ODT, Form.CHEWABLE})
#: Concentrations a pharmacy is asked to compound, in mg/mL.
_COMPOUNDED_MG_PER_ML = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)
#: A compounded liquid holds the first dose it is used for in at most this volume.
_COMPOUNDED_START_ML = 10.0

#: Measures from coarse to fine; a plan changes measure at most once, always to a finer one.
RANK_MODIFIED_RELEASE, RANK_SOLID, RANK_LIQUID, RANK_COMPOUNDED = 0, 1, 2, 3
#: Opened capsules (beads counted) are as fine as a liquid, and like it end a plan's changes.
RANK_OPENED = RANK_LIQUID
#: An opened capsule's beads are shared in twentieths (5% of the capsule each).
BEAD_SHARES = 20


class Device(BaseModel):
    """An oral syringe: what it holds and how finely it is marked."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    capacity_ml: float = Field(gt=0)
    mark_ml: float = Field(gt=0)
    name: str
    name_es: str
    status: Literal["V", "S", "L"] = "L"

    @property
    def mark_c(self) -> int:
        """The mark in hundredths of a mL."""
        return round(self.mark_ml * 100)

    def says(self, language: Language = "en") -> str:
        return self.name_es if language == "es" else self.name

    def volume(self, ml: float) -> str:
        """A volume written to this syringe's marks: ``0.45``, ``4.2``, ``12.5``."""
        decimals = max(0, -math.floor(math.log10(self.mark_ml) + 1e-9))
        return f"{ml:.{decimals}f}"


@cache
def devices() -> tuple[Device, ...]:
    """The oral syringes a plan may name, smallest first (resources/formulary/devices.toml)."""
    rows = formulary.read_resource("devices.toml").get("device", [])
    return tuple(sorted((Device.model_validate(r) for r in rows), key=lambda d: d.capacity_ml))


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
    fraction: float  # 1, 0.5 or 0.25; for beads, twentieths of the capsule
    #: A share of an opened capsule's beads (not a half or quarter of a tablet).
    beads: bool = False

    @property
    def ug(self) -> int:
        return round(self.product.strength_mg * self.fraction * UG)

    def words(self, count: int, language: Language = "en") -> str:
        unit = self.product.label(language)
        if self.fraction == 1.0:
            return f"{count} x {unit}"
        if self.beads:
            share = f"{self.fraction * 100:g}%"
            if language == "es":
                return f"{share} de las bolitas de una {unit}"
            return f"{share} of the beads of a {unit}"
        part = "half of a" if self.fraction == 0.5 else "quarter of a"
        return f"{count} x {wording.phrase(part, language)} {unit}"


class TimeDose(BaseModel):
    """What is taken at one time of day: pieces of tablets, or a volume of the liquid."""

    model_config = ConfigDict(frozen=True)

    time: str  # one of TIMES, or DAILY
    ug: int
    pieces: tuple[tuple[Piece, int], ...] = ()
    liquid_ml: float = 0.0

    @property
    def mg(self) -> float:
        return self.ug / UG


class Dose(BaseModel):
    """A daily amount made from pieces of tablets or from one liquid, shared over the day."""

    model_config = ConfigDict(frozen=True)

    ug: int
    pieces: tuple[tuple[Piece, int], ...] = ()
    liquid: Product | None = None
    liquid_ml: float = 0.0
    device: Device | None = None
    #: Each time of day's share (one DAILY entry for a once-a-day dose).
    per_time: tuple[TimeDose, ...] = ()

    @property
    def mg(self) -> float:
        return self.ug / UG

    def words(self, language: Language = "en") -> str:
        """ "1 x 50 mg tablet", or "In the morning: ...; at bedtime: ..." when divided."""
        if self.ug == 0:
            return wording.phrase("Stop: take none", language)
        timed = [t for t in self.per_time if t.ug]
        if not timed or (len(timed) == 1 and timed[0].time == DAILY):
            return self._amount(self.pieces, self.liquid_ml, language) + self._device(language)
        said = []
        for n, share in enumerate(timed):
            when = wording.phrase(wording.time_of_day(share.time), language)
            when = when[:1].upper() + when[1:] if n == 0 else when
            said.append(f"{when}: {self.time_words(share, language)}")
        return "; ".join(said) + self._device(language)

    def time_words(self, share: TimeDose, language: Language = "en") -> str:
        """What to take at one time of day: "1 x half of a 1 mg tablet", "0.45 mL of the ..."."""
        return self._amount(share.pieces, share.liquid_ml, language)

    def _amount(
        self, pieces: tuple[tuple[Piece, int], ...], liquid_ml: float, language: Language
    ) -> str:
        parts = [piece.words(count, language) for piece, count in pieces]
        if self.liquid is not None and liquid_ml > 0:
            of_the = wording.phrase("of the", language)
            volume = self.device.volume(liquid_ml) if self.device else f"{liquid_ml:g}"
            parts.append(f"{volume} mL {of_the} {self.liquid.label(language)}")
        return " + ".join(parts)

    def _device(self, language: Language) -> str:
        if self.device is None or not self.liquid_ml:
            return ""
        return f", {wording.phrase('measured with a', language)} {self.device.says(language)}"

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


# --- measures -----------------------------------------------------------------------------


class Measure:
    """One way of making daily doses; subclasses say which doses exist."""

    rank: int
    liquid: Product | None = None
    opened: bool = False  # capsules opened and their beads counted (off-label, opted in)

    def __init__(self, amounts: Sequence[int]) -> None:
        self._sums = list(amounts)  # sorted, positive, distinct

    @property
    def label(self) -> str:
        raise NotImplementedError

    def dose(self, ug: int) -> Dose:
        raise NotImplementedError

    def simplicity(self, ug: int) -> float:
        """A small cost for awkward doses (many pieces, split tablets); 0 is simplest."""
        return 0.0

    @property
    def smallest_ug(self) -> int:
        return self._sums[0] if self._sums else 0

    def can_make(self, ug: int) -> bool:
        i = bisect.bisect_left(self._sums, ug)
        return i < len(self._sums) and self._sums[i] == ug

    def within(self, target: int, low: int, high: int) -> Dose | None:
        """The best dose in [low, high] for target (closest, then simplest), or None."""
        sums = self._sums
        i = bisect.bisect_left(sums, target)
        options = {sums[j] for j in (i - 2, i - 1, i, i + 1) if 0 <= j < len(sums)}
        k = bisect.bisect_left(sums, low)
        if k < len(sums):
            options.add(sums[k])
        fitting = [s for s in options if low <= s <= high]
        if not fitting:
            return None
        best = min(fitting, key=lambda s: abs(s - target) / max(target, 1) + self.simplicity(s))
        return self.dose(best)

    def below(self, ug: int) -> Dose | None:
        """The largest dose under ug, or None when there is none."""
        i = bisect.bisect_left(self._sums, ug)
        return self.dose(self._sums[i - 1]) if i > 0 else None

    def uses(self, product: Product) -> bool:
        raise NotImplementedError


def apportion(units: int, times: Times) -> list[int]:
    """``units`` shared over the times in proportion to their shares (largest remainders
    first; a tie goes to the later time, so the bedtime dose is the last to fall)."""
    total = sum(share for _, share in times)
    exact = [units * share / total for _, share in times]
    base = [math.floor(x + 1e-9) for x in exact]
    order = sorted(range(len(times)), key=lambda i: (-(exact[i] - base[i]), -i))
    for i in order[: units - sum(base)]:
        base[i] += 1
    return base


Pieces = tuple[tuple[Piece, int], ...]


class SolidMeasure(Measure):
    """Tablets or capsules of one form and release, whole or split as allowed, shared over
    the times of day (each time's amount made of at most MAX_PIECES_PER_TIME pieces)."""

    def __init__(
        self,
        products: Sequence[Product],
        allow_splitting: bool,
        times: Times = ONCE_DAILY,
        ceiling_ug: int = 0,
        *,
        opened: bool = False,
    ) -> None:
        self.products = tuple(products)
        self.times = times
        self.opened = opened
        if len(times) == 1:
            combos = _solid_sums(self.products, allow_splitting, MAX_PIECES, opened)
            self._split: dict[int, tuple[Pieces, ...]] = {u: (p,) for u, p in combos.items()}
        else:
            self._split = _divided(self.products, allow_splitting, times, ceiling_ug, opened)
        super().__init__(sorted(self._split))
        first = self.products[0]
        self.rank = RANK_SOLID if first.release is Release.IMMEDIATE else RANK_MODIFIED_RELEASE
        if opened:
            self.rank = RANK_OPENED

    @property
    def label(self) -> str:
        said = ", ".join(p.label() for p in self.products)
        return f"{said}, opened and the beads counted" if self.opened else said

    def dose(self, ug: int) -> Dose:
        shares = self._split[ug]
        per_time = tuple(
            TimeDose(time=time, ug=sum(p.ug * c for p, c in pieces), pieces=pieces)
            for (time, _), pieces in zip(self.times, shares, strict=True)
        )
        return Dose(ug=ug, pieces=_together(shares), per_time=per_time)

    def simplicity(self, ug: int) -> float:
        shares = self._split[ug]
        count = sum(c for pieces in shares for _, c in pieces)
        split = any(p.fraction < 1 for pieces in shares for p, _ in pieces)
        return 0.005 * count + 0.01 * split

    def uses(self, product: Product) -> bool:
        # Opening the capsules is a different way of taking them: a change to announce.
        return not self.opened and any(p.same_as(product) for p in self.products)


class LiquidMeasure(Measure):
    """One oral liquid shared over the times of day, every volume a whole number of the
    marks of the smallest syringe that holds the largest of them."""

    def __init__(self, product: Product, times: Times = ONCE_DAILY) -> None:
        assert product.mg_per_ml is not None
        self.liquid = product
        self.times = times
        self.rank = RANK_COMPOUNDED if product.compounded else RANK_LIQUID
        self._tenths = round(product.mg_per_ml * 10)
        self._volumes = _volumes(self._tenths, times)
        super().__init__(sorted(u for u in self._volumes if u > 0))

    @property
    def label(self) -> str:
        assert self.liquid is not None
        return self.liquid.label()

    def dose(self, ug: int) -> Dose:
        shares, device = self._volumes[ug]
        per_time = tuple(
            TimeDose(time=time, ug=_ug(centi, self._tenths), liquid_ml=centi / 100)
            for (time, _), centi in zip(self.times, shares, strict=True)
        )
        return Dose(
            ug=ug,
            liquid=self.liquid,
            liquid_ml=round(sum(shares) / 100, 2),
            device=device,
            per_time=per_time,
        )

    def simplicity(self, ug: int) -> float:
        return 0.0001 * sum(self._volumes[ug][0]) / 100

    def uses(self, product: Product) -> bool:
        return self.liquid is not None and self.liquid.same_as(product)


def _ug(centi_ml: int, tenths_mg_per_ml: int) -> int:
    """Micrograms in hundredths of a mL: exact, as concentrations are whole tenths of a
    mg/mL (0.01 mL of 0.1 mg/mL is 1 microgram)."""
    return centi_ml * tenths_mg_per_ml


@cache
def _volumes(tenths_mg_per_ml: int, times: Times) -> dict[int, tuple[tuple[int, ...], Device]]:
    """Every daily dose of a liquid shared over the times, with the volumes (hundredths of
    a mL) and the smallest syringe holding the largest of them (memoised)."""
    volumes: dict[int, tuple[tuple[int, ...], Device]] = {}
    held = 0  # what a smaller syringe holds: those doses are measured with it
    least = round(MIN_DOSE_ML * 100)
    for device in devices():
        capacity = round(min(device.capacity_ml, MAX_LIQUID_ML) * 100)
        for marks in range(1, 10_000):
            shares = [n * device.mark_c for n in apportion(marks, times)]
            if max(shares) > capacity:
                break
            shares = _gathered(shares, least)
            if not held < max(shares) <= capacity:
                continue  # a smaller syringe measures it, or gathered it no longer fits
            if any(0 < v < least for v in shares):
                continue
            ug = sum(_ug(v, tenths_mg_per_ml) for v in shares)
            volumes.setdefault(ug, (tuple(shares), device))
        held = capacity
    return volumes


def _gathered(shares: list[int], least: int) -> list[int]:
    """Shares too small to measure given to the next time of day that takes some (the
    earlier doses drop out first, the bedtime dose stays)."""
    gathered = list(shares)
    for i in range(len(gathered) - 1):
        if 0 < gathered[i] < least:
            later = next((j for j in range(i + 1, len(gathered)) if gathered[j]), None)
            if later is not None:
                gathered[later] += gathered[i]
                gathered[i] = 0
    return gathered


def _together(shares: Sequence[Pieces]) -> Pieces:
    """The day's pieces, each kind once with its count."""
    counts: dict[Piece, int] = {}
    for pieces in shares:
        for piece, count in pieces:
            counts[piece] = counts.get(piece, 0) + count
    return tuple(sorted(counts.items(), key=lambda pc: (-pc[0].fraction, -pc[0].ug)))


@cache
def _divided(
    products: tuple[Product, ...],
    allow_splitting: bool,
    times: Times,
    ceiling_ug: int,
    opened: bool = False,
) -> dict[int, tuple[Pieces, ...]]:
    """Daily totals up to ceiling_ug whose share at every time of day can be made, with
    those shares (memoised).

    The day's dose is counted in the smallest common amount of the pieces and shared by
    apportion(); when a share cannot be made, one unit moves to a neighbouring time."""
    per_time = _solid_sums(products, allow_splitting, MAX_PIECES_PER_TIME, opened)
    amounts = [u for u in per_time if u > 0]
    if not amounts:
        return {}
    unit = math.gcd(*amounts)
    made: dict[int, tuple[Pieces, ...]] = {}
    for units in range(1, max(ceiling_ug, max(amounts)) // unit + 1):
        shares = apportion(units, times)
        tries = [shares]
        for i in range(len(shares)):
            for j in (i - 1, i + 1):
                if 0 <= j < len(shares) and shares[i] > 0:
                    moved = list(shares)
                    moved[i] -= 1
                    moved[j] += 1
                    tries.append(moved)
        for attempt in tries:
            found = [per_time.get(n * unit) if n else () for n in attempt]
            if all(f is not None for f in found):
                made[units * unit] = tuple(f for f in found if f is not None)
                break
    return made


@cache
def _solid_sums(
    products: tuple[Product, ...],
    allow_splitting: bool,
    max_pieces: int = MAX_PIECES,
    opened: bool = False,
) -> dict[int, Pieces]:
    """Every total of up to max_pieces pieces, with its simplest make-up (memoised).

    ``opened``: whole capsules plus a share of the beads of one more, in twentieths."""
    if opened:
        whole = _solid_sums(products, False, max_pieces - 1)
        by_share: dict[int, Pieces] = dict(whole)
        for product in products:
            for n in range(1, BEAD_SHARES):
                beads = Piece(product=product, fraction=n / BEAD_SHARES, beads=True)
                for total, made in [(0, ()), *whole.items()]:
                    amount = total + beads.ug
                    if amount not in by_share:
                        by_share[amount] = (*made, (beads, 1))
        return by_share
    pieces: list[Piece] = []
    for product in products:
        pieces.append(Piece(product=product, fraction=1.0))
        if allow_splitting and product.splittable:
            pieces.append(Piece(product=product, fraction=0.5))
            if product.quarters:
                pieces.append(Piece(product=product, fraction=0.25))
    by_sum: dict[int, tuple[tuple[Piece, int], ...]] = {}
    for count in range(1, max_pieces + 1):
        for combo in combinations_with_replacement(pieces, count):
            total = sum(p.ug for p in combo)
            # Whole units first, larger strengths first: "1 x 20 mg tablet + 1 x half ...".
            ordered = sorted(dict.fromkeys(combo), key=lambda p: (-p.fraction, -p.ug))
            grouped = tuple((p, combo.count(p)) for p in ordered)
            if total not in by_sum or _simpler(grouped, by_sum[total]):
                by_sum[total] = grouped
    return by_sum


def _simpler(a: tuple[tuple[Piece, int], ...], b: tuple[tuple[Piece, int], ...]) -> bool:
    def key(group: tuple[tuple[Piece, int], ...]) -> tuple[int, int, int]:
        kinds = len(group)
        return (sum(c for _, c in group), sum(c for p, c in group if p.fraction < 1), kinds)

    return key(a) < key(b)


def compounded_liquid(drug: Drug, from_ug: int) -> Product:
    """The oral liquid a pharmacy is asked to make: the weakest usual concentration that
    holds ``from_ug`` in at most 10 mL, so the smallest doses stay measurable."""
    needed = from_ug / UG / _COMPOUNDED_START_ML
    mg_per_ml = next((c for c in _COMPOUNDED_MG_PER_ML if c >= needed), _COMPOUNDED_MG_PER_ML[-1])
    return Product(
        form=Form.SUSPENSION,
        strength_mg=mg_per_ml,
        mg_per_ml=mg_per_ml,
        compounded=True,
        note=f"{drug.generic} oral liquid compounded by a pharmacy for this taper",
    )


def oral_products(drug: Drug, current: Product | None = None) -> list[Product]:
    """The drug's oral products a taper may use: those of the current product's group."""
    group = current.group if current is not None else ""
    return [p for p in drug.products if (p.form in WHOLE_FORMS or p.is_liquid) and p.group == group]


def measures(
    products: Sequence[Product],
    allow_splitting: bool,
    allow_liquid: bool,
    times: Times = ONCE_DAILY,
    ceiling_ug: int = 0,
    *,
    allow_opening: bool = False,
) -> list[Measure]:
    """One solid measure per form and release, one liquid measure per concentration, and
    (opted in) each kind of capsule opened for its beads."""
    solid: dict[tuple[Form, Release], list[Product]] = {}
    found: list[Measure] = []
    for product in products:
        if product.is_liquid:
            if allow_liquid:
                found.append(LiquidMeasure(product, times))
        elif product.form in WHOLE_FORMS:
            solid.setdefault((product.form, product.release), []).append(product)
    solids: list[Measure] = [
        SolidMeasure(sorted(group, key=lambda p: p.strength_mg), allow_splitting, times, ceiling_ug)
        for group in solid.values()
    ]
    if allow_opening:
        solids += [
            SolidMeasure(
                sorted(group, key=lambda p: p.strength_mg),
                False,
                times,
                ceiling_ug,
                opened=True,
            )
            for (form, _), group in solid.items()
            if form is Form.CAPSULE
        ]
    return solids + found


def times_of(amounts: dict[str, float]) -> Times:
    """Times in the order of the day from {time: amount}; once daily when none is given."""
    unknown = set(amounts) - {*TIMES, DAILY}
    if unknown:
        raise ValueError(f"Unknown time of day {sorted(unknown)[0]!r}.")
    if amounts.get(DAILY, 0) > 0 and any(amounts.get(t, 0) > 0 for t in TIMES):
        raise ValueError("Give either times of day or once a day, not both.")
    timed = tuple((t, float(amounts[t])) for t in (DAILY, *TIMES) if amounts.get(t, 0) > 0)
    return timed or ONCE_DAILY
