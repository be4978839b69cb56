"""Coach authentication over HTTP: read `Authorization: Bearer <token>`; which routes need it.

The token is checked against the database by the services (`api/services/coaches.py`), in the
same transaction as the work it authorises; here only the header is read.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, current_app, request

from api.services.errors import NotAuthenticated

BEARER = "bearer"
SECURITY_SCHEMES: dict[str, Any] = {
    BEARER: {
        "type": "http",
        "scheme": "bearer",
        "description": "The token POST /v1/coaches answered once, as 'Authorization: Bearer "
        "<token>'.",
    }
}
# For `security=` on a route: a coach's token is required, or only needed for some requests.
COACH_ONLY: list[dict[str, list[str]]] = [{BEARER: []}]
COACH_OPTIONAL: list[dict[str, list[str]]] = [{}, {BEARER: []}]
_COACH_ONLY_ROUTES = "trainweek.coach_only_routes"


def init_app(app: Flask) -> None:
    """Refuse a coach-only route without a well-formed token before anything reads the body.

    Call before other request checks, so 401 comes before 400 or 415.
    """
    app.before_request(_token_before_body)


def bearer_token() -> str:
    """The request's bearer token; NotAuthenticated when it is missing or malformed."""
    token = optional_bearer_token()
    if token is None:
        raise NotAuthenticated("send your token as 'Authorization: Bearer <token>'")
    return token


def optional_bearer_token() -> str | None:
    """The request's bearer token, None without an Authorization header; NotAuthenticated
    when the header is there but malformed."""
    header = request.headers.get("Authorization")
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != BEARER or not token or " " in token:
        raise NotAuthenticated(
            "the Authorization header must be 'Bearer <token>'", error="invalid_request"
        )
    return token


def coach_only_request() -> bool:
    """Whether the current request's route requires a coach's token."""
    return request.url_rule is not None and _coach_only(request.url_rule.rule, request.method)


def _token_before_body() -> None:
    if coach_only_request():
        bearer_token()


def _coach_only(rule: str, method: str) -> bool:
    """Whether the route's OpenAPI operation requires a coach's token (security COACH_ONLY)."""
    routes = current_app.extensions.get(_COACH_ONLY_ROUTES)
    if routes is None:
        # Read once from the app's own OpenAPI document, so the docs and the check agree.
        routes = {
            (path, verb.upper())
            for path, operations in current_app.api_doc["paths"].items()  # type: ignore[attr-defined]
            for verb, operation in operations.items()
            if operation.get("security") == COACH_ONLY
        }
        current_app.extensions[_COACH_ONLY_ROUTES] = routes
    # Flask's /v1/profiles/<int:profile_id> is OpenAPI's /v1/profiles/{profile_id}.
    return (re.sub(r"<(?:[^<>:]+:)?([^<>]+)>", r"{\1}", rule), method) in routes
