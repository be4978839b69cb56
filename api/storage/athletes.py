"""Athlete rows and each athlete's history: the weeks solved for them, newest first."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.storage.errors import NotFound
from api.storage.fields import may_exist, refuse_stale
from api.storage.models import Athlete, SolvedWeek


def insert_athlete(session: Session, coach_id: int, fields: dict[str, Any]) -> Athlete:
    """Store a new athlete from column values (name, level, phase, equipment, default_week)."""
    athlete = Athlete(coach_id=coach_id, **fields)
    session.add(athlete)
    session.flush()
    return athlete


def athletes_of(session: Session, coach_id: int) -> list[Athlete]:
    """The coach's athletes, by name."""
    query = select(Athlete).where(Athlete.coach_id == coach_id).order_by(Athlete.name, Athlete.id)
    return list(session.scalars(query))


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


def history_of(session: Session, athlete: Athlete) -> list[SolvedWeek]:
    """The athlete's solved weeks, newest first."""
    query = (
        select(SolvedWeek)
        .where(SolvedWeek.athlete_id == athlete.id)
        .order_by(SolvedWeek.created_at.desc(), SolvedWeek.id.desc())
    )
    return list(session.scalars(query))


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
