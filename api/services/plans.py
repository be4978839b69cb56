"""Solve a training plan as posted, weighed by a preset and/or a saved profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from api.services.coaches import authenticated
from api.services.errors import InvalidField, NoPlan
from api.services.fields import PresetName
from api.services.scenarios import library
from api.storage import Database
from api.storage import profiles as rows
from solver import PlanRequest, PlanResult, solve_plan
from solver.budget import OverBudget, SolveBudget
from solver.rules import DEFAULT_WEIGHTS, SoftGoalId


class ProfiledPlanRequest(PlanRequest):
    """A plan that may be weighed by a preset and by one of the coach's weight profiles."""

    preset: PresetName | None = Field(
        default=None,
        description="A weight preset's name (see GET /v1/scenarios): its weights apply first.",
    )
    profile: int | None = Field(
        default=None,
        strict=True,
        description="Id of one of your weight profiles (needs your bearer token): its weights "
        "apply after the preset's, this request's `weights` on top.",
    )

    def plan_fields(self) -> dict[str, Any]:
        """The fields set in this request, bar `preset` and `profile`: a plain plan's input."""
        return self.model_dump(exclude={"preset", "profile"}, exclude_unset=True)


def solve_training_plan(
    db: Database | None,
    body: ProfiledPlanRequest,
    token: str | None = None,
    budget: SolveBudget | None = None,
    folder: Path | None = None,
) -> PlanResult:
    """The optimal plan; NoPlan when no plan keeps every hard rule.

    Weights: the defaults, then the preset's, then the profile's (the token's coach's), then the
    request's own. `db` is opened only for a profile (None: no database, as at the CLI).
    OverBudget, before solving, when `time_limit_s` is over the budget's seconds.
    """
    if budget is not None and body.time_limit_s > budget.max_seconds:
        raise OverBudget(
            f"time_limit_s {body.time_limit_s:g} is over this service's solving budget of "
            f"{budget.max_seconds:g} s a request; send time_limit_s <= {budget.max_seconds:g}",
            budget,
        )
    request: PlanRequest = body
    if body.preset is not None or body.profile is not None:
        weights: dict[SoftGoalId, int] = dict(DEFAULT_WEIGHTS)
        if body.preset is not None:
            presets = library(folder)[1]
            if body.preset not in presets:
                raise InvalidField(
                    "preset", f"unknown preset '{body.preset}'; known: {', '.join(presets)}"
                )
            weights = {SoftGoalId(g): w for g, w in presets[body.preset].full_weights.items()}
        if body.profile is not None:
            if db is None:
                raise InvalidField("profile", "profiles need the service's database")
            with db.transaction() as session:
                coach = authenticated(session, token)
                stored = rows.owned_profile(session, coach.id, body.profile).weights
            # A goal dropped from the rule book since the profile was saved means nothing now.
            weights |= {SoftGoalId(g): w for g, w in stored.items() if g in DEFAULT_WEIGHTS}
        weights |= body.weights
        request = PlanRequest.model_validate({**body.plan_fields(), "weights": weights})
    return solved_plan(request)


def solved_plan(request: PlanRequest) -> PlanResult:
    """Solve the plan; NoPlan when no plan keeps every hard rule."""
    result = solve_plan(request)
    if result.status == "infeasible":
        raise NoPlan(result.conflicts, result.suggestions)
    return result
