"""A coach's athletes: their default week, solving it (with overrides and a profile), and the
history of weeks solved for them."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    field_validator,
    model_validator,
)
from sqlalchemy.orm import Session

from api.services.coaches import authenticated
from api.services.errors import CalendarNeedsWeekOf, NoWeek
from api.services.fields import Name, TimeZoneName, Version
from api.services.paging import (
    NextLink,
    PageRequest,
    by_name_cursor,
    cursor_as_is,
    newest_first_cursor,
    next_cursor,
)
from api.services.profiles import resolve_weights
from api.services.week_cache import UNCACHED, WeekCache
from api.services.weeks import ProfiledWeekRequest
from api.storage import Database
from api.storage import athletes as rows
from api.storage.fields import as_utc
from api.storage.models import Athlete, SolvedWeek
from solver import SoftGoalId, WeekRequest, WeekResult
from solver.domain import (
    Age,
    Avoids,
    Equipment,
    Level,
    MaxStrengthMinutes,
    Phase,
    StrengthTrainingAge,
    number_of_years,
)
from solver.domain import Athlete as SolverAthlete

# Each list's name in its cursors, so a cursor of one list is refused by another.
ATHLETES = "athletes"
HISTORY = "history"
# Solved weeks kept per athlete (the app's HISTORY_LIMIT): the oldest beyond go as one is added.
DEFAULT_HISTORY_LIMIT = 500


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
    timezone: TimeZoneName | None = Field(
        default=None,
        description="Where the athlete lives, as an IANA time zone name such as "
        "'Europe/Paris' (null: not said). Their calendar feed names it.",
    )
    # What changes the rules for this runner: the week's own `athlete` fields, kept here.
    age: Age = None
    strength_training_age: StrengthTrainingAge = None
    avoid: Avoids = Field(default_factory=list)
    max_strength_minutes: MaxStrengthMinutes = None
    default_week: WeekRequest = Field(
        default_factory=WeekRequest,
        description="The week the athlete usually trains: runs, availability, session counts, "
        "weights. Leave out `athlete`: the fields above (level, phase, equipment, age, "
        "strength_training_age, avoid, max_strength_minutes) fill it in.",
        json_schema_extra={"properties": {"athlete": {"not": {}}}},
    )

    @field_validator("strength_training_age", mode="before")
    @classmethod
    def _a_number_of_years(cls, value: object) -> object:
        return number_of_years(value)

    @field_validator("default_week")
    @classmethod
    def _no_second_athlete_block(cls, week: WeekRequest) -> WeekRequest:
        if "athlete" in week.model_fields_set:
            raise ValueError(
                "leave out default_week.athlete: set level, phase and equipment on the athlete"
            )
        return week


# The athlete's fields that change the rules for them (age, lifting years, movements to avoid,
# a strength cap), stored beside level, phase and equipment: the week's `athlete` block's own.
MODIFIERS = tuple(
    name
    for name in SolverAthlete.model_fields
    if name in AthleteIn.model_fields and name not in ("level", "phase", "equipment")
)


class AthleteUpdate(AthleteIn):
    """An athlete as a coach replaces them, optionally saying which version they edited."""

    version: Version


class AthleteOut(AthleteIn):
    """A stored athlete."""

    id: int = Field(description="The athlete's id.")
    version: int = Field(
        description="Goes up by one with every change; send it back on PUT to refuse "
        "overwriting someone else's change."
    )
    created_at: dt.datetime = Field(description="When the athlete was added (UTC).")
    updated_at: dt.datetime = Field(description="When they last changed (UTC).")
    calendar_feed: bool = Field(
        description="Whether the athlete has a calendar feed (POST .../calendar/rotate mints "
        "one, DELETE .../calendar revokes it)."
    )
    calendar_url: str | None = Field(
        default=None,
        description="The path of the athlete's calendar feed, secret included, to subscribe to "
        "in a calendar app. Only in the answer of POST .../calendar/rotate: only the secret's "
        "hash is stored, so it cannot be shown again (rotate again for a new one).",
    )

    @field_serializer("default_week")
    def _without_athlete_block(self, week: WeekRequest) -> dict[str, Any]:
        # The week's own `athlete` would only show defaults that contradict the fields above.
        return week.model_dump(mode="json", exclude={"athlete"})


class AthleteList(BaseModel):
    """A page of the coach's athletes, by name."""

    athletes: list[AthleteOut] = Field(description="This page of the coach's athletes, by name.")
    next: str | None = Field(description="The URL of the next page; null on the last page.")


