"""/v1/plans: solve a whole training plan as one model."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from api import metrics
from api.auth import COACH_OPTIONAL, optional_bearer_token
from api.problems import problem_responses
from api.responses import json_response
from api.services.plans import ProfiledPlanRequest, solve_training_plan
from api.settings import solve_budget
from api.store import database
from solver import PlanResult

blueprint = APIBlueprint(
    "plans",
    __name__,
    url_prefix="/v1/plans",
    abp_tags=[Tag(name="plans", description="Place strength across a whole training plan.")],
    abp_responses=problem_responses(400, 413, 415),
)


@blueprint.post(
    "/solve",
    operation_id="solve_plan",
    responses={200: PlanResult, **problem_responses(401, 404, 422)},
    security=COACH_OPTIONAL,
    description="One model over every day of the plan: each rule holds across week boundaries, "
    "each week follows its phase (derived from the goal race unless named), and the routine and "
    "progression goals run from week to week. A plan that keeps every hard rule is 200; when "
    "none can, a 422 problem lists the conflicting rules with their dates (`conflicts`) and what "
    "to relax (`suggestions`). `preset` weighs the plan by a shipped preset, `profile` by one of "
    "your weight profiles (send your bearer token), the request's `weights` on top.",
)
def solve(body: ProfiledPlanRequest) -> Response:
    """Place strength across the plan: the optimal plan, or why none exists."""
    result = solve_training_plan(database(), body, optional_bearer_token(), solve_budget())
    metrics.solved(result.status)
    return json_response(result)
