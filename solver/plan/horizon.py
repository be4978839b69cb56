"""A plan request read as the model's horizon: one `WeekRequest` per week, phases set."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from solver.days import DAYS
from solver.domain import (
    Athlete,
    Day,
    DayId,
    PreviousRace,
    Run,
    Strength,
    WeekRequest,
    race_km,
    race_name,
)
from solver.horizon import LOADING_PHASES, Horizon
from solver.plan.domain import PlanRequest
from solver.plan.phases import derive_phases, progression_steps

# A goal race given by date alone gets a race run of about this long (its minutes only matter to
# the day's availability, and a race day holds no strength anyway).
RACE_MINUTES = {"5k": 30, "10k": 60, "half": 120, "marathon": 240, "ultra": 360}
MINUTES_PER_KM = 6


@dataclass(frozen=True)
class GoalRaceDay:
    """Where the goal race falls: its day index in the plan and its distance in km."""

    day_index: int
    km: float


@dataclass(frozen=True)
class PlanHorizon:
    """The plan as the model reads it, with each week's phase and progression step."""

    horizon: Horizon
    goal: GoalRaceDay | None
    steps: list[int]
    time_limit_s: float
    """The plan's own time limit (a week's may not pass 30 s; a plan's may)."""


def goal_race_day(request: PlanRequest) -> GoalRaceDay | None:
    """The goal race: `goal_race` when given, else the plan's last race run (the longest, when a
    day holds two)."""
    if request.goal_race is not None:
        return GoalRaceDay((request.goal_race.date - request.start).days, request.goal_race.km)
    found: GoalRaceDay | None = None
    for week_index, week in enumerate(request.weeks):
        for day_offset, day in enumerate(_week_days(week.days)):
            races = [run for run in day.runs if run.type == "race"]
            if races:
                longest = max(races, key=_race_km)
                found = GoalRaceDay(week_index * 7 + day_offset, _race_km(longest))
    return found


def _race_km(run: Run) -> float:
    """The race's km: its distance, else judged by minutes as the recovery rule judges it."""
    if run.distance is not None:
        return race_km(run.distance)
    return 5.0 if run.minutes < 80 else 21.1 if run.minutes < 160 else 42.2


def _week_days(days: dict[DayId, Day]) -> list[Day]:
    return [days.get(day_id, Day()) for day_id in DAYS]  # type: ignore[call-overload]


def plan_horizon(request: PlanRequest) -> PlanHorizon:
    """Read the plan as a horizon: each week a `WeekRequest` with its derived phase."""
    goal = goal_race_day(request)
    phases = derive_phases(
        [week.phase for week in request.weeks],
        goal.day_index // 7 if goal else None,
        goal.km if goal else None,
        request.deload_every,
    )
    previous = None
    if request.previous_race is not None:
        days_ago = request.previous_race_days_ago
        previous = PreviousRace(days_ago=days_ago, distance=request.previous_race.distance)
    steps = progression_steps(phases)
    requests: list[WeekRequest] = []
    for week_index, (week, phase) in enumerate(zip(request.weeks, phases, strict=True)):
        days: dict[DayId, Day] = dict(week.days)
        if request.goal_race is not None and goal is not None and goal.day_index // 7 == week_index:
            days = _with_goal_race(days, goal.day_index % 7, request)
        requests.append(
            WeekRequest(
                days=days,
                athlete=Athlete.model_validate(
                    {**request.athlete.model_dump(exclude={"phase"}), "phase": phase}
                ),
                strength=_strength(request.strength, phase, requests),
                weights=request.weights,
                time_limit_s=min(request.time_limit_s, 30.0),
                week_of=request.start + dt.timedelta(days=7 * week_index),
                relax=request.relax,
                previous_race=previous if week_index == 0 else None,
                progression_step=steps[week_index],
            )
        )
    horizon = Horizon.of_weeks(requests, request.start)
    return PlanHorizon(horizon, goal, steps, request.time_limit_s)


def _strength(strength: Strength, phase: str, before: list[WeekRequest]) -> Strength:
    """The week's strength: a deload week aims at one session fewer than the last loading week
    before it (base 3 -> 2, build 2 -> 1), unless the plan names a target."""
    if phase != "deload" or strength.target_sessions is not None:
        return strength
    loading = [week for week in before if week.athlete.phase in LOADING_PHASES]
    if not loading:
        return strength
    target = max(loading[-1].target_sessions - 1, strength.min_sessions, 1)
    return strength.model_copy(update=dict(target_sessions=min(target, strength.max_sessions)))


def _with_goal_race(
    days: dict[DayId, Day], day_offset: int, request: PlanRequest
) -> dict[DayId, Day]:
    """The week's days with the goal race run added on its day, unless a race is there."""
    day_id: DayId = DAYS[day_offset]  # type: ignore[assignment]
    day = days.get(day_id, Day())
    if day.is_race_day:
        return days
    assert request.goal_race is not None
    distance = request.goal_race.distance
    minutes = (
        RACE_MINUTES[distance]
        if isinstance(distance, str)
        else max(1, min(600, round(float(distance) * MINUTES_PER_KM)))
    )
    race = Run(type="race", minutes=minutes, distance=distance, title=f"Goal {race_name(distance)}")
    runs = [*day.runs, race]
    available_minutes = day.available_minutes
    if available_minutes is not None:
        available_minutes = max(available_minutes, sum(run.minutes for run in runs))
    updated = day.model_copy(update={"runs": runs, "available_minutes": available_minutes})
    return {**days, day_id: updated}
