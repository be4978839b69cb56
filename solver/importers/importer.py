"""One entry for every plan file: bytes in; trainweek's plan JSON and a report out."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from solver.days import DAYS
from solver.domain import Paces, RaceDistance
from solver.importers.calendar_hack import is_calendar_hack, read_calendar_hack
from solver.importers.classify import (
    BARE_DISTANCE_REASON,
    BARE_LONG_RUN_MINUTES,
    LONG_INTERVALS_MINUTES,
    LONG_RUN_MINUTES,
    Classification,
    Classifier,
    MappingError,
    parse_mapping,
)
from solver.importers.ics import read_ics, zone_named
from solver.importers.report import (
    MAX_WEEKS,
    ImportedPlan,
    ImportReport,
    PlanFileError,
    ReportEntry,
    Workout,
)

Format = Literal["auto", "json", "ics", "calendar-hack"]
FORMATS: tuple[str, ...] = ("auto", "json", "ics", "calendar-hack")
MAX_RUNS_PER_DAY = 4
MAX_TITLE = 200
MAX_UID = 255


def import_plan(
    data: bytes,
    *,
    format: Format = "auto",
    race_date: dt.date | None = None,
    mapping: Iterable[str] | dict[str, str] | None = None,
    paces: Paces | dict[str, float] | None = None,
    timezone: str | None = None,
) -> ImportedPlan:
    """Read a plan file: trainweek plan JSON, iCalendar, or a calendar-hack plan (JSON or YAML).

    `race_date` is the goal race's day (required for calendar-hack, whose last day it is);
    `mapping` maps title patterns to run types (`["Fartlek=intervals"]`), `paces` the athlete's
    paces in min/km, `timezone` the plan's IANA zone (a calendar's timed events start at their
    local time there: the runs' `at`). Raises PlanFileError, naming what and where, for a file
    that cannot be a plan (or an unknown `timezone`).
    """
    if format not in FORMATS:
        raise PlanFileError(f"format {format!r}: unknown; use {', '.join(FORMATS)}")
    if timezone is not None:
        zone_named(timezone)
    text = _text(data)
    kind, parsed = _detect(text, format)
    try:
        rules = parse_mapping(mapping)
    except MappingError as error:
        raise PlanFileError(str(error)) from None
    athlete_paces = _paces(paces, "paces")
    if kind == "json":
        return _plan_json(parsed, race_date, rules, athlete_paces)
    report = ImportReport(format=kind)
    race_hint: RaceDistance | None = None
    if kind == "ics":
        workouts, own_strength = read_ics(text, timezone)
        for workout in own_strength:
            report.entries.append(
                ReportEntry(
                    workout.date,
                    workout.title,
                    workout.where,
                    Classification("skip", "trainweek's own strength session: placed anew"),
                )
            )
        if not workouts:
            raise PlanFileError("no workouts: the calendar holds only trainweek's own sessions")
    else:
        workouts, race_hint, notes = read_calendar_hack(parsed, race_date)
        report.notes.extend(notes)
    classifier = Classifier(athlete_paces, rules, race_hint)
    plan = _dated_plan(workouts, classifier, report, race_date, race_hint)
    if paces is not None:
        plan["athlete"] = {"paces": athlete_paces.model_dump()}
    return ImportedPlan(plan, report)


def _text(data: bytes) -> str:
    if not data.strip():
        raise PlanFileError("empty file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PlanFileError(f"not UTF-8 text (byte {error.start})") from None


def _detect(text: str, format: Format) -> tuple[str, Any]:
    """Which reader the text is for, and the parsed JSON or YAML for those formats."""
    looks_ics = text.lstrip().upper().startswith("BEGIN:VCALENDAR")
    if format == "ics" or (format == "auto" and looks_ics):
        return "ics", None
    parsed = _json_or_yaml(text, yaml_too=format in ("auto", "calendar-hack"))
    if format == "calendar-hack" or (format == "auto" and is_calendar_hack(parsed)):
        if not is_calendar_hack(parsed):
            raise PlanFileError("not a calendar-hack plan: expected an object with a schedule")
        return "calendar-hack", parsed
    if not isinstance(parsed, dict):
        raise PlanFileError(
            "not a plan file: expected trainweek plan JSON (an object with start and weeks), "
            "iCalendar (BEGIN:VCALENDAR) or a calendar-hack plan (JSON or YAML with a schedule)"
        )
    return "json", parsed


def json_number(text: str) -> int | float:
    """A JSON number with a fraction or exponent, read as JSON Schema reads it: `25.0` is the
    integer 25 (so an integer field takes it), `25.5` stays a float. For `json.loads`'s
    `parse_float`: plan files here, request bodies at both front doors (api/)."""
    value = float(text)
    return int(value) if math.isfinite(value) and value.is_integer() else value


def _json_or_yaml(text: str, *, yaml_too: bool) -> Any:
    try:
        return json.loads(text, parse_float=json_number)
    except json.JSONDecodeError as error:
        json_error = PlanFileError(f"invalid JSON: {error.msg}", f"line {error.lineno}")
    except RecursionError:
        raise PlanFileError("invalid JSON: nested too deeply") from None
    if not yaml_too:
        raise json_error
    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        problem = getattr(error, "problem", None) or "cannot be read"
        raise PlanFileError(f"neither JSON nor YAML: {problem}", where) from None
    if not is_calendar_hack(parsed):
        raise PlanFileError(
            "not a plan file: expected trainweek plan JSON (an object with start and weeks), "
            "iCalendar (BEGIN:VCALENDAR) or a calendar-hack plan (JSON or YAML with a schedule)"
        )
    return parsed


def _paces(paces: Paces | dict[str, Any] | None, where: str) -> Paces:
    if paces is None:
        return Paces()
    if isinstance(paces, Paces):
        return paces
    try:
        return Paces.model_validate(paces)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in (where, *first["loc"]))
        raise PlanFileError(first["msg"], field) from None


def monday_of(date: dt.date) -> dt.date:
    """The Monday of the date's week."""
    return date - dt.timedelta(days=date.weekday())


