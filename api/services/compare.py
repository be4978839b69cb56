"""Solve one week under two sets of weights, or two of a coach's saved profiles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.services.errors import NoWeek
from api.services.profiles import saved_weights
from api.storage import Database
from solver import SoftGoalId, WeekRequest
from solver.compare import Comparison, compare
from solver.domain import GoalWeights


class CompareBody(BaseModel):
    """A week and two sets of weights (or two saved profiles) to solve it under."""

    model_config = ConfigDict(extra="forbid")

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


def compare_weeks(db: Database, body: CompareBody, token: str | None = None) -> Comparison:
    """Both optimal weeks, what moved, and each goal's cost; NoWeek when no week exists."""
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
