"""The CP-SAT model class and solver settings every solve in trainweek uses."""

from __future__ import annotations

from importlib.metadata import version

from ortools.sat.python import cp_model

SEED = 7
WORKERS = 1
ORTOOLS_VERSION = version("ortools")


class Model(cp_model.CpModel):
    """A CpModel without the camelCase aliases, which it builds anew for every model.

    Those aliases cost about a millisecond per model (a third of a whole solve of a week) and
    trainweek uses the snake_case API only.
    """

    def _add_pre_pep8_methods(self) -> None:
        pass


def new_solver(time_limit_s: float, seed: int = SEED) -> cp_model.CpSolver:
    """A deterministic CP-SAT solver: one worker, a fixed seed.

    Presolve is off: a week is a few dozen booleans, which the search proves optimal faster
    than presolve can shrink them (see benchmarks/bench_solve.py).
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.cp_model_presolve = False
    return solver
