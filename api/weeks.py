"""POST /v1/weeks/solve and POST /v1/weeks/evaluate: place a week's strength, or score one."""

from __future__ import annotations

import datetime as dt

from flask import Response, request
from flask_openapi3 import APIBlueprint, Tag
from flask_openapi3.models import MediaType, Schema
from pydantic import BaseModel, ConfigDict, Field

from api.auth import COACH_OPTIONAL
from api.ical import week_calendar
from api.problems import problem, problem_responses
from api.profiles import week_to_solve
from api.storage.profiles import ProfiledWeekRequest
from solver import Evaluation, PlanError, WeekRequest, WeekResult, evaluate, solve
from solver.domain import DayId

JSON = "application/json"
CALENDAR = "text/calendar"
INFEASIBLE = "urn:trainweek:problem:infeasible-week"
UNKNOWN_PLAN_ID = "urn:trainweek:problem:unknown-plan-id"
NEEDS_WEEK_OF = "urn:trainweek:problem:calendar-needs-week-of"

blueprint = APIBlueprint(
    "weeks",
    __name__,
    url_prefix="/v1/weeks",
    abp_tags=[Tag(name="weeks")],
    abp_responses=problem_responses(400, 413, 415),
)


class PlannedSession(BaseModel):
    """A strength session someone placed on a day."""

    model_config = ConfigDict(extra="forbid")

    session: str = Field(description="Catalogue id of the session (see GET /v1/sessions).")


class EvaluateBody(BaseModel):
    """A week request and a proposed placement of its strength sessions."""

    model_config = ConfigDict(extra="forbid")

    request: WeekRequest = Field(description="The week, as posted to /v1/weeks/solve.")
    plan: dict[DayId, list[PlannedSession]] = Field(
        description="Strength sessions placed on each day, keyed mon..sun; a day left out has none."
    )


def no_week_problem(result: WeekResult) -> Response:
    """422: no week keeps every hard rule, with the conflicts and what to relax."""
    return problem(
        422,
        "no week keeps every hard rule; see conflicts, and suggestions for what to relax",
        title="No week keeps every hard rule",
        type=INFEASIBLE,
        conflicts=[conflict.model_dump(mode="json") for conflict in result.conflicts],
        suggestions=result.suggestions,
    )


@blueprint.post(
    "/solve",
    responses={200: WeekResult, **problem_responses(401, 404, 406, 422)},
    security=COACH_OPTIONAL,
    description="A week that keeps every hard rule is 200: `optimal`, or `feasible` when the "
    "time limit cut the proof short. When no week can keep them all the answer is a 422 problem "
    "with the conflicting rules (`conflicts`) and what to relax (`suggestions`). Send "
    "`Accept: text/calendar` with `week_of` set to get the week as an iCalendar file. With "
    "`profile`, one of your weight profiles (send your bearer token), its weights apply first "
    "and the request's `weights` on top.",
)
def solve_week(body: ProfiledWeekRequest) -> Response:
    """Place the week's strength sessions: the optimal week, or why none exists."""
    # No Accept header means anything will do: JSON.
    accept = request.accept_mimetypes
    wanted = accept.best_match([JSON, CALENDAR]) if accept else JSON
    if wanted is None:
        return problem(406, f"ask for {JSON} or {CALENDAR}")
    if wanted == CALENDAR and body.week_of is None:
        return problem(
            400,
            "set week_of (the Monday the week starts on) to get the week as a calendar",
            title="Calendar needs week_of",
            type=NEEDS_WEEK_OF,
            errors=[{"field": "week_of", "message": "required for text/calendar"}],
        )
    result = solve(week_to_solve(body))
    if result.status == "infeasible":
        return no_week_problem(result)
    if wanted == CALENDAR and body.week_of is not None:
        stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
        return Response(
            week_calendar(result, body.week_of, stamp),
            mimetype=CALENDAR,
            headers={
                "Content-Disposition": f'attachment; filename="week-{body.week_of}.ics"',
                "Vary": "Accept",
            },
        )
    return Response(result.model_dump_json(), mimetype=JSON, headers={"Vary": "Accept"})


# The same URL answers an iCalendar file on request: say so in the OpenAPI document too.
blueprint.paths["/v1/weeks/solve"].post.responses["200"].content[CALENDAR] = MediaType(
    schema=Schema(type="string", description="The week as an iCalendar (.ics) file.")
)


@blueprint.post(
    "/evaluate",
    responses={200: Evaluation},
    description="Uses the independent checker, not the solver: for any week /v1/weeks/solve "
    "returns, the objective here is the same. Unknown days or session ids are a 400 problem.",
)
def evaluate_week(body: EvaluateBody) -> Response:
    """Score a proposed week: the hard rules it breaks and what its soft goals cost."""
    plan: dict[str, list[str]] = {
        day: [entry.session for entry in entries] for day, entries in body.plan.items()
    }
    try:
        scored = evaluate(body.request, plan)
    except PlanError as error:
        return problem(400, str(error), title="Unknown id in plan", type=UNKNOWN_PLAN_ID)
    return Response(scored.model_dump_json(), mimetype=JSON)
