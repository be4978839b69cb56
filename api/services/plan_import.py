"""Import a training plan file, and solve one: the use cases behind `trainweek import`,
`trainweek plan` and the plan routes.

Bytes in (a plan file as uploaded or read), trainweek's plan JSON and the classification report
out; a file that cannot be a plan raises `PlanFileError` (what and where), which the CLI answers
with exit 2 and the HTTP API with a 400. `solve_plan_file` imports, lays the front door's
overrides on top, solves, and reports the events the importer could not classify in the answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from api.services.busy import BusyCalendar, with_busy_plan
from api.services.errors import InvalidPlan
from api.services.plans import ProfiledPlanRequest, solve_training_plan
from api.storage import Database
from solver import PlanResult
from solver.budget import SolveBudget
from solver.importers import ImportedPlan, ImportReport, PlanFileError, import_plan
from solver.importers.importer import Format

__all__ = [
    "ImportedPlan",
    "PlanFileError",
    "PlanOverrides",
    "SolvedPlanFile",
    "import_plan_file",
    "require_goal_race_distance",
    "solve_plan_file",
    "unclassified_events",
]


def import_plan_file(
    data: bytes,
    *,
    format: Format = "auto",
    race_date: dt.date | None = None,
    mapping: Iterable[str] | dict[str, str] | None = None,
    paces: dict[str, float] | None = None,
    timezone: str | None = None,
) -> ImportedPlan:
    """Read the plan file into plan JSON and a classification report (a calendar's timed
    events starting at their local time in `timezone`, the plan's)."""
    return import_plan(
        data,
        format=format,
        race_date=race_date,
        mapping=mapping,
        paces=paces,
        timezone=timezone,
    )


@dataclass(frozen=True)
class PlanOverrides:
    """What a front door lays over the plan file: the athlete's level and equipment, the preset
    and profile that weigh it, and goal weights on top."""

    level: str | None = None
    equipment: str | None = None
    preset: str | None = None
    profile: int | None = None
    weights: dict[str, int] = field(default_factory=dict)

    def apply(self, plan: dict[str, Any]) -> dict[str, Any]:
        """The plan JSON with these overrides on top (fields the plan does not hold as objects
        are left for the plan's validation to word)."""
        fields = dict(plan)
        athlete = fields.get("athlete", {})
        if isinstance(athlete, dict):
            chosen = {"level": self.level, "equipment": self.equipment}
            fields["athlete"] = {**athlete, **{k: v for k, v in chosen.items() if v is not None}}
        weights = fields.get("weights", {})
        if isinstance(weights, dict) and self.weights:
            fields["weights"] = {**weights, **self.weights}
        if self.preset is not None:
            fields["preset"] = self.preset
        if self.profile is not None:
            fields["profile"] = self.profile
        return fields


@dataclass(frozen=True)
class SolvedPlanFile:
    """A plan file solved: the answer (with the unclassified events), the import report, and the
    source calendar's bytes when the file was one (its events go back out with the plan)."""

    result: PlanResult
    report: ImportReport
    source_ics: bytes | None


def solve_plan_file(
    db: Database | None,
    data: bytes,
    *,
    format: Format = "auto",
    race_date: dt.date | None = None,
    mapping: Iterable[str] | dict[str, str] | None = None,
    paces: dict[str, float] | None = None,
    overrides: PlanOverrides | None = None,
    token: str | None = None,
    budget: SolveBudget | None = None,
    folder: Path | None = None,
    on_solve: Callable[[ProfiledPlanRequest], None] | None = None,
    timezone: str | None = None,
    busy: BusyCalendar | None = None,
) -> SolvedPlanFile:
    """Import the plan file (any format), solve it, and report what could not be classified.

    Raises PlanFileError for a file that cannot be a plan, InvalidPlan when the plan it holds is
    not valid, InvalidField for an unknown preset, NoPlan when no plan keeps every hard rule.
    `on_solve` hears the plan just before the solve starts (the CLI's progress line);
    `timezone` is the plan's zone, in which a calendar's timed events start; `busy` a calendar
    of the runner's other commitments, which limits each day's windows to its free time
    (`api/services/busy.py`; BusyFileError when it cannot be read).
    """
    imported = import_plan_file(
        data, format=format, race_date=race_date, mapping=mapping, paces=paces, timezone=timezone
    )
    require_goal_race_distance(imported)
    fields = (overrides or PlanOverrides()).apply(imported.plan)
    try:
        body = ProfiledPlanRequest.model_validate(fields)
    except ValidationError as error:
        raise InvalidPlan(error) from None
    if busy is not None:
        body = with_busy_plan(body, busy)
    if on_solve is not None:
        on_solve(body)
    result = solve_training_plan(db, body, token, budget, folder)
    result = result.model_copy(update={"unclassified": unclassified_events(imported.report)})
    source = data if imported.report.format == "ics" else None
    return SolvedPlanFile(result, imported.report, source)


def require_goal_race_distance(imported: ImportedPlan) -> None:
    """A calendar's goal race must say how far it is (the days after it depend on that): say how
    to name it rather than the plan request's bare 'field required'."""
    goal = imported.plan.get("goal_race")
    if imported.report.format == "json" or not isinstance(goal, dict) or "distance" in goal:
        return
    raise PlanFileError(
        f"the goal race on {goal['date']} has no distance the importer can read: name it in that "
        "day's title ('10K race', 'Half marathon') or, in a calendar-hack plan, its type "
        "('Half Marathon')",
        "goal_race",
    )


def unclassified_events(report: ImportReport) -> list[str]:
    """Each event the importer left out, as 'date: title (where): why'."""
    return [
        f"{entry.date.isoformat()}: {entry.title!r} ({entry.where}): {entry.classification.reason}"
        for entry in report.unclassified
    ]