class AthleteWeekRequest(ProfiledWeekRequest):
    """What to change for this solve; send no body to solve the default week as it is.

    Each field sent replaces the default week's (`athlete` replaces level, phase and equipment
    for this week); `weights` go on top of the default week's, and `profile` under both.
    """

    # flask-openapi3 reads `openapi_extra` from the config: document the body as optional.
    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="forbid",
        openapi_extra={"required": False},  # type: ignore[typeddict-unknown-key]
    )

    @model_validator(mode="before")
    @classmethod
    def _no_body_is_no_change(cls, data: Any) -> Any:
        return {} if data is None else data


class SolvedWeekOut(BaseModel):
    """A week solved for an athlete, with exactly what produced it."""

    id: int = Field(description="The solved week's id in the athlete's history.")
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


class History(BaseModel):
    """A page of the weeks solved for an athlete, newest first."""

    history: list[SolvedWeekOut] = Field(
        description="This page of the weeks solved for the athlete, newest first."
    )
    next: str | None = Field(description="The URL of the next page; null on the last page.")


def create_athlete(db: Database, token: str | None, data: AthleteIn) -> AthleteOut:
    """Add an athlete for the coach."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        return athlete_out(rows.insert_athlete(session, coach.id, _columns(data)))


def list_athletes(
    db: Database,
    token: str | None,
    page: PageRequest | None = None,
    link: NextLink = cursor_as_is,
) -> AthleteList:
    """A page of the coach's athletes, by name; `link` turns the next page's cursor into `next`.

    InvalidField when the cursor is not one this list gave out.
    """
    page = page or PageRequest()
    after = by_name_cursor(ATHLETES, page.cursor)
    with db.transaction() as session:
        coach = authenticated(session, token)
        found = rows.athletes_of(session, coach.id, after=after, limit=page.limit + 1)
        athletes = [athlete_out(a) for a in found[: page.limit]]
    cursor = next_cursor(ATHLETES, found, page.limit, lambda a: [a.name, a.id])
    return AthleteList(athletes=athletes, next=None if cursor is None else link(cursor))


def get_athlete(db: Database, token: str | None, athlete_id: int) -> AthleteOut:
    """One of the coach's athletes."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        return athlete_out(rows.owned_athlete(session, coach.id, athlete_id))


def replace_athlete(
    db: Database, token: str | None, athlete_id: int, data: AthleteIn, version: int | None = None
) -> AthleteOut:
    """Overwrite one of the coach's athletes with `data`; their history stays.

    Stale when `version` is given and is not the stored version.
    """
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = rows.owned_athlete(session, coach.id, athlete_id)
        return athlete_out(
            rows.update_athlete(session, athlete, _columns(data), expected_version=version)
        )


