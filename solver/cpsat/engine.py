"""The CP-SAT model class and solver settings every solve in trainweek uses."""

from __future__ import annotations

from importlib.metadata import version

from ortools.sat.python import cp_model, cp_model_helper

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

    def copy(self) -> Model:
        """A model of the same variables and constraints, for the caller to add to."""
        model = Model()
        model.proto.copy_from(self.proto)
        model.rebuild_constant_map()
        return model

    def minimize(self, obj: cp_model.ObjLinearExprT) -> None:
        """Minimise `obj`, an integer expression, writing the objective's variables in one go.

        CpModel appends them to the model one call at a time: for a week's fifty or so, about
        a tenth of a millisecond more than a single `extend`.
        """
        if not isinstance(obj, cp_model.LinearExpr) or not obj.is_integer():
            super().minimize(obj)
            return
        flat = cp_model_helper.FlatIntExpr(obj)
        self.clear_objective()
        objective = self.proto.objective
        objective.vars.extend([var.index for var in flat.vars])
        objective.coeffs.extend(flat.coeffs)
        objective.offset = flat.offset
        objective.scaling_factor = 1.0


def new_solver(time_limit_s: float, seed: int = SEED, *, timed: bool = False) -> cp_model.CpSolver:
    """A deterministic CP-SAT solver: one worker, a fixed seed.

    Presolve, symmetry detection, probing, the LP relaxation and the SAT inprocessing between
    restarts are off: a week is a few dozen booleans, which plain search proves optimal faster
    than those can help it (inprocessing alone cost the library's weeks about a third more
    CP-SAT time; benchmarks/bench_solve.py compares). The objective is
    a weighted sum of misses over booleans, a small weighted MaxSAT: core-based search (raise
    the bound by each set of misses that cannot all be avoided) proves it in about a third less
    time than branching on the objective, with the cores left unminimised and no cover search,
    which cost more than they save at this size (see benchmarks/bench_solve.py). The
    brute-force referee test checks every answer is still the true optimum.

    A week with times (`timed`) has start and interval variables: there the LP relaxation of
    its intervals (linearization level 1) pays, about a fifth less CP-SAT time over the
    library given times than without it and branching on the objective
    (benchmarks/bench_times.py).
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.cp_model_presolve = False
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.linearization_level = 1 if timed else 0
    solver.parameters.use_sat_inprocessing = False
    solver.parameters.optimize_with_core = True
    solver.parameters.core_minimization_level = 0
    solver.parameters.cover_optimization = False
    return solver


def new_plan_solver(time_limit_s: float, seed: int = SEED) -> cp_model.CpSolver:
    """The week's solver with the full LP relaxation and presolve on: for a plan of many weeks.

    A plan couples its weeks through counts (targets, routine, progression) whose LP relaxation
    gives the core-based search its bounds: with it an 18-week plan is proven optimal about
    twenty times faster than without (benchmarks/bench_plan.py).
    """
    solver = new_solver(time_limit_s, seed)
    solver.parameters.linearization_level = 2
    # Inprocessing stays on: without it the Higdon plan took the same time, and a plan has no
    # tie-break, so the search settings decide which of its equally good weeks it answers.
    solver.parameters.use_sat_inprocessing = True
    # Presolve pays off at a plan's size (hundreds of days x ten sessions): with the coach's
    # catalogue it took a 52-week plan from about 1.55 s to 1.0 s, 18 weeks unchanged
    # (side by side in one run; benchmarks/bench_plan.py).
    solver.parameters.cp_model_presolve = True
    return solver
