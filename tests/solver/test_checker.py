"""The checker names each broken hard rule and counts each missed soft goal, by id."""

from __future__ import annotations

import pytest

from solver import PlanError, evaluate
from tests.helpers import runs, week

HANSONS_DAYS = {
    "mon": runs("easy"),
    "tue": runs("intervals"),
    "thu": runs("tempo"),
    "fri": runs("easy"),
    "sat": runs("easy"),
    "sun": runs("long"),
}

BROKEN = [
    ("session_count", {}, {}, []),
    ("session_count", {}, {d: ["mobility_core"] for d in ("mon", "wed", "fri", "sun")}, None),
    ("one_session_per_day", {}, {"wed": ["mobility_core", "upper_body_core"]}, ["wed"]),
    ("no_heavy_legs_before_key_run", HANSONS_DAYS, {"mon": ["lower_body_core"]}, ["mon", "tue"]),
    (
        "heavy_legs_48h_apart",
        {},
        {"tue": ["plyometrics"], "wed": ["strength_control"]},
        ["tue", "wed"],
    ),
    ("no_strength_on_race_day", {"sat": runs("race")}, {"sat": ["mobility_core"]}, ["sat"]),
    ("fits_availability", {"wed": {"available": False}}, {"wed": ["mobility_core"]}, ["wed"]),
    ("fits_availability", {"wed": {"gym": False}}, {"wed": ["lower_body_core"]}, ["wed"]),
    (
        "fits_availability",
        {"wed": {**runs("easy", minutes=50), "available_minutes": 60}},
        {"wed": ["upper_body_core"]},
        ["wed"],
    ),
]


@pytest.mark.parametrize(("rule", "days", "plan", "where"), BROKEN)
def test_checker_reports_each_broken_hard_rule(rule, days, plan, where):
    """A plan breaking one rule is infeasible with that rule named on the right days."""
    result = evaluate(week(days), plan)
    assert not result.feasible
    assert {v.rule for v in result.violations} == {rule}
    if where is not None:
        assert result.violations[0].days == where


def test_checker_reports_home_athlete_at_a_gym_session():
    """A gym session for a home athlete breaks fits_availability."""
    result = evaluate(week(athlete={"equipment": "home"}), {"wed": ["lower_body_core"]})
    assert [v.rule for v in result.violations] == ["fits_availability"]


def test_checker_keeps_a_plan_that_breaks_nothing():
    """A sensible Hansons week keeps every hard rule."""
    plan = {"thu": ["lower_body_core"], "sun": ["lower_body_core"]}
    assert evaluate(week(HANSONS_DAYS), plan).feasible


MISSED = [
    ("target_sessions", {}, {"wed": ["mobility_core"]}, {}, 1),
    ("keep_recovery_days_easy", {"wed": runs("recovery")}, {"wed": ["bodyweight_circuit"]}, {}, 1),
    ("keep_recovery_days_easy", {"wed": runs("recovery")}, {"wed": ["lower_body_core"]}, {}, 2),
    ("keep_recovery_days_easy", {}, {"wed": ["mobility_core"]}, {}, 1),
    (
        "heavy_legs_on_long_run_day",
        {"sat": runs("long", minutes=90)},
        {"sat": ["plyometrics"]},
        {},
        3,
    ),
    ("strength_on_hard_days", HANSONS_DAYS, {"fri": ["lower_body_core"]}, {}, 1),
    ("strength_on_easy_days", HANSONS_DAYS, {"thu": ["lower_body_core"]}, {}, 1),
    ("heavy_legs_48h_before_key_run", HANSONS_DAYS, {"fri": ["lower_body_core"]}, {}, 1),
    ("no_heavy_legs_after_long_run", {"sat": runs("long")}, {"sun": ["plyometrics"]}, {}, 1),
    ("spread_sessions", {}, {"mon": ["mobility_core"], "tue": ["mobility_core"]}, {}, 1),
    ("lower_body_in_week", {}, {"mon": ["mobility_core"]}, {}, 1),
    ("lower_body_in_week", {}, {"mon": ["bodyweight_circuit"]}, {"level": "advanced"}, 1),
    ("phase_fit", {}, {"mon": ["bodyweight_circuit"]}, {"phase": "race_week"}, 1),
    ("phase_fit", {}, {"mon": ["plyometrics"]}, {"phase": "taper"}, 1),
    (
        "phase_fit",
        {},
        {"mon": ["plyometrics"], "wed": ["lower_body_core"], "fri": ["strength_control"]},
        {"phase": "peak"},
        2,
    ),
    ("level_fit", {}, {"mon": ["plyometrics"]}, {"level": "beginner"}, 1),
]


@pytest.mark.parametrize(("goal", "days", "plan", "athlete", "count"), MISSED)
def test_checker_counts_each_missed_soft_goal(goal, days, plan, athlete, count):
    """A plan missing a goal shows that goal with its count, weight and cost."""
    result = evaluate(week(days, athlete=athlete), plan)
    penalties = {p.goal: p for p in result.penalties}
    assert penalties[goal].count == count
    assert penalties[goal].cost == count * penalties[goal].weight
    assert len(penalties[goal].details) == count
    assert result.objective == sum(p.cost for p in result.penalties)


@pytest.mark.parametrize(("goal", "days", "plan", "athlete", "count"), MISSED)
def test_checker_leaves_out_goals_switched_off(goal, days, plan, athlete, count):
    """A goal with weight 0 costs nothing and is not listed."""
    result = evaluate(week(days, athlete=athlete, weights={goal: 0}), plan)
    assert goal not in {p.goal for p in result.penalties}


@pytest.mark.parametrize(
    ("athlete", "session"),
    [({"level": "beginner"}, "bodyweight_circuit"), ({"level": "advanced"}, "plyometrics")],
)
def test_leg_work_that_fits_the_level_keeps_lower_body_in_week(athlete, session):
    """Light leg work is enough for a beginner; heavy work is what others need."""
    result = evaluate(week(athlete=athlete), {"mon": [session]})
    assert "lower_body_in_week" not in {p.goal for p in result.penalties}


def test_checker_names_an_unknown_session():
    """An unknown session id is a PlanError naming the id and where it stands."""
    with pytest.raises(PlanError, match=r"plan.tue\[0\]: unknown session 'squats'"):
        evaluate(week(), {"tue": ["squats"]})


def test_checker_names_an_unknown_day():
    """An unknown day is a PlanError naming it."""
    with pytest.raises(PlanError, match="unknown day"):
        evaluate(week(), {"funday": ["mobility_core"]})
