"""/v1/plans: solve a whole training plan as one model, from any plan file format."""

from __future__ import annotations

from typing import Annotated, Literal

from flask import Response, request
from flask_openapi3 import APIBlueprint, Tag
from flask_openapi3.models import MediaType, RequestBody, Schema
from flask_openapi3.utils import parse_body
from pydantic import BaseModel, ConfigDict, Field

from api import metrics, problems
from api.auth import COACH_OPTIONAL, optional_bearer_token
from api.problems import problem_responses
from api.responses import CALENDAR, HTML, JSON, plan_response, wanted_type
from api.services.fields import PresetName
from api.services.plan_import import PlanOverrides, solve_plan_file
from api.services.plans import ProfiledPlanRequest
from api.settings import solve_budget
from api.store import database
from solver import PlanResult
from solver.domain import CalendarDate, Equipment, Level
from solver.importers.calendar_hack import RACE_BY_PLAN_TYPE
from solver.importers.classify import MAPPABLE
from solver.importers.importer import Format
from solver.importers.report import MAX_WEEKS

YAML = "application/yaml"
# The media types a plan file comes in, and which reader each one gets: JSON is told apart by
# its content (a calendar-hack plan has a `schedule`), YAML is a calendar-hack plan.
BODY_FORMATS: dict[str, Format] = {
    JSON: "auto",
    CALENDAR: "ics",
    YAML: "calendar-hack",
    "application/x-yaml": "calendar-hack",
    "text/yaml": "calendar-hack",
}

blueprint = APIBlueprint(
    "plans",
    __name__,
    url_prefix="/v1/plans",
    abp_tags=[Tag(name="plans", description="Place strength across a whole training plan.")],
    abp_responses=problem_responses(400, 413, 415),
)


# What a mapping may say a title means, in the schema too: the parser (solver/importers) splits
# PATTERN=TYPE at the last "=", and the pattern may not be blank.
MAP_PAIR = rf"^.*\S.*=({'|'.join(MAPPABLE)})$"
MapType = Annotated[str, Field(json_schema_extra={"enum": list(MAPPABLE)})]


class PlanFileQuery(BaseModel):
    """What the plan file does not say, or what to lay over it."""

    race_date: CalendarDate | None = Field(
        default=None,
        # The day of the goal race in every request body example (api/contract.py and below).
        json_schema_extra={"example": "2025-03-23"},
        description="The goal race's day, YYYY-MM-DD (a calendar-hack plan needs it: its last "
        "day is race day).",
    )
    level: Level | None = Field(default=None, description="Overrides athlete.level.")
    equipment: Equipment | None = Field(default=None, description="Overrides athlete.equipment.")
    preset: PresetName | None = Field(
        default=None, description="A weight preset's name (see GET /v1/scenarios)."
    )
    profile: int | None = Field(
        default=None,
        description="Id of one of your weight profiles (needs your bearer token).",
    )
    map: list[Annotated[str, Field(pattern=MAP_PAIR)]] = Field(
        default_factory=list,
        description="PATTERN=TYPE, repeatable (`map=Fartlek=intervals`): a title containing "
        "PATTERN is TYPE (a run type, rest or skip), before the classifier's own reading.",
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
    format = BODY_FORMATS.get(request.mimetype)
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
    )
    metrics.solved(solved.result.status)
    return plan_response(solved.result, solved.source_ics, wanted)


Distance = Annotated[float, Field(ge=0)]


class CalendarHackWorkout(BaseModel):
    """One day of a calendar-hack plan."""

    model_config = ConfigDict(extra="allow")

    title: str = Field(description="Free text, with `{9:14}`-style unit placeholders.")
    description: str | None = None
    distance: Distance | tuple[Distance, Distance] | None = Field(
        default=None, description="In the plan's units: a number or [low, high]."
    )


class CalendarHackWeek(BaseModel):
    """Monday to Sunday; only the last week may end early (on race day)."""

    model_config = ConfigDict(extra="allow")

    workouts: list[CalendarHackWorkout] = Field(min_length=1, max_length=7)


class CalendarHackPlan(BaseModel):
    """A calendar-hack plan file (github.com/nanreh/calendar-hack) as YAML; the fields the
    importer reads (others, such as id, name and description, are allowed and ignored)."""

    model_config = ConfigDict(extra="allow")

    units: Literal["mi", "km"]
    type: str | None = Field(
        default=None,
        description="The race the plan is for; one of "
        f"{', '.join(RACE_BY_PLAN_TYPE)} gives the race's distance when its title does not.",
    )
    schedule: list[CalendarHackWeek] = Field(min_length=1, max_length=MAX_WEEKS)


# The JSON body's example is REQUEST_EXAMPLES['solve_plan'] (api/contract.py); the other two:
EXAMPLE_CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//EN\r\n"
    "BEGIN:VEVENT\r\nUID:run-1@example.invalid\r\nDTSTAMP:20270101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20250311\r\nSUMMARY:Tempo 40 min\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:run-2@example.invalid\r\nDTSTAMP:20270101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20250323\r\nSUMMARY:10K race\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
EXAMPLE_YAML: dict[str, object] = {
    "id": "example",
    "name": "Two weeks",
    "units": "km",
    "type": "10K",
    "schedule": [
        {"workouts": [{"title": title} for title in week]}
        for week in (
            ("Rest", "Easy 5 km", "Rest", "Tempo 40 min", "Rest", "Rest", "Long run 12 km"),
            ("Rest", "Easy 5 km", "Rest", "Easy 5 km", "Rest", "Rest", "10K race"),
        )
    ],
}


def _document_bodies() -> None:
    """The route reads its body itself (any of three formats): say which in the document, with
    an example of the calendar and YAML bodies that runs (the JSON one is api/contract.py's),
    and the answer's three media types."""
    content, schemas = parse_body(PlanFileBody)
    content[CALENDAR] = MediaType(
        schema=Schema(type="string", description="An iCalendar (.ics) export."),
        example=EXAMPLE_CALENDAR,
    )
    yaml_content, yaml_schemas = parse_body(CalendarHackPlan)
    content[YAML] = MediaType(schema=yaml_content[JSON].media_type_schema, example=EXAMPLE_YAML)
    schemas.update(yaml_schemas)
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


_document_bodies()
