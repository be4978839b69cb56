"""The model's optimum is the true optimum, and the checker agrees with it, on random weeks."""

from __future__ import annotations

import pytest

from solver import DAYS, catalogue, evaluate, solve
from solver.brute_force import brute_force_optimum
from solver.library import load_library
from solver.rules import tie_break
from tests.solver.random_weeks import random_week

SCENARIOS, PRESETS = load_library()
WEEKS = 500
CHUNK = 50


@pytest.mark.parametrize("first_seed", range(0, WEEKS, CHUNK))
def test_model_matches_enumerator_and_checker_on_random_weeks(first_seed):
    """On 500 seeded weeks the model finds the enumerator's optimum and the checker agrees."""
    statuses = set()
    for seed in range(first_seed, first_seed + CHUNK):
        request = random_week(seed)
        result = solve(request)
        truth = brute_force_optimum(request)
        statuses.add(result.status)
        if truth.plan is None:
            assert result.status == "infeasible", f"seed {seed}: model found {result.plan}"
            continue
        assert result.status == "optimal", f"seed {seed}"
        assert (result.objective, tie_break(result.plan)) == (truth.objective, truth.tie_break), (
            f"seed {seed}: model {result.plan} vs enumerator {truth.plan}"
        )
        assert result.plan == truth.plan, f"seed {seed}: the tie-break leaves one optimal week"
        assert result.best_bound == result.objective
        scored = evaluate(request, result.plan)
        assert scored.feasible, f"seed {seed}: {scored.violations}"
        assert scored.objective == result.objective
        assert [(p.goal, p.count, p.cost) for p in scored.penalties] == [
            (p.goal, p.count, p.cost) for p in result.penalties
        ], f"seed {seed}"
    assert statuses == {"optimal", "infeasible"}, "each chunk exercises both outcomes"


def test_tie_break_reads_the_week_from_sunday_back():
    """An empty later day beats a session there, and an earlier catalogue session a later one."""
    first, second = (session.id for session in catalogue()[:2])
    assert tie_break({"mon": [second]}) < tie_break({"tue": [first]})
    assert tie_break({"sat": [first]}) < tie_break({"sat": [second]})
    assert tie_break({"sun": [first]}) > tie_break({day: [second] for day in DAYS[:-1]})
    assert tie_break({}) == 0


def test_random_weeks_exercise_races_long_runs_doubles_and_relaxations():
    """The referee's weeks carry every new request field, so the enumerator checks them too."""
    requests = [random_week(seed) for seed in range(WEEKS)]
    runs = [run for request in requests for day in request.week for run in day.runs]
    assert any(run.distance is not None for run in runs)
    assert any(day.has_very_long_run for request in requests for day in request.week)
    assert any(day.allow_doubles for request in requests for day in request.week)
    assert any(request.relax for request in requests)
    assert any(request.previous_race for request in requests)
    athletes = [request.athlete for request in requests]
    assert any(athlete.is_masters for athlete in athletes)
    assert any(athlete.avoid for athlete in athletes)
    assert any(athlete.max_strength_minutes is not None for athlete in athletes)
    assert any(athlete.new_to_lifting for athlete in athletes)
    assert any(athlete.equipment == "home_weights" for athlete in athletes)
    assert any(request.strength.min_sessions == 0 for request in requests)


TIMED_WEEKS = 150


@pytest.mark.parametrize("first_seed", range(0, TIMED_WEEKS, CHUNK))
def test_model_matches_enumerator_and_checker_on_random_timed_weeks(first_seed):
    """On 150 seeded weeks with times (runs at a time or in a slot, windows) the model finds the
    enumerator's optimum, whose checker gives each session its best start on the 15-minute
    grid; the model's own bound (its intervals and timed rules) is that optimum too."""
    statuses = set()
    for seed in range(first_seed, first_seed + CHUNK):
        request = random_week(seed, timed=True)
        result = solve(request)
        truth = brute_force_optimum(request)
        statuses.add(result.status)
        if truth.plan is None:
            assert result.status == "infeasible", f"seed {seed}: model found {result.plan}"
            continue
        assert result.status == "optimal", f"seed {seed}"
        assert (result.objective, result.plan) == (truth.objective, truth.plan), f"seed {seed}"
        assert result.best_bound == result.objective, f"seed {seed}: the model's own cost"
        scored = evaluate(request, result.plan, result.starts)
        assert scored.feasible, f"seed {seed}: {scored.violations}"
        assert scored.objective == result.objective
    assert statuses == {"optimal", "infeasible"}, "each chunk exercises both outcomes"
    assert any(day.is_timed for day in request.week)


TIMED_SCENARIOS = sorted(
    name for name, scenario in SCENARIOS.items() if any(d.is_timed for d in scenario.request.week)
)


@pytest.mark.parametrize("preset", ["default", "strength-on-easy-days"])
@pytest.mark.parametrize("name", TIMED_SCENARIOS)
def test_timed_library_weeks_are_the_enumerators_optimum(name, preset):
    """Each library week with times, under two presets with different optima: the model's week
    is the exhaustive enumerator's (whose checker gives each session its best start), and the
    checker scores the model's week at the model's starts the same."""
    request = PRESETS[preset].apply(SCENARIOS[name].request)
    result = solve(request)
    truth = brute_force_optimum(request)
    assert truth.plan is not None
    assert result.status == "optimal"
    assert (result.objective, result.plan) == (truth.objective, truth.plan)
    assert all(s.at for plan in result.days.values() for s in plan.strength)
    scored = evaluate(request, result.plan, result.starts)
    assert scored.feasible, scored.violations
    assert scored.objective == result.objective


def test_the_library_has_timed_weeks():
    """The scenario library holds weeks with times, so the proof above covers some."""
    assert len(TIMED_SCENARIOS) >= 3
