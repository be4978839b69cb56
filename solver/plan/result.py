"""What trainweek answers for a plan: the days in order, a summary per week, the penalties."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from solver.domain import DayId, Phase, Run
from solver.result import Penalty, PlacedSession, SolverFacts, Status
from solver.rules import HardRuleId

# A proposed placement of a plan: ISO date -> ids of the catalogue sessions placed that day.
Placement = dict[str, list[str]]


class PlanDay(BaseModel):
    """One day of the answered plan."""

    date: dt.date = Field(description="The day's date.")
    weekday: DayId = Field(description="mon..sun.")
    runs: list[Run] = Field(description="The day's runs, as posted (with title and source_uid).")
    strength: list[PlacedSession] = Field(description="Strength placed this day (zero or one).")


class PlanWeekSummary(BaseModel):
    """One week of the answered plan."""

    start: dt.date = Field(description="The week's Monday.")
    phase: Phase = Field(description="The week's phase: as named, or derived from the goal race.")
    progression_step: int = Field(
        description="1, 2, 3... through the base and build weeks; kept through deload and the "
        "later phases (1 before the first base or build week). The week's doses follow it."
    )
    sessions: int = Field(description="Strength sessions placed this week.")
    heavy_sessions: int = Field(description="Heavy-leg sessions placed this week.")
    penalties: list[Penalty] = Field(
        description="The plan's penalties whose first day named falls in this week."
    )


class PlanConflict(BaseModel):
    """A hard rule that cannot be kept in the plan (or, when evaluating, that it breaks)."""

    rule: HardRuleId = Field(description="Hard rule id (see GET /v1/rules).")
    message: str = Field(description="What goes wrong, naming the days by date.")
    dates: list[dt.date] = Field(description="The days involved.")


class PlanResult(BaseModel):
    """The optimal plan, or why none exists."""

    status: Status = Field(
        description="optimal: proven best; feasible: best found before the time limit; "
        "infeasible: no plan keeps every hard rule (see conflicts)."
    )
    objective: int | None = Field(description="Total penalty: sum of the penalties' costs.")
    best_bound: int | None = Field(description="Lower bound on the objective (equal when optimal).")
    days: list[PlanDay] = Field(description="Every day of the plan, in order.")
    weeks: list[PlanWeekSummary] = Field(description="Every week of the plan, in order.")
    penalties: list[Penalty] = Field(description="Goals the plan misses, with their costs.")
    unclassified: list[str] = Field(
        default_factory=list,
        description="Imported events the importer could not classify (none from plan JSON).",
    )
    conflicts: list[PlanConflict] = Field(
        default_factory=list,
        description="When infeasible: a minimal set of hard rules that cannot all hold.",
    )
    suggestions: list[str] = Field(
        default_factory=list, description="When infeasible: what to relax so a plan exists."
    )
    solver: SolverFacts

    @property
    def placement(self) -> Placement:
        """The plan as a placement: ISO date -> session ids, days with strength only."""
        return {
            day.date.isoformat(): [s.session for s in day.strength]
            for day in self.days
            if day.strength
        }


class PlanEvaluation(BaseModel):
    """A proposed placement of a plan scored against every hard rule and goal."""

    feasible: bool = Field(description="Whether the plan keeps every hard rule.")
    violations: list[PlanConflict] = Field(description="Hard rules the plan breaks.")
    objective: int = Field(description="Total penalty of the plan's goals.")
    penalties: list[Penalty] = Field(description="Goals the plan misses, with their costs.")
