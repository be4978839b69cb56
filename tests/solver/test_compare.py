"""Comparing one week under two sets of weights: both optimal weeks, what moved, what it cost."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from solver import evaluate, solve
from solver.compare import compare, describe_changes, with_weights
from tests.helpers import runs, week


def test_same_weights_give_the_same_week_and_no_changes(hansons_week):
    """Identical weights: the diff reports the same week, no day changes and zero deltas."""
    comparison = compare(hansons_week, {"spread_sessions": 7}, {"spread_sessions": 7})
    assert comparison.diff.same_week
    assert comparison.diff.days == []
    assert comparison.diff.moves == []
    assert all(goal.delta == 0 for goal in comparison.diff.goals)


def test_favouring_easy_days_moves_strength_off_the_key_run_days(hansons_week):
    """Weighting strength_on_easy_days up takes sessions off Tue and Thu and adds easy days."""
    comparison = compare(hansons_week, {}, {"strength_on_easy_days": 50})
    first, second = comparison.plans
    assert first.plan["tue"] and first.plan["thu"]
    changed = {change.day: change for change in comparison.diff.days}
    assert changed["tue"].kind == "removed"
    assert changed["thu"].kind == "removed"
    assert {day for day, change in changed.items() if change.kind == "added"} == {
        day for day, sessions in second.plan.items() if sessions and not first.plan[day]
    }
    assert changed["thu"].summary == "Thu: Strength and control (A) removed"
    goal = next(g for g in comparison.diff.goals if g.goal == "strength_on_easy_days")
    assert goal.weights == (1, 50)
    assert goal.counts == (2, 0)
    assert goal.delta == -2


def test_goal_costs_match_each_weeks_penalties_and_cross_scores_match_the_checker(hansons_week):
    """Per-goal costs add up to each objective; cross objectives are the checker's scores."""
    weights_a, weights_b = {}, {"heavy_legs_48h_before_key_run": 0, "spread_sessions": 9}
    comparison = compare(hansons_week, weights_a, weights_b)
    first, second = comparison.plans
    assert sum(g.costs[0] for g in comparison.diff.goals) == first.objective
    assert sum(g.costs[1] for g in comparison.diff.goals) == second.objective
    assert comparison.diff.objectives == (first.objective, second.objective)
    request_a = with_weights(hansons_week, weights_a)
    request_b = with_weights(hansons_week, weights_b)
    assert comparison.diff.cross_objectives == (
        evaluate(request_b, first.plan).objective,
        evaluate(request_a, second.plan).objective,
    )


def test_a_goal_switched_off_still_counts_its_misses(hansons_week):
    """At weight 0 a goal costs nothing but the diff still says how often the week misses it."""
    comparison = compare(hansons_week, {}, {"heavy_legs_48h_before_key_run": 0})
    goal = next(g for g in comparison.diff.goals if g.goal == "heavy_legs_48h_before_key_run")
    assert goal.counts[1] == 1
    assert goal.costs[1] == 0
    assert comparison.diff.moves == [
        "Tue: Runner's bodyweight circuit becomes Hinge and calves (B)"
    ]


def test_weights_are_laid_over_the_requests_own():
    """A goal the comparison leaves out keeps the request's weight, not the default."""
    request = week({"tue": runs("tempo")}, weights={"spread_sessions": 11})
    merged = with_weights(request, {"target_sessions": 3})
    assert merged.weight("spread_sessions") == 11
    assert merged.weight("target_sessions") == 3
    assert solve(merged).plan == compare(request, {"target_sessions": 3}, {}).plans[0].plan


def test_changes_read_as_moves_swaps_additions_and_drops():
    """A session on a new day is a move; a new session on the same day is a swap."""
    before = {"mon": ["upper_body_core"], "wed": ["lower_body_core"], "fri": ["mobility_core"]}
    after = {"mon": ["mobility_core"], "thu": ["lower_body_core"], "sat": ["plyometrics"]}
    assert describe_changes(before, after) == [
        "Lower body and core moves from Wed to Thu",
        "Mobility, feet and hips moves from Fri to Mon",
        "Mon: Upper body and core removed",
        "Sat: Plyometrics added",
    ]


def test_a_week_that_cannot_exist_compares_as_two_explanations():
    """No week under either weights: both plans infeasible, nothing moved, no objectives."""
    closed = {
        day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    }
    comparison = compare(week(closed), {}, {"spread_sessions": 0})
    assert [plan.status for plan in comparison.plans] == ["infeasible", "infeasible"]
    assert comparison.diff.same_week
    assert comparison.diff.objectives == (None, None)
    assert comparison.diff.cross_objectives == (None, None)


def test_weights_laid_over_are_checked_like_the_requests_own(hansons_week):
    """An unknown goal id or a weight past the top is refused, naming the problem."""
    with pytest.raises(ValidationError, match="unknown goal id"):
        with_weights(hansons_week, {"spreed_sessions": 2})
    with pytest.raises(ValidationError, match="less than or equal to 1000"):
        with_weights(hansons_week, {"spread_sessions": 1001})
