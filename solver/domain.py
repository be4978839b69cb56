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

from solver.catalogue import Avoid, LiftingLevel, Session, session_by_id

# The days live in solver/days.py (the rule book needs them too); the domain re-exports them.
from solver.days import DAY_NAMES as DAY_NAMES
from solver.days import DAYS as DAYS
from solver.days import DayId as DayId
from solver.rules import (
    HARD_RULES,
    RELAXABLE_RULE_IDS,
    SOFT_GOAL_IDS,
    SOFT_GOALS,
    HardRuleId,
    SoftGoalId,
)

# A time of day, "HH:MM" from 00:00 to 23:59 (said in the schema as a pattern too).
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
CLOCK = re.compile(CLOCK_PATTERN)


def clock_time(value: object) -> object:
    """Refuse a string that is not a time of day as HH:MM, 00:00 to 23:59."""
    if isinstance(value, str) and not CLOCK.fullmatch(value):
        raise ValueError(f"'{value[:20]}' is not a time of day: give HH:MM from 00:00 to 23:59")
    return value


Clock = Annotated[
    str,
    BeforeValidator(clock_time),
    Field(json_schema_extra={"pattern": CLOCK_PATTERN}, examples=["07:00"]),
]
Slot = Literal["am", "pm"]

RunType = Literal["easy", "recovery", "long", "tempo", "intervals", "hills", "race", "cross_train"]
KEY_RUN_TYPES: frozenset[str] = frozenset({"long", "tempo", "intervals", "hills", "race"})

# docs/domain.md, "Graded run load": a run's load is session-RPE x minutes (Foster et al. 2001),
# each run type taking a typical rating of perceived effort on the CR-10 scale.
RPE_BY_RUN_TYPE: dict[str, int] = {
    "recovery": 2,
    "easy": 3,
    "cross_train": 3,
    "long": 5,
    "tempo": 7,
    "hills": 7,
    "intervals": 8,
    "race": 9,
}
HARD_RUN_RPE = 5
"""A run of this effort or more is hard on the legs whether or not it is marked key."""
VERY_LONG_RUN_MINUTES = 120
LONG_RUN_UNIT_MINUTES = 30
"""`heavy_legs_on_long_run_day` counts once per this many minutes of the long run."""

RaceDistanceName = Literal["5k", "10k", "half", "marathon", "ultra"]
RACE_KM: dict[str, float] = {"5k": 5.0, "10k": 10.0, "half": 21.1, "marathon": 42.2, "ultra": 50.0}
RaceDistance = RaceDistanceName | Annotated[float, Field(gt=0, le=1000, strict=True)]


def recovery_days_after_race(km: float) -> int:
    """Days without heavy legs after a race of `km` (docs/domain.md, "After a race")."""
    if km <= 10.5:
        return 2
    if km <= 21.5:
        return 4
    return 7


def race_km(distance: RaceDistance) -> float:
    """The race's distance in km."""
    return RACE_KM[distance] if isinstance(distance, str) else float(distance)


def race_name(distance: RaceDistance | None) -> str:
    """What a runner calls the race: 'half marathon', '15 km race', 'race'."""
    if distance is None:
        return "race"
    if isinstance(distance, str):
        return {"half": "half marathon", "5k": "5-K", "10k": "10-K"}.get(distance, distance)
    return f"{distance:g} km race"


Level = Literal["beginner", "intermediate", "advanced"]
# `deload` is a lighter week inside a block, `post_race` the week after a race; `recovery` is the
# older name for either and is still accepted (it behaves as `deload`).
Phase = Literal["base", "build", "peak", "taper", "race_week", "deload", "post_race", "recovery"]
# The best equipment the athlete has: a gym (which has weights), dumbbells or a kettlebell at
# home, or bodyweight only. "home" is the older name of "bodyweight", still accepted.
Equipment = Literal["gym", "home_weights", "bodyweight", "home"]
EQUIPMENT_RANK: dict[str, int] = {"bodyweight": 0, "home": 0, "home_weights": 1, "gym": 2}
MASTERS_AGE = 50
NEW_LIFTER_YEARS = 0.5
"""Under this many years of regular lifting an athlete is new to it (ACSM 2009: novice)."""
EXPERIENCED_LIFTER_YEARS = 2.0

