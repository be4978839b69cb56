"""The solving budget: sensitivity stops at its solves and seconds, refusing early when it can
tell, and the scenario library stays well inside the default budget."""

from __future__ import annotations

import pytest

import solver.sensitivity as sensitivity_module
from solver import SoftGoalId, WeekRequest
from solver.budget import BudgetMeter, OverBudget, SolveBudget
from solver.compare import with_weights
from solver.library import load_library
from solver.result import WeekResult
from solver.sensitivity import sensitivity


def counting_solves(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Count sensitivity's solves: the list gets each solve's time limit."""
    limits: list[float] = []
    real_solve = sensitivity_module.solve

    def solve(request: WeekRequest) -> WeekResult:
        limits.append(request.time_limit_s)
        return real_solve(request)

    monkeypatch.setattr(sensitivity_module, "solve", solve)
    return limits


def test_the_meter_counts_solves_and_cuts_time_limits_to_what_is_left():
    """Each solve is counted; its time limit is the wanted one, or the seconds left if fewer."""
    meter = BudgetMeter(SolveBudget(max_solves=2, max_seconds=1000.0), "send less")
    assert meter.next_time_limit(2.0, "this") == 2.0
    assert 999 < meter.next_time_limit(5000.0, "this") <= 1000
    with pytest.raises(OverBudget, match="this needs more than 2 solves; send less"):
        meter.next_time_limit(2.0, "this")
    assert meter.solves == 2


def test_a_week_over_the_solve_budget_is_refused_before_its_boundaries(hansons_week, monkeypatch):
    """With 5 solves for the Hansons week (it takes 18), only the current week is solved: the
    far ends alone are too many, so the refusal comes before them, saying what to send."""
    limits = counting_solves(monkeypatch)
    with pytest.raises(OverBudget, match="more than 5 solves; send fewer `goals`") as refused:
        sensitivity(hansons_week, budget=SolveBudget(max_solves=5))
    assert len(limits) == 1
    assert refused.value.budget.max_solves == 5


def test_the_solve_budget_is_checked_as_it_goes(hansons_week, monkeypatch):
    """A budget of exactly the solves it takes passes; one fewer stops at the budget."""
    needed = sensitivity(hansons_week).solves
    assert sensitivity(hansons_week, budget=SolveBudget(max_solves=needed)).solves == needed
    limits = counting_solves(monkeypatch)
    with pytest.raises(OverBudget, match=f"more than {needed - 1} solves"):
        sensitivity(hansons_week, budget=SolveBudget(max_solves=needed - 1))
    assert len(limits) == needed - 1


def test_the_seconds_of_the_budget_bound_every_solve(hansons_week, monkeypatch):
    """Each solve's time limit is cut to the seconds left, so the whole never runs past them."""
    limits = counting_solves(monkeypatch)
    sensitivity(hansons_week, budget=SolveBudget(max_seconds=1.5))
    assert limits and all(limit <= 1.5 for limit in limits)
    assert max(limits) < hansons_week.time_limit_s


def test_no_seconds_left_is_refused_saying_so(hansons_week):
    """A budget whose seconds are gone before a solve refuses it, naming the seconds."""
    with pytest.raises(OverBudget, match=r"more than 1e-09 s of solving; send fewer `goals`"):
        sensitivity(hansons_week, budget=SolveBudget(max_seconds=1e-9))


def test_a_solve_the_budget_cut_short_is_refused_not_trusted(hansons_week, monkeypatch):
    """A week found but not proven because the budget cut its time is no ground for a range."""
    real_solve = sensitivity_module.solve

    def unproven(request: WeekRequest) -> WeekResult:
        return real_solve(request).model_copy(update={"status": "feasible"})

    monkeypatch.setattr(sensitivity_module, "solve", unproven)
    with pytest.raises(OverBudget, match="s of solving"):
        sensitivity(hansons_week, budget=SolveBudget(max_seconds=1.0))


def test_asking_for_fewer_goals_gives_their_ranges_for_fewer_solves(hansons_week):
    """Ranges of two goals alone are those of the full report, and cost fewer solves."""
    goals = [SoftGoalId.SPREAD_SESSIONS, SoftGoalId.STRENGTH_ON_EASY_DAYS]
    everything = sensitivity(hansons_week)
    some = sensitivity(hansons_week, goals=set(goals))
    assert some.goals == [g for g in everything.goals if g.goal in goals]
    assert some.solves < everything.solves


@pytest.mark.slow
def test_every_scenario_under_every_preset_is_well_inside_the_default_budget():
    """The library's weeks take at most three quarters of the default budget's solves."""
    scenarios, presets = load_library()
    budget = SolveBudget()
    for name, scenario in scenarios.items():
        for preset in presets.values():
            request = with_weights(scenario.request, preset.weights)
            report = sensitivity(request, budget=budget)
            assert report.solves <= 0.75 * budget.max_solves, (name, preset.name)
