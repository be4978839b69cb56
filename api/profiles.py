"""/v1/profiles: a coach's weight profiles, named sets of soft-goal weights to solve with."""

from __future__ import annotations

from flask import Response, url_for
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, Field

from api.auth import COACH_ONLY, current_coach
from api.problems import problem_responses
from api.storage import profiles
from api.storage.profiles import ProfiledWeekRequest, ProfileIn, ProfileOut
from api.store import transaction
from solver import WeekRequest
from solver.domain import GoalWeights

JSON = "application/json"

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


class ProfileList(BaseModel):
    """The coach's weight profiles, by name."""

    profiles: list[ProfileOut] = Field(description="Every profile of the coach, by name.")


@blueprint.post("", responses={201: ProfileOut, **problem_responses(409)})
def create_profile(body: ProfileIn) -> Response:
    """Save a weight profile; its name must be new among your profiles."""
    with transaction() as session:
        profile = profiles.create_profile(session, current_coach(session).id, body)
    location = url_for("profiles.get_profile", profile_id=profile.id)
    return Response(
        profile.model_dump_json(), status=201, mimetype=JSON, headers={"Location": location}
    )


@blueprint.get("", responses={200: ProfileList})
def list_profiles() -> Response:
    """Your weight profiles, by name."""
    with transaction() as session:
        listed = ProfileList(profiles=profiles.list_profiles(session, current_coach(session).id))
    return Response(listed.model_dump_json(), mimetype=JSON)


@blueprint.get("/<int:profile_id>", responses={200: ProfileOut, **problem_responses(404)})
def get_profile(path: ProfilePath) -> Response:
    """One of your weight profiles."""
    with transaction() as session:
        profile = profiles.get_profile(session, current_coach(session).id, path.profile_id)
    return Response(profile.model_dump_json(), mimetype=JSON)


@blueprint.put("/<int:profile_id>", responses={200: ProfileOut, **problem_responses(404, 409)})
def replace_profile(path: ProfilePath, body: ProfileIn) -> Response:
    """Replace one of your weight profiles: name, description and weights all as sent."""
    with transaction() as session:
        coach_id = current_coach(session).id
        profile = profiles.replace_profile(session, coach_id, path.profile_id, body)
    return Response(profile.model_dump_json(), mimetype=JSON)


@blueprint.delete("/<int:profile_id>", responses={204: None, **problem_responses(404)})
def delete_profile(path: ProfilePath) -> Response:
    """Delete one of your weight profiles; plans solved with it keep their weights."""
    with transaction() as session:
        profiles.delete_profile(session, current_coach(session).id, path.profile_id)
    return Response(status=204)


def week_to_solve(body: ProfiledWeekRequest) -> WeekRequest:
    """The week to solve: as sent, or with its `profile` resolved (which needs the owner's
    token) into the full weight map."""
    if body.profile is None:
        return body
    with transaction() as session:
        return profiles.week_with_profile(session, current_coach(session).id, body)


def saved_weights(profile_id: int) -> GoalWeights:
    """Every goal's weight under one of the requesting coach's profiles, for any endpoint that
    takes saved profile ids (NotAuthenticated without the owner's token, NotFound otherwise)."""
    with transaction() as session:
        return profiles.resolve_weights(session, current_coach(session).id, profile_id, {})
