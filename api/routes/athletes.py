"""/v1/athletes: a coach's athletes, solving their week, and the history of weeks solved."""

from __future__ import annotations

from flask import Response, request, url_for
from flask_openapi3 import APIBlueprint, Tag
from flask_openapi3.models import MediaType, RequestBody, Schema
from pydantic import BaseModel, Field

from api import metrics, problems
from api.auth import COACH_ONLY, bearer_token
from api.ical import week_calendar
from api.idempotency import IdempotencyHeader, once
from api.paging import HistoryPageQuery, PageQuery
from api.parameters import Parameters
from api.plan_files import YAML, MapType, PlanFileOptions, body_format, document_file_body
from api.problems import problem_responses
from api.responses import (
    CALENDAR,
    HTML,
    JSON,
    calendar_response,
    json_response,
    plan_response,
    wanted_type,
)
from api.services import athlete_plans, athletes, replan
from api.services.athlete_plans import AthletePlanIn, AthletePlanOut
from api.services.athletes import (
    AthleteIn,
    AthleteList,
    AthleteOut,
    AthleteUpdate,
    AthleteWeekRequest,
    History,
    SolvedWeekOut,
)
from api.services.calendars import solved_week_calendar
from api.services.idempotency import coach_scope
from api.services.replan import AthleteReplanOut
from api.settings import history_limit, solve_budget
from api.store import database, week_cache
from solver import PlanResult
from solver.replan import WhatHappened

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


@blueprint.post(
    "", responses={201: AthleteOut, **problem_responses(409, 422)}, operation_id="create_athlete"
)
def create(header: IdempotencyHeader, body: AthleteIn) -> Response:
    """Add an athlete, with the week they usually train."""

    def add() -> Response:
        athlete = athletes.create_athlete(database(), bearer_token(), body)
        location = url_for("athletes.get", athlete_id=athlete.id)
        return json_response(athlete, 201, headers={"Location": location})

    return once(header.idempotency_key, lambda: coach_scope(database(), bearer_token()), add)


@blueprint.get("", responses={200: AthleteList}, operation_id="list_athletes")
def list_all(query: PageQuery) -> Response:
    """Your athletes, by name, a page at a time (`next` links the following page)."""
    answer = athletes.list_athletes(database(), bearer_token(), query.page(), query.next_link())
    return json_response(answer)


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
    responses={200: AthleteOut, **problem_responses(404, 409)},
    operation_id="replace_athlete",
)
def replace(path: AthletePath, body: AthleteUpdate) -> Response:
    """Replace one of your athletes: every field as sent. Their history stays.

    Send the `version` you read to be sure you overwrite only that: when someone changed the
    athlete since, the answer is 409 and nothing changes.
    """
    athlete = athletes.replace_athlete(
        database(), bearer_token(), path.athlete_id, body, body.version
    )
    return json_response(athlete)


@blueprint.delete(
    "/<int:athlete_id>",
    responses={204: None, **problem_responses(404, 409)},
    operation_id="delete_athlete",
)
def delete(path: AthletePath) -> Response:
    """Delete one of your athletes and their history."""
    athletes.delete_athlete(database(), bearer_token(), path.athlete_id)
    return Response(status=204)


@blueprint.post(
    "/<int:athlete_id>/solve",
    responses={201: SolvedWeekOut, **problem_responses(404, 406, 409, 422)},
    operation_id="solve_athlete_week",
)
def solve(header: IdempotencyHeader, path: AthletePath, body: AthleteWeekRequest) -> Response:
    """Solve the athlete's week and keep it in their history, with the request and weights.

    With no body, the default week is solved as it is. A week no placement can keep every hard
    rule for is 422 with the conflicting rules, and nothing is kept. The history keeps the
    newest weeks only (500 unless the service is set otherwise): the oldest beyond go. Send
    `Accept: text/calendar` for the week as an iCalendar file, with the same event UIDs as the
    athlete's calendar feed (the week, from the body or the default week, needs `week_of`).
    """
    wanted = wanted_type(JSON, CALENDAR)
    if wanted is None:
        return problems.not_acceptable(JSON, CALENDAR)

    def solve_and_keep() -> Response:
        solved = athletes.solve_for_athlete(
            database(),
            bearer_token(),
            path.athlete_id,
            body,
            keep=history_limit(),
            needs_week_of=wanted == CALENDAR,
            cache=week_cache(),
        )
        metrics.solved(solved.result.status, cached=solved.result.solver.cached)
        location = url_for("athletes.get_solved", athlete_id=path.athlete_id, solved_id=solved.id)
        return json_response(solved, 201, headers={"Location": location, "Vary": "Accept"})

    answer = once(
        header.idempotency_key, lambda: coach_scope(database(), bearer_token()), solve_and_keep
    )
    if wanted != CALENDAR or answer.status_code != 201:
        return answer
    # Kept (and replayed) as JSON; the calendar is drawn from the week the history holds.
    solved_id = answer.get_json()["id"]
    calendar = solved_week_calendar(database(), bearer_token(), path.athlete_id, solved_id)
    headers = {
        name: value
        for name, value in answer.headers.items()
        if name in ("Location", "Idempotent-Replayed")
    }
    return calendar_response(
        week_calendar(calendar),
        f"week-{calendar.weeks[0].week_of}.ics",
        status=201,
        headers=headers,
    )


