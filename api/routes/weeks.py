"""/v1/weeks: solve a week, replan it, score a proposed one, where else a session could go,
compare weights, and each weight's range."""

from __future__ import annotations

import datetime as dt

from flask import Response, request
from flask_openapi3 import APIBlueprint, Tag
from flask_openapi3.models import MediaType, RequestBody, Schema

from api import metrics, problems
from api.auth import COACH_OPTIONAL, optional_bearer_token
from api.ical import CalendarQuery, week_calendar
from api.parameters import Parameters
from api.problems import problem_responses
from api.responses import CALENDAR, JSON, calendar_response, json_response, wanted_type
from api.services.alternatives import AlternativesBody, week_alternatives
from api.services.busy import WeekWindows, WeekWindowsQuery, busy_week
from api.services.calendars import WeekCalendar, one_off_week, request_owner
from api.services.compare import CompareBody, compare_weeks
from api.services.replan import replan_week
from api.services.sensitivity import SensitivityBody, weight_sensitivity
from api.services.weeks import EvaluateBody, ProfiledWeekRequest, evaluate_week, solve_week
from api.settings import solve_budget
from api.store import database, week_cache
from solver import Evaluation, WeekResult
from solver.alternatives import Alternatives
from solver.compare import Comparison
from solver.replan import ReplanRequest, ReplanResult
from solver.sensitivity import Sensitivity

blueprint = APIBlueprint(
    "weeks",
    __name__,
    url_prefix="/v1/weeks",
    abp_tags=[Tag(name="weeks", description="Solve a week, score one, tune its weights.")],
    abp_responses=problem_responses(400, 413, 415),
)


@blueprint.post(
    "/solve",
    operation_id="solve_week",
    responses={200: WeekResult, **problem_responses(401, 404, 406, 422)},
    security=COACH_OPTIONAL,
    description="A week that keeps every hard rule is 200: `optimal`, or `feasible` when the "
    "time limit cut the proof short. When no week can keep them all the answer is a 422 problem "
    "with the conflicting rules (`conflicts`) and what to relax (`suggestions`). Send "
    "`Accept: text/calendar` with `week_of` set to get the week as an iCalendar file (its "
    "event UIDs stay the same for the same `calendar`, `week_of` and place in the week). With "
    "`profile`, one of your weight profiles (send your bearer token), its weights apply first "
    "and the request's `weights` on top.",
)
def solve(query: CalendarQuery, body: ProfiledWeekRequest) -> Response:
    """Place the week's strength sessions: the optimal week, or why none exists."""
    wanted = wanted_type(JSON, CALENDAR)
    if wanted is None:
        return problems.not_acceptable(JSON, CALENDAR)
    if wanted == CALENDAR and body.week_of is None:
        return problems.needs_week_of()
    result = solve_week(database(), body, optional_bearer_token(), week_cache())
    metrics.solved(result.status, cached=result.solver.cached)
    if wanted == CALENDAR and body.week_of is not None:
        now = dt.datetime.now(dt.UTC)
        week = one_off_week(result, body.week_of, request_owner(query.calendar), now)
        calendar = WeekCalendar(name=f"Training week of {body.week_of.isoformat()}", weeks=[week])
        return calendar_response(week_calendar(calendar), f"week-{body.week_of}.ics")
    return json_response(result, headers={"Vary": "Accept"})


# The same URL answers an iCalendar file on request: say so in the OpenAPI document too.
blueprint.paths["/v1/weeks/solve"].post.responses["200"].content[CALENDAR] = MediaType(
    schema=Schema(type="string", description="The week as an iCalendar (.ics) file.")
)


@blueprint.post(
    "/replan",
    operation_id="replan_week",
    responses={200: ReplanResult, **problem_responses(422)},
    description="Send the request, the `days` of the week /v1/weeks/solve answered (`week`), "
    "`today`, and what happened: `done`, `missed`, `skipped`, `moved` (with `to`), `added` "
    "runs, `unavailable` days, and how the `legs` feel. Days before today stay as they "
    "happened; the rest is solved again with the `stability` goal, so the week changes as "
    "little as its weight asks. `changes` lists each session added, removed or moved, with "
    "the rule and goal ids behind it. A done session the week never planned, or a day outside "
    "the week, is a 400 naming the field; a week no replan can keep the rules in is the 422 "
    "with `conflicts`.",
)
def replan(body: ReplanRequest) -> Response:
    """Replan the rest of the week from today, keeping the past as it happened."""
    result = replan_week(body)
    metrics.solved(result.status)
    return json_response(result)


