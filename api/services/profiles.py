"""A coach's weight profiles, and the layering every solve with a profile uses:
the defaults, then the profile's weights, then the request's own on top."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from api.services.coaches import authenticated
from api.services.fields import Name, Version
from api.services.paging import (
    NextLink,
    PageRequest,
    by_name_cursor,
    cursor_as_is,
    next_cursor,
)
from api.storage import Database
from api.storage import profiles as rows
from api.storage.fields import as_utc
from api.storage.models import Profile
from solver import DEFAULT_WEIGHTS, SoftGoalId
from solver.domain import GoalWeights

PROFILES = "profiles"


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


class ProfileUpdate(ProfileIn):
    """A weight profile as a coach replaces it, optionally saying which version they edited."""

    version: Version


class ProfileOut(ProfileIn):
    """A stored weight profile."""

    id: int = Field(description="The profile's id; pass it as `profile` when solving.")
    version: int = Field(
        description="Goes up by one with every change; send it back on PUT to refuse "
        "overwriting someone else's change."
    )
    created_at: dt.datetime = Field(description="When the profile was created (UTC).")
    updated_at: dt.datetime = Field(description="When it last changed (UTC).")


class ProfileList(BaseModel):
    """A page of the coach's weight profiles, by name."""

    profiles: list[ProfileOut] = Field(description="This page of the coach's profiles, by name.")
    next: str | None = Field(
        description="The URL of the next page; null on the last page.",
    )


def create_profile(db: Database, token: str | None, data: ProfileIn) -> ProfileOut:
    """Save a new profile for the coach; its name must be new among theirs."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        return profile_out(
            rows.insert_profile(
                session, coach.id, data.name, data.description, _stored(data.weights)
            )
        )


def list_profiles(
    db: Database,
    token: str | None,
    page: PageRequest | None = None,
    link: NextLink = cursor_as_is,
) -> ProfileList:
    """A page of the coach's profiles, by name; `link` turns the next page's cursor into `next`.

    InvalidField when the cursor is not one this list gave out.
    """
    page = page or PageRequest()
    after = by_name_cursor(PROFILES, page.cursor)
    with db.transaction() as session:
        coach = authenticated(session, token)
        found = rows.profiles_of(session, coach.id, after=after, limit=page.limit + 1)
    cursor = next_cursor(PROFILES, found, page.limit, lambda p: [p.name, p.id])
    return ProfileList(
        profiles=[profile_out(p) for p in found[: page.limit]],
        next=None if cursor is None else link(cursor),
    )


def get_profile(db: Database, token: str | None, profile_id: int) -> ProfileOut:
    """One of the coach's profiles."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        return profile_out(rows.owned_profile(session, coach.id, profile_id))


def replace_profile(
    db: Database, token: str | None, profile_id: int, data: ProfileIn, version: int | None = None
) -> ProfileOut:
    """Overwrite one of the coach's profiles: name, description and weights all as sent.

    Stale when `version` is given and is not the stored version.
    """
    with db.transaction() as session:
        coach = authenticated(session, token)
        profile = rows.owned_profile(session, coach.id, profile_id)
        return profile_out(
            rows.update_profile(
                session,
                profile,
                data.name,
                data.description,
                _stored(data.weights),
                expected_version=version,
            )
        )


def delete_profile(db: Database, token: str | None, profile_id: int) -> None:
    """Delete one of the coach's profiles; weeks solved with it keep their weights."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        rows.delete_profile(session, rows.owned_profile(session, coach.id, profile_id))


def resolve_weights(
    session: Session, coach_id: int, profile_id: int | None, overrides: Mapping[SoftGoalId, int]
) -> dict[SoftGoalId, int]:
    """Every soft goal's weight: the defaults, then the profile's, then `overrides` on top."""
    profile_weights: dict[SoftGoalId, int] = {}
    if profile_id is not None:
        stored = rows.owned_profile(session, coach_id, profile_id).weights
        # A goal dropped from the rule book since the profile was saved no longer means anything.
        profile_weights = {
            SoftGoalId(goal): weight for goal, weight in stored.items() if goal in DEFAULT_WEIGHTS
        }
    return {**DEFAULT_WEIGHTS, **profile_weights, **overrides}


def saved_weights(db: Database, token: str | None, profile_id: int) -> dict[SoftGoalId, int]:
    """Every goal's weight under one of the coach's profiles."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        return resolve_weights(session, coach.id, profile_id, {})


def _stored(weights: Mapping[SoftGoalId, int]) -> dict[str, int]:
    return {str(goal): weight for goal, weight in weights.items()}


def profile_out(profile: Profile) -> ProfileOut:
    """The profile as answered."""
    return ProfileOut(
        id=profile.id,
        version=profile.version,
        name=profile.name,
        description=profile.description,
        weights=profile.weights,
        created_at=as_utc(profile.created_at),
        updated_at=as_utc(profile.updated_at),
    )