def _dated_plan(
    workouts: list[Workout],
    classifier: Classifier,
    report: ImportReport,
    race_date: dt.date | None,
    race_hint: RaceDistance | None,
) -> dict[str, Any]:
    """Classify the dated workouts into runs and lay them out in whole Monday-Sunday weeks."""
    first, last = workouts[0].date, workouts[-1].date
    start = monday_of(first)
    weeks = (last - start).days // 7 + 1
    if weeks > MAX_WEEKS:
        raise PlanFileError(
            f"the plan spans {weeks} weeks ({first.isoformat()} to {last.isoformat()}); "
            f"at most {MAX_WEEKS}"
        )
    if race_date is not None and race_date < first:
        raise PlanFileError(
            f"race date {race_date.isoformat()} is before the plan, which starts "
            f"{first.isoformat()}"
        )
    if race_date is not None and race_date > last:
        raise PlanFileError(
            f"race date {race_date.isoformat()} is after the plan's last workout "
            f"({last.isoformat()})"
        )
    classified = [
        classifier.classify(
            workout.title,
            workout.description,
            distance_km=workout.distance_km,
            event_minutes=workout.event_minutes,
        )
        for workout in workouts
    ]
    classified = _long_runs(workouts, classified, classifier)
    titled_goal = _titled_goal_race(workouts, classified, race_date)
    runs_by_date: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    race_day_entries: list[int] = []
    for index, (workout, classification) in enumerate(zip(workouts, classified, strict=True)):
        if index == titled_goal:
            race_day_entries.append(len(report.entries))
        elif workout.date == race_date and titled_goal is None:
            if classification.is_mapped and classification.type != "race":
                report.notes.append(
                    f"the race date {race_date.isoformat()} holds {workout.title!r}, mapped to "
                    f"{classification.type or classification.kind}: the mapping wins"
                )
            elif classification.kind in ("rest", "skip"):
                report.notes.append(
                    f"the race date {race_date.isoformat()} holds no run in the file "
                    f"({workout.title!r}): kept as {classification.kind}"
                )
            else:
                classification = _as_race(classification, classifier, workout, race_hint)
                race_day_entries.append(len(report.entries))
        report.entries.append(
            ReportEntry(workout.date, workout.title, workout.where, classification)
        )
        if classification.is_run:
            runs_by_date[workout.date].append(_run(workout, classification))
    for date, runs in runs_by_date.items():
        if len(runs) > MAX_RUNS_PER_DAY:
            raise PlanFileError(
                f"{len(runs)} runs on one day; a day holds at most {MAX_RUNS_PER_DAY}",
                date.isoformat(),
            )
    plan: dict[str, Any] = {"start": start.isoformat(), "weeks": []}
    for week_index in range(weeks):
        days: dict[str, Any] = {}
        for day_index, day_id in enumerate(DAYS):
            date = start + dt.timedelta(days=week_index * 7 + day_index)
            if runs_by_date.get(date):
                days[day_id] = {"runs": runs_by_date[date]}
        plan["weeks"].append({"days": days})
    goal = _goal_race(report, race_date, race_day_entries, race_hint)
    if goal is not None:
        plan["goal_race"] = goal
    return plan


