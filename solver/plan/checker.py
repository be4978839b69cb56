"""Score any placement of a plan against every hard rule and goal, across week boundaries.

The week checker's rules and goals, read over the plan's horizon (`solver/checker.py`): no
ortools, and no trust in the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from solver.catalogue import Session
from solver.checker import Breach, PlanError, check_horizon, parse_days
from solver.horizon import Horizon
from solver.plan.domain import PlanRequest
from solver.plan.horizon import plan_horizon
from solver.plan.result import PlanConflict, PlanEvaluation


def parse_placement(
    horizon: Horizon, placement: Mapping[str, Sequence[str]]
) -> tuple[tuple[Session, ...], ...]:
    """Turn ISO date -> session ids into sessions per day of the plan, refusing other dates."""
    keys = [horizon.day_key(d) for d in range(len(horizon.days))]
    outside = sorted(set(map(str, placement)) - set(keys))
    if outside:
        raise PlanError(
            f"placement names date(s) outside the plan: {', '.join(outside[:5])}; the plan runs "
            f"{keys[0]} to {keys[-1]}"
        )
    return parse_days({str(k): v for k, v in placement.items()}, keys, where="placement")


def plan_conflict(horizon: Horizon, breach: Breach) -> PlanConflict:
    """A breach with its days as dates."""
    return PlanConflict(
        rule=breach.rule, message=breach.message, dates=[horizon.date(d) for d in breach.days]
    )


def evaluate_plan(request: PlanRequest, placement: Mapping[str, Sequence[str]]) -> PlanEvaluation:
    """Score the placement: broken hard rules, and the cost of every goal with weight > 0."""
    horizon = plan_horizon(request).horizon
    return evaluate_horizon(horizon, parse_placement(horizon, placement))


def evaluate_horizon(horizon: Horizon, placed: Sequence[Sequence[Session]]) -> PlanEvaluation:
    """Score sessions per day of a plan's horizon."""
    breaches, penalties = check_horizon(horizon, placed)
    return PlanEvaluation(
        feasible=not breaches,
        violations=[plan_conflict(horizon, breach) for breach in breaches],
        objective=sum(p.cost for p in penalties),
        penalties=penalties,
    )
