"""How far each soft goal's weight can move before the optimal week changes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from api.services.errors import NoWeek
from solver import WeekRequest
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


def weight_sensitivity(body: SensitivityBody) -> Sensitivity:
    """Each goal's range of weight that keeps the week; NoWeek when no week exists."""
    report = sensitivity(with_weights(body.request, body.weights or {}))
    if report.status == "infeasible":
        raise NoWeek(report.conflicts, report.suggestions)
    return report