def _long_runs(
    workouts: list[Workout], classified: list[Classification], classifier: Classifier
) -> list[Classification]:
    """The week's long run, whatever its title's adjective: the longest run of its Monday-Sunday
    week becomes `long` when it is a bare distance of BARE_LONG_RUN_MINUTES or more, intervals of
    LONG_INTERVALS_MINUTES or more, or any other run but a race or cross-training (or an
    unclassified workout with a distance) of LONG_RUN_MINUTES or more, sized at long pace."""
    as_long = [
        _as_long(workout, found, classifier)
        for workout, found in zip(workouts, classified, strict=True)
    ]
    longest: dict[dt.date, int] = defaultdict(int)
    titled_long: dict[dt.date, int] = defaultdict(int)
    for workout, found, long_run in zip(workouts, classified, as_long, strict=True):
        minutes = found.minutes if found.is_run else None
        if found.type == "long" and found.minutes is not None:
            week = monday_of(workout.date)
            titled_long[week] = max(titled_long[week], found.minutes)
        if long_run is not None and long_run.minutes is not None:
            minutes = max(minutes or 0, long_run.minutes)
        if minutes is not None:
            week = monday_of(workout.date)
            longest[week] = max(longest[week], minutes)
    out = []
    promoted: set[dt.date] = set()
    for workout, found, long_run in zip(workouts, classified, as_long, strict=True):
        week = monday_of(workout.date)
        if long_run is not None and long_run.minutes is not None and week not in promoted:
            minutes = max(found.minutes or 0, long_run.minutes)
            threshold = LONG_RUN_MINUTES
            if found.reason.startswith(BARE_DISTANCE_REASON):
                threshold = BARE_LONG_RUN_MINUTES
            elif found.type == "intervals":
                threshold = LONG_INTERVALS_MINUTES
            # A tie with a run titled long leaves the titled one the week's long run.
            if minutes >= threshold and minutes == longest[week] > titled_long[week]:
                found = long_run
                promoted.add(week)
        out.append(found)
    return out


def _as_long(
    workout: Workout, found: Classification, classifier: Classifier
) -> Classification | None:
    """The workout read as its week's long run; None: it cannot be one (a race, rest, already
    long, or unclassified without a distance)."""
    if found.type in ("long", "race", "cross_train") or found.kind in (
        "rest",
        "skip",
    ):
        return None
    if found.is_mapped:
        return None
    if found.kind == "unclassified" and found.type is None and workout.distance_km is None:
        return None
    if found.reason.startswith(BARE_DISTANCE_REASON):
        why = "a distance alone, the week's longest run: taken as its long run"
    elif found.is_run:
        why = f"long: the week's longest run (read as {found.type}: {found.reason})"
    else:
        why = "long: the week's longest run, with a distance (its title not recognised)"
    long_run = classifier.classify_as(
        "long",
        why,
        workout.title,
        workout.description,
        distance_km=workout.distance_km,
        event_minutes=workout.event_minutes,
    )
    return long_run if long_run.is_run else None


