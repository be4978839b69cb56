"""The training plan a coach stores for an athlete: store it, read it, delete it, and solve it
with one of the coach's weight profiles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from api.services.athletes import athlete_block
from api.services.coaches import authenticated
from api.services.errors import InvalidPlan
from api.services.fields import Version
from api.services.plan_import import (
    import_plan_file,
    require_goal_race_distance,
    unclassified_events,
)
from api.services.plans import ProfiledPlanRequest, solve_training_plan
from api.storage import Database
from api.storage import athletes as rows
from api.storage.fields import as_utc
from api.storage.models import Athlete, AthletePlan
from solver import PlanRequest, PlanResult
from solver.budget import SolveBudget
from solver.importers.importer import Format


class AthletePlanIn(PlanRequest):
    """A plan as a coach stores it for an athlete (trainweek's plan JSON), optionally saying
    which version they edited. Left out, `athlete` is the athlete's level and equipment."""

    version: Version


class AthletePlanOut(BaseModel):
    """The plan stored for an athlete."""

    athlete: int = Field(description="The athlete's id.")
    version: int = Field(
        description="Changes with every write: send it back with PUT to overwrite only this one."
    )
    created_at: dt.datetime = Field(description="When the plan was first stored (UTC).")
    updated_at: dt.datetime = Field(description="When the plan was last replaced (UTC).")
    plan: PlanRequest = Field(description="The plan, as stored.")
    unclassified: list[str] = Field(
        default_factory=list,
        description="When a calendar or calendar-hack file was just stored: the events the "
        "importer left out, as 'date: title (where): why' (`map` classifies them).",
    )


@dataclass(frozen=True)
class StoredPlan:
    """A plan written: the plan as read back, and whether the write created it."""

    plan: AthletePlanOut
    created: bool


def store_athlete_plan(
    db: Database, token: str | None, athlete_id: int, body: AthletePlanIn
) -> StoredPlan:
    """Store (or replace) the plan of one of the coach's athletes.

    Stale when `body.version` is given and is not the stored plan's version; NotFound for
    someone else's athlete, or a version sent when no plan is stored.
    """
    plan = body.model_dump(mode="json", exclude={"version"}, exclude_unset=True)
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = rows.owned_athlete(session, coach.id, athlete_id)
        stored, created = rows.store_plan(session, athlete, plan, body.version)
        return StoredPlan(plan_out(stored), created)


def store_athlete_plan_file(
    db: Database,
    token: str | None,
    athlete_id: int,
    data: bytes,
    *,
    format: Format = "auto",
    race_date: dt.date | None = None,
    mapping: list[str] | None = None,
) -> StoredPlan:
    """Store a plan file in any format (trainweek's plan JSON with its optional `version`, an
    iCalendar export, a calendar-hack plan) as the athlete's plan: imported as for solving,
    then stored as plan JSON, with the events the importer left out.

    A calendar's timed events start (their runs' `at`) at their local time in the athlete's
    time zone, when the athlete has one. PlanFileError for a file that cannot be a plan,
    InvalidPlan for a plan that is not valid; then as `store_athlete_plan`.
    """
    timezone = athlete_time_zone(db, token, athlete_id)
    imported = import_plan_file(
        data, format=format, race_date=race_date, mapping=mapping, timezone=timezone
    )
    require_goal_race_distance(imported)
    try:
        body = AthletePlanIn.model_validate(imported.plan)
    except ValidationError as error:
        raise InvalidPlan(error) from None
    stored = store_athlete_plan(db, token, athlete_id, body)
    unclassified = unclassified_events(imported.report)
    return StoredPlan(stored.plan.model_copy(update={"unclassified": unclassified}), stored.created)


def athlete_time_zone(db: Database, token: str | None, athlete_id: int) -> str | None:
    """The IANA time zone of one of the coach's athletes (None when not set): the zone their
    plan's times are in, on import and in its calendar."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        return rows.owned_athlete(session, coach.id, athlete_id).timezone


def get_athlete_plan(db: Database, token: str | None, athlete_id: int) -> AthletePlanOut:
    """The plan stored for one of the coach's athletes; NotFound when none is."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = rows.owned_athlete(session, coach.id, athlete_id)
        return plan_out(rows.plan_of(session, athlete))


def delete_athlete_plan(db: Database, token: str | None, athlete_id: int) -> None:
    """Delete the plan stored for one of the coach's athletes; NotFound when none is."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        rows.delete_plan(session, rows.owned_athlete(session, coach.id, athlete_id))


def solve_athlete_plan(
    db: Database,
    token: str | None,
    athlete_id: int,
    profile: int | None = None,
    budget: SolveBudget | None = None,
) -> PlanResult:
    """Solve the plan stored for one of the coach's athletes, weighed by one of the coach's
    profiles (its weights first, the plan's own on top). NoPlan when none keeps every rule."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = rows.owned_athlete(session, coach.id, athlete_id)
        fields = athlete_plan_fields(athlete, rows.plan_of(session, athlete))
    body = ProfiledPlanRequest.model_validate({**fields, "profile": profile})
    return solve_training_plan(db, body, token, budget)


def athlete_plan_fields(athlete: Athlete, stored: AthletePlan) -> dict[str, Any]:
    """The stored plan, with the athlete (their block without the phase: a plan's weeks have
    their own) when it names no athlete."""
    fields = dict(stored.plan)
    block = {key: value for key, value in athlete_block(athlete).items() if key != "phase"}
    fields.setdefault("athlete", block)
    return fields


def plan_out(stored: AthletePlan) -> AthletePlanOut:
    """The stored row as the API shows it."""
    return AthletePlanOut(
        athlete=stored.athlete_id,
        version=stored.version,
        created_at=as_utc(stored.created_at),
        updated_at=as_utc(stored.updated_at),
        plan=PlanRequest.model_validate(stored.plan),
    )
