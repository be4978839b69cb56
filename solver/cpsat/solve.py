"""Build the model for a week, solve it, and turn CP-SAT's answer into a `WeekResult`."""

from __future__ import annotations

import time
from importlib.metadata import version

from ortools.sat.python import cp_model

from solver.catalogue import session_by_id
from solver.checker import goal_details
from solver.cpsat.constraints import Constraints
from solver.cpsat.explain import explain
from solver.cpsat.objective import Objective, tie_break_scale
from solver.cpsat.variables import Variables
from solver.domain import DAYS, WeekRequest
from solver.result import DayPlan, Penalty, PlacedSession, Plan, SolverFacts, WeekResult

SEED = 7
WORKERS = 1


class SolveError(RuntimeError):
    """The solver stopped without a week and without proving that none exists."""


def new_solver(time_limit_s: float) -> cp_model.CpSolver:
    """A deterministic CP-SAT solver: one worker, a fixed seed."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = SEED
    solver.parameters.max_time_in_seconds = time_limit_s
    return solver


def solve(request: WeekRequest) -> WeekResult:
    """Place the week's strength sessions: the optimal week, or why none exists."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    variables = Variables.create(model)
    Constraints(model, request, variables).add_constraints()
    objective = Objective(model, request, variables)
    objective.add_objective()

    solver = new_solver(request.time_limit_s)
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        explanation = explain(request)
        return WeekResult(
            status="infeasible",
            objective=None,
            best_bound=None,
            days=_days(request, {}),
            penalties=[],
            conflicts=explanation.conflicts,
            suggestions=explanation.suggestions,
            solver=_facts(started),
        )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise SolveError(
            f"no week found within the time limit of {request.time_limit_s} s "
            f"(solver status {solver.status_name(status)}); allow more time_limit_s"
        )

    plan: Plan = {
        day: [
            session.id
            for var, session in zip(variables.placed[day_index], variables.sessions, strict=True)
            if solver.boolean_value(var)
        ]
        for day_index, day in enumerate(DAYS)
    }
    details = goal_details(request, plan)
    penalties = []
    for goal, count_expr in objective.counts.items():
        count = int(solver.value(count_expr))
        if count:
            weight = request.weight(goal)
            penalties.append(
                Penalty(
                    goal=goal,
                    weight=weight,
                    count=count,
                    cost=weight * count,
                    details=details[goal],
                )
            )
    scale = tie_break_scale(len(variables.sessions))
    return WeekResult(
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        objective=sum(p.cost for p in penalties),
        best_bound=int(solver.best_objective_bound) // scale,
        days=_days(request, plan),
        penalties=penalties,
        solver=_facts(started),
    )


def _days(request: WeekRequest, plan: Plan) -> dict[str, DayPlan]:
    by_id = session_by_id()
    return {
        day: DayPlan(
            runs=request.day(day).runs,
            strength=[
                PlacedSession.place(by_id[session_id], request.day(day).runs)
                for session_id in plan.get(day, [])
            ],
        )
        for day in DAYS
    }


def _facts(started: float) -> SolverFacts:
    return SolverFacts(
        wall_time_ms=round((time.perf_counter() - started) * 1000, 3),
        ortools_version=version("ortools"),
        seed=SEED,
        workers=WORKERS,
    )
