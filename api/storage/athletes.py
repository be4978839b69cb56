"""A coach's athletes, their default week, and the plans solved for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.storage.errors import NotFound
from api.storage.fields import Name, as_utc, may_exist
from api.storage.models import Athlete, Plan
from api.storage.profiles import ProfiledWeekRequest, resolve_weights
from solver import WeekRequest, WeekResult, solve
from solver.domain import Equipment, Level, Phase


class NoWeek(Exception):
    """No week keeps every hard rule: there is no plan to store, only the explanation."""

    def __init__(self, result: WeekResult) -> None:
        super().__init__("no week keeps every hard rule")
        self.result = result


class AthleteIn(BaseModel):
    """An athlete as a coach writes them."""

    model_config = ConfigDict(extra="forbid")

    name: Name = Field(description="The athlete's name.")
    level: Level = Field(default="intermediate", description="Training age with strength work.")
    phase: Phase | None = Field(
        default=None, description="Where the athlete's training plan is now."
    )
    equipment: Equipment = Field(
        default="gym", description="'home' rules out every session that needs a gym."
    )
    default_week: WeekRequest = Field(
        default_factory=WeekRequest,
        description="The week the athlete usually trains: runs, availability, session counts, "
        "weights. Leave out `athlete`: level, phase and equipment above fill it in.",
    )

    @field_validator("default_week")
    @classmethod
    def _no_second_athlete_block(cls, week: WeekRequest) -> WeekRequest:
        if "athlete" in week.model_fields_set:
            raise ValueError(
                "leave out default_week.athlete: set level, phase and equipment on the athlete"
            )
        return week


class AthleteOut(AthleteIn):
    """A stored athlete."""

    id: int = Field(description="The athlete's id.")
    created_at: dt.datetime = Field(description="When the athlete was added (UTC).")
    updated_at: dt.datetime = Field(description="When they last changed (UTC).")

    @field_serializer("default_week")
    def _without_athlete_block(self, week: WeekRequest) -> dict[str, Any]:
        # The week's own `athlete` would only show defaults that contradict the fields above.
        return week.model_dump(mode="json", exclude={"athlete"})


class PlanOut(BaseModel):
    """A week solved for an athlete, with exactly what produced it."""

    id: int = Field(description="The plan's id.")
    athlete: int = Field(description="The athlete's id.")
    profile: int | None = Field(
        description="The weight profile solved with (null: none, or deleted since)."
    )
    created_at: dt.datetime = Field(description="When the week was solved (UTC).")
    request: WeekRequest = Field(description="The week request solved, as the solver saw it.")
    weights: dict[str, int] = Field(
        description="Every soft goal's weight in that solve: defaults, profile and overrides "
        "resolved."
    )
    result: WeekResult = Field(description="The solver's answer.")


def create_athlete(session: Session, coach_id: int, data: AthleteIn) -> AthleteOut:
    """Store a new athlete for the coach."""
    athlete = Athlete(coach_id=coach_id)
    _fill(athlete, data)
    session.add(athlete)
    session.flush()
    return athlete_out(athlete)


def list_athletes(session: Session, coach_id: int) -> list[AthleteOut]:
    """The coach's athletes, by name."""
    athletes = session.scalars(
        select(Athlete).where(Athlete.coach_id == coach_id).order_by(Athlete.name, Athlete.id)
    )
    return [athlete_out(athlete) for athlete in athletes]


def get_athlete(session: Session, coach_id: int, athlete_id: int) -> AthleteOut:
    """One of the coach's athletes."""
    return athlete_out(owned_athlete(session, coach_id, athlete_id))


def replace_athlete(
    session: Session, coach_id: int, athlete_id: int, data: AthleteIn
) -> AthleteOut:
    """Overwrite one of the coach's athletes with `data`; their plans stay."""
    athlete = owned_athlete(session, coach_id, athlete_id)
    _fill(athlete, data)
    session.flush()
    return athlete_out(athlete)


