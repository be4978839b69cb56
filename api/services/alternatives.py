"""Where else one session of a solved week could go: every other day (and, on a day with times,
each time window), scored by the checker."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from api.services.errors import InvalidField
from api.services.weeks import MAX_PLANNED_PER_DAY
from solver import WeekRequest
from solver.alternatives import Alternatives, NotPlaced, alternatives
from solver.catalogue import catalogue, session_by_id
from solver.domain import Clock, DayId
from solver.result import Plan
from solver.times import minutes_of


class WeekSession(BaseModel):
    """A strength session of the week, as a solve answer lists it (only `session` and `at` are
    read)."""

    # The rest of a solve answer's entry (name, dose, prescription, ...) rides along unread, so
    # a client posts the `days` it got back as they are.
    model_config = ConfigDict(extra="ignore")

    session: str = Field(
        description="Catalogue id of the session (see GET /v1/sessions).",
        json_schema_extra={"enum": [session.id for session in catalogue()]},
    )
    at: Clock | None = Field(
        default=None,
        description="When it starts, local time as HH:MM, as a solve answer gives it: only on "
        "a day with times. Left out there, the session is read at its best start.",
    )


class WeekDay(BaseModel):
    """A day of the week as a solve answer gives it: only `strength` is read (the runs are the
    request's)."""

    model_config = ConfigDict(extra="ignore")

    strength: list[WeekSession] = Field(
        default_factory=list,
        max_length=MAX_PLANNED_PER_DAY,
        description=f"The strength placed this day (at most {MAX_PLANNED_PER_DAY}).",
    )


class AlternativesBody(BaseModel):
    """A week request, the week it got, and the session to move."""

    model_config = ConfigDict(extra="forbid")

    request: WeekRequest = Field(description="The week, as posted to /v1/weeks/solve.")
    week: dict[DayId, WeekDay] = Field(
        description="The `days` of the /v1/weeks/solve answer (or a week edited from it), keyed "
        "mon..sun; a day left out has no strength. Each day's `runs` and each session's fields "
        "other than `session` and `at` are not read: the request's runs count."
    )
    day: DayId = Field(description="The day the session is on now.")
    session: str = Field(
        description="Catalogue id of the session to move; `week` must hold it on `day`.",
        json_schema_extra={"enum": [session.id for session in catalogue()]},
    )

    def plan(self) -> Plan:
        """The week's strength as day id -> session ids."""
        return {
            day: [entry.session for entry in entries.strength] for day, entries in self.week.items()
        }

    def starts(self) -> dict[str, list[int | None]]:
        """Each session's start as day id -> minutes from midnight (None: not given)."""
        return {
            day: [None if entry.at is None else minutes_of(entry.at) for entry in entries.strength]
            for day, entries in self.week.items()
        }


def week_alternatives(body: AlternativesBody) -> Alternatives:
    """Every other day for the session, allowed ones first by cost; 400s name the field."""
    known = session_by_id()
    for day, entries in body.week.items():
        for index, entry in enumerate(entries.strength):
            if entry.session not in known:
                raise InvalidField(
                    f"week.{day}.strength[{index}].session",
                    f"unknown session '{entry.session}'; known: {', '.join(known)}",
                    title="Unknown id in week",
                )
            if entry.at is not None and not body.request.day(day).is_timed:
                raise InvalidField(
                    f"week.{day}.strength[{index}].at",
                    f"{day} has no times: give the day windows or a run an at or a slot, or "
                    "leave the session's at out",
                )
    try:
        return alternatives(body.request, body.plan(), body.day, body.session, body.starts())
    except NotPlaced as refused:
        raise InvalidField(refused.field, str(refused), title="Session not on that day") from None
