"""Workouts from an iCalendar file as running apps and calendars export it.

Each VEVENT is a workout on its date: an all-day event on its day, untimed; a timed one on its
day at its start (`at`, local time). Local to what: the plan's time zone when the import is
given one (a zoned or UTC start moved into it, a floating one taken as it is); else the event's
own zone (a UTC time in a calendar that names its zone with X-WR-TIMEZONE, as Google's exports
do, in that zone). Recurring events are expanded by `recurring-ical-events`. trainweek's own
strength events are skipped, so a calendar it exported can be imported again.
"""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from functools import cache
from typing import Any

import recurring_ical_events
from icalendar import Calendar, Component

from solver.importers.classify import MAX_RUN_MINUTES
from solver.importers.report import (
    MAX_WEEKS,
    STRENGTH_KIND,
    STRENGTH_UID_DOMAIN,
    TRAINWEEK_KIND_PROPERTY,
    PlanFileError,
    Workout,
)

# More occurrences than a plan of MAX_WEEKS weeks could hold at four workouts a day.
MAX_OCCURRENCES = MAX_WEEKS * 7 * 4


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The IANA zone of that name, or PlanFileError naming `timezone`."""
    # Membership, not ZoneInfo(name) alone: that would also open a folder such as "America".
    if name not in _known_zones():
        raise PlanFileError(
            f"unknown time zone {name[:64]!r}: give an IANA name such as 'Europe/Paris' or 'UTC'",
            "timezone",
        )
    return zoneinfo.ZoneInfo(name)


def local_start(start: dt.date, zone: zoneinfo.ZoneInfo | None) -> dt.date:
    """An event's start as the plan's local time: a zoned or UTC time moved into `zone` (when
    there is one), a floating time or a date as it is."""
    if isinstance(start, dt.datetime) and start.tzinfo is not None and zone is not None:
        return start.astimezone(zone)
    return start


def read_calendar(text: str) -> Calendar:
    """The VCALENDAR in the text, or PlanFileError."""
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as error:
        raise PlanFileError(f"not a calendar: {error}") from None
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise PlanFileError("not a calendar: expected BEGIN:VCALENDAR")
    return calendar


def is_trainweek_strength(event: Component) -> bool:
    """Whether the event is a strength session trainweek exported (skipped on import)."""
    if str(event.get(TRAINWEEK_KIND_PROPERTY, "")).lower() == STRENGTH_KIND:
        return True
    uid = str(event.get("UID", ""))
    # The week calendar's strength events (api/ical.py) end in "-strength-N@trainweek".
    return uid.endswith("@" + STRENGTH_UID_DOMAIN) or (
        uid.endswith("@trainweek") and "-strength-" in uid
    )


def event_lines(text: str) -> list[int]:
    """The line number of each BEGIN:VEVENT, in the order of the file."""
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]


def read_ics(text: str, timezone: str | None = None) -> tuple[list[Workout], list[Workout]]:
    """The calendar's workouts, recurring events expanded; and trainweek's own strength events.
    Timed events start at their local time in `timezone` (else in their own zone).

    Raises PlanFileError for a text that is not a calendar, a calendar without events, an event
    without DTSTART, one that ends before it starts, or repeats without end.
    """
    zone = None if timezone is None else zone_named(timezone)
    calendar = read_calendar(text)
    events = calendar.walk("VEVENT")
    if not events:
        raise PlanFileError("empty calendar: no events")
    lines = event_lines(text)
    line_of_uid: dict[str, str] = {}
    for index, event in enumerate(events):
        where = f"line {lines[index]}" if index < len(lines) else f"event {index + 1}"
        _check_event(event, where)
        uid = str(event.get("UID", ""))
        if uid and uid in line_of_uid and "RECURRENCE-ID" not in event:
            date = event.decoded("DTSTART")
            raise PlanFileError(
                f"event {uid} of {date:%Y-%m-%d} repeated (first at {line_of_uid[uid]})", where
            )
        line_of_uid.setdefault(uid, where)
    try:
        occurrences = list(
            itertools.islice(recurring_ical_events.of(calendar).all(), MAX_OCCURRENCES + 1)
        )
    except Exception as error:  # the library raises its own types for broken series
        raise PlanFileError(f"cannot expand the recurring events: {error}") from None
    if len(occurrences) > MAX_OCCURRENCES:
        raise PlanFileError(
            f"over {MAX_OCCURRENCES} events: longer than a plan of {MAX_WEEKS} weeks"
        )
    workouts: list[Workout] = []
    own_strength: list[Workout] = []
    for event in occurrences:
        event_uid = str(event.get("UID", "")) or None
        where = line_of_uid.get(event_uid or "", "event")
        start = event.decoded("DTSTART")
        local = local_start(start, zone)
        timed = isinstance(local, dt.datetime)
        workout = Workout(
            date=local.date() if isinstance(local, dt.datetime) else local,
            at=f"{local:%H:%M}" if timed else None,
            title=str(event.get("SUMMARY", "")).strip(),
            description=str(event.get("DESCRIPTION", "")).strip(),
            where=where,
            source_uid=event_uid,
            event_minutes=_timed_minutes(event, start),
        )
        (own_strength if is_trainweek_strength(event) else workouts).append(workout)
    return sorted(workouts, key=lambda w: w.date), own_strength


def _check_event(event: Component, where: str) -> None:
    if "DTSTART" not in event:
        raise PlanFileError("DTSTART missing", where)
    try:
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND") if "DTEND" in event else None
    except (ValueError, TypeError) as error:
        raise PlanFileError(f"unreadable date: {error}", where) from None
    if (
        isinstance(start, dt.datetime)
        and isinstance(end, dt.datetime)
        and (start.tzinfo is None) != (end.tzinfo is None)
    ):
        raise PlanFileError("DTSTART and DTEND: one has a time zone and the other not", where)
    if end is not None and type(end) is type(start) and end < start:
        raise PlanFileError("DTEND before DTSTART", where)
    rule: Any = event.get("RRULE")
    rules = rule if isinstance(rule, list) else [rule] if rule is not None else []
    for each in rules:
        if "UNTIL" not in each and "COUNT" not in each:
            raise PlanFileError("RRULE repeats without end (no UNTIL or COUNT)", where)


def _timed_minutes(event: Component, start: dt.date) -> int | None:
    """A timed event's length in minutes (all-day events: None)."""
    if not isinstance(start, dt.datetime):
        return None
    if "DTEND" in event:
        end = event.decoded("DTEND")
        if not isinstance(end, dt.datetime):
            return None
        length = end - start
    elif "DURATION" in event:
        length = event.decoded("DURATION")
    else:
        return None
    minutes = round(length.total_seconds() / 60)
    return minutes if 0 < minutes <= MAX_RUN_MINUTES else None
