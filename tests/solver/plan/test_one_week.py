"""A plan of one week is the week: same status and objective as the week model."""

from __future__ import annotations

import pytest

from solver import DAYS, PlanRequest, evaluate, solve, solve_plan
from tests.solver.random_weeks import random_week


@pytest.mark.parametrize("seed", range(40))
def test_a_one_week_plan_answers_as_the_week(seed):
    """Random weeks posted as one-week plans (a week without a phase named `build`, which sets
    the same target and goals): the plan model reaches the week model's optimum."""
    week = random_week(seed)
    body = week.model_dump(mode="json", exclude_defaults=True)
    athlete = body.pop("athlete", {})
    phase = athlete.pop("phase", None) or "build"
    body.pop("time_limit_s", None)
    days = body.pop("days", {})
    plan = PlanRequest.model_validate(
        {
            **body,
            "start": "2027-03-01",
            "weeks": [{"days": days, "phase": phase}],
            "athlete": athlete,
        }
    )
    by_week, by_plan = solve(week), solve_plan(plan)
    assert by_plan.status == by_week.status
    if by_week.status == "infeasible":
        assert {c.rule for c in by_plan.conflicts} == {c.rule for c in by_week.conflicts}
        return
    assert by_plan.objective == by_week.objective
    week_plan = {day: by_plan.placement.get(f"2027-03-0{n + 1}", []) for n, day in enumerate(DAYS)}
    assert evaluate(week, week_plan).objective == by_week.objective
