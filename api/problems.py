"""Every error as RFC 9457 problem details (`application/problem+json`), never a stack trace.

One builder per problem type (`invalid_request`, `no_week`, ...) over `problem(status, detail)`.
The handlers installed by `init_app` answer every refusal a service raises (NotFound, Conflict,
NoWeek, NotAuthenticated, InvalidField, UnknownScenario, OverBudget, PlanFileError,
BusyFileError, NothingToReplan) and everything else (bad JSON, schema errors, unknown routes,
oversized bodies, crashes) with one: routes never build errors by hand.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, Response, current_app, request
from flask_openapi3.types import ResponseDict
from pydantic import BaseModel, Field, ValidationError
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge
from werkzeug.http import HTTP_STATUS_CODES

from api.services.errors import (
    CalendarNeedsWeekOf,
    IdempotencyKeyInUse,
    IdempotencyKeyReused,
    InvalidField,
    InvalidPlan,
    NoPlan,
    NotAuthenticated,
    NothingToReplan,
    NoWeek,
    UnknownScenario,
)
from api.storage import Busy, NotFound, Stale
from api.storage import Conflict as StorageConflict
from api.validation import field_errors
from solver.budget import OverBudget, SolveBudget
from solver.importers import PlanFileError
from solver.importers.busy import BusyFileError
from solver.plan.result import PlanConflict
from solver.result import Conflict

PROBLEM_MIMETYPE = "application/problem+json"
# Problem types of our own; HTTP errors that need no more explanation use "about:blank".
INVALID_JSON = "urn:trainweek:problem:invalid-json"
INVALID_REQUEST = "urn:trainweek:problem:invalid-request"
INFEASIBLE = "urn:trainweek:problem:infeasible-week"
INFEASIBLE_PLAN = "urn:trainweek:problem:infeasible-plan"
UNKNOWN_SCENARIO = "urn:trainweek:problem:unknown-scenario"
UNKNOWN_PLAN_ID = "urn:trainweek:problem:unknown-plan-id"
NEEDS_WEEK_OF = "urn:trainweek:problem:calendar-needs-week-of"
STALE_VERSION = "urn:trainweek:problem:stale-version"
BUSY_RETRY_AFTER_S = 1
KEY_REUSED = "urn:trainweek:problem:idempotency-key-reused"
KEY_IN_USE = "urn:trainweek:problem:idempotency-key-in-use"
OVER_BUDGET = "urn:trainweek:problem:over-solving-budget"
RATE_LIMITED = "urn:trainweek:problem:rate-limited"
INVALID_PLAN_FILE = "urn:trainweek:problem:invalid-plan-file"
INVALID_BUSY_CALENDAR = "urn:trainweek:problem:invalid-busy-calendar"
NOTHING_TO_REPLAN = "urn:trainweek:problem:nothing-to-replan"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# Routes that take a whole training plan get a larger body limit than MAX_CONTENT_LENGTH: a
# 104-week calendar export is near 300 KiB, its plan JSON with titles as large.
PLAN_FILE_MAX_BYTES = 2 * 1024 * 1024
# A busy calendar (a work calendar's export, years of it) gets as much.
LARGE_BODY_ENDPOINTS = {
    "plans.solve": PLAN_FILE_MAX_BYTES,
    "athletes.put_plan": PLAN_FILE_MAX_BYTES,
    "weeks.windows": PLAN_FILE_MAX_BYTES,
    "plans.windows": PLAN_FILE_MAX_BYTES,
}
# Routes that read their body themselves, in whichever format it came (a plan file: JSON,
# iCalendar or YAML; a busy calendar): the JSON-object check leaves them be.
FILE_BODY_ENDPOINTS = frozenset(
    {"plans.solve", "athletes.put_plan", "weeks.windows", "plans.windows"}
)


class FieldError(BaseModel):
    """One field of the request that is wrong."""

    field: str = Field(description="Where, e.g. 'days.tue.runs[0].minutes'; 'body' for the whole.")
    message: str = Field(description="What is wrong with it.")


class Budget(BaseModel):
    """The most solving one request may do."""

    solves: int = Field(description="Solves a request may take.")
    seconds: float = Field(description="Seconds of solving a request may take, in all.")


class Problem(BaseModel):
    """An error, as RFC 9457 problem details; extensions appear only where they apply."""

    type: str = Field(description="URI naming the kind of problem; 'about:blank' for plain HTTP.")
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong with this request, and how to fix it.")
    errors: list[FieldError] | None = Field(
        default=None, description="Invalid requests: each wrong field and what is wrong."
    )
    conflicts: list[Conflict] | None = Field(
        default=None, description="No week exists: the hard rules that cannot all hold."
    )
    suggestions: list[str] | None = Field(
        default=None, description="No week exists: what to relax so one does."
    )
    current_version: int | None = Field(
        default=None, description="A stale version sent: the version stored now."
    )
    budget: Budget | None = Field(
        default=None, description="Over the solving budget: the budget the request exceeds."
    )


def problem(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    type: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> Response:
    """An `application/problem+json` response; `extensions` become extra members."""
    body = {
        "type": type,
        "title": title or HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
        "detail": detail,
        **extensions,
    }
    return Response(json.dumps(body), status=status, headers=headers, mimetype=PROBLEM_MIMETYPE)


def problem_responses(*statuses: int) -> ResponseDict:
    """OpenAPI responses for these error statuses, each a `Problem` (for `responses=`)."""
    return {
        status: {
            "description": HTTP_STATUS_CODES[status],
            "content": {PROBLEM_MIMETYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def validation_problem(error: ValidationError) -> Response:
    """A 400 naming each invalid field and what is wrong (flask-openapi3's validation hook)."""
    errors = [
        {
            "field": e.field or "body",
            "message": (
                # Any body that got this far is a JSON object: a whole-body error means none came.
                "missing: send a JSON object"
                if not e.field and e.kind in ("model_type", "dict_type")
                else e.message
            ),
        }
        for e in field_errors(error)
    ]
    return invalid_request(errors)


def invalid_request(
    errors: list[dict[str, str]], *, title: str = "Invalid request", type: str = INVALID_REQUEST
) -> Response:
    """400: each wrong field of the request and what is wrong with it."""
    return problem(
        400,
        "; ".join(f"{item['field']}: {item['message']}" for item in errors),
        title=title,
        type=type,
        errors=errors,
    )


def invalid_json(detail: str) -> Response:
    """400: the body is not JSON at all, and where it breaks."""
    return problem(400, detail, title="Invalid JSON", type=INVALID_JSON)


def no_week(conflicts: list[Conflict], suggestions: list[str]) -> Response:
    """422: no week keeps every hard rule, with the conflicts and what to relax."""
    return problem(
        422,
        "no week keeps every hard rule; see conflicts, and suggestions for what to relax",
        title="No week keeps every hard rule",
        type=INFEASIBLE,
        conflicts=[conflict.model_dump(mode="json") for conflict in conflicts],
        suggestions=suggestions,
    )


def no_plan(conflicts: list[PlanConflict], suggestions: list[str]) -> Response:
    """422: no plan keeps every hard rule, with the conflicts (and their dates) and what to
    relax."""
    return problem(
        422,
        "no plan keeps every hard rule; see conflicts, and suggestions for what to relax",
        title="No plan keeps every hard rule",
        type=INFEASIBLE_PLAN,
        conflicts=[conflict.model_dump(mode="json") for conflict in conflicts],
        suggestions=suggestions,
    )


def nothing_to_replan(error: NothingToReplan) -> Response:
    """409: an athlete's week to replan, but their history holds none yet: solve one first."""
    return problem(409, str(error), title="No solved week to replan", type=NOTHING_TO_REPLAN)


def over_budget(detail: str, budget: SolveBudget) -> Response:
    """422: the request needs more solving than one request may do, and what to send instead."""
    return problem(
        422,
        detail,
        title="Over the solving budget",
        type=OVER_BUDGET,
        budget={"solves": budget.max_solves, "seconds": budget.max_seconds},
    )


def too_many_requests(detail: str, retry_after_s: int) -> Response:
    """429: the client is over a rate limit, and how many seconds until it may ask again."""
    return problem(
        429,
        detail,
        title="Too many requests",
        type=RATE_LIMITED,
        headers={"Retry-After": str(retry_after_s)},
    )


def needs_week_of() -> Response:
    """400: a calendar was asked for a week that does not say when it is."""
    return invalid_request(
        [{"field": "week_of", "message": "required for text/calendar"}],
        title="Calendar needs week_of",
        type=NEEDS_WEEK_OF,
    )


def invalid_plan_file(error: PlanFileError) -> Response:
    """400: the plan file cannot be read as a plan: what is wrong and where in the file."""
    where = error.where or "body"
    return problem(
        400,
        str(error),
        title="Invalid plan file",
        type=INVALID_PLAN_FILE,
        errors=[{"field": where, "message": error.what}],
    )


def invalid_busy_calendar(error: BusyFileError) -> Response:
    """400: the busy calendar cannot be read, or the question about it cannot be answered (an
    unknown time zone, a day that ends before it starts, an end before the start): what is
    wrong, and where in the file or which query field."""
    where = error.where or "body"
    return problem(
        400,
        str(error),
        title="Invalid busy calendar",
        type=INVALID_BUSY_CALENDAR,
        errors=[{"field": where, "message": error.what}],
    )


def unsupported_media_type(*offered: str) -> Response:
    """415: the body is in a media type the route does not read."""
    return problem(
        415,
        f"send the body as {' or '.join(offered)}, not {request.mimetype or 'nothing'}",
    )


def not_acceptable(*offered: str) -> Response:
    """406: the client accepts none of the media types the route answers in."""
    return problem(406, f"ask for {' or '.join(offered)}")


def unauthorized(error: NotAuthenticated) -> Response:
    """401 with the RFC 6750 challenge."""
    challenge = 'Bearer realm="trainweek"'
    if error.error:
        challenge += f', error="{error.error}"'
    return problem(401, str(error), headers={"WWW-Authenticate": challenge})


def init_app(app: Flask) -> None:
    """Check request bodies before the views run, and answer every error with a problem."""
    app.before_request(_require_json_object)
    app.register_error_handler(NotAuthenticated, unauthorized)
    app.register_error_handler(NotFound, lambda error: problem(404, str(error)))
    app.register_error_handler(StorageConflict, lambda error: problem(409, str(error)))
    app.register_error_handler(Stale, _stale)
    app.register_error_handler(Busy, _busy)
    app.register_error_handler(
        IdempotencyKeyReused,
        lambda error: problem(422, str(error), title="Idempotency-Key reused", type=KEY_REUSED),
    )
    app.register_error_handler(
        IdempotencyKeyInUse,
        lambda error: problem(409, str(error), title="Idempotency-Key in use", type=KEY_IN_USE),
    )
    app.register_error_handler(NoWeek, lambda error: no_week(error.conflicts, error.suggestions))
    app.register_error_handler(NoPlan, lambda error: no_plan(error.conflicts, error.suggestions))
    app.register_error_handler(NothingToReplan, nothing_to_replan)
    app.register_error_handler(OverBudget, lambda error: over_budget(str(error), error.budget))
    app.register_error_handler(InvalidField, _invalid_field)
    app.register_error_handler(PlanFileError, invalid_plan_file)
    app.register_error_handler(BusyFileError, invalid_busy_calendar)
    app.register_error_handler(InvalidPlan, lambda error: validation_problem(error.error))
    app.register_error_handler(UnknownScenario, _unknown_scenario)
    app.register_error_handler(HTTPException, _http_problem)
    app.register_error_handler(Exception, _unexpected_problem)


def _invalid_field(error: InvalidField) -> Response:
    if isinstance(error, CalendarNeedsWeekOf):
        return needs_week_of()
    if error.field == "plan":
        # The checker's message already says where in the plan: "plan.tue[0]: unknown ...".
        return problem(400, str(error), title=error.title, type=UNKNOWN_PLAN_ID)
    return invalid_request([{"field": error.field, "message": str(error)}], title=error.title)


def _stale(error: Stale) -> Response:
    return problem(
        409,
        str(error),
        title="Edited from a stale copy",
        type=STALE_VERSION,
        current_version=error.current_version,
    )


def _busy(error: Busy) -> Response:
    # Not the client's conflict: the same request may well succeed a moment later.
    return problem(503, str(error), headers={"Retry-After": str(BUSY_RETRY_AFTER_S)})


def _unknown_scenario(error: UnknownScenario) -> Response:
    return problem(
        404,
        f"no scenario named '{error}'; GET /v1/scenarios lists them",
        title="Unknown scenario",
        type=UNKNOWN_SCENARIO,
    )


def _require_json_object() -> Response | None:
    """A request body is a JSON object within MAX_CONTENT_LENGTH; else 413, 415 or 400.

    Requests without a body pass: a route that needs one says so itself (a 400 from its model).
    """
    if request.method not in BODY_METHODS or request.url_rule is None or not _has_body():
        return None
    large = LARGE_BODY_ENDPOINTS.get(request.endpoint or "")
    if large is not None:
        request.max_content_length = large
    limit = request.max_content_length
    if limit is not None:
        if (request.content_length or 0) > limit:
            raise RequestEntityTooLarge()
        # A streamed (chunked) body has no length up front, and werkzeug cuts it at the limit
        # without an error: one that reaches the limit is taken as too large.
        if request.content_length is None and len(request.get_data()) >= limit:
            raise RequestEntityTooLarge()
    if request.endpoint in FILE_BODY_ENDPOINTS:
        return None
    if not request.is_json:
        return problem(
            415,
            f"send the body as application/json, not {request.mimetype or 'nothing'}",
        )
    try:
        # Parse once here for a precise message; request.get_json caches it for the view.
        body = request.get_json()
    except BadRequest as error:
        return invalid_json(_json_error(error))
    except RecursionError:
        return invalid_json("invalid JSON: nested too deeply")
    if not isinstance(body, dict):
        return problem(
            400,
            f"the body must be a JSON object, got {type(body).__name__}",
            title="Invalid request",
            type=INVALID_REQUEST,
            errors=[{"field": "body", "message": "must be a JSON object"}],
        )
    return None


def _has_body() -> bool:
    """Whether the request carries a body (a length above zero, or a chunked stream)."""
    if request.content_length is not None:
        return request.content_length > 0
    return "chunked" in request.headers.get("Transfer-Encoding", "").lower()


def _json_error(error: BadRequest) -> str:
    """Where the JSON breaks, from the decoder's error behind Flask's generic 400."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, ValueError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, json.JSONDecodeError):
        return f"invalid JSON at line {cause.lineno} column {cause.colno}: {cause.msg}"
    if isinstance(cause, UnicodeDecodeError):
        return "invalid JSON: the body is not UTF-8 text"
    return "invalid JSON: the body could not be decoded"


def _http_problem(error: HTTPException) -> Response:
    """404, 405, 413 and every other HTTP error as a problem (a ready response passes through)."""
    if error.response is not None:
        return error.response  # type: ignore[return-value]
    status = error.code or 500
    headers = {}
    valid_methods = getattr(error, "valid_methods", None)
    if valid_methods:
        headers["Allow"] = ", ".join(sorted(valid_methods))
    detail = {
        404: f"no such resource: {request.path}",
        405: f"{request.method} is not allowed on {request.path}",
        413: f"the body is larger than {_kib(request.max_content_length)}",
    }.get(status, error.description or HTTP_STATUS_CODES.get(status, "error"))
    return problem(status, detail, headers=headers or None)


def _kib(limit: int | None) -> str:
    return f"{limit // 1024} KiB" if limit else "the service accepts"


def _unexpected_problem(error: Exception) -> Response:
    """Log the crash with its stack trace; answer a generic 500 without one.

    The log gets the route and the stack, never the request: the JSON formatter of
    `api/logs.py` writes each exception's type and frames but not its message, which may quote
    the body or the token; SQL parameters are left out of database errors already
    (`api/storage/database.py`).
    """
    route = request.url_rule.rule if request.url_rule is not None else request.path
    current_app.logger.exception("unhandled error on %s %s", request.method, route)
    return problem(500, "something went wrong on our side; the error has been logged")
