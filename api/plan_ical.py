"""A solved plan as an iCalendar file: the runner's own events kept, trainweek's strength added.

Every event of the calendar the plan was imported from comes back as it was (UID, summary,
description, date, time zones); runs that came from no calendar get an event of their own; each
strength session gets an event, all-day unless its day has times (then from its `at`, as is a
run with `at`: in the plan's time zone when one is known, with TZID and the zone's VTIMEZONE,
as the week calendar writes them (api/ical.py); a floating local time otherwise). The UIDs
trainweek writes derive from the plan and the slot (date and position in the day), never from a
counter, so a calendar app that imports the export again after a re-solve updates its events
instead of doubling them. The strength events carry X-TRAINWEEK-KIND:strength and a UID in the
strength.trainweek domain: importing the export again (solver.importers) skips them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from solver.importers import (
    STRENGTH_KIND,
    STRENGTH_UID_DOMAIN,
    TRAINWEEK_KIND_PROPERTY,
    PlanFileError,
)
from solver.importers.ics import is_trainweek_strength, read_calendar

PRODID = "-//trainweek//strength across a training plan//EN"
RUN_UID_DOMAIN = "run.trainweek"
RUN_KIND = "run"


def plan_calendar(
    result: Mapping[str, Any],
    source_ics: bytes | None,
    *,
    stamp: dt.datetime | None = None,
    timezone: str | None = None,
) -> bytes:
    """The plan's calendar: the source calendar's events as they were, plus trainweek's.

    `result` is the solved plan as JSON (`days`: `[{date, runs, strength}]`); `source_ics` the
    calendar it was imported from, if any; `timezone` the plan's IANA zone (the athlete's), in
    which its timed events start. Raises PlanFileError when `source_ics` is not a calendar.
    """
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    days = list(result.get("days") or [])
    calendar, source_uids, name = _source(source_ics)
    plan_key = plan_identity(result, name)
    zone = None if timezone is None else ZoneInfo(timezone)
    events = []
    for day in days:
        date = dt.date.fromisoformat(day["date"])
        for run_index, run in enumerate(day.get("runs") or []):
            if run.get("source_uid") in source_uids:
                continue
            events.append(_run_event(plan_key, date, run_index, run, stamp, zone))
        for position, session in enumerate(day.get("strength") or []):
            events.append(_strength_event(plan_key, date, position, session, stamp, zone))
    if timezone is not None and days and _needs_vtimezone(calendar, timezone, events):
        first = dt.date.fromisoformat(days[0]["date"])
        last = dt.date.fromisoformat(days[-1]["date"]) + dt.timedelta(days=2)
        calendar.add_component(Timezone.from_tzid(timezone, first_date=first, last_date=last))
    for event in events:
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _needs_vtimezone(calendar: Calendar, timezone: str, events: list[Event]) -> bool:
    """Whether trainweek's events start in the zone and the calendar does not define it yet."""
    timed = any(isinstance(event.decoded("DTSTART"), dt.datetime) for event in events)
    known = {str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE")}
    return timed and timezone not in known


def plan_identity(result: Mapping[str, Any], calendar_name: str = "") -> str:
    """What stays the same across re-solves of one plan: its first day and the source calendar's
    name (or the result's own `plan_id`), hashed short."""
    given = result.get("plan_id")
    if isinstance(given, str) and given:
        return given
    days = result.get("days") or []
    first = days[0]["date"] if days else ""
    digest = hashlib.sha256(f"{first}\n{calendar_name}".encode()).hexdigest()
    return f"plan-{digest[:12]}"


def strength_uid(plan_key: str, date: dt.date, position: int) -> str:
    """The UID of the strength session at `position` on `date` of the plan."""
    return f"{plan_key}-{date.isoformat()}-strength-{position}@{STRENGTH_UID_DOMAIN}"


def _source(source_ics: bytes | None) -> tuple[Calendar, set[str], str]:
    """The calendar to add to (the source's, less trainweek's old strength events), the source
    events' UIDs, and its name."""
    if source_ics is None:
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", "Training plan")
        return calendar, set(), ""
    try:
        text = source_ics.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError("source calendar: not UTF-8 text") from None
    calendar = read_calendar(text)
    calendar.subcomponents = [
        component
        for component in calendar.subcomponents
        if not (component.name == "VEVENT" and is_trainweek_strength(component))
    ]
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT") if "UID" in event}
    return calendar, uids, str(calendar.get("X-WR-CALNAME", ""))


def _run_event(
    plan_key: str,
    date: dt.date,
    run_index: int,
    run: Mapping[str, Any],
    stamp: dt.datetime,
    zone: ZoneInfo | None,
) -> Event:
    kind = str(run.get("type", "run")).replace("_", " ")
    summary = run.get("title") or f"Run: {kind} {run.get('minutes')} min"
    return _plan_event(
        uid=f"{plan_key}-{date.isoformat()}-run-{run_index}@{RUN_UID_DOMAIN}",
        date=date,
        at=run.get("at"),
        minutes=run.get("minutes"),
        stamp=stamp,
        zone=zone,
        summary=str(summary),
        description=f"{kind}, {run.get('minutes')} minutes",
        kind=RUN_KIND,
        category="Run",
    )


def _strength_event(
    plan_key: str,
    date: dt.date,
    position: int,
    session: Mapping[str, Any],
    stamp: dt.datetime,
    zone: ZoneInfo | None,
) -> Event:
    where = "after the run" if session.get("position") == "after_run" else "on its own"
    lines = [f"{session.get('name', 'Strength')}: {session.get('minutes')} minutes, {where}."]
    dose = dose_words(session)
    if dose:
        lines.append(f"Dose: {dose}")
    lines += [f"- {_exercise(exercise)}" for exercise in session.get("exercises") or []]
    return _plan_event(
        uid=strength_uid(plan_key, date, position),
        date=date,
        at=session.get("at"),
        minutes=session.get("minutes"),
        stamp=stamp,
        zone=zone,
        summary=f"Strength: {session.get('name', 'session')} ({session.get('minutes')} min)",
        description="\n".join(lines),
        kind=STRENGTH_KIND,
        category="Strength",
    )


def dose_words(holder: Mapping[str, Any]) -> str:
    """A session's or exercise's dose in words, from `prescription` or `dose` when present."""
    for key in ("prescription", "dose"):
        value = holder.get(key)
        if value:
            return _words(value)
    return ""


def _words(value: object) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{key.replace('_', ' ')} {_words(v)}" for key, v in value.items())
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ", ".join(_words(v) for v in value)
    return str(value)


def _exercise(exercise: object) -> str:
    """An exercise line: its name, and its dose when the result gives one."""
    if not isinstance(exercise, Mapping):
        return str(exercise)
    name = str(exercise.get("name") or exercise.get("exercise") or "exercise")
    parts = [
        f"{exercise[key]} {key}"
        for key in ("sets", "reps", "seconds")
        if exercise.get(key) is not None
    ]
    dose = dose_words(exercise) or ", ".join(parts)
    return f"{name}: {dose}" if dose else name


def _plan_event(
    *,
    uid: str,
    date: dt.date,
    at: object,
    minutes: object,
    stamp: dt.datetime,
    zone: ZoneInfo | None,
    summary: str,
    description: str,
    kind: str,
    category: str,
) -> Event:
    """The event: all day on its date, or from `at` for `minutes` where the plan gives a time
    (in the plan's zone, written with its TZID; a floating local time without one)."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    if isinstance(at, str) and isinstance(minutes, int):
        start = dt.datetime.combine(date, dt.time.fromisoformat(at), tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=minutes))
    else:
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("categories", [category])
    event.add("transp", "TRANSPARENT")
    event.add(TRAINWEEK_KIND_PROPERTY, kind)
    return event