# The same URL answers an iCalendar file on request: say so in the OpenAPI document too.
blueprint.paths["/v1/athletes/{athlete_id}/solve"].post.responses["201"].content[CALENDAR] = (
    MediaType(schema=Schema(type="string", description="The week as an iCalendar (.ics) file."))
)


@blueprint.post(
    "/<int:athlete_id>/replan",
    responses={201: AthleteReplanOut, **problem_responses(404, 409, 422)},
    operation_id="replan_athlete_week",
)
def replan_week(header: IdempotencyHeader, path: AthletePath, body: WhatHappened) -> Response:
    """Replan the athlete's newest solved week from today and keep it in their history.

    The body is POST /v1/weeks/replan's without `request` and `week`: `today`, what happened
    (`done`, `missed`, `skipped`, `moved`, `added`, `unavailable`) and how the `legs` feel.
    The week is the newest of the athlete's history, replanned from the request it was solved
    from; the replanned week is kept as the newest, so their calendar feed shows the changed
    events (same UIDs, a higher SEQUENCE). An athlete with no solved week yet is a 409: solve
    one first. The answer is the week replan's, with the new week's `id` in the history.
    """

    def replan_and_keep() -> Response:
        replanned = replan.replan_athlete_week(
            database(), bearer_token(), path.athlete_id, body, keep=history_limit()
        )
        metrics.solved(replanned.status)
        location = url_for(
            "athletes.get_solved", athlete_id=path.athlete_id, solved_id=replanned.id
        )
        return json_response(replanned, 201, headers={"Location": location})

    return once(
        header.idempotency_key, lambda: coach_scope(database(), bearer_token()), replan_and_keep
    )


@blueprint.get(
    "/<int:athlete_id>/history",
    responses={200: History, **problem_responses(404)},
    operation_id="athlete_history",
)
def history(path: AthletePath, query: HistoryPageQuery) -> Response:
    """The weeks solved for one of your athletes, newest first, a page at a time (`next` links
    the following page). Only the newest weeks are kept: see the README on retention."""
    answer = athletes.athlete_history(
        database(),
        bearer_token(),
        path.athlete_id,
        query.page(),
        query.next_link(athlete_id=path.athlete_id),
    )
    return json_response(answer)


@blueprint.get(
    "/<int:athlete_id>/history/<int:solved_id>",
    responses={200: SolvedWeekOut, **problem_responses(404)},
    operation_id="get_solved_week",
)
def get_solved(path: SolvedWeekPath) -> Response:
    """One week of an athlete's history."""
    solved = athletes.get_solved_week(database(), bearer_token(), path.athlete_id, path.solved_id)
    return json_response(solved)


class PlanSolveQuery(Parameters):
    """Which of your weight profiles weighs the plan."""

    profile: int | None = Field(
        default=None,
        description="Id of one of your weight profiles: its weights first, the plan's on top.",
    )


class AthletePlanFileBody(AthletePlanIn):
    """A plan as trainweek's plan JSON; runs may be given by `title` alone (classified)."""

    map: dict[str, MapType] | None = Field(
        default=None,
        description="PATTERN: TYPE; a run title containing PATTERN is TYPE (as the query's map).",
    )


