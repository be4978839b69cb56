"""How far each soft goal's weight can move, the others fixed, before the optimal week changes.

With the other weights fixed, every week P costs `rest(P) + w * count(P)` as a function of one
goal's weight `w`: a line. The optimal week is the lowest line (ties broken by the solver's fixed
tie-break), so it is piecewise constant in `w` and the weights that keep the current week form one
interval. Each boundary is found by re-solving, guided by the lines: the week `Q` that wins at
the far end crosses the current week's line at a known weight; one solve just inside that
crossing either confirms the boundary or returns a week that crosses earlier. A boundary
usually takes two or three solves; bisection is the fallback should a guess ever be unusable.

A request's solving is bounded by a `SolveBudget`: once the current week is known, the solves
every boundary needs at least are counted and the request refused (OverBudget) before them when
they alone are too many; then each solve is counted, its time limit cut to the seconds left.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from fractions import Fraction

from pydantic import BaseModel, Field

from solver.budget import BudgetMeter, SolveBudget
from solver.checker import goal_details
from solver.compare import describe_changes, with_weights
from solver.cpsat.solve import solve
from solver.domain import MAX_WEIGHT, WeekRequest
from solver.result import Conflict, Plan, Status, WeekResult
from solver.rules import PLAN_GOAL_IDS, REPLAN_GOAL_IDS, SOFT_GOAL_IDS, SoftGoalId


class WeekOutside(BaseModel):
    """The optimal week just outside a goal's range."""

    weight: int = Field(description="The goal's weight just outside the range.")
    plan: Plan = Field(description="The week there: day id -> session ids.")
    objective: int = Field(description="Its total penalty at that weight.")
    changes: list[str] = Field(
        description="How it differs from the current week, in words (moves, swaps, additions)."
    )


class GoalRange(BaseModel):
    """The weights of one soft goal that keep the current week, the other weights fixed."""

    goal: SoftGoalId = Field(description="Soft goal id (see GET /v1/rules).")
    weight: int = Field(description="The goal's current weight.")
    low: int = Field(description="Lowest weight that keeps the current week.")
    high: int = Field(description="Highest weight that keeps the current week.")
    below: WeekOutside | None = Field(
        description="The week at low - 1; null when low is 0 (the range reaches the bottom)."
    )
    above: WeekOutside | None = Field(
        description=f"The week at high + 1; null when high is {MAX_WEIGHT} (the top)."
    )


class Sensitivity(BaseModel):
    """For each soft goal, how far its weight can move before the optimal week changes."""

    status: Status = Field(description="Status of the week at the current weights.")
    plan: Plan = Field(description="The optimal week at the current weights.")
    objective: int | None = Field(description="Its total penalty (null: no week exists).")
    goals: list[GoalRange] = Field(
        description="One range per soft goal asked for (every goal unless the request names "
        "some), in rule-book order; empty when no week exists."
    )
    conflicts: list[Conflict] = Field(
        default_factory=list,
        description="When no week exists: a minimal set of hard rules that cannot all hold.",
    )
    suggestions: list[str] = Field(
        default_factory=list, description="When no week exists: what to relax so one does."
    )
    solves: int = Field(description="How many times the week was solved to find the ranges.")
    wall_time_ms: float = Field(description="Time taken, in milliseconds.")


@dataclass(frozen=True)
class _Week:
    """A solved week: its plan, objective and each goal's count of misses."""

    plan: Plan
    objective: int
    counts: dict[SoftGoalId, int]

    def line(self, goal: SoftGoalId, weights: dict[SoftGoalId, int]) -> tuple[int, int]:
        """(rest, slope): the week's cost is rest + slope * w when the goal's weight is w."""
        rest = sum(weights[g] * count for g, count in self.counts.items() if g != goal)
        return rest, self.counts[goal]


# What the budget's refusals say: what was asked, and what to send instead.
WHAT = "mapping these weights for this week"
ADVICE = (
    "send fewer `goals` at a time (ask for the others in another request), "
    "or a smaller `time_limit_s`"
)
# No budget: as many solves and seconds as the ranges take (the library, the bench, the tests).
UNLIMITED = SolveBudget(max_solves=2**62, max_seconds=math.inf)


@dataclass
class _Solver:
    """Solves the request at chosen weights, each set of weights once, within a budget."""

    request: WeekRequest
    meter: BudgetMeter
    cache: dict[tuple[tuple[SoftGoalId, int], ...], _Week] = field(default_factory=dict)

    def at(self, goal: SoftGoalId, weight: int) -> _Week:
        """The optimal week with `goal` weighted `weight`, the other weights as requested."""
        weights = self.weights({goal: weight})
        key = tuple(sorted(weights.items()))
        if key not in self.cache:
            self.remember(weights, self.solve(with_weights(self.request, weights)))
        return self.cache[key]

    def known(self, goal: SoftGoalId, weight: int) -> bool:
        """Whether the week with `goal` weighted `weight` is solved already."""
        return tuple(sorted(self.weights({goal: weight}).items())) in self.cache

    def solve(self, request: WeekRequest) -> WeekResult:
        """Solve within the budget: OverBudget when no solve or second is left, or when the
        seconds left cut a solve short of its proof."""
        time_limit_s = self.meter.next_time_limit(request.time_limit_s, WHAT)
        result = solve(request.model_copy(update={"time_limit_s": time_limit_s}))
        if result.status == "feasible" and time_limit_s < request.time_limit_s:
            raise self.meter.out_of_time(WHAT)
        return result

    def remember(self, weights: dict[SoftGoalId, int], result: WeekResult) -> _Week:
        """Keep the week solved at these weights."""
        if result.objective is None:  # weights never change which weeks exist
            raise AssertionError("a week that exists at one weight exists at every weight")
        counts = {g: len(lines) for g, lines in goal_details(self.request, result.plan).items()}
        week = _Week(result.plan, result.objective, counts)
        self.cache[tuple(sorted(weights.items()))] = week
        return week

    def weights(self, overrides: dict[SoftGoalId, int] | None = None) -> dict[SoftGoalId, int]:
        """Every goal's effective weight, with `overrides` on top."""
        return {goal: self.request.weight(goal) for goal in SOFT_GOAL_IDS} | (overrides or {})


