"""Build the model for a week, solve it, and turn CP-SAT's answer into a `WeekResult`."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.catalogue import session_by_id
from solver.checker import check_horizon, horizon_goal_details, horizon_starts, parse_plan
from solver.cpsat.constraints import Constraints, SessionBound
from solver.cpsat.engine import ORTOOLS_VERSION, SEED, WORKERS, Model, new_solver
from solver.cpsat.explain import explain, first_feasible_week
from solver.cpsat.objective import Objective
from solver.cpsat.variables import Variables
from solver.domain import DAYS, WeekRequest
from solver.horizon import Horizon, Replanning
from solver.recent import Recent
from solver.result import DayPlan, Penalty, PlacedSession, Plan, SolverFacts, WeekResult
from solver.rules import SOFT_GOAL_IDS, HardRuleId, SoftGoalId, tie_break_scale


@dataclass(frozen=True)
class Ablation:
    """Parts of the model to leave out: hard rules, halves of `session_count`, soft goals.

    Only the ablation tests (tests/solver/test_ablation.py) leave anything out, to show that
    each rule and goal is what keeps the optimal week from breaking or missing it.
    """

    rules: frozenset[HardRuleId] = frozenset()
    bounds: frozenset[SessionBound] = frozenset()
    goals: frozenset[SoftGoalId] = frozenset()


def solve(
    request: WeekRequest, *, seed: int = SEED, replanning: Replanning | None = None
) -> WeekResult:
    """Place the week's strength sessions: the optimal week, or why none exists.

    `seed` is CP-SAT's random seed; only the benchmark changes it, to show that the week does
    not depend on it (ties are broken by the objective, not by the search). `replanning`
    re-solves a week the runner already holds (`solver/replan.py`): its past pinned, the
    stability goal counting each changed day.
    """
    return _solve(request, seed, Ablation(), replanning)


def solve_ablated(
    request: WeekRequest, ablation: Ablation, replanning: Replanning | None = None
) -> WeekResult:
    """Solve with the parts `ablation` names left out of the model: for the ablation tests.

    The week may break the rules left out; its penalties leave out the goals left out. An
    infeasible week is still explained, and a timed-out one still found, with every rule.
    """
    return _solve(request, SEED, ablation, replanning)


@dataclass(frozen=True)
class WeekModel:
    """A week's model before its objective: the variables, the hard rules, and every soft
    goal's count of misses. None of it depends on the weights, so weeks that differ only in
    their weights (a coach moving a slider, sensitivity, learning) share one: each solve
    copies the model and adds its own objective."""

    model: Model
    variables: Variables
    objective: Objective

    @classmethod
    def build(cls, request: WeekRequest) -> WeekModel:
        model = Model()
        horizon = Horizon.of_week(request)
        variables = Variables.create(model, DAYS, horizon)
        Constraints(model, horizon, variables).add_constraints()
        objective = Objective(model, horizon, variables)
        objective.count_goals()
        return cls(model, variables, objective)


class WeekModels:
    """The week models built lately, by request bar its weights and time limit; the least
    recently used leaves first. Shared by every thread: a week model is only read once built."""

    def __init__(self, size: int) -> None:
        self._models: Recent[str, WeekModel] = Recent(size)

    def of(self, request: WeekRequest) -> WeekModel:
        """The request's week model, built when it is not kept."""
        key = request.model_dump_json(exclude=WEIGHTLESS)
        kept = self._models.get(key)
        if kept is not None:
            return kept
        built = WeekModel.build(request)
        self._models.put(key, built)
        return built

    def clear(self) -> None:
        """Forget every week model: the next solve of each week builds it (the benchmarks time
        a new week so)."""
        self._models.clear()

    def __len__(self) -> int:
        return len(self._models)


WEIGHTLESS = {"weights", "time_limit_s"}
"""The request's fields its week model does not depend on."""
WEEK_MODELS = WeekModels(64)
"""A week model of a few dozen variables and constraints takes some tens of kB."""


