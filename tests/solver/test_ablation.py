"""Ablation: the model without one hard rule or soft goal returns a week the checker faults.

Each rule and goal is shown to be what keeps the optimal week from breaking or missing it:
left out of the model (`solve_ablated`), the week that comes back breaks exactly that rule, or
misses that goal and costs more on the full objective than the full model's week.
"""

from __future__ import annotations

import pytest

from solver import WeekRequest, WeekResult, evaluate, solve
from solver.cpsat.constraints import SessionBound
from solver.cpsat.solve import Ablation, solve_ablated
from solver.domain import Strength
from solver.rules import (
    PLAN_GOAL_IDS,
    REPLAN_GOAL_IDS,
    REPLAN_RULE_IDS,
    HardRuleId,
    SoftGoalId,
)
from tests.helpers import runs, week

CLOSED = {day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
TEMPO_AT_SEVEN = {"runs": [{"type": "tempo", "minutes": 50, "at": "07:00"}]}
KEY_WEEK = {"tue": runs("intervals"), "thu": runs("easy"), "sat": runs("long")}


def broken_rules(request: WeekRequest, ablation: Ablation) -> set[str]:
    """The hard rules the checker finds broken in the ablated model's week (which must exist)."""
    result = solve_ablated(request, ablation)
    assert result.status == "optimal"
    evaluation = evaluate(request, result.plan, result.starts)
    return {violation.rule for violation in evaluation.violations}


def assert_full_model_keeps_the_rules(request: WeekRequest) -> None:
    """The full model's week keeps every hard rule: what the ablated week breaks is the rule's."""
    result = solve(request)
    assert result.status == "optimal"
    assert evaluate(request, result.plan, result.starts).feasible


def test_without_min_sessions_the_week_has_too_few_sessions():
    """Without the min half of session_count, a week where every session costs holds fewer
    than min_sessions."""
    request = week(
        strength={"min_sessions": 2, "target_sessions": 2}, weights={"target_sessions": 0}
    )
    assert_full_model_keeps_the_rules(request)
    ablation = Ablation(bounds=frozenset({SessionBound.MIN}))
    assert broken_rules(request, ablation) == {HardRuleId.SESSION_COUNT}
    assert solve_ablated(request, ablation).session_count < 2


def test_without_max_sessions_the_week_has_too_many_sessions():
    """Without the max half of session_count, a target above max_sessions (which validation
    refuses, so built here by hand) gets more than max_sessions."""
    strength = Strength.model_construct(min_sessions=1, max_sessions=1, target_sessions=3)
    request = week(KEY_WEEK).model_copy(update={"strength": strength})
    assert_full_model_keeps_the_rules(request)
    ablation = Ablation(bounds=frozenset({SessionBound.MAX}))
    assert broken_rules(request, ablation) == {HardRuleId.SESSION_COUNT}
    assert solve_ablated(request, ablation).session_count == 3


# hard rule -> a week whose optimum, without the rule, breaks it (and keeps every other rule).
RULE_WEEKS = {
    HardRuleId.ONE_SESSION_PER_DAY: week(
        {**CLOSED, "tue": runs("intervals"), "wed": {}}, strength={"min_sessions": 2}
    ),
    HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN: week(
        {**CLOSED, "fri": runs("easy"), "sat": {**runs("long"), "available": False}}
    ),
    HardRuleId.HEAVY_LEGS_48H_APART: week(
        {**CLOSED, "tue": {}, "wed": {}}, strength={"min_sessions": 2, "max_sessions": 2}
    ),
    HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY: week(
        {**CLOSED, "sun": {"runs": [{"type": "long", "minutes": 150}]}},
        weights={"heavy_legs_on_long_run_day": 0},
    ),
    HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN: week(
        {
            **CLOSED,
            "sat": {"runs": [{"type": "long", "minutes": 150}], "available": False},
            "sun": {},
        },
        weights={"no_heavy_legs_after_long_run": 0},
    ),
    HardRuleId.NO_PLYOMETRICS_AFTER_HARD_RUN: week(
        {
            **CLOSED,
            "wed": {
                "runs": [{"type": "tempo", "minutes": 45}],
                "gym": False,
                "available_minutes": 65,
            },
        }
    ),
    HardRuleId.NO_LEGS_BEFORE_RACE: week(
        {**CLOSED, "thu": {}, "sat": {**runs("race"), "available": False}}
    ),
    HardRuleId.NO_HEAVY_LEGS_AFTER_RACE: week(
        {
            **CLOSED,
            "mon": {
                "runs": [{"type": "race", "minutes": 100, "distance": "half"}],
                "available": False,
            },
            "wed": {},
        }
    ),
    HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY: week(
        {**CLOSED, "tue": runs("easy", "intervals"), "wed": {}}, strength={"max_sessions": 1}
    ),
    HardRuleId.NO_STRENGTH_ON_RACE_DAY: week(
        {"sat": runs("race"), "wed": runs("easy")},
        strength={"max_sessions": 1},
        weights={"strength_on_hard_days": 50},
    ),
    HardRuleId.FITS_AVAILABILITY: week({**CLOSED, "thu": {}}),
    HardRuleId.MASTERS_EXTRA_RECOVERY_DAY: week(
        {**CLOSED, "wed": {}, "fri": {**runs("tempo"), "available": False}},
        athlete={"age": 56},
    ),
    HardRuleId.AVOIDED_EXERCISES: week(
        {**CLOSED, "wed": {**runs("easy"), "gym": False, "available_minutes": 65}},
        athlete={"avoid": ["jumps"]},
    ),
    HardRuleId.MAX_STRENGTH_MINUTES: week(
        KEY_WEEK, strength={"target_sessions": 3}, athlete={"max_strength_minutes": 60}
    ),
    HardRuleId.STRENGTH_AFTER_RUN: week(
        {
            **CLOSED,
            "wed": {
                "runs": [{"type": "easy", "minutes": 30, "at": "18:00"}],
                "windows": [["06:00", "21:00"]],
            },
        }
    ),
    HardRuleId.HEAVY_LEGS_3H_FROM_HARD_RUN: week(
        {**CLOSED, "wed": {**TEMPO_AT_SEVEN, "windows": [["06:00", "12:00"]]}},
        weights={"heavy_legs_6h_from_hard_run": 0},
    ),
}


@pytest.mark.parametrize("rule", list(RULE_WEEKS))
def test_without_the_rule_the_week_breaks_it(rule):
    """Without the rule, the optimal week breaks that rule and no other; with it, none."""
    request = RULE_WEEKS[rule]
    assert_full_model_keeps_the_rules(request)
    assert broken_rules(request, Ablation(rules=frozenset({rule}))) == {rule}


def test_every_hard_rule_has_an_ablation_week():
    """No hard rule goes without an ablation test (session_count has one per half; the replan
    rules' are replans, in tests/solver/test_replan.py)."""
    assert set(RULE_WEEKS) | {HardRuleId.SESSION_COUNT} == set(HardRuleId) - set(REPLAN_RULE_IDS)


def test_session_count_without_both_halves_breaks_on_either_side():
    """Leaving out the whole rule drops both halves: the min week then has too few sessions."""
    request = week(
        strength={"min_sessions": 2, "target_sessions": 2}, weights={"target_sessions": 0}
    )
    assert broken_rules(request, Ablation(rules=frozenset({HardRuleId.SESSION_COUNT}))) == {
        HardRuleId.SESSION_COUNT
    }


# soft goal -> a week where the goal, at its default weight, keeps the optimum from missing it.
GOAL_WEEKS = {
    SoftGoalId.TARGET_SESSIONS: week(KEY_WEEK, strength={"target_sessions": 3}),
    SoftGoalId.KEEP_RECOVERY_DAYS_EASY: week(
        {"mon": runs("recovery"), "tue": runs("easy"), "wed": {"available": False}},
        strength={"max_sessions": 1},
    ),
    SoftGoalId.STRENGTH_ON_HARD_DAYS: week(KEY_WEEK),
    SoftGoalId.STRENGTH_ON_EASY_DAYS: week(
        {"mon": runs("intervals"), "wed": runs("tempo")},
        weights={"strength_on_hard_days": 0, "keep_recovery_days_easy": 0},
    ),
    SoftGoalId.HEAVY_LEGS_48H_BEFORE_KEY_RUN: week(
        {**CLOSED, "mon": {}, "thu": runs("easy"), "sat": {**runs("long"), "available": False}},
        strength={"min_sessions": 2, "max_sessions": 2},
    ),
    SoftGoalId.NO_HEAVY_LEGS_AFTER_LONG_RUN: week(
        {"mon": runs("long"), "tue": runs("easy")},
        strength={"max_sessions": 1},
        weights={"strength_on_hard_days": 0, "keep_recovery_days_easy": 0},
    ),
    SoftGoalId.HEAVY_LEGS_ON_LONG_RUN_DAY: week(
        {"sat": runs("long", minutes=90), "wed": runs("easy")}, strength={"max_sessions": 1}
    ),
    SoftGoalId.SPREAD_SESSIONS: week(
        {**CLOSED, "mon": runs("easy"), "tue": runs("easy"), "thu": {}},
        strength={"target_sessions": 2},
        weights={"keep_recovery_days_easy": 1},
    ),
    SoftGoalId.LOWER_BODY_IN_WEEK: week(
        {**CLOSED, "wed": {"available_minutes": 20, "gym": False}}, strength={"max_sessions": 1}
    ),
    SoftGoalId.PHASE_FIT: week(KEY_WEEK, athlete={"phase": "race_week"}),
    SoftGoalId.LEVEL_FIT: week(KEY_WEEK, athlete={"level": "beginner"}),
    SoftGoalId.VARIETY: week(
        {**CLOSED, "mon": {}, "thu": {}}, strength={"min_sessions": 2, "max_sessions": 2}
    ),
    SoftGoalId.FULL_SESSION_WHEN_TIME_ALLOWS: week(
        {**CLOSED, "wed": {}}, strength={"max_sessions": 1}
    ),
    SoftGoalId.HEAVY_LEGS_6H_FROM_HARD_RUN: week(
        {**CLOSED, "wed": {**TEMPO_AT_SEVEN, "windows": [["06:00", "21:00"]]}}
    ),
}


def goal_count(request: WeekRequest, result: WeekResult, goal: SoftGoalId) -> int:
    """How often the checker finds the solved week missing the goal."""
    evaluation = evaluate(request, result.plan, result.starts)
    return {p.goal: p.count for p in evaluation.penalties}.get(goal, 0)


@pytest.mark.parametrize("goal", list(GOAL_WEEKS))
def test_without_the_goal_the_week_misses_it_and_costs_more(goal):
    """Without the goal, the optimal week misses it and costs more on the full objective than
    the full model's week."""
    request = GOAL_WEEKS[goal]
    solved = solve(request)
    full = evaluate(request, solved.plan, solved.starts)
    ablated_week = solve_ablated(request, Ablation(goals=frozenset({goal})))
    ablated = evaluate(request, ablated_week.plan, ablated_week.starts)
    assert ablated.feasible
    assert goal_count(request, ablated_week, goal) > 0
    assert full.objective < ablated.objective


def test_every_soft_goal_has_an_ablation_week():
    """No soft goal goes without an ablation test (the plan goals' are plans, in
    tests/solver/plan/test_ablation.py; stability's is a replan, in test_soft_goals.py)."""
    assert set(GOAL_WEEKS) == set(SoftGoalId) - set(PLAN_GOAL_IDS) - set(REPLAN_GOAL_IDS)
