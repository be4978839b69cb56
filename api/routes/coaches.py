"""POST /v1/coaches signs a coach up; /v1/coaches/me is the coach holding the token."""

from __future__ import annotations

from flask import Response, request, url_for
from flask_openapi3 import APIBlueprint, Tag

from api.auth import COACH_ONLY, bearer_token
from api.idempotency import IdempotencyHeader, once
from api.problems import problem_responses
from api.responses import json_response
from api.services.coaches import (
    CoachIn,
    CoachOut,
    RegisteredCoach,
    current_coach,
    register_coach,
    replace_token,
)
from api.services.idempotency import client_scope, replay_sign_up, without_token
from api.store import database

blueprint = APIBlueprint(
    "coaches",
    __name__,
    url_prefix="/v1/coaches",
    abp_tags=[Tag(name="coaches", description="Sign up and get the API token.")],
    abp_responses=problem_responses(400, 413, 415),
)


@blueprint.post(
    "",
    responses={201: RegisteredCoach, **problem_responses(409, 422)},
    operation_id="register_coach",
)
def register(header: IdempotencyHeader, body: CoachIn) -> Response:
    """Sign a coach up: the answer holds the API token, shown this once and never again.

    Only a hash of the token is kept, so a lost token cannot be recovered: mint a new one with
    POST /v1/coaches/me/token while you still hold the old one. A sign-up retried with its
    Idempotency-Key (from the same address) answers the same coach with a fresh token; the
    token of the lost answer stops working.
    """

    def sign_up() -> Response:
        coach = register_coach(database(), body)
        return json_response(coach, 201, headers={"Location": url_for("coaches.me")})

    return once(
        header.idempotency_key,
        lambda: client_scope(request.remote_addr),
        sign_up,
        kept=without_token,
        replayed=lambda scope, key, answer: replay_sign_up(database(), scope, key, answer),
    )


@blueprint.get(
    "/me",
    responses={200: CoachOut, **problem_responses(401)},
    security=COACH_ONLY,
    operation_id="get_me",
)
def me() -> Response:
    """The coach the token belongs to."""
    return json_response(current_coach(database(), bearer_token()))


@blueprint.post(
    "/me/token",
    responses={200: RegisteredCoach, **problem_responses(401, 409)},
    security=COACH_ONLY,
    operation_id="replace_token",
)
def new_token() -> Response:
    """Mint a new token; the one sent with this request stops working at once.

    Of several rotations sent with one token exactly one wins; the others are 409 (the token
    was replaced by that one), so no answer ever holds a token that does not work.
    """
    return json_response(replace_token(database(), bearer_token()))
