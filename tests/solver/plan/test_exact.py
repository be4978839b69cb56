"""The exact dynamic program and CP-SAT agree on the optimum of random small plans, and the
checker scores both placements as they say."""

from __future__ import annotations

import pytest

from solver import evaluate_plan, solve_plan
from solver.plan.checker import evaluate_horizon
from solver.plan.exact import exact_optimum
from solver.plan.horizon import plan_horizon
from tests.solver.plan.random_plans import random_plan

SEEDS = range(70)


@pytest.mark.parametrize("seed", SEEDS)
def test_cpsat_and_the_exact_method_agree(seed):
    """Same optimum (or both find no plan); each placement keeps every rule by the checker,
    which scores it at the objective its method claims."""
    request = random_plan(seed)
    horizon = plan_horizon(request).horizon
    exact = exact_optimum(horizon)
    result = solve_plan(request)
    if exact.placed is None:
        assert result.status == "infeasible"
        assert result.conflicts
        return
    assert result.status == "optimal"
    assert result.objective == exact.objective == result.best_bound
    by_model = evaluate_plan(request, result.placement)
    assert by_model.feasible, by_model.violations
    assert by_model.objective == result.objective
    by_exact = evaluate_horizon(horizon, exact.placed)
    assert by_exact.feasible, by_exact.violations
    assert by_exact.objective == exact.objective


def test_at_least_50_of_the_random_plans_have_a_plan():
    """The agreement above is shown on at least 50 plans with an optimum, not on refusals."""
    feasible = sum(
        exact_optimum(plan_horizon(random_plan(seed)).horizon).placed is not None for seed in SEEDS
    )
    assert feasible >= 50


def test_the_random_plans_reach_the_plan_goals():
    """Some random plans' optima miss routine, progression and variety: the agreement covers
    them."""
    goals = {penalty.goal for seed in SEEDS for penalty in solve_plan(random_plan(seed)).penalties}
    assert {"routine", "progression", "spread_sessions", "lower_body_in_week", "variety"} <= goals
