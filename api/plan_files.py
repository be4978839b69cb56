"""Plan files over HTTP, for every route that takes one (`POST /v1/plans/solve`, `PUT
/v1/athletes/<id>/plan`): the media types a plan file comes in and the reader each gets, the
query that says what the file does not (race date, mapping), and the OpenAPI request body of
the three formats, each with an example that runs.

Presentation beside the routes, like `ical.py`: the routes read the body themselves (they are
in `FILE_BODY_ENDPOINTS`, api/problems.py) and hand the bytes to `api/services/plan_import.py`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from flask import request
from flask_openapi3.models import MediaType, Schema
from flask_openapi3.utils import parse_body
from pydantic import BaseModel, ConfigDict, Field

from api.parameters import Parameters
from api.responses import CALENDAR, JSON
from solver.domain import CalendarDate
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

# What a mapping may say a title means, in the schema too: the parser (solver/importers) splits
# PATTERN=TYPE at the last "=", and the pattern may not be blank.
MAP_PAIR = rf"^.*\S.*=({'|'.join(MAPPABLE)})$"
MapType = Annotated[str, Field(json_schema_extra={"enum": list(MAPPABLE)})]


class PlanFileOptions(Parameters):
    """What a plan file does not say: its race date, and what its titles mean."""

    race_date: CalendarDate | None = Field(
        default=None,
        # The day of the goal race in every request body example (api/contract.py and below).
        json_schema_extra={"example": "2025-03-23"},
        description="The goal race's day, YYYY-MM-DD (a calendar-hack plan needs it: its last "
        "day is race day).",
    )
    map: list[Annotated[str, Field(pattern=MAP_PAIR)]] = Field(
        default_factory=list,
        description="PATTERN=TYPE, repeatable (`map=Fartlek=intervals`): a title containing "
        "PATTERN is TYPE (a run type, rest or skip), before the classifier's own reading.",
    )


def body_format() -> Format | None:
    """Which reader the request's body goes to, by its media type; None: not a plan file's."""
    return BODY_FORMATS.get(request.mimetype)


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


def document_file_body(json_model: type[BaseModel]) -> tuple[dict[str, MediaType], dict[str, Any]]:
    """An operation's request body as a plan file: `json_model` as JSON (its example is
    api/contract.py's, by operation id), an iCalendar export and a calendar-hack plan in YAML,
    each with its example; and the component schemas they need."""
    content, schemas = parse_body(json_model)
    content[CALENDAR] = MediaType(
        schema=Schema(type="string", description="An iCalendar (.ics) export."),
        example=EXAMPLE_CALENDAR,
    )
    yaml_content, yaml_schemas = parse_body(CalendarHackPlan)
    content[YAML] = MediaType(schema=yaml_content[JSON].media_type_schema, example=EXAMPLE_YAML)
    return content, {**schemas, **yaml_schemas}
