"""What trainweek answers: the project's own result types (no CP-SAT status leaves `solver/`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from solver.catalogue import LegLoad, Prescription, Session, dose_for, dose_summary
from solver.domain import CLOCK_PATTERN, DayId, Run, WeekRequest
from solver.rules import HardRuleId, SoftGoalId
from solver.times import clock_of, minutes_of

Status = Literal["optimal", "feasible", "infeasible"]
Position = Literal["after_run", "on_its_own"]

# A proposed week: day id -> ids of the catalogue sessions placed that day.
Plan = dict[str, list[str]]


class PlacedSession(BaseModel):
    """A catalogue session placed on a day."""

    session: str = Field(description="Catalogue id of the session.")
    name: str = Field(description="What a runner calls it.")
    leg_load: LegLoad = Field(description="heavy, moderate, plyometric, light or none.")
    needs_gym: bool = Field(description="Whether it needs gym equipment.")
    minutes: int = Field(description="How long it takes, in minutes.")
    exercises: list[str] = Field(
        description="What the session holds, as this athlete does it (avoided ones swapped)."
    )
    position: Position = Field(
        description="after_run: do it after the day's run (never before a key run); "
        "on_its_own: the day has no run."
    )
    dose: str = Field(
        default="",
        description="The main exercise's dose in short, e.g. '3 x 6 @ RPE 7' or '3 x 4 @ 80% 1RM'.",
    )
    prescription: list[Prescription] = Field(
        default_factory=list,
        description="Each exercise with sets, reps and intensity, by the athlete's lifting "
        "level, the week's phase and progression_step.",
    )
    at: str | None = Field(
        default=None,
        # Left out on a day without times, so untimed weeks read as before.
        exclude_if=lambda at: at is None,
        description="When to start, local time as HH:MM: only on a day with times (windows, "
        "or a run with at or a slot).",
        json_schema_extra={"pattern": CLOCK_PATTERN},
    )

    @classmethod
    def place(
        cls, session: Session, runs: list[Run], request: WeekRequest, start: int | None = None
    ) -> PlacedSession:
        """The session as placed on a day with these runs, dosed for the request's athlete,
        starting at `start` (minutes from midnight) on a day with times."""
        athlete = request.athlete
        prescription = dose_for(
            session,
            athlete.lifting_level,
            athlete.phase,
            step=request.progression_step,
            avoid=athlete.avoid,
        )
        return cls(
            session=session.id,
            name=session.name,
            leg_load=session.leg_load,
            needs_gym=session.needs_gym,
            minutes=session.minutes,
            exercises=[p.exercise for p in prescription],
            position="after_run" if runs else "on_its_own",
            dose=dose_summary(prescription),
            prescription=prescription,
            at=None if start is None else clock_of(start),
        )


class DayPlan(BaseModel):
    """One day of the answered week."""

    runs: list[Run] = Field(description="The day's runs, as posted.")
    strength: list[PlacedSession] = Field(description="Strength placed this day (zero or one).")


class Penalty(BaseModel):
    """What one soft goal costs in this week."""

    goal: SoftGoalId = Field(description="Soft goal id (see GET /v1/rules).")
    weight: int = Field(description="The goal's weight in this request.")
    count: int = Field(description="How many times the week misses the goal.")
    cost: int = Field(description="weight x count: this goal's share of the objective.")
    details: list[str] = Field(description="Each miss in words, e.g. 'Thu: ... on a rest day'.")


class Conflict(BaseModel):
    """A hard rule that cannot be kept (or, when evaluating a week, that it breaks)."""

    rule: HardRuleId = Field(description="Hard rule id (see GET /v1/rules).")
    message: str = Field(description="What goes wrong, in a runner's words.")
    days: list[DayId] = Field(description="The days involved.")


class SolverFacts(BaseModel):
    """How the answer was found."""

    wall_time_ms: float = Field(description="Time spent building and solving, in milliseconds.")
    ortools_version: str = Field(description="Version of OR-Tools CP-SAT used.")
    seed: int = Field(description="Random seed of the search (fixed: same week, same answer).")
    workers: int = Field(description="Search workers (one, for determinism).")
    cached: bool = Field(
        default=False,
        description="True when the service answered this same request before and gave its kept "
        "optimal week again, without solving; wall_time_ms is then the first solve's.",
    )


class WeekResult(BaseModel):
    """The optimal week, or why none exists."""

    status: Status = Field(
        description="optimal: proven best; feasible: best found before the time limit; "
        "infeasible: no week keeps every hard rule (see conflicts)."
    )
    objective: int | None = Field(description="Total penalty: sum of the penalties' costs.")
    best_bound: int | None = Field(description="Lower bound on the objective (equal when optimal).")
    days: dict[DayId, DayPlan] = Field(description="The seven days, mon..sun.")
    penalties: list[Penalty] = Field(description="Soft goals the week misses, with their costs.")
    conflicts: list[Conflict] = Field(
        default_factory=list,
        description="When infeasible: a minimal set of hard rules that cannot all hold.",
    )
    suggestions: list[str] = Field(
        default_factory=list, description="When infeasible: what to relax so a week exists."
    )
    solver: SolverFacts
    week_of: dt.date | None = Field(
        default=None,
        description="The Monday of the week solved, when the request gave week_of (any day of it).",
    )

    @property
    def plan(self) -> Plan:
        """The week as a plan: day id -> session ids."""
        return {day: [s.session for s in day_plan.strength] for day, day_plan in self.days.items()}

    @property
    def starts(self) -> dict[str, list[int | None]]:
        """Each placed session's start in minutes from midnight (None without one), by day."""
        return {
            day: [None if s.at is None else minutes_of(s.at) for s in day_plan.strength]
            for day, day_plan in self.days.items()
        }

    @property
    def session_count(self) -> int:
        """How many strength sessions the week holds."""
        return sum(len(day_plan.strength) for day_plan in self.days.values())


class Evaluation(BaseModel):
    """A proposed week scored against every hard rule and soft goal."""

    feasible: bool = Field(description="Whether the week keeps every hard rule.")
    violations: list[Conflict] = Field(description="Hard rules the week breaks.")
    objective: int = Field(description="Total penalty of the week's soft goals.")
    penalties: list[Penalty] = Field(description="Soft goals the week misses, with their costs.")
