"""Coach tuning: the page at GET /, and POST /v1/weeks/compare and /v1/weeks/sensitivity."""

from __future__ import annotations

from flask import Blueprint, Response, render_template
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.auth import COACH_OPTIONAL
from api.problems import problem, problem_responses
from api.profiles import saved_weights
from api.weeks import INFEASIBLE
from solver import WeekRequest
from solver.compare import Comparison, compare, with_weights
from solver.domain import GoalWeights
from solver.result import Conflict
from solver.sensitivity import Sensitivity, sensitivity

JSON = "application/json"

page = Blueprint("tuning_page", __name__)

blueprint = APIBlueprint(
    "tuning",
    __name__,
    url_prefix="/v1/weeks",
    abp_tags=[Tag(name="tuning", description="Compare weights and see how far each can move.")],
    abp_responses=problem_responses(400, 413, 415, 422),
)


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
    profiles: list[int] | None = Field(
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


class SensitivityBody(BaseModel):
    """A week, and optionally weights to lay over its own."""

    model_config = ConfigDict(extra="forbid")

    request: WeekRequest = Field(description="The week, as posted to /v1/weeks/solve.")
    weights: GoalWeights | None = Field(
        default=None, description="Weights by goal id laid over the request's own (optional)."
    )


@page.get("/")
def tuning_page() -> str:
    """The tuning page: edit a week, move the weights, watch the optimal week change."""
    return render_template("tuning.html")


@blueprint.post(
    "/compare", responses={200: Comparison, **problem_responses(401, 404)}, security=COACH_OPTIONAL
)
def compare_weeks(body: CompareBody) -> Response:
    """Solve one week under two sets of weights: both weeks, what moved, and each goal's cost.

    Each set of weights is laid over the request's own. When no week keeps every hard rule,
    weights cannot help: the answer is 422 with the conflicting rules, as for /solve.
    """
    if body.profiles is not None:
        first_weights, second_weights = (saved_weights(profile) for profile in body.profiles)
    else:
        assert body.weights is not None  # the model asks for one or the other
        first_weights, second_weights = body.weights
    comparison = compare(body.request, first_weights, second_weights)
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
