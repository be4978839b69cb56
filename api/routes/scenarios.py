"""GET /v1/scenarios, GET /v1/scenarios/<name>, POST /v1/scenarios/<name>/solve: the library.

The app's `SCENARIO_DIR` setting points at a library folder of one's own; by default the
library that ships with trainweek.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Response, current_app
from flask_openapi3 import APIBlueprint, Tag
from flask_openapi3.models import MediaType, Schema
from pydantic import BaseModel, Field

from api import metrics, problems
from api.ical import CalendarQuery, week_calendar
from api.problems import problem_responses
from api.responses import CALENDAR, JSON, calendar_response, json_response, wanted_type
from api.services.calendars import WeekCalendar, one_off_week, scenario_owner
from api.services.scenarios import (
    ScenarioList,
    ScenarioSolved,
    SolveScenarioBody,
    get_scenario,
    list_library,
    solve_scenario,
)
from api.store import week_cache
from solver.scenario import Scenario

blueprint = APIBlueprint(
    "scenarios",
    __name__,
    url_prefix="/v1/scenarios",
    abp_tags=[Tag(name="scenarios", description="Real and hard weeks, and weight presets.")],
)


class ScenarioPath(BaseModel):
    """Which scenario."""

    name: str = Field(
        description="The scenario's name, as GET /v1/scenarios lists it.",
        json_schema_extra={"example": "hansons-beginner-10-weeks-out"},
    )


def _folder() -> Path | None:
    folder = current_app.config.get("SCENARIO_DIR")
    return Path(folder) if folder else None


@blueprint.get("", responses={200: ScenarioList}, operation_id="list_scenarios")
def list_scenarios() -> Response:
    """List the scenarios (name, description, source) and the weight presets."""
    return json_response(list_library(_folder()))


@blueprint.get(
    "/<name>", responses={200: Scenario, **problem_responses(404)}, operation_id="get_scenario"
)
def get_one(path: ScenarioPath) -> Response:
    """One scenario: its week request, where it comes from, and what its answer must hold."""
    return json_response(get_scenario(path.name, _folder()))


@blueprint.post(
    "/<name>/solve",
    operation_id="solve_scenario",
    responses={200: ScenarioSolved, **problem_responses(400, 404, 406, 413, 415, 422)},
)
def solve(path: ScenarioPath, query: CalendarQuery, body: SolveScenarioBody) -> Response:
    """Solve a scenario as written, under a preset, or with weights of your own.

    Send `{}` for the scenario as written. Unlike POST /v1/weeks/solve, a scenario built to
    have no week answers 200: the explanation is the answer, checked like any other. With
    `Accept: text/calendar` and a `week_of`, the week comes as an iCalendar file (no week:
    the 422 problem of /v1/weeks/solve).
    """
    wanted = wanted_type(JSON, CALENDAR)
    if wanted is None:
        return problems.not_acceptable(JSON, CALENDAR)
    solved = solve_scenario(
        path.name, body, _folder(), needs_week=wanted == CALENDAR, cache=week_cache()
    )
    metrics.solved(solved.result.status, cached=solved.result.solver.cached)
    week_of = solved.week_of
    if wanted == CALENDAR and week_of is not None:
        owner = scenario_owner(path.name, query.calendar)
        week = one_off_week(solved.result, week_of, owner, dt.datetime.now(dt.UTC))
        calendar = WeekCalendar(name=f"{path.name}: week of {week_of.isoformat()}", weeks=[week])
        return calendar_response(week_calendar(calendar), f"{path.name}-{week_of}.ics")
    return json_response(solved, headers={"Vary": "Accept"})


# The same URL answers an iCalendar file on request: say so in the OpenAPI document too.
blueprint.paths["/v1/scenarios/{name}/solve"].post.responses["200"].content[CALENDAR] = MediaType(
    schema=Schema(type="string", description="The week as an iCalendar (.ics) file.")
)
