"""A runner's week as posted: runs, availability, athlete and preferences. No ortools here."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from solver.catalogue import Session

# The days live in solver/days.py (the rule book needs them too); the domain re-exports them.
from solver.days import DAY_NAMES as DAY_NAMES
from solver.days import DAYS as DAYS
from solver.days import DayId as DayId
from solver.rules import SOFT_GOAL_IDS, SOFT_GOALS, SoftGoalId

RunType = Literal["easy", "recovery", "long", "tempo", "intervals", "hills", "race", "cross_train"]
KEY_RUN_TYPES: frozenset[str] = frozenset({"long", "tempo", "intervals", "hills", "race"})
Level = Literal["beginner", "intermediate", "advanced"]
Phase = Literal["base", "build", "peak", "taper", "race_week", "recovery"]
Equipment = Literal["gym", "home"]

# DOMAIN.md, "frequency by phase": base 3, build 2-3, peak 2, taper 1, race week mobility only,
# a deload week one fewer than the usual two. Most runners: two.
DEFAULT_TARGET_BY_PHASE: dict[str, int] = {
    "base": 3,
    "build": 2,
    "peak": 2,
    "taper": 1,
    "race_week": 1,
    "recovery": 1,
}
DEFAULT_TARGET = 2
MAX_WEIGHT = 1000


class _Strict(BaseModel):
    # Unknown fields are refused, and numbers and booleans are strict: a "2" or a true where a
    # number belongs is a client's mistake to report, not to guess at.
    model_config = ConfigDict(extra="forbid")


class Run(_Strict):
    """One run (or cross-training session) on a day."""

    type: RunType = Field(description="What kind of run: easy, recovery, long, tempo, ...")
    minutes: int = Field(
        gt=0, le=600, strict=True, description="How long the run takes, in minutes."
    )
    key: bool | None = Field(
        default=None,
        strict=True,
        description=(
            "Is the week built around this run? Defaults to true for long, tempo, intervals, "
            "hills and race, false otherwise."
        ),
    )

    @property
    def is_key(self) -> bool:
        """Whether the run is a key run, its default taken from its type."""
        return self.key if self.key is not None else self.type in KEY_RUN_TYPES


class Day(_Strict):
    """A day of the week: its runs and when strength can happen."""

    runs: list[Run] = Field(
        default_factory=list, max_length=4, description="The day's runs; none means a rest day."
    )
    available: bool = Field(
        default=True, strict=True, description="False: no strength session this day."
    )
    available_minutes: int | None = Field(
        default=None,
        strict=True,
        ge=0,
        le=1440,
        description="Total training minutes this day, runs included. Leave out for no limit.",
    )
    gym: bool = Field(
        default=True, strict=True, description="Whether there is gym access this day."
    )

    @model_validator(mode="after")
    def _minutes_cover_the_runs(self) -> Day:
        if self.available_minutes is not None and self.available_minutes < self.run_minutes:
            raise ValueError(
                f"available_minutes ({self.available_minutes}) is less than the day's runs "
                f"({self.run_minutes} min); it counts the runs too"
            )
        return self

    @property
    def run_minutes(self) -> int:
        """Minutes of running this day."""
        return sum(run.minutes for run in self.runs)

    @property
    def has_key_run(self) -> bool:
        """Whether a key run falls on this day."""
        return any(run.is_key for run in self.runs)

    @property
    def has_long_run(self) -> bool:
        """Whether a long run falls on this day."""
        return any(run.type == "long" for run in self.runs)

    @property
    def is_race_day(self) -> bool:
        """Whether the runner races this day."""
        return any(run.type == "race" for run in self.runs)

    @property
    def is_rest_or_recovery(self) -> bool:
        """A day with no run, or only recovery runs: a day meant to stay easy."""
        return all(run.type == "recovery" for run in self.runs)

    @property
    def minutes_left(self) -> int | None:
        """Minutes left for strength after the runs, or None when the day has no limit."""
        if self.available_minutes is None:
            return None
        return self.available_minutes - self.run_minutes


class Athlete(_Strict):
    """Who the week is for."""

    level: Level = Field(default="intermediate", description="Training age with strength work.")
    phase: Phase | None = Field(
        default=None, description="Where the week sits in the training plan."
    )
    equipment: Equipment = Field(
        default="gym", description="'home' rules out every session that needs a gym."
    )


class Strength(_Strict):
    """How many strength sessions the runner wants."""

    min_sessions: int = Field(
        default=1, ge=1, le=3, strict=True, description="Fewest sessions to place."
    )
    max_sessions: int = Field(
        default=3, ge=1, le=3, strict=True, description="Most sessions to place."
    )
    target_sessions: int | None = Field(
        default=None,
        strict=True,
        ge=1,
        le=3,
        description="Sessions to aim for; defaults by phase (base 3, build 2, taper 1, ...).",
    )

    @model_validator(mode="after")
    def _bounds_in_order(self) -> Strength:
        if self.min_sessions > self.max_sessions:
            raise ValueError(
                f"min_sessions ({self.min_sessions}) must be <= max_sessions ({self.max_sessions})"
            )
        target = self.target_sessions
        if target is not None and not self.min_sessions <= target <= self.max_sessions:
            raise ValueError(
                f"target_sessions ({target}) must lie within min_sessions..max_sessions "
                f"({self.min_sessions}..{self.max_sessions})"
            )
        return self


Weight = Annotated[int, Field(ge=0, le=MAX_WEIGHT, strict=True)]


def known_goal_weights(weights: object) -> object:
    """Refuse weights for goals that do not exist, naming the ones that do.

    Runs before the keys are read as `SoftGoalId`, so an unknown id gets this message (the
    known ids in rule-book order) rather than pydantic's enum error; anything but a dict passes
    through to pydantic's own type error.
    """
    if isinstance(weights, dict):
        unknown = sorted(str(goal) for goal in set(weights) - set(SOFT_GOAL_IDS))
        if unknown:
            raise ValueError(
                f"unknown goal id(s) {', '.join(unknown)}; known: {', '.join(SOFT_GOAL_IDS)}"
            )
    return weights


# Soft goal id -> weight: the one validator of weights. Shared by week requests and by the API's
# saved weight profiles so both refuse an unknown goal with the same message; the keys are
# `SoftGoalId`, which the OpenAPI document shows as an enum of goal ids.
GoalWeights = Annotated[dict[SoftGoalId, Weight], BeforeValidator(known_goal_weights)]


# A week a calendar can hold: the export adds days to week_of, which must not pass year 9999.
FIRST_WEEK_OF = dt.date(1970, 1, 1)
LAST_WEEK_OF = dt.date(2200, 12, 31)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_only(value: object) -> object:
    """Refuse anything but a date: a 'YYYY-MM-DD' string (no time, no number) or a date.

    pydantic alone would take a datetime string with a zero time, or a Unix timestamp.
    """
    is_date = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if not is_date and not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        raise ValueError("must be a date as YYYY-MM-DD, with no time")
    return value


def within_calendar(value: dt.date) -> dt.date:
    """Refuse a date outside FIRST_WEEK_OF..LAST_WEEK_OF."""
    if not FIRST_WEEK_OF <= value <= LAST_WEEK_OF:
        raise ValueError(f"must lie between {FIRST_WEEK_OF} and {LAST_WEEK_OF}")
    return value


CalendarDate = Annotated[dt.date, BeforeValidator(date_only), AfterValidator(within_calendar)]


class WeekRequest(_Strict):
    """A runner's week: the runs, when strength fits, and what matters most."""

    days: dict[DayId, Day] = Field(
        default_factory=dict,
        description="The week keyed mon..sun. A day left out is a rest day with no limits.",
    )
    athlete: Athlete = Field(default_factory=Athlete, description="Level, phase and equipment.")
    strength: Strength = Field(default_factory=Strength, description="How many sessions.")
    weights: GoalWeights = Field(
        default_factory=dict,
        description=(
            "Overrides of the soft goals' default weights, by goal id (see GET /v1/rules). "
            f"Whole numbers from 0 to {MAX_WEIGHT}; 0 switches a goal off."
        ),
    )
    time_limit_s: float = Field(
        default=2.0,
        gt=0,
        le=30,
        strict=True,
        allow_inf_nan=False,
        description="Longest the solver may search, in seconds.",
    )
    week_of: CalendarDate | None = Field(
        default=None,
        description=f"The Monday the week starts on, as YYYY-MM-DD between {FIRST_WEEK_OF} and "
        f"{LAST_WEEK_OF} (for calendar export).",
    )

    @field_validator("week_of")
    @classmethod
    def _week_starts_monday(cls, week_of: dt.date | None) -> dt.date | None:
        if week_of is not None and week_of.weekday() != 0:
            raise ValueError(f"{week_of.isoformat()} is a {week_of:%A}; week_of must be a Monday")
        return week_of

    def day(self, day_id: str) -> Day:
        """The day as posted, or a rest day when it was left out."""
        return self.days.get(day_id, _REST_DAY)  # type: ignore[call-overload]

    @property
    def week(self) -> list[Day]:
        """The seven days, Monday first."""
        return [self.day(day_id) for day_id in DAYS]

    @property
    def target_sessions(self) -> int:
        """The session count to aim for: as asked, else by phase, kept within min..max."""
        if self.strength.target_sessions is not None:
            return self.strength.target_sessions
        phase = self.athlete.phase
        target = DEFAULT_TARGET_BY_PHASE[phase] if phase else DEFAULT_TARGET
        return min(max(target, self.strength.min_sessions), self.strength.max_sessions)

    def weight(self, goal_id: SoftGoalId) -> int:
        """The goal's weight for this request: the override, else the default."""
        return self.weights.get(goal_id, SOFT_GOALS[goal_id].default_weight)

    def equipment_allows(self, day_index: int, session: Session) -> bool:
        """Whether the day's equipment allows the session: gym sessions only where there is a
        gym, and never for an athlete who trains at home."""
        if not session.needs_gym:
            return True
        return self.athlete.equipment != "home" and self.day(DAYS[day_index]).gym


_REST_DAY = Day()
