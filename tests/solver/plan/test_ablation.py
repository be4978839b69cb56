"""Ablation of the plan goals: the model without routine or progression returns a plan the
checker finds missing that goal, and costlier on the full objective than the full model's."""

from __future__ import annotations

import pytest

from solver import evaluate_plan, solve_plan
from solver.cpsat.solve import Ablation
from solver.plan.domain import PlanRequest
from solver.plan.solve import solve_plan_ablated
from solver.rules import PLAN_GOAL_IDS, SoftGoalId
from tests.solver.plan.plans import closed_except

EASY = {"runs": [{"type": "easy", "minutes": 40}]}
TEMPO = {"runs": [{"type": "tempo", "minutes": 45}], "available": False}
INTERVALS = {"runs": [{"type": "intervals", "minutes": 50}], "available": False}
ONE_SESSION = {"min_sessions": 1, "max_sessions": 1}

# goal -> a plan whose optimum, without the goal, misses it.
GOAL_PLANS = {
    # Base week: heavy legs on Monday. Taper week: no heavy legs, and a session on Thursday's key
    # day is cheaper than Monday's; the routine keeps Monday.
    SoftGoalId.ROUTINE: PlanRequest.model_validate(
        {
            "start": "2027-03-01",
            "weeks": [
                {
                    "days": closed_except(mon=EASY, thu={"runs": TEMPO["runs"]}, fri=INTERVALS),
                    "phase": phase,
                }
                for phase in ("base", "taper")
            ],
            "strength": ONE_SESSION,
        }
    ),
    # Two base weeks: in the second, heavy legs on Monday are 48 h before Wednesday's key run,
    # which costs more than a week without heavy legs; progression keeps them.
    SoftGoalId.PROGRESSION: PlanRequest.model_validate(
        {
            "start": "2027-03-01",
            "weeks": [
                {"days": closed_except(mon=EASY), "phase": "base"},
                {"days": closed_except(mon=EASY, wed=TEMPO), "phase": "base"},
            ],
            "strength": ONE_SESSION,
            "weights": {"lower_body_in_week": 4},
        }
    ),
}


def goal_count(request: PlanRequest, placement: dict[str, list[str]], goal: SoftGoalId) -> int:
    """How many times the checker finds the placement missing the goal."""
    penalties = evaluate_plan(request, placement).penalties
    return sum(p.count for p in penalties if p.goal == goal)


@pytest.mark.parametrize("goal", list(GOAL_PLANS))
def test_without_the_goal_the_plan_misses_it(goal):
    """Full model: the goal kept and every rule kept. Ablated: the checker counts misses of
    exactly that goal and a higher full objective."""
    request = GOAL_PLANS[goal]
    full = solve_plan(request)
    assert full.status == "optimal"
    assert evaluate_plan(request, full.placement).feasible
    assert goal_count(request, full.placement, goal) == 0
    ablated = solve_plan_ablated(request, Ablation(goals=frozenset({goal})))
    assert ablated.status == "optimal"
    assert goal_count(request, ablated.placement, goal) > 0
    assert evaluate_plan(request, ablated.placement).objective > full.objective


def test_every_plan_goal_has_an_ablation_plan():
    """No plan goal goes without an ablation test."""
    assert set(GOAL_PLANS) == set(PLAN_GOAL_IDS)
