"""Profile rows: a coach's named weight maps, names unique per coach."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from api.storage.errors import Conflict, NotFound
from api.storage.fields import may_exist, refuse_stale
from api.storage.models import Profile


def insert_profile(
    session: Session, coach_id: int, name: str, description: str, weights: dict[str, int]
) -> Profile:
    """Store a new profile; Conflict when the coach already has one of that name."""
    _refuse_taken_name(session, coach_id, name)
    profile = Profile(coach_id=coach_id, name=name, description=description, weights=weights)
    session.add(profile)
    session.flush()
    return profile


def profiles_of(
    session: Session,
    coach_id: int,
    *,
    after: tuple[str, int] | None = None,
    limit: int | None = None,
) -> list[Profile]:
    """The coach's profiles by name then id: at most `limit`, from just past `after` (the name
    and id of the last one seen)."""
    query = select(Profile).where(Profile.coach_id == coach_id)
    if after is not None:
        name, profile_id = after
        query = query.where(
            or_(Profile.name > name, and_(Profile.name == name, Profile.id > profile_id))
        )
    return list(session.scalars(query.order_by(Profile.name, Profile.id).limit(limit)))


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


def update_profile(
    session: Session,
    profile: Profile,
    name: str,
    description: str,
    weights: dict[str, int],
    expected_version: int | None = None,
) -> Profile:
    """Overwrite a profile's fields; Conflict when the new name is taken, Stale when
    `expected_version` is not the stored one."""
    refuse_stale("profile", profile.id, profile.version, expected_version)
    if name != profile.name:
        _refuse_taken_name(session, profile.coach_id, name)
    profile.name = name
    profile.description = description
    profile.weights = weights
    session.flush()
    return profile


def delete_profile(session: Session, profile: Profile) -> None:
    """Delete a profile; solved weeks that used it keep their weights."""
    session.delete(profile)
    session.flush()


def _refuse_taken_name(session: Session, coach_id: int, name: str) -> None:
    taken = session.scalar(
        select(Profile.id).where(Profile.coach_id == coach_id, Profile.name == name)
    )
    if taken is not None:
        raise Conflict(f"a profile named {name!r} already exists (id {taken})")
