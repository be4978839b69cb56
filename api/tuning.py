"""Coach tuning: the page at GET /, and POST /v1/weeks/compare and /v1/weeks/sensitivity."""

from __future__ import annotations

from typing import Annotated

from flask import Blueprint, Response, render_template
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from api.problems import problem, problem_responses
from api.weeks import INFEASIBLE
from solver import SOFT_GOALS, WeekRequest
from solver.compare import Comparison, compare, with_weights
from solver.domain import MAX_WEIGHT
from solver.result import Conflict
from solver.sensitivity import Sensitivity, sensitivity

JSON = "application/json"
PROFILES_NOT_WIRED = "urn:trainweek:problem:profiles-not-available"

page = Blueprint("tuning_page", __name__)

blueprint = APIBlueprint(
    "tuning",
    __name__,
    url_prefix="/v1/weeks",
    abp_tags=[Tag(name="tuning", description="Compare weights and see how far each can move.")],
    abp_responses=problem_responses(400, 413, 415, 422),
)

Weights = dict[str, Annotated[int, Field(ge=0, le=MAX_WEIGHT)]]


def _known_goals(weights: Weights, where: str) -> Weights:
    unknown = sorted(set(weights) - set(SOFT_GOALS))
    if unknown:
        raise ValueError(
            f"{where}: unknown goal id(s) {', '.join(unknown)}; known: {', '.join(SOFT_GOALS)}"
        )
    return weights


class CompareBody(BaseModel):
    """A week and two sets of weights (or two saved profiles) to solve it under."""

    model_config = ConfigDict(extra="forbid")

    request: WeekRequest = Field(description="The week, as posted to /v1/weeks/solve.")
    weights: list[Weights] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Two sets of weights by goal id; each is laid over the request's own "
        "weights, and goals in neither keep their default.",
    )
    profiles: list[int | str] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Two saved profile ids, instead of weights (not available yet on this "
        "server: answers 501).",
    )

    @field_validator("weights")
    @classmethod
    def _known_goal_ids(cls, weights: list[Weights] | None) -> list[Weights] | None:
        for index, one in enumerate(weights or []):
            _known_goals(one, f"weights[{index}]")
        return weights

    @model_validator(mode="after")
    def _weights_or_profiles(self) -> CompareBody:
        if (self.weights is None) == (self.profiles is None):
            raise ValueError("send either weights (two sets) or profiles (two ids), not both")
        return self


class SensitivityBody(BaseModel):
    """A week, and optionally weights to lay over its own."""

    model_config = ConfigDict(extra="forbid")

    request: WeekRequest = Field(description="The week, as posted to /v1/weeks/solve.")
    weights: Weights | None = Field(
        default=None, description="Weights by goal id laid over the request's own (optional)."
    )

    @field_validator("weights")
    @classmethod
    def _known_goal_ids(cls, weights: Weights | None) -> Weights | None:
        return _known_goals(weights, "weights") if weights is not None else None


@page.get("/")
def tuning_page() -> str:
    """The tuning page: edit a week, move the weights, watch the optimal week change."""
    return render_template("tuning.html")


@blueprint.post("/compare", responses={200: Comparison, **problem_responses(501)})
def compare_weeks(body: CompareBody) -> Response:
    """Solve one week under two sets of weights: both weeks, what moved, and each goal's cost.

    Each set of weights is laid over the request's own. When no week keeps every hard rule,
    weights cannot help: the answer is 422 with the conflicting rules, as for /solve.
    """
    if body.weights is None:
        # Saved profiles live in the coach store (another branch); wire them in here.
        return problem(
            501,
            "comparing saved profiles is not available on this server yet; send 'weights' "
            "(two sets) instead",
            title="Profiles not available",
            type=PROFILES_NOT_WIRED,
        )
    comparison = compare(body.request, body.weights[0], body.weights[1])
    first = comparison.plans[0]
    if first.status == "infeasible":
        return _infeasible(first.conflicts, first.suggestions)
    return Response(comparison.model_dump_json(), mimetype=JSON)


@blueprint.post("/sensitivity", responses={200: Sensitivity})
def week_sensitivity(body: SensitivityBody) -> Response:
    """For each soft goal, the range of its weight that keeps the optimal week.

    The other weights stay fixed. Each range comes with the week just outside it (null where
    the range reaches 0 or the top of the scale), so a coach sees what a bigger move would do.
    """
    request = with_weights(body.request, body.weights or {})
    report = sensitivity(request)
    if report.status == "infeasible":
        return _infeasible(report.conflicts, report.suggestions)
    return Response(report.model_dump_json(), mimetype=JSON)


def _infeasible(conflicts: list[Conflict], suggestions: list[str]) -> Response:
    """The same 422 /v1/weeks/solve answers when no week keeps every hard rule."""
    return problem(
        422,
        "no week keeps every hard rule; see conflicts, and suggestions for what to relax",
        title="No week keeps every hard rule",
        type=INFEASIBLE,
        conflicts=[conflict.model_dump(mode="json") for conflict in conflicts],
        suggestions=suggestions,
    )