@blueprint.post(
    "/evaluate",
    operation_id="evaluate_week",
    responses={200: Evaluation},
    description="Uses the independent checker, not the solver: for any week /v1/weeks/solve "
    "returns, the objective here is the same. Unknown days or session ids are a 400 problem.",
)
def evaluate(body: EvaluateBody) -> Response:
    """Score a proposed week: the hard rules it breaks and what its soft goals cost."""
    return json_response(evaluate_week(body))


@blueprint.post(
    "/alternatives",
    operation_id="week_alternatives",
    responses={200: Alternatives},
    description="Uses the independent checker, like /v1/weeks/evaluate: the week with the "
    "session moved to each other day is scored, and its objective compared with the week's. "
    "The session's own day is left out (its difference is 0). A session `week` does not hold "
    "on `day`, or an unknown session id in `week`, is a 400 problem naming the field.",
)
def alternatives(body: AlternativesBody) -> Response:
    """Every other day for one session: allowed with its cost and trades, or the rule against it."""
    return json_response(week_alternatives(body))


class WeekWindowsQueryParameters(Parameters, WeekWindowsQuery):
    """The query of POST /v1/weeks/windows, its schema built once (api/parameters.py)."""


@blueprint.post(
    "/windows",
    operation_id="busy_week_windows",
    responses={200: WeekWindows},
    description="Send the runner's other commitments as an iCalendar file (`text/calendar`: a "
    "work calendar's export, at most 2 MiB). Every event is busy time except those marked free "
    "(`TRANSP:TRANSPARENT`) or cancelled; recurring events repeat, `EXDATE` taken out; an "
    "all-day event makes its whole day busy. The answer gives each day of the week its free "
    "windows in `timezone`'s local time, inside `day`, each of at least `min_minutes`: put "
    "them in the week request's `windows` (a day with `[]` has no free time: make it "
    "`available: false`). A file that is not a calendar, or a `day` that ends before it "
    "starts, is a 400 naming what is wrong.",
)
def windows(query: WeekWindowsQueryParameters) -> Response:
    """The free windows of each day of a week, from a calendar of busy time."""
    if request.mimetype != CALENDAR:
        return problems.unsupported_media_type(CALENDAR)
    free = busy_week(
        request.get_data(),
        query.week_of,
        timezone=query.timezone,
        day=query.day,
        min_minutes=query.min_minutes,
    )
    return json_response(free)


# The route reads its body itself (a calendar, not JSON): its example is api/contract.py's.
blueprint.paths["/v1/weeks/windows"].post.requestBody = RequestBody(
    content={
        CALENDAR: MediaType(
            schema=Schema(type="string", description="An iCalendar (.ics) file of busy time.")
        )
    },
    required=True,
)


@blueprint.post(
    "/compare",
    operation_id="compare_weeks",
    responses={200: Comparison, **problem_responses(401, 404, 422)},
    security=COACH_OPTIONAL,
)
def compare(body: CompareBody) -> Response:
    """Solve one week under two sets of weights: both weeks, what moved, and each goal's cost.

    Each set of weights is laid over the request's own. When no week keeps every hard rule,
    weights cannot help: the answer is 422 with the conflicting rules, as for /solve. Two solves
    of up to `time_limit_s` each over the solving budget are a 422 before any solve.
    """
    comparison = compare_weeks(database(), body, optional_bearer_token(), solve_budget())
    for week in comparison.plans:
        metrics.solved(week.status)
    return json_response(comparison)


@blueprint.post(
    "/sensitivity",
    responses={200: Sensitivity, **problem_responses(422)},
    operation_id="week_sensitivity",
)
def sensitivity(body: SensitivityBody) -> Response:
    """For each soft goal, the range of its weight that keeps the optimal week.

    The other weights stay fixed. Each range comes with the week just outside it (null where
    the range reaches 0 or the top of the scale), so a coach sees what a bigger move would do.
    A week that needs more solves or seconds than the solving budget is a 422 saying so: ask
    for fewer `goals` at a time.
    """
    ranges = weight_sensitivity(body, solve_budget())
    metrics.solved(ranges.status)
    return json_response(ranges)