def _titled_goal_race(
    workouts: list[Workout], classified: list[Classification], race_date: dt.date | None
) -> int | None:
    """The goal race by its title when the race date's own workout is not a race: a race
    titled 'goal' anywhere, else a titled race in the week before the race date (calendar-hack
    plans that end with a recovery week, or whose race is not on the file's last day)."""
    if race_date is None:
        return None
    races = [
        index
        for index, found in enumerate(classified)
        if found.type == "race" and found.is_run and workouts[index].date != race_date
    ]
    on_the_day = [
        found
        for workout, found in zip(workouts, classified, strict=True)
        if workout.date == race_date and found.type == "race"
    ]
    if on_the_day or not races:
        return None
    goals = [index for index in races if "goal" in workouts[index].title.casefold()]
    if goals:
        return goals[-1]
    near = [index for index in races if (race_date - workouts[index].date).days <= 7]
    return near[-1] if near else None


def _as_race(
    classification: Classification,
    classifier: Classifier,
    workout: Workout,
    race_hint: RaceDistance | None,
) -> Classification:
    """The workout on the race date is the race (the runner said so)."""
    if classification.type == "race":
        if classification.race_distance is None and race_hint is not None:
            return replace(classification, race_distance=race_hint)
        return classification
    why = "race: on the race date"
    if classification.is_run and classification.minutes is not None:
        return Classification(
            "run",
            f"{why}; {classification.reason}",
            "race",
            classification.minutes,
            race_hint,
            classification.confidence,
        )
    forced = classifier.classify(
        f"race {workout.title}",
        workout.description,
        distance_km=workout.distance_km,
        event_minutes=workout.event_minutes,
    )
    if forced.is_run:
        distance = forced.race_distance if forced.race_distance is not None else race_hint
        return replace(forced, race_distance=distance, reason=f"{why}; {forced.reason}")
    if race_hint is not None:
        return classifier.classify(f"{_hint_title(race_hint)} race")
    return Classification("unclassified", f"{why}, but no distance nor duration to size it")


def _hint_title(distance: RaceDistance) -> str:
    return (
        {"half": "half marathon", "ultra": "50 km"}.get(distance, str(distance))
        if isinstance(distance, str)
        else f"{distance:g} km"
    )


def _run(workout: Workout, classification: Classification) -> dict[str, Any]:
    run: dict[str, Any] = {"type": classification.type, "minutes": classification.minutes}
    if workout.at is not None:
        run["at"] = workout.at
    if workout.title:
        run["title"] = workout.title[:MAX_TITLE]
    if workout.source_uid is not None and len(workout.source_uid) <= MAX_UID:
        run["source_uid"] = workout.source_uid
    if classification.type == "race" and classification.race_distance is not None:
        run["distance"] = classification.race_distance
    return run


def _goal_race(
    report: ImportReport,
    race_date: dt.date | None,
    race_day_entries: list[int],
    race_hint: RaceDistance | None = None,
) -> dict[str, Any] | None:
    """The goal race: on the race date if given, else the last race titled 'goal', else the
    last race of the plan; noted in the report."""
    races = [entry for entry in report.entries if entry.classification.type == "race"]
    races = [entry for entry in races if entry.classification.is_run]
    if race_date is not None:
        on_the_day = [report.entries[index] for index in race_day_entries]
        chosen = next((e for e in on_the_day if e.classification.type == "race"), None)
        why = "the race date"
        if chosen is not None and chosen.date != race_date:
            why = (
                f"its title; {(race_date - chosen.date).days} days before the race date "
                f"{race_date.isoformat()}, whose workout is kept as it reads"
            )
    else:
        goals = [entry for entry in races if "goal" in entry.title.casefold()]
        chosen = (goals or races)[-1] if goals or races else None
        why = "the last race titled 'goal'" if goals else "the last race of the plan"
    if chosen is None:
        if race_date is not None:
            report.notes.append(
                f"goal race on {race_date.isoformat()}: no race could be read on that day"
            )
            if race_hint is not None:
                return {"date": race_date.isoformat(), "distance": race_hint}
            return {"date": race_date.isoformat()}
        report.notes.append("no goal race: no race in the plan and no race date given")
        return None
    goal: dict[str, Any] = {"date": chosen.date.isoformat()}
    distance = chosen.classification.race_distance
    if distance is not None:
        goal["distance"] = distance
    report.notes.append(
        f"goal race: {chosen.title or 'race'} on {chosen.date.isoformat()} ({why})"
        + ("" if distance is not None else "; its distance is unknown")
    )
    return goal


