"""Replan a week the runner holds: what happened since, the past pinned, the rest re-solved."""

from __future__ import annotations

from api.services.errors import InvalidField, NoWeek
from solver.replan import ReplanError, ReplanRequest, ReplanResult, replan


def replan_week(body: ReplanRequest) -> ReplanResult:
    """The week replanned from today, with what changed and why.

    InvalidField when the body names what the week does not hold (a done session never
    planned, a day outside the week); NoWeek when no week keeps every hard rule.
    """
    try:
        result = replan(body)
    except ReplanError as error:
        raise InvalidField(error.field, error.message, title="Not in the week") from None
    if result.status == "infeasible":
        raise NoWeek(result.conflicts, result.suggestions)
    return result
