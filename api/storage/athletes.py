"""Athlete rows and each athlete's history: the weeks solved for them, newest first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from api.storage.errors import NotFound
from api.storage.fields import may_exist, refuse_stale
from api.storage.models import Athlete, AthletePlan, SolvedWeek, utcnow

# The history's one order: newest first, and by id among weeks solved at the same moment.
NEWEST_FIRST = (SolvedWeek.created_at.desc(), SolvedWeek.id.desc())


def insert_athlete(session: Session, coach_id: int, fields: dict[str, Any]) -> Athlete:
    """Store a new athlete from column values (name, level, phase, equipment, default_week)."""
    athlete = Athlete(coach_id=coach_id, **fields)
    session.add(athlete)
    session.flush()
    return athlete


def athletes_of(
    session: Session,
    coach_id: int,
    *,
    after: tuple[str, int] | None = None,
    limit: int | None = None,
) -> list[Athlete]:
    """The coach's athletes by name then id: at most `limit`, from just past `after` (the
    name and id of the last one seen)."""
    query = select(Athlete).where(Athlete.coach_id == coach_id)
    if after is not None:
        name, athlete_id = after
        query = query.where(
            or_(Athlete.name > name, and_(Athlete.name == name, Athlete.id > athlete_id))
        )
    return list(session.scalars(query.order_by(Athlete.name, Athlete.id).limit(limit)))


def owned_athlete(session: Session, coach_id: int, athlete_id: int) -> Athlete:
    """The coach's athlete `athlete_id`; NotFound when it does not exist or is someone else's."""
    athlete = (
        session.scalar(
            select(Athlete).where(Athlete.id == athlete_id, Athlete.coach_id == coach_id)
        )
        if may_exist(athlete_id)
        else None
    )
    if athlete is None:
        raise NotFound(f"no athlete {athlete_id}")
    return athlete


def update_athlete(
    session: Session, athlete: Athlete, fields: dict[str, Any], expected_version: int | None = None
) -> Athlete:
    """Overwrite the athlete's columns with `fields`; Stale when `expected_version` is not the
    stored one."""
    refuse_stale("athlete", athlete.id, athlete.version, expected_version)
    for column, value in fields.items():
        setattr(athlete, column, value)
    session.flush()
    return athlete


def delete_athlete(session: Session, athlete: Athlete) -> None:
    """Delete the athlete and their history."""
    session.delete(athlete)
    session.flush()


def insert_solved_week(session: Session, athlete: Athlete, fields: dict[str, Any]) -> SolvedWeek:
    """Keep a solved week in the athlete's history (profile_id, request, weights, result, ...)."""
    solved = SolvedWeek(athlete_id=athlete.id, **fields)
    session.add(solved)
    session.flush()
    return solved


def history_of(
    session: Session,
    athlete: Athlete,
    *,
    before: tuple[dt.datetime, int] | None = None,
    limit: int | None = None,
) -> list[SolvedWeek]:
    """The athlete's solved weeks, newest first (by solve time, then id): at most `limit`, from
    just past `before` (the solve time and id of the last one seen)."""
    query = select(SolvedWeek).where(SolvedWeek.athlete_id == athlete.id)
    if before is not None:
        created_at, solved_id = before
        query = query.where(
            or_(
                SolvedWeek.created_at < created_at,
                and_(SolvedWeek.created_at == created_at, SolvedWeek.id < solved_id),
            )
        )
    return list(session.scalars(query.order_by(*NEWEST_FIRST).limit(limit)))


def trim_history(session: Session, athlete: Athlete, keep: int) -> int:
    """Delete the athlete's oldest solved weeks beyond the newest `keep`; how many went."""
    oldest = select(SolvedWeek.id).where(SolvedWeek.athlete_id == athlete.id)
    beyond = list(session.scalars(oldest.order_by(*NEWEST_FIRST).offset(keep)))
    if beyond:
        session.execute(delete(SolvedWeek).where(SolvedWeek.id.in_(beyond)))
    return len(beyond)


def solved_week_of(session: Session, athlete: Athlete, solved_id: int) -> SolvedWeek:
    """One solved week of the athlete's history; NotFound otherwise."""
    solved = (
        session.scalar(
            select(SolvedWeek).where(
                SolvedWeek.id == solved_id, SolvedWeek.athlete_id == athlete.id
            )
        )
        if may_exist(solved_id)
        else None
    )
    if solved is None:
        raise NotFound(f"no solved week {solved_id} for athlete {athlete.id}")
    return solved


def plan_of(session: Session, athlete: Athlete) -> AthletePlan:
    """The plan stored for the athlete; NotFound when none is."""
    plan = session.get(AthletePlan, athlete.id)
    if plan is None:
        raise NotFound(f"no plan stored for athlete {athlete.id}")
    return plan


def store_plan(
    session: Session, athlete: Athlete, plan: dict[str, Any], expected_version: int | None = None
) -> tuple[AthletePlan, bool]:
    """Store the athlete's plan, replacing the one stored (Stale when `expected_version` is not
    its version); with whether it was created."""
    stored = session.get(AthletePlan, athlete.id)
    if stored is None:
        if expected_version is not None:
            raise NotFound(
                f"no plan stored for athlete {athlete.id} to be at version {expected_version}"
            )
        stored = AthletePlan(athlete_id=athlete.id, plan=plan)
        session.add(stored)
        session.flush()
        return stored, True
    refuse_stale("plan of athlete", athlete.id, stored.version, expected_version)
    stored.plan = plan
    stored.updated_at = utcnow()  # every write is a new version, the same plan sent again too
    session.flush()
    return stored, False


def delete_plan(session: Session, athlete: Athlete) -> None:
    """Delete the athlete's plan; NotFound when none is stored."""
    session.delete(plan_of(session, athlete))
    session.flush()
