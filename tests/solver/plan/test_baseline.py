"""Week by week, the old way, breaks rules across week boundaries; the plan model does not."""

from __future__ import annotations

from solver import solve_plan
from solver.plan.baseline import week_by_week
from solver.plan.checker import evaluate_plan
from solver.plan.horizon import plan_horizon
from solver.rules import HardRuleId
from tests.solver.plan.plans import closed_except, plan
from tests.solver.plan.random_plans import random_plan

EASY = {"runs": [{"type": "easy", "minutes": 40}]}
KEY = {"runs": [{"type": "intervals", "minutes": 50}]}


def test_week_by_week_puts_heavy_legs_before_mondays_key_run():
    """Week 1 alone puts heavy legs on its Sunday; week 2 opens with a key run."""
    request = plan(closed_except(sun=EASY), {"mon": KEY})
    baseline = week_by_week(plan_horizon(request).horizon)
    rules = {v.rule for v in baseline.evaluation.violations}
    assert HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN in rules
    assert any("Sun 2027-03-07" in v.message for v in baseline.evaluation.violations)
    whole = solve_plan(request)
    assert evaluate_plan(request, whole.placement).feasible


def test_week_by_week_breaks_cross_week_rules_on_random_plans_the_model_keeps():
    """On random plans the baseline breaks rules somewhere; the plan model never does."""
    broken = 0
    for seed in range(40):
        request = random_plan(seed)
        baseline = week_by_week(plan_horizon(request).horizon)
        broken += not baseline.evaluation.feasible
        result = solve_plan(request)
        if result.status == "optimal":
            assert evaluate_plan(request, result.placement).feasible
    assert broken >= 3
