"""The coach's rules and goals over a plan: they hold across week boundaries, and the weekly
ones week by week, with dates in what they say."""

from __future__ import annotations

from solver import evaluate_plan, solve_plan
from solver.catalogue import session_by_id
from solver.rules import HardRuleId, SoftGoalId
from tests.solver.plan.plans import closed_except, plan

KEY = {"runs": [{"type": "intervals", "minutes": 50}]}
ONE_A_WEEK = {"min_sessions": 1, "max_sessions": 1}


def test_a_masters_runner_gets_no_heavy_legs_on_saturday_before_mondays_key_run():
    request = plan(closed_except(sat={}), {"mon": KEY}, athlete={"age": 60, "level": "advanced"})
    result = solve_plan(request)
    assert result.status == "optimal"
    saturday = result.placement["2027-03-06"]
    assert saturday and not session_by_id()[saturday[0]].heavy_legs
    heavy_saturday = {**result.placement, "2027-03-06": ["strength_control"]}
    breaches = [
        v
        for v in evaluate_plan(request, heavy_saturday).violations
        if v.rule == HardRuleId.MASTERS_EXTRA_RECOVERY_DAY
    ]
    assert breaches and "Sat 2027-03-06" in breaches[0].message
    assert "Mon 2027-03-08" in breaches[0].message


def test_the_same_saturday_is_heavy_for_a_younger_runner():
    """The rule is what keeps Saturday light above: without age, heavy strength goes there."""
    request = plan(closed_except(sat={}), {"mon": KEY}, athlete={"level": "advanced"})
    saturday = solve_plan(request).placement["2027-03-06"]
    assert saturday and session_by_id()[saturday[0]].heavy_legs


def test_the_weekly_strength_cap_holds_week_by_week():
    request = plan({}, {}, athlete={"max_strength_minutes": 60})
    result = solve_plan(request)
    assert result.status == "optimal"
    by_id = session_by_id()
    for week in range(2):
        dates = [f"2027-03-{day:02d}" for day in range(1 + 7 * week, 8 + 7 * week)]
        minutes = sum(by_id[s].minutes for d in dates for s in result.placement.get(d, []))
        assert minutes <= 60
    over = {"2027-03-09": ["strength_control"], "2027-03-11": ["hinge_and_calves"]}
    breaches = [
        v
        for v in evaluate_plan(request, over).violations
        if v.rule == HardRuleId.MAX_STRENGTH_MINUTES
    ]
    assert len(breaches) == 1 and "week 2 (2027-03-08)" in breaches[0].message


def test_variety_alternates_heavy_sessions_across_the_week_boundary():
    """Sunday's and the next Tuesday's heavy sessions are A then B, not A then A."""
    request = plan(
        closed_except(sun={}),
        closed_except(tue={}),
        athlete={"level": "advanced"},
        strength=ONE_A_WEEK,
    )
    result = solve_plan(request)
    sunday, tuesday = result.placement["2027-03-07"], result.placement["2027-03-09"]
    by_id = session_by_id()
    assert by_id[sunday[0]].heavy_legs and by_id[tuesday[0]].heavy_legs
    assert sunday != tuesday
    assert SoftGoalId.VARIETY not in {p.goal for p in result.penalties}
    repeated = {"2027-03-07": sunday, "2027-03-09": sunday}
    variety = [
        p for p in evaluate_plan(request, repeated).penalties if p.goal == SoftGoalId.VARIETY
    ]
    assert variety and "Tue 2027-03-09" in variety[0].details[0]
    assert "Sun 2027-03-07" in variety[0].details[0]


def variety_constraints(weeks: int) -> int:
    """Constraints the variety goal adds to a plan of `weeks` open weeks."""
    from solver.cpsat.engine import Model
    from solver.cpsat.objective import Objective
    from solver.cpsat.variables import Variables
    from solver.plan.horizon import plan_horizon

    horizon = plan_horizon(plan(*([{}] * weeks))).horizon
    sizes = []
    for without in (frozenset(), frozenset({SoftGoalId.VARIETY})):
        model = Model()
        variables = Variables.create(model, [horizon.day_key(d) for d in range(len(horizon.days))])
        Objective(model, horizon, variables, without=without).add_objective()
        sizes.append(len(model.proto.constraints))
    return sizes[0] - sizes[1]


def test_variety_grows_linearly_with_the_plan():
    """A state per week and heavy session, not clauses over pairs of days: each week more adds
    the same number of constraints, in a 3-week plan as in a 12-week one."""
    sizes = {weeks: variety_constraints(weeks) for weeks in (2, 3, 11, 12)}
    per_week = sizes[3] - sizes[2]
    assert per_week > 0
    assert sizes[12] - sizes[11] == per_week
