"""Build one CP-SAT model over the whole plan, solve it, and answer a `PlanResult`."""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections.abc import Sequence

from ortools.sat.python import cp_model

from solver.catalogue import Session
from solver.checker import Starts, check_horizon, horizon_goal_details, horizon_starts
from solver.cpsat.constraints import Constraints
from solver.cpsat.engine import ORTOOLS_VERSION, SEED, WORKERS, Model, new_plan_solver
from solver.cpsat.explain import explain_horizon, first_feasible_placement
from solver.cpsat.objective import Objective
from solver.cpsat.solve import Ablation
from solver.cpsat.variables import Variables
from solver.days import DAYS
from solver.horizon import Horizon
from solver.plan.checker import plan_conflict
from solver.plan.domain import PlanRequest
from solver.plan.horizon import PlanHorizon, plan_horizon
from solver.plan.result import PlanDay, PlanResult, PlanWeekSummary
from solver.result import Penalty, PlacedSession, SolverFacts
from solver.rules import SoftGoalId

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def solve_plan(request: PlanRequest, *, seed: int = SEED) -> PlanResult:
    """Place strength across the whole plan: the optimal plan, or why none exists."""
    return _solve(plan_horizon(request), seed, Ablation())


def solve_plan_ablated(request: PlanRequest, ablation: Ablation) -> PlanResult:
    """Solve with the parts `ablation` names left out of the model: for the ablation tests."""
    return _solve(plan_horizon(request), SEED, ablation)


def _solve(plan: PlanHorizon, seed: int, ablation: Ablation) -> PlanResult:
    started = time.perf_counter()
    horizon = plan.horizon
    model = Model()
    variables = Variables.create(
        model, [horizon.day_key(d) for d in range(len(horizon.days))], horizon
    )
    Constraints(
        model, horizon, variables, without=ablation.rules, without_bounds=ablation.bounds
    ).add_constraints()
    objective = Objective(model, horizon, variables, without=ablation.goals)
    objective.add_objective()

    solver = new_plan_solver(plan.time_limit_s, seed)
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        placed = _placed(
            [[solver.boolean_value(var) for var in day] for day in variables.placed], variables
        )
        # Each session on a day with times at its best start, as a week's (solver/times.py).
        details = horizon_goal_details(horizon, placed)
        penalties = [
            _penalty(
                horizon,
                goal,
                len(details[goal]) if variables.is_timed else int(solver.value(count)),
                details[goal],
            )
            for goal, count in objective.counts.items()
        ]
        return _result(
            plan,
            placed,
            [p for p in penalties if p.count],
            "optimal" if status == cp_model.OPTIMAL else "feasible",
            math.ceil(solver.best_objective_bound - 1e-6),
            _facts(started, seed),
        )
    if status == cp_model.INFEASIBLE:
        return _infeasible(plan, started, seed)
    # The time limit ran out before the first plan: find any plan without the objective and
    # score it with the checker.
    first = first_feasible_placement(horizon)
    if first is None:
        return _infeasible(plan, started, seed)
    placed = _placed(first, variables)
    _, penalties = check_horizon(horizon, placed)
    return _result(plan, placed, penalties, "feasible", 0, _facts(started, seed))


def _placed(chosen: list[list[bool]], variables: Variables) -> list[list[Session]]:
    return [[s for s, on in zip(variables.sessions, day, strict=True) if on] for day in chosen]


def _penalty(horizon: Horizon, goal: SoftGoalId, count: int, details: list[str]) -> Penalty:
    weight = horizon.weight(goal)
    return Penalty(goal=goal, weight=weight, count=count, cost=weight * count, details=details)


def _result(
    plan: PlanHorizon,
    placed: Sequence[Sequence[Session]],
    penalties: list[Penalty],
    status: str,
    best_bound: int,
    facts: SolverFacts,
    starts: Starts | None = None,
) -> PlanResult:
    return PlanResult(
        status=status,
        objective=sum(p.cost for p in penalties),
        best_bound=best_bound,
        days=plan_days(plan.horizon, placed, starts),
        weeks=week_summaries(plan, placed, penalties),
        penalties=penalties,
        solver=facts,
    )


def plan_days(
    horizon: Horizon, placed: Sequence[Sequence[Session]], starts: Starts | None = None
) -> list[PlanDay]:
    """Every day of the plan with its runs as posted and its strength, each session at its
    start on a day with times (given, else its best start)."""
    starts = horizon_starts(horizon, placed, starts)
    return [
        PlanDay(
            date=horizon.date(d),
            weekday=DAYS[d % 7],
            runs=day.runs,
            strength=[
                PlacedSession.place(
                    session, day.runs, horizon.week_of_day(d).request, starts[d][place]
                )
                for place, session in enumerate(placed[d])
            ],
        )
        for d, day in enumerate(horizon.days)
    ]


def week_summaries(
    plan: PlanHorizon, placed: Sequence[Sequence[Session]], penalties: list[Penalty]
) -> list[PlanWeekSummary]:
    """Each week's phase, step, counts, and the penalties whose first date falls in it."""
    horizon = plan.horizon
    start = horizon.date(0)
    by_week: list[list[Penalty]] = [[] for _ in horizon.weeks]
    for penalty in penalties:
        details_by_week: dict[int, list[str]] = {}
        for detail in penalty.details:
            date = _first_date(detail)
            if date is not None:
                details_by_week.setdefault((date - start).days // 7, []).append(detail)
        for week_index, details in details_by_week.items():
            update = {"count": len(details), "cost": penalty.weight * len(details)}
            by_week[week_index].append(penalty.model_copy(update={**update, "details": details}))
    summaries = []
    for week in horizon.weeks:
        sessions = [s for d in week.day_indexes for s in placed[d]]
        assert week.phase is not None, "every week of a plan has a phase"
        summaries.append(
            PlanWeekSummary(
                start=horizon.date(week.first_day),
                phase=week.phase,
                progression_step=plan.steps[week.index],
                sessions=len(sessions),
                heavy_sessions=sum(s.heavy_legs for s in sessions),
                penalties=by_week[week.index],
            )
        )
    return summaries


def _first_date(detail: str) -> dt.date | None:
    """The first date a penalty's detail names (each of the plan's details names its day or
    week; one that does not stays in the plan's penalties only)."""
    found = ISO_DATE.search(detail)
    return dt.date.fromisoformat(found.group(0)) if found else None


def _infeasible(plan: PlanHorizon, started: float, seed: int) -> PlanResult:
    horizon = plan.horizon
    explanation = explain_horizon(horizon)
    empty: list[list[Session]] = [[] for _ in horizon.days]
    return PlanResult(
        status="infeasible",
        objective=None,
        best_bound=None,
        days=plan_days(horizon, empty),
        weeks=week_summaries(plan, empty, []),
        penalties=[],
        conflicts=[plan_conflict(horizon, breach) for breach in explanation.conflicts],
        suggestions=explanation.suggestions,
        solver=_facts(started, seed),
    )


def _facts(started: float, seed: int = SEED) -> SolverFacts:
    return SolverFacts(
        wall_time_ms=round((time.perf_counter() - started) * 1000, 3),
        ortools_version=ORTOOLS_VERSION,
        seed=seed,
        workers=WORKERS,
    )
