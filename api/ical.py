"""Solved weeks as an iCalendar file: every run and strength session an event.

Which event is which and how often it changed is `api/services/calendars.py`'s: here each
`CalendarWeek` becomes VEVENTs with its UIDs, SEQUENCE and LAST-MODIFIED. The calendar has no
METHOD, so each event's DTSTAMP is when its information was last revised (RFC 5545 3.8.7.2),
the same moment as its LAST-MODIFIED: an unchanged week exports byte for byte the same.

A run with a start (`at`) and a strength session with one (on a day with times) are timed
events: DTSTART and DTEND in the athlete's time zone (TZID, with the zone's VTIMEZONE in the
calendar), or floating local times when the calendar has no zone (a week solved from a
request). Every other event is all-day, on its date. `_span` is the one place that decides an
event's start and end.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vDuration
from pydantic import Field

from api.parameters import Parameters
from api.services.calendars import CalendarWeek, Revision, Slot, WeekCalendar, slot_uid
from solver import DAYS
from solver.domain import Run
from solver.result import PlacedSession

PRODID = "-//trainweek//strength in a runner's week//EN"
# How often a subscribed calendar app should fetch the feed again.
REFRESH_INTERVAL = dt.timedelta(hours=1)


class CalendarQuery(Parameters):
    """Which calendar a week exported as text/calendar goes to."""

    calendar: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="For `Accept: text/calendar`: a name for the calendar the week goes to, "
        "e.g. the runner's. Each event's UID comes from this name, week_of and the event's "
        "place in the week, so importing the same week again updates its events instead of "
        "adding copies; give each runner sharing one calendar app a name of their own.",
    )


def week_calendar(calendar: WeekCalendar) -> bytes:
    """The calendar's weeks as VEVENTs, with the athlete's time zone when known."""
    ical = Calendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", calendar.name)
    if calendar.subscription:
        ical.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        # An X- property is text to icalendar: write the duration as RFC 5545 spells it.
        ical.add("x-published-ttl", vDuration(REFRESH_INTERVAL).to_ical().decode())
    if calendar.timezone is not None:
        ical.add("x-wr-timezone", calendar.timezone)
        ical.add_component(_vtimezone(calendar.timezone, calendar.weeks))
    for week in calendar.weeks:
        for event in _week_events(week, calendar.timezone):
            ical.add_component(event)
    return bytes(ical.to_ical())


def _vtimezone(name: str, weeks: list[CalendarWeek]) -> Timezone:
    """The zone's rules over the calendar's weeks (not 1970-2038: a feed stays small)."""
    if weeks:
        first = min(week.week_of for week in weeks)
        last = max(week.week_of for week in weeks) + dt.timedelta(days=7)
    else:
        first = last = dt.datetime.now(dt.UTC).date()
    return Timezone.from_tzid(name, first_date=first, last_date=last + dt.timedelta(days=1))


def _week_events(week: CalendarWeek, timezone: str | None) -> list[Event]:
    events = []
    for day_index, day_id in enumerate(DAYS):
        date = week.week_of + dt.timedelta(days=day_index)
        day = week.result.days[day_id]  # type: ignore[index]
        for index, run in enumerate(day.runs):
            slot = Slot(date, "run", index)
            events.append(
                _event(
                    slot,
                    _span(slot, run.at, run.minutes, timezone),
                    week.owner,
                    week.revisions[slot],
                    summary=_run_summary(run),
                    description=f"{run.minutes} minutes"
                    + (", a key run: the week is built around it" if run.is_key else ""),
                    category="Run",
                )
            )
        for index, session in enumerate(day.strength):
            slot = Slot(date, "strength", index)
            events.append(
                _event(
                    slot,
                    _span(slot, session.at, session.minutes, timezone),
                    week.owner,
                    week.revisions[slot],
                    summary=_strength_summary(session),
                    description=_strength_description(session),
                    category="Strength",
                )
            )
    return events


def _prescription_lines(session: PlacedSession) -> list[str]:
    """Each exercise with its dose ('- Back squat: 3 x 5 @ RPE 7'), or its name alone."""
    if not session.prescription:
        return [f"- {exercise}" for exercise in session.exercises]
    return [f"- {p.exercise}: {p.sets} x {p.reps} @ {p.intensity}" for p in session.prescription]


def _run_summary(run: Run) -> str:
    kind = run.type.replace("_", " ")
    return f"Run: {kind} {run.minutes} min" + (" (key)" if run.is_key else "")


def _strength_summary(session: PlacedSession) -> str:
    return f"Strength: {session.name} ({session.minutes} min, {_when(session)})"


def _strength_description(session: PlacedSession) -> str:
    heading = f"{session.leg_load} leg load, {session.minutes} minutes, {_when(session)}:"
    dose = [f"Dose: {session.dose}"] if session.dose else []
    return "\n".join([heading, *dose, *_prescription_lines(session)])


def _when(session: PlacedSession) -> str:
    return "after the run" if session.position == "after_run" else "on its own"


def _span(
    slot: Slot, at: str | None, minutes: int, timezone: str | None
) -> tuple[dt.date, dt.date]:
    """When the event starts and ends: from `at` ("HH:MM", local) for `minutes`, in the
    athlete's zone (floating without one); all day on its date where no time is known."""
    if at is None:
        return slot.date, slot.date + dt.timedelta(days=1)
    zone = None if timezone is None else ZoneInfo(timezone)
    start = dt.datetime.combine(slot.date, dt.time.fromisoformat(at), tzinfo=zone)
    return start, start + dt.timedelta(minutes=minutes)


def _event(
    slot: Slot,
    span: tuple[dt.date, dt.date],
    owner: str,
    revision: Revision,
    *,
    summary: str,
    description: str,
    category: str,
) -> Event:
    start, end = span
    # iCalendar times go to the second.
    modified = revision.modified.astimezone(dt.UTC).replace(microsecond=0)
    event = Event()
    event.add("uid", slot_uid(owner, slot))
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", revision.sequence)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("description", description)
    event.add("categories", [category])
    event.add("transp", "TRANSPARENT")
    return event
