"""Workouts from a calendar-hack plan file (JSON or YAML).

The format (github.com/nanreh/calendar-hack, MIT): `{id, name, description, units: "mi"|"km",
type?, schedule: [{workouts: [{title, description?, distance?} x 7]}]}`. A distance is a number
or `[low, high]` in the plan's units; titles carry unit placeholders that calendar-hack renders in
the runner's units: `{9}` (9 in the plan's units), `{9:14}` (9 in the plan's units, 14 in the
other), `{8-9:13-14}` (a range, each way). The plan has no dates: its last day is race day.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, TypeGuard

from solver.domain import RaceDistance
from solver.importers.classify import KM_PER_MILE
from solver.importers.report import MAX_WEEKS, PlanFileError, Workout

UNITS_KM = {"mi": KM_PER_MILE, "km": 1.0}
# calendar-hack's plan types, as a race distance for the race on the last day.
RACE_BY_PLAN_TYPE: dict[str, RaceDistance] = {
    "Marathon": "marathon",
    "Half Marathon": "half",
    "5K": "5k",
    "10K": "10k",
    "15K/10M": 15.0,
    "50K": "ultra",
    "100K": 100.0,
    "100M": 160.9,
}
_PLACEHOLDER = re.compile(
    r"\{(?P<low>\d+(?:\.\d+)?)(?:-(?P<high>\d+(?:\.\d+)?))?(?::[\d.]+(?:-[\d.]+)?)?\}"
)


def render_units(text: str, units: str) -> str:
    """Placeholders in the plan's own units: '{9:14}' -> '9 mi', '{8-9:13-14}' -> '8-9 mi'."""

    def rendered(match: re.Match[str]) -> str:
        value = match["low"] + (f"-{match['high']}" if match["high"] else "")
        return f"{value} {units}"

    return _PLACEHOLDER.sub(rendered, text)


def is_calendar_hack(data: object) -> bool:
    """Whether parsed JSON or YAML looks like a calendar-hack plan (it has a schedule)."""
    return isinstance(data, dict) and "schedule" in data


def read_calendar_hack(
    data: dict[str, Any], race_date: dt.date | None
) -> tuple[list[Workout], RaceDistance | None, list[str]]:
    """The plan's workouts dated back from the race on its last day; the race's distance as the
    plan's type says (None when it does not); notes for the report.

    Weeks run Monday to Sunday and hold 7 workouts, but the last week may hold fewer (its entries
    end on race day: boston_level_one's last week is the race alone)."""
    units = data.get("units")
    if not isinstance(units, str) or units not in UNITS_KM:
        raise PlanFileError(f"units {units!r}: unknown; use mi or km", "units")
    schedule = data["schedule"]
    if not isinstance(schedule, list) or not schedule:
        raise PlanFileError("expected a list of weeks", "schedule")
    if len(schedule) > MAX_WEEKS:
        raise PlanFileError(f"{len(schedule)} weeks: a plan holds at most {MAX_WEEKS}", "schedule")
    if race_date is None:
        raise PlanFileError(
            "a calendar-hack plan needs the race date (--race-date, race_date): its last day is "
            "race day"
        )
    weeks: list[list[Any]] = []
    for week_index, week in enumerate(schedule):
        week_where = f"week {week_index + 1}"
        days = week.get("workouts") if isinstance(week, dict) else None
        last = week_index == len(schedule) - 1
        count = len(days) if isinstance(days, list) else 0
        if not isinstance(days, list) or not (count == 7 or (last and 1 <= count < 7)):
            needs = "1 to 7 (the last week)" if last else "7"
            raise PlanFileError(f"{count} workouts; a week needs {needs}", week_where)
        weeks.append(days)
    last_week = len(weeks[-1])
    notes = []
    if race_date.weekday() != last_week - 1:
        assumed = dt.date(2024, 1, 1) + dt.timedelta(days=last_week - 1)  # a Monday
        notes.append(
            f"the file's last workout falls on a {assumed:%A} of a Monday-Sunday week; the race "
            f"date {race_date.isoformat()} is a {race_date:%A}: every workout is moved to end on "
            "the race date"
        )
    first_day = race_date - dt.timedelta(days=(len(weeks) - 1) * 7 + last_week - 1)
    workouts: list[Workout] = []
    for week_index, days in enumerate(weeks):
        week_where = f"week {week_index + 1}"
        for day_index, workout in enumerate(days):
            where = f"{week_where} day {day_index + 1}"
            date = first_day + dt.timedelta(days=week_index * 7 + day_index)
            workouts.append(_workout(workout, units, date, where))
    plan_type = data.get("type")
    if plan_type is not None and not isinstance(plan_type, str):
        raise PlanFileError(f"type {plan_type!r}: expected text such as 'Marathon'", "type")
    race = RACE_BY_PLAN_TYPE.get(plan_type) if plan_type is not None else None
    return workouts, race, notes


def _workout(workout: object, units: str, date: dt.date, where: str) -> Workout:
    if not isinstance(workout, dict):
        raise PlanFileError("expected a workout object with a title", where)
    title = workout.get("title")
    if not isinstance(title, str):
        raise PlanFileError("title missing", where)
    description = workout.get("description")
    if description is not None and not isinstance(description, str):
        raise PlanFileError("description must be text", where)
    return Workout(
        date=date,
        title=" ".join(render_units(title, units).split()),
        description=render_units(description or "", units),
        where=where,
        distance_km=_distance_km(workout.get("distance"), units, where),
    )


def _distance_km(distance: object, units: str, where: str) -> tuple[float, float] | None:
    """The workout's distance as (low, high) km; a number is both."""
    if distance is None:
        return None
    factor = UNITS_KM[units]
    if _is_distance(distance):
        return (distance * factor, distance * factor) if distance else None
    if (
        isinstance(distance, list)
        and len(distance) == 2
        and all(_is_distance(v) for v in distance)
        and distance[0] <= distance[1]
    ):
        return distance[0] * factor, distance[1] * factor
    raise PlanFileError(f"distance {distance!r}: expected a number or [low, high]", where)


def _is_distance(value: object) -> TypeGuard[float]:
    """A number of 0 or more; YAML's .inf and .nan are not."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    return math.isfinite(value) and value >= 0