def _plan_json(
    data: dict[str, Any],
    race_date: dt.date | None,
    rules: list[Any],
    paces: Paces,
) -> ImportedPlan:
    """trainweek's own plan JSON: passed through (validated as a plan request later); runs given
    by title alone are classified, with `map` in the body added to the mapping."""
    report = ImportReport(format="json")
    plan = dict(data)
    body_map = plan.pop("map", None)
    if body_map is not None:
        if not isinstance(body_map, dict):
            raise PlanFileError("expected an object of pattern: type", "map")
        try:
            rules = parse_mapping(body_map) + rules
        except MappingError as error:
            raise PlanFileError(str(error)) from None
    start = _json_start(plan.get("start"))
    weeks = plan.get("weeks")
    if not isinstance(weeks, list) or not weeks:
        raise PlanFileError("expected a list of one or more weeks", "weeks")
    if len(weeks) > MAX_WEEKS:
        raise PlanFileError(f"{len(weeks)} weeks: a plan holds at most {MAX_WEEKS}", "weeks")
    athlete = plan.get("athlete")
    if isinstance(athlete, dict) and athlete.get("paces") is not None:
        paces = _paces(athlete["paces"], "athlete.paces")
    classifier = Classifier(paces, rules)
    plan["weeks"] = [
        _json_week(week, week_index, start, classifier, report)
        for week_index, week in enumerate(weeks)
    ]
    if race_date is not None:
        end = start + dt.timedelta(days=len(weeks) * 7 - 1)
        if race_date < start:
            raise PlanFileError(
                f"race date {race_date.isoformat()} is before the plan, which starts "
                f"{start.isoformat()}"
            )
        if race_date > end:
            raise PlanFileError(
                f"race date {race_date.isoformat()} is after the plan's last day "
                f"({end.isoformat()})"
            )
        goal = plan.get("goal_race") or {}
        if not isinstance(goal, dict):
            raise PlanFileError("expected an object with date and distance", "goal_race")
        plan["goal_race"] = {**goal, "date": race_date.isoformat()}
    return ImportedPlan(plan, report)


def _json_start(start: object) -> dt.date:
    if not isinstance(start, str):
        raise PlanFileError("expected the plan's first Monday as YYYY-MM-DD", "start")
    try:
        date = dt.date.fromisoformat(start)
    except ValueError:
        raise PlanFileError(f"{start!r} is not a date as YYYY-MM-DD", "start") from None
    if date.weekday() != 0:
        raise PlanFileError(f"{start} is a {date:%A}; a plan starts on a Monday", "start")
    return date


def _json_week(
    week: object,
    week_index: int,
    start: dt.date,
    classifier: Classifier,
    report: ImportReport,
) -> object:
    """The week as given, with each run that has a title but no type classified."""
    if not isinstance(week, dict) or not isinstance(week.get("days"), dict):
        return week  # the plan request's validation words it
    days = {}
    for day_id, day in week["days"].items():
        if not isinstance(day, dict) or not isinstance(day.get("runs"), list):
            days[day_id] = day
            continue
        date = start + dt.timedelta(days=week_index * 7 + _day_index(day_id))
        runs = []
        for run_index, run in enumerate(day["runs"]):
            if isinstance(run, dict) and "type" not in run and isinstance(run.get("title"), str):
                where = f"weeks[{week_index}].days.{day_id}.runs[{run_index}]"
                workout = Workout(date, run["title"], where)
                minutes = run.get("minutes")
                classification = classifier.classify(
                    run["title"], event_minutes=minutes if isinstance(minutes, int) else None
                )
                report.entries.append(ReportEntry(date, run["title"], where, classification))
                if classification.is_run:
                    runs.append({**_run(workout, classification), **run})
                continue
            runs.append(run)
        days[day_id] = {**day, "runs": runs}
    return {**week, "days": days}


def _day_index(day_id: object) -> int:
    return DAYS.index(day_id) if day_id in DAYS else 0
