"""Each goal's weight range keeps the optimal week inside it and changes it just outside."""

from __future__ import annotations

import random

import pytest

from solver import DAYS, SOFT_GOALS, WeekRequest, solve
from solver.compare import with_weights
from solver.domain import MAX_WEIGHT
from solver.sensitivity import GoalRange, Sensitivity, sensitivity
from tests.helpers import runs, week
from tests.solver.random_weeks import random_week as shared_random_week

RUN_TYPES = ("easy", "recovery", "long", "tempo", "intervals", "hills", "cross_train")


def plan_at(request: WeekRequest, goal: str, weight: int) -> tuple[dict[str, list[str]], int]:
    """The optimal plan and objective with one goal's weight changed."""
    result = solve(with_weights(request, {goal: weight}))
    assert result.objective is not None
    return result.plan, result.objective


def assert_range_is_exact(request: WeekRequest, report: Sensitivity, goal_range: GoalRange):
    """Inside [low, high] the week stays; at low - 1 and high + 1 it becomes the reported week."""
    goal, low, high = goal_range.goal, goal_range.low, goal_range.high
    assert low <= goal_range.weight <= high
    for weight in sorted({low, (low + high) // 2, high}):
        assert plan_at(request, goal, weight)[0] == report.plan, f"{goal} at {weight}"
    if low == 0:
        assert goal_range.below is None
    else:
        assert goal_range.below is not None
        assert goal_range.below.weight == low - 1
        plan, objective = plan_at(request, goal, low - 1)
        assert plan != report.plan, f"{goal} at {low - 1}"
        assert (plan, objective) == (goal_range.below.plan, goal_range.below.objective)
    if high == MAX_WEIGHT:
        assert goal_range.above is None
    else:
        assert goal_range.above is not None
        assert goal_range.above.weight == high + 1
        plan, objective = plan_at(request, goal, high + 1)
        assert plan != report.plan, f"{goal} at {high + 1}"
        assert (plan, objective) == (goal_range.above.plan, goal_range.above.objective)


def test_every_range_of_the_hansons_week_is_exact(hansons_week):
    """On a published week, each goal's reported range holds at both ends and in the middle."""
    report = sensitivity(hansons_week)
    assert report.status == "optimal"
    assert report.plan == solve(hansons_week).plan
    assert [g.goal for g in report.goals] == list(SOFT_GOALS)
    for goal_range in report.goals:
        assert_range_is_exact(hansons_week, report, goal_range)


def test_hansons_week_ranges_say_what_the_coach_would_see(hansons_week):
    """Raising strength_on_easy_days past 2 moves strength off the key-run days."""
    easy_days = next(
        g for g in sensitivity(hansons_week).goals if g.goal == "strength_on_easy_days"
    )
    assert (easy_days.low, easy_days.high) == (0, 2)
    assert easy_days.below is None
    assert easy_days.above is not None
    assert "Runner's bodyweight circuit moves from Tue to Mon" in easy_days.above.changes


def test_ranges_take_few_solves(hansons_week):
    """Guided by the cost lines, ten goals take a few solves each, not a bisection's twenty."""
    report = sensitivity(hansons_week)
    assert report.solves <= 3 * len(report.goals)


def test_a_goal_the_week_never_misses_can_rise_to_the_top():
    """A beginner-only goal on an advanced runner's week never changes the week: 0..MAX."""
    request = week({"tue": runs("intervals"), "sat": runs("long")}, athlete={"level": "advanced"})
    level_fit = next(g for g in sensitivity(request).goals if g.goal == "level_fit")
    assert (level_fit.low, level_fit.high) == (0, MAX_WEIGHT)
    assert level_fit.below is None and level_fit.above is None


def test_no_week_means_no_ranges():
    """When no week keeps the hard rules there is nothing to keep: status infeasible, no goals."""
    closed = {day: {"available": False} for day in DAYS}
    report = sensitivity(week(closed))
    assert report.status == "infeasible"
    assert report.objective is None
    assert report.goals == []


def random_week(rng: random.Random) -> WeekRequest:
    """A week of random runs, phase, level and weights, with a couple of key runs."""
    days = {}
    for day in DAYS:
        if rng.random() < 0.25:
            continue
        run_type = rng.choice(RUN_TYPES)
        days[day] = {"runs": [{"type": run_type, "minutes": rng.choice((30, 45, 60, 90))}]}
        if rng.random() < 0.15:
            days[day]["gym"] = False
    weights = {goal: rng.choice((0, 1, 2, 5, 10, 40)) for goal in rng.sample(list(SOFT_GOALS), 4)}
    return week(
        days,
        athlete={
            "level": rng.choice(("beginner", "intermediate", "advanced")),
            "phase": rng.choice((None, "base", "build", "peak", "taper", "race_week")),
        },
        weights=weights,
    )


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_ranges_are_exact_on_random_weeks(seed):
    """On seeded random weeks, every reported range holds inside and breaks just outside."""
    request = random_week(random.Random(seed))
    report = sensitivity(request)
    assert report.status == "optimal"
    for goal_range in report.goals:
        assert_range_is_exact(request, report, goal_range)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(10))
def test_ranges_are_exact_on_the_shared_random_weeks(seed):
    """On the referee's random weeks (tight availability, some impossible), ranges are exact."""
    request = shared_random_week(seed)
    report = sensitivity(request)
    if report.status == "infeasible":
        assert report.goals == []
        return
    for goal_range in report.goals:
        assert_range_is_exact(request, report, goal_range)
