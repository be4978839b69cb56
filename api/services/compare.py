"""Solve one week under two sets of weights, or two of a coach's saved profiles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.services.errors import NoWeek
from api.services.profiles import saved_weights
from api.storage import Database
from solver import SoftGoalId, WeekRequest
from solver.budget import OverBudget, SolveBudget
from solver.compare import Comparison, compare
from solver.domain import GoalWeights

# The week under each set of weights: always two solves.
COMPARE_SOLVES = 2


class CompareBody(BaseModel):
    """A week and two sets of weights (or two saved profiles) to solve it under."""

    # Exactly one of weights and profiles, said in the schema too.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [
                {"required": ["weights"], "properties": {"weights": {"type": "array"}}},
                {"required": ["profiles"], "properties": {"profiles": {"type": "array"}}},
            ]
        },
    )

    request: WeekRequest = Field(description="The week, as posted to /v1/weeks/solve.")
    weights: list[GoalWeights] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Two sets of weights by goal id; each is laid over the request's own "
        "weights, and goals in neither keep their default.",
    )
    profiles: list[Annotated[int, Field(strict=True)]] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Two of your saved profile ids, instead of weights (send your bearer "
        "token); each profile's weights are laid over the request's own.",
    )

    @model_validator(mode="after")
    def _weights_or_profiles(self) -> CompareBody:
        if (self.weights is None) == (self.profiles is None):
            raise ValueError("send either weights (two sets) or profiles (two ids), not both")
        return self


def compare_weeks(
    db: Database, body: CompareBody, token: str | None = None, budget: SolveBudget | None = None
) -> Comparison:
    """Both optimal weeks, what moved, and each goal's cost; NoWeek when no week exists.

    OverBudget, before solving, when two solves of up to `time_limit_s` each could take more
    than `budget` (default: SolveBudget()) allows.
    """
    refuse_over_budget(body.request, budget or SolveBudget())
    first: Mapping[SoftGoalId, int]
    second: Mapping[SoftGoalId, int]
    if body.profiles is not None:
        first, second = (saved_weights(db, token, profile) for profile in body.profiles)
    else:
        assert body.weights is not None  # the model asks for one or the other
        first, second = body.weights
    comparison = compare(body.request, first, second)
    first_week = comparison.plans[0]
    if first_week.status == "infeasible":
        raise NoWeek(first_week.conflicts, first_week.suggestions)
    return comparison


def refuse_over_budget(request: WeekRequest, budget: SolveBudget) -> None:
    """OverBudget when comparing could cost more than the budget: two solves, each up to the
    week's time limit."""
    if budget.max_solves < COMPARE_SOLVES:
        raise OverBudget(
            f"comparing two sets of weights takes {COMPARE_SOLVES} solves, more than the "
            f"{budget.max_solves} a request may use",
            budget,
        )
    worst_s = COMPARE_SOLVES * request.time_limit_s
    if worst_s > budget.max_seconds:
        raise OverBudget(
            f"comparing takes {COMPARE_SOLVES} solves of up to time_limit_s="
            f"{request.time_limit_s:g} s each: {worst_s:g} s, more than the "
            f"{budget.max_seconds:g} s of solving a request may use; send time_limit_s of at "
            f"most {budget.max_seconds / COMPARE_SOLVES:g}",
            budget,
        )
