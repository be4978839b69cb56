"""The plan checker scores proposed placements by date and refuses dates outside the plan."""

from __future__ import annotations

import pytest

from solver import PlanError, evaluate_plan
from solver.rules import HardRuleId, SoftGoalId
from tests.solver.plan.plans import closed_except, plan

KEY = {"runs": [{"type": "intervals", "minutes": 50}]}


def test_heavy_sunday_before_a_monday_key_run_is_a_violation_naming_both_dates():
    """The checker reads across the boundary and names the dates."""
    request = plan({}, {"mon": KEY})
    evaluation = evaluate_plan(request, {"2027-03-07": ["lower_body_core"]})
    assert not evaluation.feasible
    violation = next(
        v for v in evaluation.violations if v.rule == HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN
    )
    assert [d.isoformat() for d in violation.dates] == ["2027-03-07", "2027-03-08"]


def test_session_count_holds_week_by_week():
    """Two sessions in week 1 and none in week 2 break week 2's minimum, naming week 2."""
    request = plan({}, {})
    evaluation = evaluate_plan(
        request, {"2027-03-01": ["upper_body_core"], "2027-03-03": ["mobility_core"]}
    )
    counts = [v for v in evaluation.violations if v.rule == HardRuleId.SESSION_COUNT]
    assert len(counts) == 1 and counts[0].message.startswith("week 2 (2027-03-08)")


def test_routine_counts_a_moved_strength_day_only_where_the_runs_stayed():
    """Monday to Tuesday with the same runs counts twice (Mon lost, Tue gained); where Tuesday's
    runs changed only Monday counts."""
    same = plan(closed_except(mon={}, tue={}), closed_except(mon={}, tue={}))
    moved = {"2027-03-01": ["upper_body_core"], "2027-03-09": ["upper_body_core"]}

    def count(request):
        penalties = evaluate_plan(request, moved).penalties
        return sum(p.count for p in penalties if p.goal == SoftGoalId.ROUTINE)

    assert count(same) == 2
    runs_moved = plan(closed_except(mon={}, tue={}), closed_except(mon={}, tue=KEY))
    assert count(runs_moved) == 1


def test_dates_outside_the_plan_and_unknown_sessions_are_refused():
    """A date outside the plan, or a session id not in the catalogue, raises PlanError."""
    request = plan({})
    with pytest.raises(PlanError, match="outside the plan"):
        evaluate_plan(request, {"2027-03-08": ["upper_body_core"]})
    with pytest.raises(PlanError, match="unknown session 'squats'"):
        evaluate_plan(request, {"2027-03-02": ["squats"]})
