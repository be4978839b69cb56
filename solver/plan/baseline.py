"""The old way, kept as a baseline: solve each week of a plan alone, then put the weeks together.

Each week is the week model's optimum, with the last race of the two weeks before carried in as
`previous_race` (as a user solving week after week would). It cannot see the next week: a heavy
Sunday before Monday's key run, heavy legs on consecutive days across the boundary, leg work the
day before a Monday race. The plan checker shows what it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.catalogue import Session, session_by_id
from solver.cpsat.solve import solve
from solver.domain import PreviousRace, RaceDistanceName, Run
from solver.horizon import Horizon
from solver.plan.checker import evaluate_horizon
from solver.plan.result import PlanEvaluation

LOOK_BACK_DAYS = 14
"""How far back a week looks for a race to carry in (`previous_race.days_ago` is 1 to 14)."""


@dataclass(frozen=True)
class WeekByWeek:
    """The weeks solved one by one, put together, and the plan checker's verdict on them."""

    placed: list[list[Session]]
    infeasible_weeks: list[int]
    evaluation: PlanEvaluation


def week_by_week(horizon: Horizon) -> WeekByWeek:
    """Solve each week of the horizon alone and score the whole with the plan checker."""
    by_id = session_by_id()
    placed: list[list[Session]] = [[] for _ in horizon.days]
    infeasible = []
    for week in horizon.weeks:
        request = week.request
        carried = _race_before(horizon, week.first_day)
        if week.index > 0 and carried is not None:
            request = request.model_copy(update={"previous_race": carried})
        result = solve(request)
        if result.status == "infeasible":
            infeasible.append(week.index)
            continue
        for offset, day_plan in enumerate(result.days.values()):
            placed[week.first_day + offset] = [by_id[s.session] for s in day_plan.strength]
    return WeekByWeek(placed, infeasible, evaluate_horizon(horizon, placed))


def _race_before(horizon: Horizon, first_day: int) -> PreviousRace | None:
    """The last race in the two weeks before the day, as a week's `previous_race`."""
    for days_ago in range(1, LOOK_BACK_DAYS + 1):
        day_index = first_day - days_ago
        if day_index < 0:
            break
        races = [run for run in horizon.days[day_index].runs if run.type == "race"]
        if races:
            race = max(races, key=lambda run: run.recovery_days)
            distance = race.distance if race.distance is not None else _distance_by_days(race)
            return PreviousRace(days_ago=days_ago, distance=distance)
    return None


def _distance_by_days(race: Run) -> RaceDistanceName:
    """A race without a distance, named by the recovery its minutes give it."""
    return {2: "10k", 4: "half"}.get(race.recovery_days, "marathon")  # type: ignore[return-value]
