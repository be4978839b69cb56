"""Time build + solve of a typical week through the library: median of many runs, one worker.

Side by side in one run, interleaved so machine noise hits all alike:
- trainweek, new week: `solver.solve` as the API calls it (build, solve, result with penalty
  details), the week new to it (no week model kept from the solve before);
- trainweek, other weights: the same week under weights it was not solved with before (three
  goals' weights stepping through 0..10, as a coach moves sliders), its week model kept
  (`solver/cpsat/solve.py`, `WeekModels`): only the objective is new;
- cpsat-defaults: the same model solved with CP-SAT's default settings (presolve on, the stock
  CpModel), to show what the engine settings in `solver/cpsat/engine.py` buy;
- brute force: the exhaustive enumerator over every placement (the tests' referee).

Usage: .venv/bin/python benchmarks/bench_solve.py [--runs N] [--scenario PATH]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from ortools.sat.python import cp_model

from solver import DAYS, SoftGoalId, WeekRequest, solve
from solver.brute_force import brute_force_optimum
from solver.cpsat.constraints import Constraints
from solver.cpsat.engine import SEED
from solver.cpsat.objective import Objective
from solver.cpsat.solve import WEEK_MODELS
from solver.cpsat.variables import Variables
from solver.horizon import Horizon
from solver.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json"


def solve_with_cpsat_defaults(request: WeekRequest) -> None:
    """Build the same model in a stock CpModel and solve it with default settings, 1 worker."""
    model = cp_model.CpModel()
    horizon = Horizon.of_week(request)
    variables = Variables.create(model, DAYS, horizon)
    Constraints(model, horizon, variables).add_constraints()
    Objective(model, horizon, variables).add_objective()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    if solver.solve(model) != cp_model.OPTIMAL:
        raise RuntimeError("the typical week should solve to optimality")


def other_weights(request: WeekRequest) -> list[WeekRequest]:
    """The week under 1330 settings of three goals' weights, each 0..10."""
    goals = (SoftGoalId.SPREAD_SESSIONS, SoftGoalId.VARIETY, SoftGoalId.STRENGTH_ON_HARD_DAYS)
    settings = ((i // 121 % 11, i // 11 % 11, i % 11) for i in range(1, 1331))
    return [
        request.model_copy(
            update={"weights": {**request.weights, **dict(zip(goals, weights, strict=True))}}
        )
        for weights in settings
    ]


def time_ms(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500, help="timed runs per contender")
    parser.add_argument("--scenario", type=Path, default=TYPICAL, help="week to time")
    args = parser.parse_args()
    request = Scenario.load(args.scenario).request

    reweighted = itertools.cycle(other_weights(request))
    contenders: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "new week": (WEEK_MODELS.clear, lambda: solve(request)),
        "other weights": (lambda: None, lambda: solve(next(reweighted))),
        "cpsat-defaults": (lambda: None, lambda: solve_with_cpsat_defaults(request)),
    }
    for _, function in contenders.values():  # warm up imports and caches
        for _ in range(20):
            function()
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.runs):
        for name, (forget, function) in contenders.items():
            forget()
            samples[name].append(time_ms(function))
    brute = [time_ms(lambda: brute_force_optimum(request)) for _ in range(3)]

    base = statistics.median(samples["new week"])
    print(f"week: {args.scenario.name}, {args.runs} runs each, 1 worker")
    print(f"{'contender':<18}{'median ms':>11}{'p90 ms':>9}{'ratio':>8}")
    rows = [*samples.items(), ("brute force", brute)]
    for name, times in rows:
        median = statistics.median(times)
        p90 = sorted(times)[int(len(times) * 0.9)]
        print(f"{name:<18}{median:>11.3f}{p90:>9.3f}{median / base:>8.1f}x")


if __name__ == "__main__":
    main()
