"""trainweek's solver: a runner's week, its rules, the CP-SAT model and an independent checker.

Never imports Flask. The public entry points are re-exported here.
"""

from solver.catalogue import Session, catalogue
from solver.checker import PlanError, evaluate
from solver.cpsat.engine import SEED
from solver.cpsat.solve import solve
from solver.domain import DAYS, WeekRequest
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
    "Session",
    "SoftGoalId",
    "WeekRequest",
    "WeekResult",
    "catalogue",
    "evaluate",
    "solve",
]
