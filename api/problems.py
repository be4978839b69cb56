"""Every error as RFC 9457 problem details (`application/problem+json`), never a stack trace.

`problem(status, detail, ...)` builds the response; views return it, hooks return it, and the
handlers installed by `init_app` turn everything else (bad JSON, schema errors, unknown routes,
oversized bodies, crashes) into one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request
from flask_openapi3.types import ResponseDict
from pydantic import BaseModel, Field, ValidationError
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge
from werkzeug.http import HTTP_STATUS_CODES

from api.cli import field_path
from solver.result import Conflict

PROBLEM_MIMETYPE = "application/problem+json"
# Problem types of our own; HTTP errors that need no more explanation use "about:blank".
INVALID_JSON = "urn:trainweek:problem:invalid-json"
INVALID_REQUEST = "urn:trainweek:problem:invalid-request"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

View = TypeVar("View", bound=Callable[..., Any])


class FieldError(BaseModel):
    """One field of the request that is wrong."""

    field: str = Field(description="Where, e.g. 'days.tue.runs[0].minutes'; 'body' for the whole.")
    message: str = Field(description="What is wrong with it.")


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
            # pydantic marks a bad dict key with a '[key]' step: the path to the key says it.
            "field": field_path([part for part in item["loc"] if part != "[key]"]) or "body",
            "message": item["msg"].removeprefix("Value error, "),
        }
        for item in error.errors()
    ]
    return problem(
        400,
        "; ".join(f"{item['field']}: {item['message']}" for item in errors),
        title="Invalid request",
        type=INVALID_REQUEST,
        errors=errors,
    )


def init_app(app: Flask) -> None:
    """Check request bodies before the views run, and answer every error with a problem."""
    app.before_request(_require_json_object)
    app.register_error_handler(HTTPException, _http_problem)
    app.register_error_handler(Exception, _unexpected_problem)


def body_optional(view: View) -> View:
    """Let a view take a request with no body at all (under its route decorator)."""
    view.body_optional = True  # type: ignore[attr-defined]
    return view


def _require_json_object() -> Response | None:
    """Bodies are JSON objects within MAX_CONTENT_LENGTH; answer 413, 415 or 400 otherwise."""
    if request.method not in BODY_METHODS or request.url_rule is None:
        return None
    if _may_be_empty() and not request.content_length and not request.get_data():
        return None
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit is not None and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()
    if not request.is_json:
        return problem(
            415,
            f"send the body as application/json, not {request.mimetype or 'nothing'}",
        )
    try:
        # Parse once here for a precise message; request.get_json caches it for the view.
        body = request.get_json()
    except BadRequest as error:
        return problem(400, _json_error(error), title="Invalid JSON", type=INVALID_JSON)
    except RecursionError:
        return problem(
            400, "invalid JSON: nested too deeply", title="Invalid JSON", type=INVALID_JSON
        )
    if not isinstance(body, dict):
        return problem(
            400,
            f"the body must be a JSON object, got {type(body).__name__}",
            title="Invalid request",
            type=INVALID_REQUEST,
            errors=[{"field": "body", "message": "must be a JSON object"}],
        )
    return None


def _may_be_empty() -> bool:
    # flask-openapi3 wraps views with functools.wraps, which carries the mark over.
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "body_optional", False))


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
        413: "the body is larger than "
        f"{(current_app.config.get('MAX_CONTENT_LENGTH') or 0) // 1024} KiB",
    }.get(status, error.description or HTTP_STATUS_CODES.get(status, "error"))
    return problem(status, detail, headers=headers or None)


def _unexpected_problem(error: Exception) -> Response:
    """Log the crash with its stack trace; answer a generic 500 without one."""
    if isinstance(error, HTTPException):  # pragma: no cover - Flask routes these to _http_problem
        return _http_problem(error)
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return problem(500, "something went wrong on our side; the error has been logged")
