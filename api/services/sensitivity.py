"""How far each soft goal's weight can move before the optimal week changes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from api.services.errors import NoWeek
from solver import SoftGoalId, WeekRequest
from solver.budget import SolveBudget
from solver.compare import with_weights
from solver.domain import GoalWeights
from solver.sensitivity import Sensitivity, sensitivity


class SensitivityBody(BaseModel):
    """A week, and optionally weights to lay over its own."""

    model_config = ConfigDict(extra="forbid")

    request: WeekRequest = Field(description="The week, as posted to /v1/weeks/solve.")
    weights: GoalWeights | None = Field(
        default=None, description="Weights by goal id laid over the request's own (optional)."
    )
    goals: list[SoftGoalId] | None = Field(
        default=None,
        min_length=1,
        description="The goals whose ranges to map (default: every goal). Each costs a few "
        "solves: a week over the solving budget can be mapped a few goals at a time.",
    )


def weight_sensitivity(body: SensitivityBody, budget: SolveBudget | None = None) -> Sensitivity:
    """Each goal's range of weight that keeps the week; NoWeek when no week exists, OverBudget
    when mapping them takes more solving than `budget` (default: SolveBudget()) allows."""
    report = sensitivity(
        with_weights(body.request, body.weights or {}),
        goals=body.goals,
        budget=budget or SolveBudget(),
    )
    if report.status == "infeasible":
        raise NoWeek(report.conflicts, report.suggestions)
    return report
