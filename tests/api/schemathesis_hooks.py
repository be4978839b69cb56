"""Schemathesis hooks: positive requests keep the cross-field rules JSON Schema cannot say.

The OpenAPI document says every rule on one field (ranges, enums, closed key maps, the date
range, exactly one of days_ago and date). What remains compares fields with each other, and the
API answers 400 for it by design. A fuzzer cannot know these, so its *positive* cases are mapped
into them here, one function per validator in `solver/domain.py`, named after it; negative cases
are left as generated. Any other 400 to a schema-valid request still fails
`positive_data_acceptance`: a new cross-field rule fails the fuzz test until it is listed here
(and in the README's list of what is a 400).

Loaded by the in-process test (tests/api/test_schemathesis.py imports it) and by the CLI
through `hooks` in schemathesis.toml: `st run http://127.0.0.1:8000/openapi.json --checks all`.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import schemathesis

from api.plan_files import EXAMPLE_CALENDAR
from solver.importers.calendar_hack import RACE_BY_PLAN_TYPE

MAX_DAY_MINUTES = 1440


def number(value: Any) -> bool:
    """A JSON number (an integer may come as 25.0, as JSON Schema allows)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


@schemathesis.hook
def map_case(context: schemathesis.HookContext, case: schemathesis.Case) -> schemathesis.Case:
    """A positive case's body, with every week in it made to keep the cross-field rules."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return case
    if case.media_type == "application/yaml" and isinstance(case.body, dict):
        case.query = case.query or {}
        calendar_hack_plan_fits_its_race_date(case.body, case.query)
    elif case.media_type == "text/calendar":
        # A string schema cannot say what an iCalendar file is: a positive case sends the
        # documented one, whose goal race is on the race date in the examples.
        case.body = EXAMPLE_CALENDAR
        if case.query and case.query.get("race_date") is not None:
            case.query["race_date"] = "2025-03-23"
        if case.query:
            # A map may read its race as another type: the goal race then has no distance.
            case.query.pop("map", None)
        if case.operation.path in ("/v1/weeks/windows", "/v1/plans/windows"):
            case.query = case.query or {}
            day_bounds(case.query)
            date_range(case.query)
    elif isinstance(case.body, dict):
        keep_cross_field_rules(case.body)
        if case.operation.path == "/v1/weeks/compare":
            weights_or_profiles(case.body)
        if case.operation.path == "/v1/scenarios/{name}/solve":
            weights_or_preset(case.body)
        if case.operation.path == "/v1/profiles/learn":
            name_when_saving(case.body)
        if case.operation.path == "/v1/weeks/evaluate":
            at_only_on_days_with_times(case.body)
        if case.operation.path in ("/v1/weeks/replan", "/v1/athletes/{athlete_id}/replan"):
            replan_reports_what_the_week_holds(case.body)
        if case.operation.path == "/v1/weeks/alternatives":
            # The coverage phase shares nested values between its cases: repair a copy.
            case.body = copy.deepcopy(case.body)
            session_on_its_day(case.body)
            at_only_on_days_with_times(case.body, "week")
        if "start" in case.body and "weeks" in case.body:
            plan_fits_its_races(case.body)
            if case.query:
                # race_date names a calendar file's race day; a plan JSON's own dates must hold it.
                case.query.pop("race_date", None)
    if case.query and "cursor" in case.query:
        # A cursor is only ever one a list gave out in `next`: no generator can make one.
        del case.query["cursor"]
    return case


def keep_cross_field_rules(node: Any) -> None:
    """Walk a body and repair, in place, each week request inside it."""
    if isinstance(node, list):
        for item in node:
            keep_cross_field_rules(item)
        return
    if not isinstance(node, dict):
        return
    if isinstance(node.get("strength"), dict):
        bounds_in_order(node["strength"])
    if isinstance(node.get("days"), dict):
        for day in node["days"].values():
            if isinstance(day, dict):
                for run in day.get("runs") or []:
                    if isinstance(run, dict):
                        distance_only_for_races(run)
                        at_or_slot(run)
                minutes_cover_the_runs(day)
                windows_in_order(day)
    if isinstance(node.get("previous_race"), dict):
        days_ago_or_date(node["previous_race"])
        previous_race_before_the_week(node["previous_race"], node.get("week_of"))
    for value in node.values():
        keep_cross_field_rules(value)


def weights_or_profiles(body: dict[str, Any]) -> None:
    """CompareBody._weights_or_profiles: exactly one of the two (the schema's `oneOf`, which the
    generator does not always honour beside `properties`)."""
    if body.get("weights") is None and body.get("profiles") is None:
        body.pop("profiles", None)
        body["weights"] = [{}, {}]
    elif body.get("weights") is not None and body.get("profiles") is not None:
        del body["profiles"]


def weights_or_preset(body: dict[str, Any]) -> None:
    """SolveScenarioBody: weights or a preset, not both."""
    if body.get("weights") is not None and body.get("preset") is not None:
        del body["preset"]


def name_when_saving(body: dict[str, Any]) -> None:
    """LearnBody: saving the learned weights needs the new profile's name."""
    if body.get("save") is True and body.get("name") is None:
        body["name"] = "learned"


