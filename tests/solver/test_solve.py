"""Solving: determinism, the result's shape, and running out of time."""

from __future__ import annotations

import random

import pytest

from solver import DAYS, WeekRequest, evaluate, solve
from solver.cpsat.solve import WEEK_MODELS, WeekModels
from solver.rules import SOFT_GOAL_IDS
from tests.helpers import week
from tests.solver.random_weeks import random_week


def test_same_request_same_week(hansons_week):
    """Solving the same request ten times gives the same week, objective and penalties."""
    first = solve(hansons_week)
    for _ in range(9):
        again = solve(hansons_week)
        assert again.plan == first.plan
        assert again.penalties == first.penalties


def test_same_week_whatever_the_order_of_the_days(hansons_week):
    """Posting the days in another order changes nothing: the tie-break is stable."""
    reversed_days = dict(reversed(list(hansons_week.days.items())))
    shuffled = hansons_week.model_copy(update={"days": reversed_days})
    assert solve(shuffled).plan == solve(hansons_week).plan


def test_result_has_seven_days_with_runs_as_posted(hansons_week):
    """Every day is present, Monday first, with the runs as posted."""
    result = solve(hansons_week)
    assert list(result.days) == list(DAYS)
    assert result.days["tue"].runs == hansons_week.days["tue"].runs
    assert result.days["wed"].runs == []


def test_strength_after_a_run_and_on_its_own():
    """A session on a run day comes after the run; on a rest day it stands on its own."""
    result = solve(week({"tue": {"runs": [{"type": "intervals", "minutes": 50}]}}))
    positions = {day: s.position for day, plan in result.days.items() for s in plan.strength}
    assert positions.get("tue") == "after_run"
    assert set(positions.values()) - {"after_run"} <= {"on_its_own"}


def test_solver_facts_say_how_the_week_was_found(hansons_week):
    """The answer records one worker, the fixed seed and the OR-Tools version."""
    facts = solve(hansons_week).solver
    assert facts.workers == 1
    assert facts.ortools_version.count(".") == 2
    assert facts.wall_time_ms > 0


def test_running_out_of_time_returns_a_week_not_an_error():
    """With almost no time the best week found comes back as feasible and keeps the rules."""
    for seed in range(20):
        request = random_week(seed).model_copy(update={"time_limit_s": 1e-9})
        result = solve(request)
        if result.status == "infeasible":
            assert solve(random_week(seed)).status == "infeasible"
            continue
        assert result.status in ("feasible", "optimal")
        scored = evaluate(request, result.plan)
        assert scored.feasible
        assert scored.objective == result.objective


def reweighted(request: WeekRequest, seed: int) -> WeekRequest:
    """The week under other random weights, some of them 0."""
    rng = random.Random(seed)
    return request.model_copy(
        update={"weights": {goal: rng.choice([0, 0, 1, 3, 8, 20]) for goal in SOFT_GOAL_IDS}}
    )


@pytest.mark.parametrize("timed", [False, True])
def test_a_week_model_kept_from_other_weights_gives_the_same_week(timed: bool):
    """Solved first under other weights (goals at 0 among them), a week keeps its model for
    the next solve: that solve answers what a model built for its own weights answers."""
    for seed in range(25):
        request = random_week(seed, timed=timed)
        WEEK_MODELS.clear()
        own = solve(request)
        WEEK_MODELS.clear()
        solve(reweighted(request, seed))
        kept = solve(request)
        assert len(WEEK_MODELS) == 1, "the second solve reused the first's model"
        assert kept.model_dump(exclude={"solver"}) == own.model_dump(exclude={"solver"})


def test_weeks_differing_in_more_than_weights_get_models_of_their_own():
    """A week's days are its model: other days, another model; the oldest leave first."""
    models = WeekModels(2)
    first, second, third = (random_week(seed) for seed in (1, 2, 3))
    assert models.of(first) is models.of(reweighted(first, 1))
    assert models.of(second) is not models.of(first)
    models.of(third)
    assert len(models) == 2
    assert models.of(third) is models.of(third.model_copy(update={"time_limit_s": 5.0}))
