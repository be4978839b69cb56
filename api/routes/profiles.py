"""/v1/profiles: a coach's weight profiles, named sets of soft-goal weights to solve with."""

from __future__ import annotations

from flask import Response, url_for
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, Field

from api.auth import COACH_ONLY, bearer_token
from api.idempotency import IdempotencyHeader, once
from api.paging import PageQuery
from api.problems import problem_responses
from api.responses import json_response
from api.services import profiles
from api.services.idempotency import coach_scope
from api.services.learn import LearnAnswer, LearnBody
from api.services.learn import learn as learn_weights
from api.services.profiles import ProfileIn, ProfileList, ProfileOut, ProfileUpdate
from api.settings import solve_budget
from api.store import database

blueprint = APIBlueprint(
    "profiles",
    __name__,
    url_prefix="/v1/profiles",
    abp_tags=[Tag(name="profiles", description="A coach's weight profiles.")],
    abp_responses=problem_responses(400, 401, 413, 415),
    abp_security=COACH_ONLY,
)


class ProfilePath(BaseModel):
    """Which profile."""

    profile_id: int = Field(description="The profile's id.")


@blueprint.post(
    "",
    responses={201: ProfileOut, **problem_responses(409, 422)},
    operation_id="create_profile",
)
def create(header: IdempotencyHeader, body: ProfileIn) -> Response:
    """Save a weight profile; its name must be new among your profiles."""

    def save() -> Response:
        profile = profiles.create_profile(database(), bearer_token(), body)
        location = url_for("profiles.get", profile_id=profile.id)
        return json_response(profile, 201, headers={"Location": location})

    return once(header.idempotency_key, lambda: coach_scope(database(), bearer_token()), save)


@blueprint.get("", responses={200: ProfileList}, operation_id="list_profiles")
def list_all(query: PageQuery) -> Response:
    """Your weight profiles, by name, a page at a time (`next` links the following page)."""
    answer = profiles.list_profiles(database(), bearer_token(), query.page(), query.next_link())
    return json_response(answer)


@blueprint.get(
    "/<int:profile_id>",
    responses={200: ProfileOut, **problem_responses(404)},
    operation_id="get_profile",
)
def get(path: ProfilePath) -> Response:
    """One of your weight profiles."""
    return json_response(profiles.get_profile(database(), bearer_token(), path.profile_id))


@blueprint.put(
    "/<int:profile_id>",
    responses={200: ProfileOut, **problem_responses(404, 409)},
    operation_id="replace_profile",
)
def replace(path: ProfilePath, body: ProfileUpdate) -> Response:
    """Replace one of your weight profiles: name, description and weights all as sent.

    Send the `version` you read to be sure you overwrite only that: when someone changed the
    profile since, the answer is 409 and nothing changes.
    """
    profile = profiles.replace_profile(
        database(), bearer_token(), path.profile_id, body, body.version
    )
    return json_response(profile)


@blueprint.delete(
    "/<int:profile_id>",
    responses={204: None, **problem_responses(404, 409)},
    operation_id="delete_profile",
)
def delete(path: ProfilePath) -> Response:
    """Delete one of your weight profiles; weeks solved with it keep their weights."""
    profiles.delete_profile(database(), bearer_token(), path.profile_id)
    return Response(status=204)


@blueprint.post(
    "/learn",
    responses={200: LearnAnswer, **problem_responses(404, 409, 422)},
    operation_id="learn_profile",
    description="Send 1 to 50 weeks you placed (each a week request and a plan, as for "
    "/v1/weeks/evaluate): the answer is the weights under which the solver places them as you "
    "did, near `base` (a profile id or preset name; default: the default weights), with "
    "each week's optimal week under them and where it still differs. A week that breaks a hard "
    "rule, or that no weights can make optimal beside the others, is reported in `per_example` "
    "with its `reason`, not refused. With `save` the weights are saved as a new profile named "
    "`name` (409 when you have one by that name). Learning that cannot solve each week once "
    "within the solving budget's seconds is a 422.",
)
def learn(body: LearnBody) -> Response:
    """Learn your weights from weeks you placed, and save them as a profile on request."""
    return json_response(learn_weights(database(), bearer_token(), body, solve_budget()))
