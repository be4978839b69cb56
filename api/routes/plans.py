"""/v1/plans: solve a whole training plan as one model, from any plan file format."""

from __future__ import annotations

from flask import Response, request
from flask_openapi3 import APIBlueprint, Tag
from flask_openapi3.models import MediaType, RequestBody, Schema
from pydantic import Field

from api import metrics, problems
from api.auth import COACH_OPTIONAL, optional_bearer_token
from api.parameters import Parameters
from api.plan_files import YAML, MapType, PlanFileOptions, body_format, document_file_body
from api.problems import problem_responses
from api.responses import CALENDAR, HTML, JSON, json_response, plan_response, wanted_type
from api.services.busy import DateWindows, DateWindowsQuery, busy_dates
from api.services.fields import PresetName, TimeZoneName
from api.services.plan_import import PlanOverrides, solve_plan_file
from api.services.plans import ProfiledPlanRequest
from api.settings import solve_budget
from api.store import database
from solver import PlanResult
from solver.domain import Equipment, Level

blueprint = APIBlueprint(
    "plans",
    __name__,
    url_prefix="/v1/plans",
    abp_tags=[Tag(name="plans", description="Place strength across a whole training plan.")],
    abp_responses=problem_responses(400, 413, 415),
)


class PlanFileQuery(PlanFileOptions):
    """What the plan file does not say, or what to lay over it."""

    level: Level | None = Field(default=None, description="Overrides athlete.level.")
    equipment: Equipment | None = Field(default=None, description="Overrides athlete.equipment.")
    preset: PresetName | None = Field(
        default=None, description="A weight preset's name (see GET /v1/scenarios)."
    )
    profile: int | None = Field(
        default=None,
        description="Id of one of your weight profiles (needs your bearer token).",
    )
    timezone: TimeZoneName | None = Field(
        default=None,
        description="The runner's IANA time zone, e.g. Europe/Paris: a calendar's timed events "
        "start (their runs' `at`) at their local time there, and the plan as `text/calendar` "
        "writes its timed events in it (TZID). Left out: each event's own zone, and floating "
        "times in the answer.",
    )


class PlanFileBody(ProfiledPlanRequest):
    """A plan as trainweek's plan JSON; runs may be given by `title` alone (classified)."""

    map: dict[str, MapType] | None = Field(
        default=None,
        description="PATTERN: TYPE; a run title containing PATTERN is TYPE (as the query's map).",
    )


@blueprint.post(
    "/solve",
    operation_id="solve_plan",
    responses={200: PlanResult, **problem_responses(401, 404, 406, 422)},
    security=COACH_OPTIONAL,
    description="One model over every day of the plan: each rule holds across week boundaries, "
    "each week follows its phase (derived from the goal race unless named), and the routine and "
    "progression goals run from week to week. The body is a plan file: trainweek's plan JSON "
    "or a calendar-hack plan as `application/json` (told apart by its content: a calendar-hack "
    "plan has a `schedule`), an iCalendar export as `text/calendar`, or a calendar-hack plan "
    "as `application/yaml`; at most 2 MiB. `Accept` picks the answer: JSON (the default), "
    "`text/calendar` (the plan as iCalendar: the posted calendar's events kept as they were, "
    "one event per strength session with a UID stable across re-solves) or `text/html` (a "
    "printable overview). Events the importer could not classify are left out and listed in "
    "`unclassified`; `map` classifies them. A plan that keeps every hard rule is 200; when none "
    "can, a 422 problem lists the conflicting rules with their dates (`conflicts`) and what to "
    "relax (`suggestions`). A file that cannot be a plan is a 400 naming what and where. "
    "`preset` weighs the plan by a shipped preset, `profile` by one of your weight profiles "
    "(send your bearer token), the plan's `weights` on top.",
)
def solve(query: PlanFileQuery) -> Response:
    """Place strength across the plan: the optimal plan, or why none exists."""
    wanted = wanted_type(JSON, CALENDAR, HTML)
    if wanted is None:
        return problems.not_acceptable(JSON, CALENDAR, HTML)
    format = body_format()
    if format is None:
        return problems.unsupported_media_type(JSON, CALENDAR, YAML)
    solved = solve_plan_file(
        database(),
        request.get_data(),
        format=format,
        race_date=query.race_date,
        mapping=query.map,
        overrides=PlanOverrides(
            level=query.level,
            equipment=query.equipment,
            preset=query.preset,
            profile=query.profile,
        ),
        token=optional_bearer_token(),
        budget=solve_budget(),
        timezone=query.timezone,
    )
    metrics.solved(solved.result.status)
    return plan_response(solved.result, solved.source_ics, wanted, query.timezone)


class DateWindowsQueryParameters(Parameters, DateWindowsQuery):
    """The query of POST /v1/plans/windows, its schema built once (api/parameters.py)."""


@blueprint.post(
    "/windows",
    operation_id="busy_plan_windows",
    responses={200: DateWindows},
    description="As POST /v1/weeks/windows, for a plan's dates: send the runner's other "
    "commitments as an iCalendar file (`text/calendar`, at most 2 MiB) and get each date from "
    "`start` to `end` (included) with its free windows in `timezone`'s local time, inside "
    "`day`, each of at least `min_minutes`. An `end` before `start`, a range past "
    "104 weeks, a `day` that ends before it starts or a file that is not a calendar is a 400.",
)
def windows(query: DateWindowsQueryParameters) -> Response:
    """The free windows of each date of a plan, from a calendar of busy time."""
    if request.mimetype != CALENDAR:
        return problems.unsupported_media_type(CALENDAR)
    free = busy_dates(
        request.get_data(),
        query.start,
        query.end,
        timezone=query.timezone,
        day=query.day,
        min_minutes=query.min_minutes,
    )
    return json_response(free)


def _document_bodies() -> None:
    """The route reads its body itself (any of three formats): say which in the document, with
    an example of the calendar and YAML bodies that runs (the JSON one is api/contract.py's),
    and the answer's three media types."""
    content, schemas = document_file_body(PlanFileBody)
    operation = blueprint.paths["/v1/plans/solve"].post
    operation.requestBody = RequestBody(content=content, required=True)
    blueprint.components_schemas.update(schemas)
    answers = operation.responses["200"].content
    answers[CALENDAR] = MediaType(
        schema=Schema(type="string", description="The plan as an iCalendar (.ics) file.")
    )
    answers[HTML] = MediaType(
        schema=Schema(type="string", description="The plan as a printable HTML overview.")
    )
    # The busy calendar's route reads its body itself too: its example is api/contract.py's.
    blueprint.paths["/v1/plans/windows"].post.requestBody = RequestBody(
        content={
            CALENDAR: MediaType(
                schema=Schema(type="string", description="An iCalendar (.ics) file of busy time.")
            )
        },
        required=True,
    )


_document_bodies()
