"""Infeasible weeks are explained by a minimal set of conflicting rules, with relaxations."""

from __future__ import annotations

import pytest

from solver import solve
from solver.cpsat.explain import explain, feasible_under, first_feasible_week
from tests.helpers import runs, week
from tests.solver.random_weeks import random_week

CLOSED = {day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}

INFEASIBLE = {
    "three sessions, two open days": (
        week({**CLOSED, "tue": {}, "thu": {}}, strength={"min_sessions": 3}),
        {"session_count", "one_session_per_day", "fits_availability"},
    ),
    "only the race day is free": (
        week({**CLOSED, "sat": {**runs("race"), "available": True}}),
        {"session_count", "no_strength_on_race_day", "fits_availability"},
    ),
    "no time after the runs": (
        week({day: {**runs("easy", minutes=60), "available_minutes": 70} for day in CLOSED}),
        {"session_count", "fits_availability"},
    ),
}


@pytest.mark.parametrize("name", list(INFEASIBLE))
def test_infeasible_week_names_the_conflicting_rules(name):
    """The explanation names exactly the rules that make the week impossible, with days."""
    request, rules = INFEASIBLE[name]
    result = solve(request)
    assert result.status == "infeasible"
    assert {c.rule for c in result.conflicts} == rules
    assert all(c.message for c in result.conflicts)
    assert result.suggestions


@pytest.mark.parametrize("first_seed", range(0, 120, 40))
def test_explanation_is_minimal(first_seed):
    """The named guards cannot all hold, and dropping any one rule's guards makes them feasible."""
    explained = 0
    for seed in range(first_seed, first_seed + 40):
        request = random_week(seed)
        explanation = explain(request)
        assert (first_feasible_week(request) is None) == bool(explanation.guards), f"seed {seed}"
        if not explanation.guards:  # a week exists: nothing to explain
            continue
        explained += 1
        assert explanation.conflicts, f"seed {seed}"
        assert not feasible_under(request, explanation.guards), f"seed {seed}"
        for rule in {g.rule for g in explanation.guards}:
            others = [g for g in explanation.guards if g.rule != rule]
            assert feasible_under(request, others), f"seed {seed} without {rule}"
    assert explained >= 5, "each chunk explains several impossible weeks"


def test_suggestion_asks_for_as_many_sessions_as_fit():
    """With two open days and three sessions asked, the suggestion is to ask for two."""
    request, _ = INFEASIBLE["three sessions, two open days"]
    assert "ask for 2 session(s): set min_sessions to 2" in solve(request).suggestions


def test_suggestion_frees_the_minutes_the_shortest_session_needs():
    """Ten minutes left on a day suggests freeing five more for the 15-minute session."""
    request, _ = INFEASIBLE["no time after the runs"]
    assert "free 5 more min on Mon (available_minutes 75)" in solve(request).suggestions


def test_suggestion_opens_an_unavailable_day():
    """A week with every day closed suggests allowing strength on a day."""
    result = solve(week(CLOSED))
    assert "allow strength on Mon" in result.suggestions


def test_conflict_days_name_where_the_trouble_is():
    """The race-day conflict names Saturday."""
    request, _ = INFEASIBLE["only the race day is free"]
    conflicts = {c.rule: c for c in solve(request).conflicts}
    assert conflicts["no_strength_on_race_day"].days == ["sat"]
    assert "Sat is race day" in conflicts["no_strength_on_race_day"].message


def test_feasible_week_has_an_empty_explanation(hansons_week):
    """A week that can be solved has nothing to explain."""
    assert explain(hansons_week).conflicts == []


def test_a_double_run_day_as_the_only_open_day_is_explained_with_allow_doubles():
    """The only open day holds two runs: the conflict names the rule and suggests allow_doubles."""
    closed = {day: {"available": False} for day in ("mon", "tue", "wed", "fri", "sat", "sun")}
    double = {"runs": [{"type": "easy", "minutes": 40}, {"type": "easy", "minutes": 30}]}
    result = solve(week({**closed, "thu": double}))
    assert result.status == "infeasible"
    assert "no_strength_on_double_run_day" in {c.rule for c in result.conflicts}
    assert any("allow_doubles" in suggestion for suggestion in result.suggestions)
