"""POST /v1/coaches signs a coach up; /v1/coaches/me is the coach holding the token."""

from __future__ import annotations

from flask import Response, url_for
from flask_openapi3 import APIBlueprint, Tag

from api.auth import COACH_ONLY, current_coach
from api.problems import problem_responses
from api.storage import coaches
from api.storage.coaches import CoachIn, CoachOut, RegisteredCoach
from api.store import transaction

JSON = "application/json"

blueprint = APIBlueprint(
    "coaches",
    __name__,
    url_prefix="/v1/coaches",
    abp_tags=[Tag(name="coaches", description="Sign up and get the API token.")],
    abp_responses=problem_responses(400, 413, 415),
)


@blueprint.post("", responses={201: RegisteredCoach})
def register_coach(body: CoachIn) -> Response:
    """Sign a coach up: the answer holds the API token, shown this once and never again.

    Only a hash of the token is kept, so a lost token cannot be recovered: mint a new one with
    POST /v1/coaches/me/token while you still hold the old one.
    """
    with transaction() as session:
        coach = coaches.register_coach(session, body)
    return Response(
        coach.model_dump_json(),
        status=201,
        mimetype=JSON,
        headers={"Location": url_for("coaches.me")},
    )


@blueprint.get("/me", responses={200: CoachOut, **problem_responses(401)}, security=COACH_ONLY)
def me() -> Response:
    """The coach the token belongs to."""
    with transaction() as session:
        coach = coaches.coach_out(current_coach(session))
    return Response(coach.model_dump_json(), mimetype=JSON)


@blueprint.post(
    "/me/token", responses={200: RegisteredCoach, **problem_responses(401)}, security=COACH_ONLY
)
def replace_token() -> Response:
    """Mint a new token; the one sent with this request stops working at once."""
    with transaction() as session:
        coach = coaches.replace_token(session, current_coach(session))
    return Response(coach.model_dump_json(), mimetype=JSON)
