"""Solve a week as posted (optionally from a saved profile), and score a proposed week."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from api.services.coaches import authenticated
from api.services.errors import InvalidField, NoWeek
from api.services.profiles import resolve_weights
from api.services.week_cache import UNCACHED, WeekCache
from api.storage import Database
from solver import Evaluation, PlanError, WeekRequest, WeekResult, evaluate
from solver.catalogue import catalogue
from solver.domain import DAYS, Clock, DayId
from solver.times import minutes_of

# A proposed week may break one_session_per_day (the checker says so), but not without end: the
# answer grows with the sessions placed, so their number bounds its size.
MAX_PLANNED_PER_DAY = 3
MAX_PLANNED_PER_WEEK = MAX_PLANNED_PER_DAY * len(DAYS)


class ProfiledWeekRequest(WeekRequest):
    """A week request that may start from one of the coach's weight profiles."""

    profile: int | None = Field(
        default=None,
        strict=True,
        description="Id of one of your weight profiles (needs your bearer token): its weights "
        "apply first, this request's `weights` on top.",
    )

    def week_fields(self) -> dict[str, Any]:
        """The fields set in this request, bar `profile`: a plain week request's input."""
        return self.model_dump(exclude={"profile"}, exclude_unset=True)


class PlannedSession(BaseModel):
    """A strength session someone placed on a day."""

    model_config = ConfigDict(extra="forbid")

    session: str = Field(
        description="Catalogue id of the session (see GET /v1/sessions).",
        # The ids the catalogue has, in the schema too; an unknown one is still the plan's own
        # 400, which names the known ids.
        json_schema_extra={"enum": [session.id for session in catalogue()]},
    )
    at: Clock | None = Field(
        default=None,
        # Left out when not given: other answers (learn's) carry placed sessions too.
        exclude_if=lambda at: at is None,
        description="When it starts, local time as HH:MM: only on a day with times (windows, or "
        "a run with at or a slot). Left out there, the session is scored at its best start.",
    )


class EvaluateBody(BaseModel):
    """A week request and a proposed placement of its strength sessions."""

    model_config = ConfigDict(extra="forbid")

    request: WeekRequest = Field(description="The week, as posted to /v1/weeks/solve.")
    plan: dict[DayId, Annotated[list[PlannedSession], Field(max_length=MAX_PLANNED_PER_DAY)]] = (
        Field(
            description="Strength sessions placed on each day, keyed mon..sun; a day left out has "
            f"none. At most {MAX_PLANNED_PER_DAY} a day (so {MAX_PLANNED_PER_WEEK} a week)."
        )
    )


def solve_week(
    db: Database,
    body: ProfiledWeekRequest,
    token: str | None = None,
    cache: WeekCache = UNCACHED,
) -> WeekResult:
    """The optimal week for the request; NoWeek when no week keeps every hard rule.

    Without `profile` the database is not touched; with it, the profile must be the token's
    coach's, and its weights go under the request's own. A request `cache` has kept is not
    solved again.
    """
    request: WeekRequest = body
    if body.profile is not None:
        with db.transaction() as session:
            coach = authenticated(session, token)
            weights = resolve_weights(session, coach.id, body.profile, body.weights)
        request = WeekRequest.model_validate({**body.week_fields(), "weights": weights})
    return solved(request, cache)


def solved(request: WeekRequest, cache: WeekCache = UNCACHED) -> WeekResult:
    """Solve the request (or find it in `cache`); NoWeek when no week keeps every hard rule."""
    result = cache.solve(request)
    if result.status == "infeasible":
        raise NoWeek(result.conflicts, result.suggestions)
    return result


def evaluate_week(body: EvaluateBody) -> Evaluation:
    """Score a proposed week with the independent checker: rules broken, goals' costs."""
    placement: dict[str, list[str]] = {
        day: [entry.session for entry in entries] for day, entries in body.plan.items()
    }
    starts: dict[str, list[int | None]] = {}
    for day, entries in body.plan.items():
        for index, entry in enumerate(entries):
            if entry.at is not None and not body.request.day(day).is_timed:
                raise InvalidField(
                    f"plan.{day}[{index}].at",
                    f"{day} has no times: give the day windows or a run an at or a slot, or "
                    "leave the session's at out",
                )
        starts[day] = [None if entry.at is None else minutes_of(entry.at) for entry in entries]
    try:
        return evaluate(body.request, placement, starts)
    except PlanError as error:
        raise InvalidField("plan", str(error), title="Unknown id in plan") from None