def replan_reports_what_the_week_holds(body: dict[str, Any]) -> None:
    """solver/replan.py's `resolve`: every day named must be in the week and every event must
    match what it holds (a done session was planned there, a moved run exists). A fuzzer
    cannot know the week's contents (the body's, or the athlete's newest solved week): a
    positive case replans from a day id and reports nothing.
    """
    body["today"] = "wed"
    for events in ("done", "missed", "skipped", "moved", "added", "unavailable"):
        body.pop(events, None)


def session_on_its_day(body: dict[str, Any]) -> None:
    """solver.alternatives.NotPlaced: the session to move is one `week` holds on `day`."""
    day, session, week = body.get("day"), body.get("session"), body.get("week")
    if not isinstance(day, str) or not isinstance(session, str) or not isinstance(week, dict):
        return
    entry = week.get(day)
    if not isinstance(entry, dict):
        entry = week[day] = {}
    strength = entry.get("strength")
    if not isinstance(strength, list) or not strength:
        entry["strength"] = [{"session": session}]
    elif not any(isinstance(item, dict) and item.get("session") == session for item in strength):
        strength[0] = {"session": session}


def calendar_hack_plan_fits_its_race_date(body: dict[str, Any], query: dict[str, Any]) -> None:
    """read_calendar_hack: the plan needs `race_date` (its last day), dated far enough from the
    date range's ends for the whole plan; every week but the last holds 7 workouts; a distance
    range runs low to high; and the goal race has a distance (`_goal_race_has_a_distance`,
    here from the plan's type)."""
    query["race_date"] = "2025-03-23"
    if not isinstance(body.get("type"), str) or body["type"] not in RACE_BY_PLAN_TYPE:
        body["type"] = "10K"
    weeks = body.get("schedule")
    if not isinstance(weeks, list):
        return
    for week in weeks[:-1]:
        workouts = week.get("workouts") if isinstance(week, dict) else None
        if isinstance(workouts, list) and workouts:
            week["workouts"] = (workouts * 7)[:7]
    for week in weeks:
        for workout in week.get("workouts", []) if isinstance(week, dict) else []:
            distance = workout.get("distance") if isinstance(workout, dict) else None
            if isinstance(distance, list) and len(distance) == 2:
                workout["distance"] = sorted(distance)


def day_bounds(query: dict[str, Any]) -> None:
    """day_bounds (solver/importers/busy.py): the busy calendar's `day` ends after it starts."""
    day = query.get("day")
    if isinstance(day, str) and len(day) == 11:
        start, end = sorted(day.split("-"))
        query["day"] = f"{start}-{end}" if start < end else "05:00-22:00"


def date_range(query: dict[str, Any]) -> None:
    """date_range (solver/importers/busy.py): `end` is not before `start`, 728 dates at most."""
    start, end = query.get("start"), query.get("end")
    if not isinstance(start, str) or not isinstance(end, str):
        return
    try:
        first, last = sorted((dt.date.fromisoformat(start), dt.date.fromisoformat(end)))
    except ValueError:
        return
    last = min(last, first + dt.timedelta(days=727))
    query["start"], query["end"] = first.isoformat(), last.isoformat()


def plan_fits_its_races(body: dict[str, Any]) -> None:
    """PlanRequest: `start` is a Monday (`_starts_monday`), the athlete's phase is set per week
    (`_phase_is_per_week`), and the goal race and the last week fall inside the plan and the
    calendar (`_races_fit_the_plan`)."""
    try:
        start = dt.date.fromisoformat(body["start"]) if isinstance(body["start"], str) else None
    except ValueError:
        return
    if start is None or not isinstance(body["weeks"], list):
        return
    start -= dt.timedelta(days=start.weekday())
    if start < dt.date(1969, 12, 29):
        start += dt.timedelta(days=7)
    # Every week's Monday is a week_of: the last one may not pass 2200-12-31.
    latest = dt.date(2200, 12, 31) - dt.timedelta(days=7 * (max(len(body["weeks"]), 1) - 1))
    while start > latest:
        start -= dt.timedelta(days=7)
    body["start"] = start.isoformat()
    if isinstance(body.get("athlete"), dict):
        body["athlete"].pop("phase", None)
    if isinstance(body.get("map"), dict):
        # parse_mapping: a title pattern may not be blank (the schema cannot say so of keys).
        body["map"] = {key: value for key, value in body["map"].items() if str(key).strip()}
    race = body.get("goal_race")
    if isinstance(race, dict) and isinstance(race.get("date"), str):
        end = start + dt.timedelta(days=7 * max(len(body["weeks"]), 1) - 1)
        try:
            day = dt.date.fromisoformat(race["date"])
        except ValueError:
            return
        race["date"] = min(max(day, start), end).isoformat()


