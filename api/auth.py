"""Coach authentication: `Authorization: Bearer <token>`, or a 401 problem."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request
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


class NotAuthenticated(Exception):
    """No usable bearer token: the message says what was wrong with it."""

    def __init__(self, detail: str, error: str | None = None) -> None:
        super().__init__(detail)
        # RFC 6750's error code; left out when no credentials were sent at all.
        self.error = error


def init_app(app: Flask) -> None:
    """Answer a missing or refused token with 401 and a WWW-Authenticate challenge."""
    app.register_error_handler(NotAuthenticated, _unauthorized)


def current_coach(session: Session) -> Coach:
    """The coach whose token this request carries; NotAuthenticated when there is none."""
    header = request.headers.get("Authorization")
    if not header:
        raise NotAuthenticated("send your token as 'Authorization: Bearer <token>'")
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != BEARER or not token or " " in token:
        raise NotAuthenticated(
            "the Authorization header must be 'Bearer <token>'", error="invalid_request"
        )
    coach = coach_for_token(session, token)
    if coach is None:
        raise NotAuthenticated("the token is not valid", error="invalid_token")
    return coach


def _unauthorized(error: NotAuthenticated) -> Response:
    challenge = 'Bearer realm="trainweek"'
    if error.error:
        challenge += f', error="{error.error}"'
    return problem(401, str(error), headers={"WWW-Authenticate": challenge})