def delete_athlete(db: Database, token: str | None, athlete_id: int) -> None:
    """Delete one of the coach's athletes and their history."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        rows.delete_athlete(session, rows.owned_athlete(session, coach.id, athlete_id))


def athlete_week(
    athlete: Athlete, body: ProfiledWeekRequest, weights: dict[SoftGoalId, int]
) -> WeekRequest:
    """The week to solve for the athlete, with every weight already resolved.

    Start from the default week; each field the body sets replaces the default's. The athlete's
    level, phase and equipment fill `athlete` unless the body sets it (a week away from the gym).
    """
    week = {**athlete.default_week, **body.week_fields()}
    week["athlete"] = week.get("athlete") or athlete_block(athlete)
    week["weights"] = weights
    return WeekRequest.model_validate(week)


def athlete_block(athlete: Athlete) -> dict[str, Any]:
    """The athlete as a week's `athlete` block: level, phase, equipment, and what they said of
    age, lifting, movements to avoid and a strength cap."""
    block: dict[str, Any] = {
        "level": athlete.level,
        "phase": athlete.phase,
        "equipment": athlete.equipment,
    }
    for field in MODIFIERS:
        value = getattr(athlete, field)
        if value:
            block[field] = value
    return block


def solve_for_athlete(
    db: Database,
    token: str | None,
    athlete_id: int,
    body: ProfiledWeekRequest,
    keep: int = DEFAULT_HISTORY_LIMIT,
    needs_week_of: bool = False,
    cache: WeekCache = UNCACHED,
) -> SolvedWeekOut:
    """Solve the athlete's week (or find it in `cache`) and keep it in their history with its
    request and weights.

    Weights resolve in layers: defaults, the profile's, the default week's, the body's. The
    history keeps the newest `keep` weeks: older ones go in the same transaction. Raises
    NoWeek, keeping nothing, when no week keeps every hard rule; CalendarNeedsWeekOf, before
    solving, when `needs_week_of` (a calendar is wanted) and the week has no week_of.
    """
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = rows.owned_athlete(session, coach.id, athlete_id)
        default_weights = athlete.default_week.get("weights", {})
        overrides = {**{SoftGoalId(g): w for g, w in default_weights.items()}, **body.weights}
        weights = resolve_weights(session, coach.id, body.profile, overrides)
        request = athlete_week(athlete, body, weights)
        if needs_week_of and request.week_of is None:
            raise CalendarNeedsWeekOf()
        result = cache.solve(request)
        if result.status == "infeasible":
            raise NoWeek(result.conflicts, result.suggestions)
        solved = keep_solved_week(session, athlete, body.profile, request, result, keep)
        return solved_week_out(solved)


def keep_solved_week(
    session: Session,
    athlete: Athlete,
    profile_id: int | None,
    request: WeekRequest,
    result: WeekResult,
    keep: int,
) -> SolvedWeek:
    """Keep the week in the athlete's history with the request and weights that produced it
    (a replan's answer as the week it is); the history keeps the newest `keep` weeks."""
    solved = rows.insert_solved_week(
        session,
        athlete,
        {
            "profile_id": profile_id,
            "request": request.model_dump(mode="json"),
            "weights": dict(request.weights),
            "result": result.model_dump(mode="json", include=set(WeekResult.model_fields)),
            "status": result.status,
            "objective": result.objective,
        },
    )
    rows.trim_history(session, athlete, keep)
    return solved


def athlete_history(
    db: Database,
    token: str | None,
    athlete_id: int,
    page: PageRequest | None = None,
    link: NextLink = cursor_as_is,
) -> History:
    """A page of the weeks solved for one of the coach's athletes, newest first; `link` turns
    the next page's cursor into `next`. InvalidField when the cursor is not one of this list's.
    """
    page = page or PageRequest()
    before = newest_first_cursor(HISTORY, page.cursor)
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = rows.owned_athlete(session, coach.id, athlete_id)
        found = rows.history_of(session, athlete, before=before, limit=page.limit + 1)
        history = [solved_week_out(s) for s in found[: page.limit]]
    cursor = next_cursor(
        HISTORY, found, page.limit, lambda s: [as_utc(s.created_at).isoformat(), s.id]
    )
    return History(history=history, next=None if cursor is None else link(cursor))


def get_solved_week(
    db: Database, token: str | None, athlete_id: int, solved_id: int
) -> SolvedWeekOut:
    """One week of an athlete's history."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = rows.owned_athlete(session, coach.id, athlete_id)
        return solved_week_out(rows.solved_week_of(session, athlete, solved_id))


def athlete_out(athlete: Athlete, calendar_url: str | None = None) -> AthleteOut:
    """The athlete as answered; `calendar_url` only when its secret was minted just now."""
    return AthleteOut.model_validate(
        {
            "id": athlete.id,
            "version": athlete.version,
            "name": athlete.name,
            "level": athlete.level,
            "phase": athlete.phase,
            "equipment": athlete.equipment,
            "timezone": athlete.timezone,
            **{field: getattr(athlete, field) for field in MODIFIERS},
            "default_week": athlete.default_week,
            "created_at": as_utc(athlete.created_at),
            "updated_at": as_utc(athlete.updated_at),
            "calendar_feed": calendar_url is not None or athlete.calendar_feed is not None,
            "calendar_url": calendar_url,
        }
    )


def solved_week_out(solved: SolvedWeek) -> SolvedWeekOut:
    """The solved week as answered."""
    return SolvedWeekOut(
        id=solved.id,
        athlete=solved.athlete_id,
        profile=solved.profile_id,
        created_at=as_utc(solved.created_at),
        request=WeekRequest.model_validate(solved.request),
        weights=solved.weights,
        result=WeekResult.model_validate(solved.result),
    )


def _columns(data: AthleteIn) -> dict[str, Any]:
    return {
        "name": data.name,
        "level": data.level,
        "phase": data.phase,
        "equipment": data.equipment,
        "timezone": data.timezone,
        **{field: getattr(data, field) for field in MODIFIERS},
        # As the coach wrote it: defaults stay defaults, so a later change of default applies.
        "default_week": data.default_week.model_dump(mode="json", exclude_unset=True),
    }
