"""Replan a week the runner holds: what happened since, the past pinned, the rest re-solved;
for an athlete, the week is the newest in their history and the replanned one joins it."""

from __future__ import annotations

from pydantic import Field

from api.services.athletes import DEFAULT_HISTORY_LIMIT, keep_solved_week
from api.services.coaches import authenticated
from api.services.errors import InvalidField, NothingToReplan, NoWeek
from api.storage import Database
from api.storage import athletes as rows
from solver import WeekRequest
from solver.replan import ReplanError, ReplanRequest, ReplanResult, WhatHappened, replanned


class AthleteReplanOut(ReplanResult):
    """The athlete's week replanned, kept in their history as its newest week."""

    id: int = Field(description="The replanned week's id in the athlete's history.")
    athlete: int = Field(description="The athlete's id.")


def replan_week(body: ReplanRequest) -> ReplanResult:
    """The week replanned from today, with what changed and why.

    InvalidField when the body names what the week does not hold (a done session never
    planned, a day outside the week); NoWeek when no week keeps every hard rule.
    """
    return _replanned(body)[1]


def _replanned(body: ReplanRequest) -> tuple[WeekRequest, ReplanResult]:
    """`replan_week`, with the request it solved (solver.replan.replanned)."""
    try:
        request, result = replanned(body)
    except ReplanError as error:
        raise InvalidField(error.field, error.message, title="Not in the week") from None
    if result.status == "infeasible":
        raise NoWeek(result.conflicts, result.suggestions)
    return request, result


def replan_athlete_week(
    db: Database,
    token: str | None,
    athlete_id: int,
    body: WhatHappened,
    keep: int = DEFAULT_HISTORY_LIMIT,
) -> AthleteReplanOut:
    """Replan the newest week of the athlete's history and keep the replanned week in it.

    The week is replanned from the request it was solved from; the one kept is the request as
    the week now stands (missed runs gone, moved ones moved), so the next replan starts from
    it, and the athlete's calendar feed shows the changed events under the same UIDs.
    NothingToReplan when the history is empty; InvalidField and NoWeek as for `replan_week`,
    keeping nothing.
    """
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = rows.owned_athlete(session, coach.id, athlete_id)
        newest = rows.history_of(session, athlete, limit=1)
        if not newest:
            raise NothingToReplan(athlete.id)
        held = newest[0]
        request = ReplanRequest.model_validate(
            {
                **body.model_dump(mode="json", exclude_unset=True),
                "request": held.request,
                "week": held.result["days"],
            }
        )
        replanned_request, result = _replanned(request)
        solved = keep_solved_week(
            session, athlete, held.profile_id, replanned_request, result, keep
        )
        return AthleteReplanOut(**dict(result), id=solved.id, athlete=athlete.id)