# docs/domain.md, soft goal target_sessions: base 3, build 2-3, peak 2, taper 1, race week
# mobility only, a deload week one fewer than the usual two. Most runners: two.
DEFAULT_TARGET_BY_PHASE: dict[str, int] = {
    "base": 3,
    "build": 2,
    "peak": 2,
    "taper": 1,
    "race_week": 1,
    "deload": 1,
    "post_race": 1,
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

    title: str | None = Field(
        default=None,
        max_length=200,
        description="What the runner's plan or calendar calls the run (kept as given).",
    )
    source_uid: str | None = Field(
        default=None,
        max_length=255,
        description="The UID of the calendar event the run was imported from, if any.",
    )
    distance: RaceDistance | None = Field(
        default=None,
        description=(
            "A race's distance: 5k, 10k, half, marathon, ultra, or a number of km. Only for "
            "race runs; sets how long heavy legs wait after it (left out: judged by minutes)."
        ),
    )

    # Left out of answers when not given (here and below), so untimed weeks read as before.
    at: Clock | None = Field(
        default=None,
        exclude_if=lambda at: at is None,
        description="When the run starts, local time as HH:MM (00:00-23:59). Gives the day "
        "times: strength then gets a start time too, after the run.",
    )
    slot: Slot | None = Field(
        default=None,
        exclude_if=lambda slot: slot is None,
        description="When the run happens without an exact time: am (05:00-12:00) or pm "
        "(12:00-22:00); the run may take any of it. Give this or at, not both.",
    )

    @model_validator(mode="after")
    def _distance_only_for_races(self) -> Run:
        if self.distance is not None and self.type != "race":
            raise ValueError(f"distance is only for race runs, not {self.type}")
        return self

    @model_validator(mode="after")
    def _at_or_slot(self) -> Run:
        if self.at is not None and self.slot is not None:
            raise ValueError("give at or slot, not both")
        return self

    @property
    def is_timed(self) -> bool:
        """Whether the runner said when the run happens (a start time or a slot)."""
        return self.at is not None or self.slot is not None

    @property
    def is_key(self) -> bool:
        """Whether the run is a key run, its default taken from its type."""
        return self.key if self.key is not None else self.type in KEY_RUN_TYPES

    @property
    def rpe(self) -> int:
        """The run type's typical session RPE (CR-10)."""
        return RPE_BY_RUN_TYPE[self.type]

    @property
    def load(self) -> int:
        """Session-RPE load: RPE x minutes (Foster et al. 2001)."""
        return self.rpe * self.minutes

    @property
    def is_hard(self) -> bool:
        """Whether the run is hard on the legs: long, tempo, intervals, hills or race."""
        return self.rpe >= HARD_RUN_RPE

    @property
    def recovery_days(self) -> int:
        """For a race: days without heavy legs after it, by distance (else by minutes)."""
        if self.distance is not None:
            return recovery_days_after_race(race_km(self.distance))
        # No distance given: a race under 80 min is taken as 5-10 K, under 160 as a half.
        if self.minutes < 80:
            return 2
        return 4 if self.minutes < 160 else 7


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
    allow_doubles: bool = Field(
        default=False,
        strict=True,
        description=(
            "With two runs this day, still allow a strength session (when the day's minutes "
            "leave room for it)."
        ),
    )

    windows: list[tuple[Clock, Clock]] = Field(
        default_factory=list,
        exclude_if=lambda windows: not windows,
        max_length=8,
        description="When the runner can train this day, as [start, end] pairs of HH:MM, "
        'e.g. [["06:00", "07:30"], ["18:00", "21:00"]]; in order, none overlapping. Strength '
        "goes inside one of them. Left out: no times (or 05:00-22:00 when a run has a time).",
    )

    @field_validator("windows")
    @classmethod
    def _windows_in_order(cls, windows: list[tuple[str, str]]) -> list[tuple[str, str]]:
        # "HH:MM" strings of the pattern compare as times do.
        for index, (start, end) in enumerate(windows):
            if end <= start:
                raise ValueError(
                    f"windows[{index}] ({start}-{end}) ends before it starts; give [start, end]"
                )
        for index in range(1, len(windows)):
            (_, end_before), (start, _) = windows[index - 1], windows[index]
            if start < end_before:
                raise ValueError(
                    f"windows[{index}] ({start}-{windows[index][1]}) overlaps windows"
                    f"[{index - 1}] or comes before it; list windows in order, apart"
                )
        return windows

    @property
    def is_timed(self) -> bool:
        """Whether the day has times: availability windows, or a run with a time or a slot."""
        return bool(self.windows) or any(run.is_timed for run in self.runs)

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
    def is_rest_day(self) -> bool:
        """A day with no run at all."""
        return not self.runs

    @property
    def is_recovery_run_day(self) -> bool:
        """A day whose only runs are recovery jogs."""
        return bool(self.runs) and self.is_rest_or_recovery

    @property
    def has_hard_run(self) -> bool:
        """Whether a hard run (long, tempo, intervals, hills, race) falls on this day."""
        return any(run.is_hard for run in self.runs)

    @property
    def long_run_minutes(self) -> int:
        """Minutes of the day's longest long run; 0 without one."""
        return max((run.minutes for run in self.runs if run.type == "long"), default=0)

    @property
    def has_very_long_run(self) -> bool:
        """Whether the day holds a long run of 2 h or more."""
        return self.long_run_minutes >= VERY_LONG_RUN_MINUTES

    @property
    def long_run_units(self) -> int:
        """The long run's length in full 30-min units, at least 1; 0 without a long run."""
        minutes = self.long_run_minutes
        return max(1, minutes // LONG_RUN_UNIT_MINUTES) if minutes else 0

    @property
    def is_double_run_day(self) -> bool:
        """Whether the day holds two runs or more (cross-training does not count)."""
        return sum(run.type != "cross_train" for run in self.runs) >= 2

    @property
    def load(self) -> int:
        """The day's session-RPE load: the sum of its runs' loads."""
        return sum(run.load for run in self.runs)

    @property
    def minutes_left(self) -> int | None:
        """Minutes left for strength after the runs, or None when the day has no limit."""
        if self.available_minutes is None:
            return None
        return self.available_minutes - self.run_minutes


# docs/domain.md, "Paces": what a run of each type averages, warm-up and recoveries included, in
# minutes per km; an imported plan's distances become minutes at these paces.
DEFAULT_PACES_MIN_PER_KM: dict[str, float] = {
    "easy": 6.0,
    "long": 6.25,
    "tempo": 5.25,
    "interval": 4.5,
}


PaceMinutesPerKm = Annotated[float, Field(ge=2.5, le=15, strict=True, allow_inf_nan=False)]


class Paces(_Strict):
    """How fast the runner goes, in minutes per km: turns a plan's distances into minutes."""

    easy: PaceMinutesPerKm = Field(
        default=DEFAULT_PACES_MIN_PER_KM["easy"],
        description="Easy and recovery runs; also cross-checks a plain distance.",
    )
    long: PaceMinutesPerKm = Field(
        default=DEFAULT_PACES_MIN_PER_KM["long"], description="Long runs."
    )
    tempo: PaceMinutesPerKm = Field(
        default=DEFAULT_PACES_MIN_PER_KM["tempo"],
        description=(
            "Tempo, threshold and race-pace runs; also a whole interval, hill or race session "
            "given by its total distance."
        ),
    )
    interval: PaceMinutesPerKm = Field(
        default=DEFAULT_PACES_MIN_PER_KM["interval"],
        description="One repetition of an interval session (8 x 400: each 400 m at this pace).",
    )


# The athlete's modifiers, as types: the week's `athlete` block and a stored athlete share them.
Age = Annotated[
    int | None,
    Field(
        ge=10,
        le=100,
        strict=True,
        description="Age in years; 50 or more (masters) keeps one more day between heavy legs "
        "and key runs.",
    ),
]
StrengthTrainingAge = Annotated[
    float | None,
    Field(
        ge=0,
        le=80,
        strict=False,
        allow_inf_nan=False,
        description="Years of regular lifting. Under 0.5: new to lifting, so bodyweight and "
        "light loads first whatever the running level; leave out to go by level.",
    ),
]
Avoids = Annotated[
    list[Avoid],
    Field(
        max_length=3,
        description="Movements to avoid (an injury): jumps, deep_knee_flexion, spinal_loading. "
        "Exercises are swapped; a session with no swap is not placed.",
    ),
]
MaxStrengthMinutes = Annotated[
    int | None,
    Field(
        ge=0,
        le=1000,
        strict=True,
        description="Most minutes of strength in the week (a hard cap).",
    ),
]


def number_of_years(value: object) -> object:
    """A number of years as given (None too), or ValueError: a boolean or text is not one."""
    if isinstance(value, bool) or not (value is None or isinstance(value, int | float)):
        raise ValueError("must be a number of years")
    return value


class Athlete(_Strict):
    """Who the week is for."""

    level: Level = Field(default="intermediate", description="Training age with strength work.")
    phase: Phase | None = Field(
        default=None, description="Where the week sits in the training plan."
    )
    equipment: Equipment = Field(
        default="gym",
        description="The best equipment the athlete has: gym, home_weights (dumbbells or a "
        "kettlebell at home) or bodyweight ('home' is the older name of bodyweight).",
    )
    paces: Paces | None = Field(
        default=None,
        # Left out when not given, so requests stored before paces existed read the same.
        exclude_if=lambda paces: paces is None,
        description="Paces in min/km, for turning an imported plan's distances into minutes.",
    )
    age: Age = None
    strength_training_age: StrengthTrainingAge = None
    avoid: Avoids = Field(default_factory=list)
    max_strength_minutes: MaxStrengthMinutes = None

    @field_validator("strength_training_age", mode="before")
    @classmethod
    def _a_number_of_years(cls, value: object) -> object:
        return number_of_years(value)

    @property
    def is_masters(self) -> bool:
        """Whether the athlete is a masters runner (50 or older)."""
        return self.age is not None and self.age >= MASTERS_AGE

    @property
    def new_to_lifting(self) -> bool:
        """Whether the athlete has lifted regularly for less than half a year."""
        years = self.strength_training_age
        return years is not None and years < NEW_LIFTER_YEARS

    @property
    def lifting_level(self) -> LiftingLevel:
        """The level doses and level_fit go by: the years in the gym when given, else level."""
        years = self.strength_training_age
        if years is None:
            return self.level
        if years < NEW_LIFTER_YEARS:
            return "beginner"
        return "advanced" if years >= EXPERIENCED_LIFTER_YEARS else "intermediate"

    def can_do(self, session: Session) -> bool:
        """Whether every exercise of the session is one the athlete does, or has a swap."""
        return not session.blocked_by(self.avoid)


class PreviousRace(_Strict):
    """A race before this week whose recovery may reach into it."""

    # Exactly one of days_ago and date, said in the schema too.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [
                {"required": ["days_ago"], "properties": {"days_ago": {"type": "integer"}}},
                {"required": ["date"], "properties": {"date": {"type": "string"}}},
            ]
        },
    )

    days_ago: int | None = Field(
        default=None,
        ge=1,
        le=14,
        strict=True,
        description="How many days before this week's Monday the race was (1: the Sunday before).",
    )
    date: dt.date | None = Field(
        default=None, description="The race's date; needs week_of. Give this or days_ago."
    )
    distance: RaceDistance = Field(description="5k, 10k, half, marathon, ultra, or a number of km.")

    @model_validator(mode="after")
    def _days_ago_or_date(self) -> PreviousRace:
        if (self.days_ago is None) == (self.date is None):
            raise ValueError("give exactly one of days_ago and date")
        return self

    @property
    def recovery_days(self) -> int:
        """Days without heavy legs after the race."""
        return recovery_days_after_race(race_km(self.distance))