def _solve(
    request: WeekRequest, seed: int, ablation: Ablation, replanning: Replanning | None = None
) -> WeekResult:
    started = time.perf_counter()
    horizon = Horizon.of_week(request, replanning)
    weights = {goal: request.weight(goal) for goal in SOFT_GOAL_IDS}
    if replanning is None and ablation == Ablation():
        week = WEEK_MODELS.of(request)
        model, variables, objective = week.model.copy(), week.variables, week.objective
        objective.minimize_in(model, weights)
    else:
        model = Model()
        variables = Variables.create(model, DAYS, horizon)
        Constraints(
            model, horizon, variables, without=ablation.rules, without_bounds=ablation.bounds
        ).add_constraints()
        objective = Objective(model, horizon, variables, without=ablation.goals)
        objective.add_objective()

    solver = new_solver(request.time_limit_s, seed, timed=variables.is_timed)
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        placed = [[solver.boolean_value(var) for var in day] for day in variables.placed]
        plan = _plan(placed, variables)
        # On days with times each session starts at its best start (the earliest of the least
        # cost, solver/times.py): what the model's own start costs at the optimum, made one
        # answer. The checker counts the timed goals at those starts.
        sessions = parse_plan(plan)
        starts = horizon_starts(horizon, sessions, ignoring=ablation.rules | ablation.goals)
        details = horizon_goal_details(horizon, sessions, starts)
        penalties = [
            _penalty(
                request,
                goal,
                len(details[goal]) if variables.is_timed else int(solver.value(count)),
                details[goal],
            )
            for goal, count in objective.counts.items()
            if weights[goal] > 0
        ]
        return WeekResult(
            status="optimal" if status == cp_model.OPTIMAL else "feasible",
            objective=sum(p.cost for p in penalties),
            best_bound=int(solver.best_objective_bound) // tie_break_scale(len(variables.sessions)),
            days=_days(request, plan, dict(zip(DAYS, starts, strict=True))),
            penalties=[p for p in penalties if p.count],
            solver=_facts(started, seed),
            week_of=request.week_of,
        )
    if status == cp_model.INFEASIBLE:
        return _infeasible(request, started, replanning)
    # The time limit ran out before the first week: find any week without the objective (a
    # feasibility search on this model takes a millisecond) and score it with the checker.
    first = first_feasible_week(request, replanning)
    if first is None:
        return _infeasible(request, started, replanning)
    plan = _plan(first, variables)
    sessions = parse_plan(plan)
    starts = horizon_starts(horizon, sessions)
    _, penalties = check_horizon(horizon, sessions, starts)
    return WeekResult(
        status="feasible",
        objective=sum(p.cost for p in penalties),
        best_bound=0,
        # Each session on a day with times at its best start, as the checker scored it.
        days=_days(request, plan, dict(zip(DAYS, starts, strict=True))),
        penalties=penalties,
        solver=_facts(started, seed),
        week_of=request.week_of,
    )


def _plan(placed: list[list[bool]], variables: Variables) -> Plan:
    return {
        day: [s.id for s, chosen in zip(variables.sessions, placed[d], strict=True) if chosen]
        for d, day in enumerate(DAYS)
    }


def _penalty(request: WeekRequest, goal: SoftGoalId, count: int, details: list[str]) -> Penalty:
    weight = request.weight(goal)
    return Penalty(goal=goal, weight=weight, count=count, cost=weight * count, details=details)


def _infeasible(
    request: WeekRequest, started: float, replanning: Replanning | None = None
) -> WeekResult:
    explanation = explain(request, replanning)
    return WeekResult(
        status="infeasible",
        objective=None,
        best_bound=None,
        days=_days(request, {}),
        penalties=[],
        conflicts=explanation.conflicts,
        suggestions=explanation.suggestions,
        solver=_facts(started),
        week_of=request.week_of,
    )


def _days(
    request: WeekRequest, plan: Plan, starts: dict[str, list[int | None]] | None = None
) -> dict[str, DayPlan]:
    by_id = session_by_id()
    starts = starts or {}
    return {
        day: DayPlan(
            runs=request.day(day).runs,
            strength=[
                PlacedSession.place(
                    by_id[session_id],
                    request.day(day).runs,
                    request,
                    (starts.get(day) or [None] * (place + 1))[place],
                )
                for place, session_id in enumerate(plan.get(day, []))
            ],
        )
        for day in DAYS
    }


def _facts(started: float, seed: int = SEED) -> SolverFacts:
    return SolverFacts(
        wall_time_ms=round((time.perf_counter() - started) * 1000, 3),
        ortools_version=ORTOOLS_VERSION,
        seed=seed,
        workers=WORKERS,
    )
