"""/v1/athletes: a coach's athletes, solving their week, and the history of weeks solved."""

from __future__ import annotations

from flask import Response, url_for
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, Field

from api import metrics
from api.auth import COACH_ONLY, bearer_token
from api.problems import problem_responses
from api.responses import json_response
from api.services import athletes
from api.services.athletes import (
    AthleteIn,
    AthleteList,
    AthleteOut,
    AthleteWeekRequest,
    History,
    SolvedWeekOut,
)
from api.store import database

blueprint = APIBlueprint(
    "athletes",
    __name__,
    url_prefix="/v1/athletes",
    abp_tags=[Tag(name="athletes", description="A coach's athletes and their history.")],
    abp_responses=problem_responses(400, 401, 413, 415),
    abp_security=COACH_ONLY,
)


class AthletePath(BaseModel):
    """Which athlete."""

    athlete_id: int = Field(description="The athlete's id.")


class SolvedWeekPath(AthletePath):
    """Which week of the athlete's history."""

    solved_id: int = Field(description="The solved week's id.")


@blueprint.post("", responses={201: AthleteOut}, operation_id="create_athlete")
def create(body: AthleteIn) -> Response:
    """Add an athlete, with the week they usually train."""
    athlete = athletes.create_athlete(database(), bearer_token(), body)
    location = url_for("athletes.get", athlete_id=athlete.id)
    return json_response(athlete, 201, headers={"Location": location})


@blueprint.get("", responses={200: AthleteList}, operation_id="list_athletes")
def list_all() -> Response:
    """Your athletes, by name."""
    return json_response(athletes.list_athletes(database(), bearer_token()))


@blueprint.get(
    "/<int:athlete_id>",
    responses={200: AthleteOut, **problem_responses(404)},
    operation_id="get_athlete",
)
def get(path: AthletePath) -> Response:
    """One of your athletes."""
    return json_response(athletes.get_athlete(database(), bearer_token(), path.athlete_id))


@blueprint.put(
    "/<int:athlete_id>",
    responses={200: AthleteOut, **problem_responses(404)},
    operation_id="replace_athlete",
)
def replace(path: AthletePath, body: AthleteIn) -> Response:
    """Replace one of your athletes: every field as sent. Their history stays."""
    athlete = athletes.replace_athlete(database(), bearer_token(), path.athlete_id, body)
    return json_response(athlete)


@blueprint.delete(
    "/<int:athlete_id>",
    responses={204: None, **problem_responses(404)},
    operation_id="delete_athlete",
)
def delete(path: AthletePath) -> Response:
    """Delete one of your athletes and their history."""
    athletes.delete_athlete(database(), bearer_token(), path.athlete_id)
    return Response(status=204)


@blueprint.post(
    "/<int:athlete_id>/solve",
    responses={201: SolvedWeekOut, **problem_responses(404, 422)},
    operation_id="solve_athlete_week",
)
def solve(path: AthletePath, body: AthleteWeekRequest) -> Response:
    """Solve the athlete's week and keep it in their history, with the request and weights.

    With no body, the default week is solved as it is. A week no placement can keep every hard
    rule for is 422 with the conflicting rules, and nothing is kept.
    """
    solved = athletes.solve_for_athlete(database(), bearer_token(), path.athlete_id, body)
    metrics.solved(solved.result.status)
    location = url_for("athletes.get_solved", athlete_id=path.athlete_id, solved_id=solved.id)
    return json_response(solved, 201, headers={"Location": location})


@blueprint.get(
    "/<int:athlete_id>/history",
    responses={200: History, **problem_responses(404)},
    operation_id="athlete_history",
)
def history(path: AthletePath) -> Response:
    """The weeks solved for one of your athletes, newest first."""
    return json_response(athletes.athlete_history(database(), bearer_token(), path.athlete_id))


@blueprint.get(
    "/<int:athlete_id>/history/<int:solved_id>",
    responses={200: SolvedWeekOut, **problem_responses(404)},
    operation_id="get_solved_week",
)
def get_solved(path: SolvedWeekPath) -> Response:
    """One week of an athlete's history."""
    solved = athletes.get_solved_week(database(), bearer_token(), path.athlete_id, path.solved_id)
    return json_response(solved)
