"""The routes a taper may take through the products, and walking each down to zero.

A route is at most two measures (taper_doses.py), the second finer than the first and
never a second liquid. Walking a route makes the doses step by step (hyperbolic, linear
or custom), changing to the second measure only when the first cannot make the next step,
and counts how far beyond the chosen cut it had to go; plan() keeps the best walk.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from practice_desk.domain.formulary import Drug
from practice_desk.domain.taper_doses import (
    RANK_COMPOUNDED,
    RANK_LIQUID,
    UG,
    Dose,
    LiquidMeasure,
    Measure,
    Times,
    compounded_liquid,
)

MAX_STEPS = 200
#: Without a chosen final dose a hyperbolic plan stops from at most 1/40 of the starting
#: dose: "as small as 1/40th a therapeutic dose" (Horowitz et al., Schizophr Bull 2021).
FLOOR_FRACTION = 1 / 40
#: A hyperbolic plan whose products cannot make a smaller cut may stop from here (and not
#: above): the last dose is at most a tenth of the starting dose (Horowitz & Taylor 2019).
STOP_FRACTION = 0.1


class Strategy(StrEnum):
    HYPERBOLIC = "hyperbolic"
    LINEAR = "linear"
    CUSTOM = "custom"


#: A slot in a route: a measure, or None for "a liquid compounded when it is needed".
Slot = Measure | None


def rank(slot: Slot) -> int:
    return RANK_COMPOUNDED if slot is None else slot.rank


def routes(
    found: Sequence[Measure], current: Measure | None, compounding: bool, *, changing: bool
) -> list[tuple[Slot, ...]]:
    """Every way through at most two measures, the second finer than the first.

    With the patient's current product known, a route either starts with it or changes
    at once to something no coarser (that change is then the plan's one change); when the
    current product cannot be used (``changing``: liquids not allowed, say), the change
    at once is the only one."""
    slots: list[Slot] = [*found, *([None] if compounding else [])]

    def then(first: Slot, second: Slot) -> bool:
        # Finer, and never a second liquid: one concentration per plan.
        return rank(second) > rank(first) and rank(first) < RANK_LIQUID

    if current is not None:
        ways: list[tuple[Slot, ...]] = [(current,)]
        ways += [(current, x) for x in slots if then(current, x)]
        ways += [(y,) for y in slots if y is not current and rank(y) >= current.rank]
        return ways
    ways = [(y,) for y in slots]
    if not changing:
        ways += [(y, x) for y in slots for x in slots if then(y, x)]
    return ways


@dataclass
class Walk:
    """One route walked down: the doses, where it changed measure, how far beyond the chosen
    cut it had to go."""

    doses: list[tuple[int, Dose]] = field(default_factory=list)  # (target, dose)
    used: list[Measure] = field(default_factory=list)  # measures in the order used
    measure_of: list[int] = field(default_factory=list)  # index into used, per step
    excess: float = 0.0  # chosen steps jumped over, in all (see Ladder.skipped)
    unfinished: list[str] = field(default_factory=list)

    @property
    def reaches_zero(self) -> bool:
        return bool(self.doses) and self.doses[-1][1].ug == 0

    def stopped(self) -> Walk:
        """The walk with its final step, the stop."""
        self.doses.append((0, Dose(ug=0)))
        self.measure_of.append(len(self.used) - 1)
        return self

    def score(self, current: Measure | None) -> tuple[float, ...]:
        compounded = any(m.rank == RANK_COMPOUNDED for m in self.used)
        opened = any(m.opened for m in self.used)  # off-label: after marketed products
        changed_at_once = current is not None and bool(self.used) and self.used[0] is not current
        # Tablets as long as they hold the cut: the more steps before any liquid, the better.
        solid_steps = sum(1 for _, d in self.doses if d.pieces)
        awkward = sum(d.unit_count + d.split for _, d in self.doses) + sum(
            1 for _, d in self.doses if d.liquid and d.liquid.form == "concentrate"
        )
        # Every hyperbolic or linear walk reaches zero (MAX_STEPS aside); a custom one that
        # ends early, or stops before its list does, pays for it in excess.
        return (
            round(self.excess, 2),
            compounded,
            opened,
            changed_at_once,
            -solid_steps,
            awkward,
        )


@dataclass
class Ladder:
    drug: Drug
    strategy: Strategy
    start_ug: int
    fraction: float
    step_ug: int | None
    custom: list[int]
    final_ug: int | None
    times: Times

    @property
    def floor_ug(self) -> int:
        return self.final_ug or math.floor(self.start_ug * FLOOR_FRACTION)

    @property
    def linear_cut(self) -> int:
        return self.step_ug or max(1, round(self.start_ug * self.fraction))

    def window(self, n: int, current: int) -> tuple[int, int, int] | str | None:
        """(target, low, high) for step n; None to stop now; "end" when the list ends."""
        if self.strategy is Strategy.CUSTOM:
            if n == len(self.custom):
                return "end"
            target = self.custom[n]
            if target == 0:
                return None
            return target, math.ceil(target * 0.9), min(current, math.floor(target * 1.1))
        if current <= self.floor_ug:
            return None
        # A chosen last dose is landed on, not stepped past.
        final = self.final_ug or 0
        if self.strategy is Strategy.HYPERBOLIC:
            low = max(final, math.ceil(current * (1 - self.fraction) - 1e-9))
            return max(final, round(current * (1 - self.fraction))), low, current - 1
        cut = self.linear_cut
        if current <= cut and not final:
            return None
        # Targets count down from the start, so rounding never makes the steps drift.
        target = max(self.start_ug - (n + 1) * cut, current - cut, final)
        return target, max(final, current - cut), current - 1

    def may_stop_short(self, current: int) -> bool:
        """A hyperbolic plan that cannot cut further may stop from a tenth of the start."""
        return (
            self.strategy is Strategy.HYPERBOLIC
            and self.final_ug is None
            and current <= self.start_ug * STOP_FRACTION
        )

    def skipped(self, current: int, dose: int, target: int = 0) -> float:
        """How many of the chosen steps a cut from current to dose jumps over, beyond one.

        A stop (dose 0) counts from where a plan may stop: a tenth of the starting dose for
        a hyperbolic plan, one step for a linear one."""
        if self.strategy is Strategy.CUSTOM:
            return abs(dose - target) / max(target, 1) * 10
        if self.strategy is Strategy.LINEAR:
            return max(0.0, (current - dose - self.linear_cut) / self.linear_cut)
        per_step = -math.log(1 - self.fraction)
        if dose == 0:
            limit = self.final_ug or self.start_ug * STOP_FRACTION
            return max(0.0, math.log(current / limit) / per_step)
        return max(0.0, math.log(current / dose) / per_step - 1)

    def materialise(self, slot: Slot, current: int) -> Measure:
        if slot is not None:
            return slot
        return LiquidMeasure(compounded_liquid(self.drug, current), self.times)

    def walk(self, route: tuple[Slot, ...]) -> Walk:
        walk = Walk()
        index = 0
        measure = self.materialise(route[0], self.start_ug)
        following: Measure | None = None
        current = self.start_ug
        for n in range(MAX_STEPS):
            wanted = self.window(n, current)
            if wanted == "end":
                walk.unfinished.append(
                    "The custom doses end above zero: after the last step the patient stays on "
                    f"{current / UG:g} mg a day until the plan is reviewed. Add the last steps."
                )
                return walk
            if wanted is None or isinstance(wanted, str):
                return walk.stopped()
            target, low, high = wanted
            dose, chosen = measure.within(target, low, high), index
            if dose is None and index + 1 < len(route):
                following = following or self.materialise(route[index + 1], current)
                dose, chosen = following.within(target, low, high), index + 1
            if dose is None:
                if self.may_stop_short(current):
                    return walk.stopped()
                options = [(measure.below(low), index)]
                if following is not None:
                    options.append((following.below(low), index + 1))
                fitting = [(d, i) for d, i in options if d is not None and d.ug >= self.floor_ug]
                if not fitting:
                    walk.excess += self.skipped(current, 0, target)
                    if self.strategy is Strategy.CUSTOM:
                        walk.excess += 10 * (len(self.custom) - n - 1)  # the doses left out
                    return walk.stopped()
                picked, chosen = max(fitting, key=lambda o: (o[0].ug if o[0] else 0, -o[1]))
                assert picked is not None
                dose = picked
                walk.excess += self.skipped(current, dose.ug, target)
            if chosen != index:
                assert following is not None
                measure, following, index = following, None, chosen
            if not walk.used or walk.used[-1] is not measure:
                walk.used.append(measure)
            walk.doses.append((target, dose))
            walk.measure_of.append(len(walk.used) - 1)
            current = dose.ug
        walk.unfinished.append(
            f"The plan was cut off after {MAX_STEPS} steps; choose larger steps."
        )
        return walk