def delete_athlete(session: Session, coach_id: int, athlete_id: int) -> None:
    """Delete one of the coach's athletes and every plan solved for them."""
    session.delete(owned_athlete(session, coach_id, athlete_id))
    session.flush()


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


def athlete_week(
    session: Session, coach_id: int, athlete: Athlete, body: ProfiledWeekRequest
) -> WeekRequest:
    """The week to solve for the athlete.

    Start from the default week; each field the body sets replaces the default's, except
    `weights`, which go on top of the default week's. The athlete's level, phase and equipment
    fill `athlete` unless the body sets it (a week away from the gym). Then every weight is
    resolved: defaults, the profile's, the week's.
    """
    week = {**athlete.default_week, **body.week_fields()}
    week["athlete"] = week.get("athlete") or {
        "level": athlete.level,
        "phase": athlete.phase,
        "equipment": athlete.equipment,
    }
    overrides = {**athlete.default_week.get("weights", {}), **body.weights}
    week["weights"] = resolve_weights(session, coach_id, body.profile, overrides)
    return WeekRequest.model_validate(week)


def solve_for_athlete(
    session: Session, coach_id: int, athlete_id: int, body: ProfiledWeekRequest
) -> PlanOut:
    """Solve the athlete's week and store the plan with its request and weights.

    Raises NoWeek, storing nothing, when no week keeps every hard rule.
    """
    athlete = owned_athlete(session, coach_id, athlete_id)
    request = athlete_week(session, coach_id, athlete, body)
    result = solve(request)
    if result.status == "infeasible":
        raise NoWeek(result)
    plan = Plan(
        athlete_id=athlete.id,
        profile_id=body.profile,
        request=request.model_dump(mode="json"),
        weights=dict(request.weights),
        result=result.model_dump(mode="json"),
        status=result.status,
        objective=result.objective,
    )
    session.add(plan)
    session.flush()
    return plan_out(plan)


def list_plans(session: Session, coach_id: int, athlete_id: int) -> list[PlanOut]:
    """The athlete's plans, newest first."""
    owned_athlete(session, coach_id, athlete_id)
    plans = session.scalars(
        select(Plan)
        .where(Plan.athlete_id == athlete_id)
        .order_by(Plan.created_at.desc(), Plan.id.desc())
    )
    return [plan_out(plan) for plan in plans]


def get_plan(session: Session, coach_id: int, athlete_id: int, plan_id: int) -> PlanOut:
    """One of the athlete's plans."""
    owned_athlete(session, coach_id, athlete_id)
    plan = (
        session.scalar(select(Plan).where(Plan.id == plan_id, Plan.athlete_id == athlete_id))
        if may_exist(plan_id)
        else None
    )
    if plan is None:
        raise NotFound(f"no plan {plan_id} for athlete {athlete_id}")
    return plan_out(plan)


def athlete_out(athlete: Athlete) -> AthleteOut:
    """The athlete as answered."""
    return AthleteOut.model_validate(
        {
            "id": athlete.id,
            "name": athlete.name,
            "level": athlete.level,
            "phase": athlete.phase,
            "equipment": athlete.equipment,
            "default_week": athlete.default_week,
            "created_at": as_utc(athlete.created_at),
            "updated_at": as_utc(athlete.updated_at),
        }
    )


def plan_out(plan: Plan) -> PlanOut:
    """The plan as answered."""
    return PlanOut(
        id=plan.id,
        athlete=plan.athlete_id,
        profile=plan.profile_id,
        created_at=as_utc(plan.created_at),
        request=WeekRequest.model_validate(plan.request),
        weights=plan.weights,
        result=WeekResult.model_validate(plan.result),
    )


def _fill(athlete: Athlete, data: AthleteIn) -> None:
    athlete.name = data.name
    athlete.level = data.level
    athlete.phase = data.phase
    athlete.equipment = data.equipment
    # As the coach wrote it: defaults stay defaults, so a later change of default applies.
    athlete.default_week = data.default_week.model_dump(mode="json", exclude_unset=True)