class Strength(_Strict):
    """How many strength sessions the runner wants."""

    min_sessions: int = Field(
        default=1, ge=0, le=3, strict=True, description="Fewest sessions to place (0: may rest)."
    )
    max_sessions: int = Field(
        default=3, ge=0, le=3, strict=True, description="Most sessions to place (0: a week off)."
    )
    target_sessions: int | None = Field(
        default=None,
        strict=True,
        ge=0,
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
# From the Monday of the week that holds 1970-01-01, so every week_of's Monday is in range too.
FIRST_WEEK_OF = dt.date(1969, 12, 29)
LAST_WEEK_OF = dt.date(2200, 12, 31)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# FIRST_WEEK_OF..LAST_WEEK_OF as a pattern, so the OpenAPI document says the range too.
CALENDAR_DATE_PATTERN = (
    r"^(1969-12-(29|30|31)|"
    r"(19[7-9][0-9]|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))$"
)


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


def only_relaxable_rules(relax: list[HardRuleId]) -> list[HardRuleId]:
    """Refuse a hard rule that may not be set aside, naming the ones that may."""
    fixed = [str(rule) for rule in relax if not HARD_RULES[rule].relaxable]
    if fixed:
        raise ValueError(
            f"{', '.join(fixed)} cannot be relaxed; relaxable: {', '.join(RELAXABLE_RULE_IDS)}"
        )
    return relax


# Hard rule ids a request sets aside: only the relaxable ones, in the schema too (the item type
# is every hard rule's id). Shared by week and plan requests.
RelaxedRules = Annotated[
    list[HardRuleId],
    AfterValidator(only_relaxable_rules),
    Field(json_schema_extra={"items": {"type": "string", "enum": list(RELAXABLE_RULE_IDS)}}),
]


# The pattern says the range in the OpenAPI document, wherever a calendar date is taken.
CalendarDate = Annotated[
    dt.date,
    BeforeValidator(date_only),
    AfterValidator(within_calendar),
    Field(json_schema_extra={"pattern": CALENDAR_DATE_PATTERN}),
]


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
        description=f"A day of the week, as YYYY-MM-DD between {FIRST_WEEK_OF} and "
        f"{LAST_WEEK_OF}: the week is the one that holds it, Monday to Sunday, and the answer's "
        "week_of is that Monday (for calendar export and previous_race.date).",
    )
    relax: RelaxedRules = Field(
        default_factory=list,
        description=(
            "Hard rules to switch off for this week, by id; only these may be: "
            + ", ".join(RELAXABLE_RULE_IDS)
            + "."
        ),
    )
    previous_race: PreviousRace | None = Field(
        default=None,
        description="A race in the days before this week: heavy legs wait for its recovery.",
    )
    progression_step: int = Field(
        default=1,
        ge=1,
        le=104,
        strict=True,
        description="Where the week sits in the block's progression (1, 2, 3... through base "
        "and build; a plan sets it on each week, up to one step a week for its 104): doses "
        "build a little each step, up to their caps.",
    )

    @field_validator("week_of")
    @classmethod
    def _week_of_its_monday(cls, week_of: dt.date | None) -> dt.date | None:
        """Any day names the week that holds it (Monday to Sunday): keep that week's Monday."""
        if week_of is None:
            return None
        return week_of - dt.timedelta(days=week_of.weekday())

    @model_validator(mode="after")
    def _previous_race_before_the_week(self) -> WeekRequest:
        race = self.previous_race
        if race is None or race.date is None:
            return self
        if self.week_of is None:
            raise ValueError("previous_race.date needs week_of; or give previous_race.days_ago")
        days_ago = (self.week_of - race.date).days
        if not 1 <= days_ago <= 14:
            raise ValueError(
                f"previous_race.date ({race.date.isoformat()}) must fall 1 to 14 days before "
                f"the week's Monday ({self.week_of.isoformat()}); a race within the week is a "
                "race run on its day"
            )
        return self

    def relaxes(self, rule: HardRuleId) -> bool:
        """Whether the request switches the hard rule off."""
        return rule in self.relax

    @property
    def previous_race_days_ago(self) -> int | None:
        """How many days before Monday the previous race was, or None without one."""
        race = self.previous_race
        if race is None:
            return None
        if race.days_ago is not None:
            return race.days_ago
        assert race.date is not None and self.week_of is not None  # checked on validation
        return (self.week_of - race.date).days

    def races_recovering(self) -> dict[int, str]:
        """Days inside a race's recovery period, each with the race that protects it.

        A race on day r with a recovery of n days protects days r+1..r+n; the previous race,
        `days_ago` before Monday, protects Monday..(n - days_ago) of this week. The week is read
        as a horizon of one week (solver/horizon.py), as the model reads it.
        """
        from solver.horizon import Horizon  # the horizon reads weeks: imported late

        return Horizon.of_week(self).races_recovering()

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
        """Whether the day's equipment allows the session: the athlete has what it needs, and a
        gym session (or one with weights, for an athlete whose weights are the gym's) only on a
        day with gym access."""
        athlete_rank = EQUIPMENT_RANK[self.athlete.equipment]
        needed_rank = EQUIPMENT_RANK[session.equipment]
        if needed_rank == 0:
            return True
        if athlete_rank < needed_rank:
            return False
        has_home_weights = self.athlete.equipment == "home_weights"
        return (has_home_weights and needed_rank == 1) or self.day(DAYS[day_index]).gym

    def full_version_fits(self, day_index: int, session: Session) -> bool:
        """For a short session: whether its full version could go on the day instead (the day
        is available, has the equipment and the minutes, on a day with times a start inside a
        window clear of the timed runs, and the athlete can do it)."""
        if session.short_of is None:
            return False
        from solver.times import fits_the_clock  # the times read the domain: imported late

        full = session_by_id()[session.short_of]
        day = self.week[day_index]
        minutes_left = day.minutes_left
        return (
            day.available
            and self.equipment_allows(day_index, full)
            and (minutes_left is None or full.minutes <= minutes_left)
            and (not day.is_timed or fits_the_clock(day, full.minutes))
            and self.athlete.can_do(full)
        )


_REST_DAY = Day()
