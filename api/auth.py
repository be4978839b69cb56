"""Coach authentication: `Authorization: Bearer <token>`, or a 401 problem."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, Response, current_app, request
from sqlalchemy.orm import Session

from api.problems import problem
from api.storage.coaches import coach_for_token
from api.storage.models import Coach

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


class NotAuthenticated(Exception):
    """No usable bearer token: the message says what was wrong with it."""

    def __init__(self, detail: str, error: str | None = None) -> None:
        super().__init__(detail)
        # RFC 6750's error code; left out when no credentials were sent at all.
        self.error = error


def init_app(app: Flask) -> None:
    """Answer a missing or refused token with 401 and a WWW-Authenticate challenge.

    Call before other request checks: a coach-only route refuses a caller without a token
    before it reads the body, so 401 comes before 400 or 415.
    """
    app.register_error_handler(NotAuthenticated, _unauthorized)
    app.before_request(_token_before_body)


def bearer_token() -> str:
    """The request's bearer token; NotAuthenticated when it is missing or malformed."""
    header = request.headers.get("Authorization")
    if not header:
        raise NotAuthenticated("send your token as 'Authorization: Bearer <token>'")
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != BEARER or not token or " " in token:
        raise NotAuthenticated(
            "the Authorization header must be 'Bearer <token>'", error="invalid_request"
        )
    return token


def current_coach(session: Session) -> Coach:
    """The coach whose token this request carries; NotAuthenticated when there is none."""
    coach = coach_for_token(session, bearer_token())
    if coach is None:
        raise NotAuthenticated("the token is not valid", error="invalid_token")
    return coach


def _token_before_body() -> None:
    if request.url_rule is not None and _coach_only(request.url_rule.rule, request.method):
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


def _unauthorized(error: NotAuthenticated) -> Response:
    challenge = 'Bearer realm="trainweek"'
    if error.error:
        challenge += f', error="{error.error}"'
    return problem(401, str(error), headers={"WWW-Authenticate": challenge})
