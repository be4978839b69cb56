"""Weight profiles: a coach's named sets of soft-goal weights, and solving with one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.storage.errors import Conflict, NotFound
from api.storage.fields import Name, as_utc, may_exist
from api.storage.models import Profile
from solver import DEFAULT_WEIGHTS, WeekRequest
from solver.domain import GoalWeights
from solver.rules import SoftGoalId


class ProfileIn(BaseModel):
    """A weight profile as a coach writes it."""

    model_config = ConfigDict(extra="forbid")

    name: Name = Field(description="A name unique among the coach's profiles, e.g. 'marathon'.")
    description: str = Field(default="", max_length=2000, description="What the profile is for.")
    weights: GoalWeights = Field(
        default_factory=dict,
        description="Soft goal id -> weight 0..1000 (see GET /v1/rules); goals left out keep "
        "their default weight.",
    )


class ProfiledWeekRequest(WeekRequest):
    """A week request that may start from one of the coach's weight profiles."""

    profile: int | None = Field(
        default=None,
        description="Id of one of your weight profiles (needs your bearer token): its weights "
        "apply first, this request's `weights` on top.",
    )

    def week_fields(self) -> dict[str, Any]:
        """The fields set in this request, bar `profile`: a plain week request's input."""
        return self.model_dump(exclude={"profile"}, exclude_unset=True)


class ProfileOut(ProfileIn):
    """A stored weight profile."""

    id: int = Field(description="The profile's id; pass it as `profile` when solving.")
    created_at: dt.datetime = Field(description="When the profile was created (UTC).")
    updated_at: dt.datetime = Field(description="When it last changed (UTC).")


def create_profile(session: Session, coach_id: int, data: ProfileIn) -> ProfileOut:
    """Store a new profile for the coach."""
    _refuse_taken_name(session, coach_id, data.name)
    profile = Profile(coach_id=coach_id, **data.model_dump())
    session.add(profile)
    _flush_or_conflict(session, data.name)
    return profile_out(profile)


def list_profiles(session: Session, coach_id: int) -> list[ProfileOut]:
    """The coach's profiles, by name."""
    profiles = session.scalars(
        select(Profile).where(Profile.coach_id == coach_id).order_by(Profile.name, Profile.id)
    )
    return [profile_out(profile) for profile in profiles]


def get_profile(session: Session, coach_id: int, profile_id: int) -> ProfileOut:
    """One of the coach's profiles."""
    return profile_out(owned_profile(session, coach_id, profile_id))


def replace_profile(
    session: Session, coach_id: int, profile_id: int, data: ProfileIn
) -> ProfileOut:
    """Overwrite one of the coach's profiles with `data`."""
    profile = owned_profile(session, coach_id, profile_id)
    if data.name != profile.name:
        _refuse_taken_name(session, coach_id, data.name)
    profile.name = data.name
    profile.description = data.description
    profile.weights = {str(goal): weight for goal, weight in data.weights.items()}
    _flush_or_conflict(session, data.name)
    return profile_out(profile)


def delete_profile(session: Session, coach_id: int, profile_id: int) -> None:
    """Delete one of the coach's profiles; plans solved with it keep their weights."""
    session.delete(owned_profile(session, coach_id, profile_id))
    session.flush()


def owned_profile(session: Session, coach_id: int, profile_id: int) -> Profile:
    """The coach's profile `profile_id`; NotFound when it does not exist or is someone else's."""
    profile = (
        session.scalar(
            select(Profile).where(Profile.id == profile_id, Profile.coach_id == coach_id)
        )
        if may_exist(profile_id)
        else None
    )
    if profile is None:
        raise NotFound(f"no profile {profile_id}")
    return profile


def resolve_weights(
    session: Session, coach_id: int | None, profile_id: int | None, weights: GoalWeights
) -> GoalWeights:
    """Every soft goal's weight: the defaults, then the profile's, then `weights` on top."""
    profile_weights: GoalWeights = {}
    if profile_id is not None:
        if coach_id is None:
            raise NotFound(f"no profile {profile_id}")
        stored = owned_profile(session, coach_id, profile_id).weights
        # A goal dropped from the rule book since the profile was saved no longer means anything.
        profile_weights = {
            SoftGoalId(goal): weight for goal, weight in stored.items() if goal in DEFAULT_WEIGHTS
        }
    return {**DEFAULT_WEIGHTS, **profile_weights, **weights}


def week_with_profile(
    session: Session, coach_id: int | None, body: ProfiledWeekRequest
) -> WeekRequest:
    """The week to solve: the body's, with every weight resolved from the profile and the body."""
    weights = resolve_weights(session, coach_id, body.profile, body.weights)
    return WeekRequest.model_validate({**body.week_fields(), "weights": weights})


def profile_out(profile: Profile) -> ProfileOut:
    """The profile as answered."""
    return ProfileOut(
        id=profile.id,
        name=profile.name,
        description=profile.description,
        weights=profile.weights,
        created_at=as_utc(profile.created_at),
        updated_at=as_utc(profile.updated_at),
    )


def _refuse_taken_name(session: Session, coach_id: int, name: str) -> None:
    taken = session.scalar(
        select(Profile.id).where(Profile.coach_id == coach_id, Profile.name == name)
    )
    if taken is not None:
        raise Conflict(f"a profile named {name!r} already exists (id {taken})")


def _flush_or_conflict(session: Session, name: str) -> None:
    # The check above gives the friendly message; the unique constraint is what holds when two
    # requests race, and the failed transaction rolls back whole.
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"a profile named {name!r} already exists") from None