def sensitivity(
    request: WeekRequest,
    goals: Collection[SoftGoalId] | None = None,
    budget: SolveBudget = UNLIMITED,
) -> Sensitivity:
    """For each soft goal (or each of `goals`), the range of its weight that keeps the optimal
    week, and beyond. OverBudget when that takes more solving than `budget` allows."""
    started = time.perf_counter()
    solver = _Solver(request, BudgetMeter(budget, ADVICE))
    base = solver.solve(request)
    if base.objective is None:
        return Sensitivity(
            status=base.status,
            plan=base.plan,
            objective=None,
            goals=[],
            conflicts=base.conflicts,
            suggestions=base.suggestions,
            solves=1,
            wall_time_ms=_ms(started),
        )
    weights = solver.weights()
    current = solver.remember(weights, base)
    chosen = [goal for goal in SOFT_GOAL_IDS if goals is None or goal in goals]
    # Each boundary that can move needs its far end solved at least: refuse before solving
    # any of them when those alone are over the budget.
    solver.meter.require(
        sum(
            _may_move(current, goal, weights, direction) and not solver.known(goal, _end(direction))
            for goal in chosen
            for direction in (-1, +1)
        ),
        WHAT,
    )
    ranges = []
    for goal in chosen:
        low, below = _boundary(solver, goal, current, direction=-1)
        high, above = _boundary(solver, goal, current, direction=+1)
        ranges.append(
            GoalRange(
                goal=goal,
                weight=weights[goal],
                low=low,
                high=high,
                below=_outside(current, below, low - 1),
                above=_outside(current, above, high + 1),
            )
        )
    return Sensitivity(
        status=base.status,
        plan=current.plan,
        objective=current.objective,
        goals=ranges,
        solves=solver.meter.solves,
        wall_time_ms=_ms(started),
    )


def _boundary(
    solver: _Solver, goal: SoftGoalId, current: _Week, direction: int
) -> tuple[int, _Week | None]:
    """The last weight keeping `current`, moving from the goal's weight in `direction` (+1/-1),
    and the week one step beyond it (None when the range reaches the end of the scale)."""
    weights = solver.weights()
    start = weights[goal]
    end = _end(direction)
    rest, slope = current.line(goal, weights)
    if not _may_move(current, goal, weights, direction):
        return end, None
    challenger = solver.at(goal, end)
    if challenger.plan == current.plan:
        return end, None
    inside, outside = start, end  # current is optimal at `inside`; not at `outside`
    while abs(outside - inside) > 1:
        other_rest, other_slope = challenger.line(goal, weights)
        if (other_slope - slope) * direction < 0:
            # The challenger is strictly cheaper past the crossing of the two lines.
            crossing = Fraction(other_rest - rest, slope - other_slope)
            beyond = math.floor(crossing) + 1 if direction > 0 else math.ceil(crossing) - 1
            if (beyond - outside) * direction < 0:
                outside = beyond
            if abs(outside - inside) <= 1:
                break
            probe = outside - direction
        else:  # not expected (the lines say the challenger cannot win): bisect instead
            probe = (inside + outside) // 2
        week = solver.at(goal, probe)
        if week.plan == current.plan:
            inside = probe
        else:
            outside, challenger = probe, week
    return inside, solver.at(goal, outside)


def _end(direction: int) -> int:
    """The end of the weight scale in `direction` (+1/-1)."""
    return MAX_WEIGHT if direction > 0 else 0


def _may_move(
    current: _Week, goal: SoftGoalId, weights: dict[SoftGoalId, int], direction: int
) -> bool:
    """Whether another week could win with the goal's weight moved in `direction`: not when the
    weight is at that end of the scale already, nor upwards when the week never misses it, nor
    at all for a goal between a plan's weeks or of a replan, which no lone week can miss."""
    if goal in PLAN_GOAL_IDS or goal in REPLAN_GOAL_IDS:
        return False
    _, slope = current.line(goal, weights)
    return weights[goal] != _end(direction) and not (direction > 0 and slope == 0)


def _outside(current: _Week, week: _Week | None, weight: int) -> WeekOutside | None:
    if week is None:
        return None
    return WeekOutside(
        weight=weight,
        plan=week.plan,
        objective=week.objective,
        changes=describe_changes(current.plan, week.plan),
    )


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