def bounds_in_order(strength: dict[str, Any]) -> None:
    """Strength._bounds_in_order: min_sessions <= target_sessions <= max_sessions."""
    low, high = strength.get("min_sessions", 1), strength.get("max_sessions", 3)
    if not all(number(bound) for bound in (low, high)):
        return
    if low > high:  # both were sent: the defaults 1 and 3 are in order with anything
        strength["min_sessions"], strength["max_sessions"] = low, high = high, low
    target = strength.get("target_sessions")
    if number(target):
        strength["target_sessions"] = min(max(target, low), high)


def minutes_cover_the_runs(day: dict[str, Any]) -> None:
    """Day._minutes_cover_the_runs: available_minutes counts the day's runs too."""
    available = day.get("available_minutes")
    if not number(available):
        return
    runs = sum(
        run["minutes"]
        for run in day.get("runs") or []
        if isinstance(run, dict) and number(run.get("minutes"))
    )
    if available < runs:
        if runs <= MAX_DAY_MINUTES:
            day["available_minutes"] = runs
        else:
            del day["available_minutes"]


def distance_only_for_races(run: dict[str, Any]) -> None:
    """Run._distance_only_for_races: only a race run carries a distance."""
    if run.get("type") != "race" and run.get("distance") is not None:
        del run["distance"]


def at_or_slot(run: dict[str, Any]) -> None:
    """Run._at_or_slot: a run has a start or a slot, not both."""
    if run.get("at") is not None and run.get("slot") is not None:
        del run["slot"]


def windows_in_order(day: dict[str, Any]) -> None:
    """Day._windows_in_order: each window ends after it starts, and they come in order, apart
    (HH:MM strings compare as times do): keep the windows that do."""
    windows = day.get("windows")
    if not isinstance(windows, list):
        return
    kept: list[Any] = []
    for window in windows:
        if not (isinstance(window, list) and len(window) == 2):
            kept.append(window)  # not the schema's shape: the schema's error, left as it is
            continue
        start, end = window
        if not (isinstance(start, str) and isinstance(end, str)):
            kept.append(window)
            continue
        last_end = kept[-1][1] if kept and isinstance(kept[-1], list) else ""
        if start < end and start >= last_end:
            kept.append(window)
    day["windows"] = kept


def at_only_on_days_with_times(body: dict[str, Any], placed: str = "plan") -> None:
    """evaluate_week and week_alternatives: a placed session's `at` only on a day with times
    (windows, or a run with at or a slot). `placed` names the body's week: evaluate's `plan`
    (day -> sessions) or alternatives' `week` (day -> {strength: sessions})."""
    request, plan = body.get("request"), body.get(placed)
    if not isinstance(request, dict) or not isinstance(plan, dict):
        return
    if placed == "week":
        plan = {
            day_id: entry.get("strength") if isinstance(entry, dict) else None
            for day_id, entry in plan.items()
        }
    days = request.get("days") if isinstance(request.get("days"), dict) else {}
    for day_id, entries in plan.items():
        day = days.get(day_id) if isinstance(days, dict) else None
        timed = isinstance(day, dict) and (
            bool(day.get("windows"))
            or any(
                isinstance(run, dict) and (run.get("at") or run.get("slot"))
                for run in day.get("runs") or []
            )
        )
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and not timed:
                entry.pop("at", None)


def days_ago_or_date(race: dict[str, Any]) -> None:
    """PreviousRace._days_ago_or_date: exactly one of the two. The schema says so (`oneOf`),
    but schemathesis' generator does not always honour a `oneOf` beside `properties`."""
    if race.get("days_ago") is None and race.get("date") is None:
        race.pop("date", None)
        race["days_ago"] = 3
    elif race.get("days_ago") is not None and race.get("date") is not None:
        del race["date"]


def previous_race_before_the_week(race: dict[str, Any], week_of: Any) -> None:
    """WeekRequest._previous_race_before_the_week: a race's date needs week_of and falls 1 to
    14 days before that week's Monday."""
    if not isinstance(race.get("date"), str):
        return
    try:
        day = dt.date.fromisoformat(week_of) if isinstance(week_of, str) else None
    except ValueError:
        day = None
    if day is None:
        del race["date"]
        race["days_ago"] = 3
        return
    monday = day - dt.timedelta(days=day.weekday())
    race["date"] = (monday - dt.timedelta(days=3)).isoformat()
