"""What a service refuses, beside storage's NotFound and Conflict; the front doors say it their
way (a problem+json response, or an exit code and one line)."""

from __future__ import annotations

from pydantic import ValidationError

from solver.plan.result import PlanConflict
from solver.result import Conflict


class NotAuthenticated(Exception):
    """No usable coach token: the message says what was wrong with it."""

    def __init__(self, detail: str, error: str | None = None) -> None:
        super().__init__(detail)
        # RFC 6750's error code; left out when no credentials were sent at all.
        self.error = error


class NoWeek(Exception):
    """No week keeps every hard rule: a minimal set of conflicting rules and what to relax."""

    def __init__(self, conflicts: list[Conflict], suggestions: list[str]) -> None:
        super().__init__("no week keeps every hard rule")
        self.conflicts = conflicts
        self.suggestions = suggestions


class NoPlan(Exception):
    """No plan keeps every hard rule: a minimal set of conflicting rules (with their dates) and
    what to relax."""

    def __init__(self, conflicts: list[PlanConflict], suggestions: list[str]) -> None:
        super().__init__("no plan keeps every hard rule")
        self.conflicts = conflicts
        self.suggestions = suggestions


class InvalidField(ValueError):
    """A field the schema let through names something that does not exist (a preset, a
    session in a placement): where it is and what is wrong."""

    def __init__(self, field: str, message: str, title: str = "Invalid request") -> None:
        super().__init__(message)
        self.field = field
        self.title = title


class CalendarNeedsWeekOf(InvalidField):
    """A calendar was asked for a week that does not say which Monday it starts on."""

    def __init__(self) -> None:
        super().__init__("week_of", "required for text/calendar", title="Calendar needs week_of")


class NothingToReplan(Exception):
    """An athlete's replan, but no week was solved for them yet: solve one first."""

    def __init__(self, athlete_id: int) -> None:
        super().__init__(
            f"athlete {athlete_id} has no solved week to replan: solve one first "
            f"(POST /v1/athletes/{athlete_id}/solve)"
        )
        self.athlete_id = athlete_id


class UnknownScenario(LookupError):
    """No scenario by that name in the library."""


class IdempotencyKeyReused(ValueError):
    """An Idempotency-Key sent again with a different request."""


class IdempotencyKeyInUse(Exception):
    """The request that first sent this Idempotency-Key has not finished yet."""


class InvalidPlan(ValueError):
    """An imported plan file read fine but is not a valid plan (a field out of range, a week
    that is not a week): pydantic's error, naming each field."""

    def __init__(self, error: ValidationError) -> None:
        super().__init__(str(error))
        self.error = error
