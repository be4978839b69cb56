"""A runner's training plan as posted: consecutive weeks from a Monday. No ortools here."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from solver.domain import (
    LAST_WEEK_OF,
    MAX_WEIGHT,
    RELAXABLE_RULE_IDS,
    Athlete,
    CalendarDate,
    Day,
    DayId,
    GoalWeights,
    Phase,
    PreviousRace,
    RaceDistance,
    RelaxedRules,
    Strength,
    _Strict,
    race_km,
)

MAX_WEEKS = 104
DeloadEvery = Literal[3, 4]


class PlanWeek(_Strict):
    """One week of the plan, in the week format: days keyed mon..sun, and optionally its phase."""

    days: dict[DayId, Day] = Field(
        default_factory=dict,
        description="The week keyed mon..sun. A day left out is a rest day with no limits.",
    )
    phase: Phase | None = Field(
        default=None,
        description="The week's phase; left out, it is derived from the goal race (see docs).",
    )


class GoalRace(_Strict):
    """The race the plan leads to."""

    date: CalendarDate = Field(description="Race day, as YYYY-MM-DD, inside the plan.")
    distance: RaceDistance = Field(description="5k, 10k, half, marathon, ultra, or a number of km.")

    @property
    def km(self) -> float:
        """The race's distance in km."""
        return race_km(self.distance)


class PlanAthlete(Athlete):
    """Who the plan is for: the phase is each week's, not the athlete's."""

    @field_validator("phase")
    @classmethod
    def _phase_is_per_week(cls, phase: Phase | None) -> Phase | None:
        if phase is not None:
            raise ValueError("a plan sets each week's phase in weeks[i].phase, not athlete.phase")
        return phase


class PlanRequest(_Strict):
    """A training plan: the weeks from `start`, the athlete, and what matters most."""

    start: CalendarDate = Field(description="The Monday the plan's first week starts on.")
    weeks: list[PlanWeek] = Field(
        min_length=1,
        max_length=MAX_WEEKS,
        description=f"The plan's weeks in order, 1 to {MAX_WEEKS}, each in the week format.",
    )
    athlete: PlanAthlete = Field(
        default_factory=PlanAthlete, description="Level and equipment (phases are per week)."
    )
    strength: Strength = Field(
        default_factory=Strength,
        description="Sessions per week: the bounds hold every week; the target follows each "
        "week's phase unless given.",
    )
    weights: GoalWeights = Field(
        default_factory=dict,
        description=(
            "Overrides of the goals' default weights, by goal id (see GET /v1/rules). "
            f"Whole numbers from 0 to {MAX_WEIGHT}; 0 switches a goal off."
        ),
    )
    time_limit_s: float = Field(
        default=10.0,
        gt=0,
        le=60,
        strict=True,
        allow_inf_nan=False,
        description="Longest the solver may search, in seconds.",
    )
    relax: RelaxedRules = Field(
        default_factory=list,
        description="Hard rules to switch off for the whole plan, by id; only these may be: "
        + ", ".join(RELAXABLE_RULE_IDS)
        + ".",
    )
    previous_race: PreviousRace | None = Field(
        default=None,
        description="A race in the 14 days before the plan starts: heavy legs wait for it. "
        "Give days_ago (before start) or its date.",
    )
    goal_race: GoalRace | None = Field(
        default=None,
        description="The race the plan leads to, if it is not a race run in the weeks already "
        "(then the last race run is the goal). Phases are derived from it.",
    )
    deload_every: DeloadEvery | None = Field(
        default=4,
        description="Every 3rd or 4th week of base and build is a lighter deload week; null: "
        "no deload weeks.",
    )

    @field_validator("start")
    @classmethod
    def _starts_monday(cls, start: dt.date) -> dt.date:
        if start.weekday() != 0:
            raise ValueError(f"{start.isoformat()} is a {start:%A}; start must be a Monday")
        return start

    @model_validator(mode="after")
    def _races_fit_the_plan(self) -> PlanRequest:
        if self.goal_race is not None:
            race_day = self.goal_race.date
            if race_day < self.start:
                raise ValueError(
                    f"goal_race.date ({race_day.isoformat()}) falls before the plan's start "
                    f"({self.start.isoformat()})"
                )
            if race_day > self.end:
                raise ValueError(
                    f"goal_race.date ({race_day.isoformat()}) falls after the plan's last day "
                    f"({self.end.isoformat()}); add weeks up to the race"
                )
        race = self.previous_race
        if race is not None and race.date is not None:
            days_ago = (self.start - race.date).days
            if not 1 <= days_ago <= 14:
                raise ValueError(
                    f"previous_race.date ({race.date.isoformat()}) must fall 1 to 14 days before "
                    f"start ({self.start.isoformat()})"
                )
        last_week = self.end - dt.timedelta(days=6)
        if last_week > LAST_WEEK_OF:
            raise ValueError(
                f"the plan's last week would start on {last_week.isoformat()}, past "
                f"{LAST_WEEK_OF.isoformat()}: start earlier or give fewer weeks"
            )
        return self

    @property
    def end(self) -> dt.date:
        """The plan's last day (a Sunday)."""
        return self.start + dt.timedelta(days=7 * len(self.weeks) - 1)

    @property
    def previous_race_days_ago(self) -> int | None:
        """How many days before `start` the previous race was, or None without one."""
        race = self.previous_race
        if race is None:
            return None
        if race.days_ago is not None:
            return race.days_ago
        assert race.date is not None  # one of the two, checked on validation
        return (self.start - race.date).days
