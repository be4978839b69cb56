"""trainweek's solver: a runner's week or plan, its rules, the CP-SAT model and a checker.

Never imports Flask. The public entry points are re-exported here.
"""

from solver.catalogue import Session, catalogue
from solver.checker import PlanError, evaluate
from solver.cpsat.engine import SEED
from solver.cpsat.solve import solve
from solver.domain import DAYS, WeekRequest
from solver.plan.checker import evaluate_plan
from solver.plan.domain import PlanRequest
from solver.plan.result import PlanEvaluation, PlanResult
from solver.plan.solve import solve_plan
from solver.result import Evaluation, WeekResult
from solver.rules import DEFAULT_WEIGHTS, HARD_RULES, SOFT_GOALS, HardRuleId, SoftGoalId

__all__ = [
    "DAYS",
    "DEFAULT_WEIGHTS",
    "HARD_RULES",
    "SEED",
    "SOFT_GOALS",
    "Evaluation",
    "HardRuleId",
    "PlanError",
    "PlanEvaluation",
    "PlanRequest",
    "PlanResult",
    "Session",
    "SoftGoalId",
    "WeekRequest",
    "WeekResult",
    "catalogue",
    "evaluate",
    "evaluate_plan",
    "solve",
    "solve_plan",
]