@blueprint.put(
    "/<int:athlete_id>/plan",
    responses={200: AthletePlanOut, 201: AthletePlanOut, **problem_responses(404, 409, 413, 415)},
    operation_id="store_athlete_plan",
)
def put_plan(path: AthletePath, query: PlanFileOptions) -> Response:
    """Store the athlete's training plan, replacing the one stored.

    The body is a plan file, as for POST /v1/plans/solve: trainweek's plan JSON (or a
    calendar-hack plan) as `application/json`, an iCalendar export as `text/calendar`, a
    calendar-hack plan as `application/yaml` (with `race_date`); at most 2 MiB. A calendar is
    stored as the plan JSON it reads as, and the events it could not classify are listed in
    `unclassified`; its timed events start (their runs' `at`) at their local time in the
    athlete's `timezone` when it is set. 201 when the athlete had none, 200 when it replaced
    one. Send the `version` you read (in plan JSON) to be sure you overwrite only that: when
    someone changed the plan since, the answer is 409 and nothing changes. Without `athlete`,
    the plan is solved for the athlete's level and equipment.
    """
    format = body_format()
    if format is None:
        return problems.unsupported_media_type(JSON, CALENDAR, YAML)
    stored = athlete_plans.store_athlete_plan_file(
        database(),
        bearer_token(),
        path.athlete_id,
        request.get_data(),
        format=format,
        race_date=query.race_date,
        mapping=query.map,
    )
    if stored.created:
        location = url_for("athletes.get_plan", athlete_id=path.athlete_id)
        return json_response(stored.plan, 201, headers={"Location": location})
    return json_response(stored.plan)


@blueprint.get(
    "/<int:athlete_id>/plan",
    responses={200: AthletePlanOut, **problem_responses(404)},
    operation_id="get_athlete_plan",
)
def get_plan(path: AthletePath) -> Response:
    """The training plan stored for the athlete (404 when none is)."""
    return json_response(
        athlete_plans.get_athlete_plan(database(), bearer_token(), path.athlete_id)
    )


@blueprint.delete(
    "/<int:athlete_id>/plan",
    responses={204: None, **problem_responses(404)},
    operation_id="delete_athlete_plan",
)
def delete_plan(path: AthletePath) -> Response:
    """Delete the training plan stored for the athlete (404 when none is)."""
    athlete_plans.delete_athlete_plan(database(), bearer_token(), path.athlete_id)
    return Response(status=204)


@blueprint.post(
    "/<int:athlete_id>/plan/solve",
    responses={200: PlanResult, **problem_responses(404, 406, 422)},
    operation_id="solve_athlete_plan",
)
def solve_plan(path: AthletePath, query: PlanSolveQuery) -> Response:
    """Solve the athlete's stored plan, weighed by one of your weight profiles (`profile`).

    Nothing is stored. `Accept` picks the answer as for POST /v1/plans/solve: JSON (the
    default), `text/calendar` or `text/html`. When no plan keeps every hard rule, the answer is
    a 422 problem with the conflicting rules and their dates. The calendar's timed events are
    in the athlete's `timezone` (TZID) when it is set.
    """
    wanted = wanted_type(JSON, CALENDAR, HTML)
    if wanted is None:
        return problems.not_acceptable(JSON, CALENDAR, HTML)
    result = athlete_plans.solve_athlete_plan(
        database(), bearer_token(), path.athlete_id, query.profile, solve_budget()
    )
    metrics.solved(result.status)
    timezone = None
    if wanted == CALENDAR:
        timezone = athlete_plans.athlete_time_zone(database(), bearer_token(), path.athlete_id)
    return plan_response(result, None, wanted, timezone)


# The PUT reads its body itself (a plan file in any of three formats): say so in the document.
plan_file_body, plan_file_schemas = document_file_body(AthletePlanFileBody)
blueprint.paths["/v1/athletes/{athlete_id}/plan"].put.requestBody = RequestBody(
    content=plan_file_body, required=True
)
blueprint.components_schemas.update(plan_file_schemas)
plan_answers = blueprint.paths["/v1/athletes/{athlete_id}/plan/solve"].post.responses["200"]
plan_answers.content[CALENDAR] = MediaType(
    schema=Schema(type="string", description="The plan as an iCalendar (.ics) file.")
)
plan_answers.content[HTML] = MediaType(
    schema=Schema(type="string", description="The plan as a printable HTML overview.")
)
