"""A solved week as an iCalendar file: every run and strength session an all-day event.

All-day, because a request says which day a run falls on but not at what time; a strength
session's summary says whether it comes after the day's run.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from solver import DAYS, WeekResult
from solver.domain import Run
from solver.result import PlacedSession

PRODID = "-//trainweek//strength in a runner's week//EN"


def week_calendar(result: WeekResult, week_of: dt.date, stamp: dt.datetime) -> bytes:
    """The week's runs and strength sessions as VEVENTs, starting on the Monday `week_of`."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Training week of {week_of.isoformat()}")
    for day_index, day_id in enumerate(DAYS):
        date = week_of + dt.timedelta(days=day_index)
        day = result.days[day_id]  # type: ignore[index]
        for run_index, run in enumerate(day.runs):
            calendar.add_component(
                _event(
                    uid=f"{date.isoformat()}-run-{run_index}@trainweek",
                    date=date,
                    stamp=stamp,
                    summary=_run_summary(run),
                    description=f"{run.minutes} minutes"
                    + (", a key run: the week is built around it" if run.is_key else ""),
                    category="Run",
                )
            )
        for session_index, session in enumerate(day.strength):
            when = "after the run" if session.position == "after_run" else "on its own"
            calendar.add_component(
                _event(
                    uid=f"{date.isoformat()}-strength-{session_index}@trainweek",
                    date=date,
                    stamp=stamp,
                    summary=f"Strength: {session.name} ({session.minutes} min, {when})",
                    description="\n".join(
                        [f"{session.leg_load} leg load, {session.minutes} minutes, {when}"]
                        + ([f"Dose: {session.dose}"] if session.dose else [])
                        + _prescription_lines(session)
                    ),
                    category="Strength",
                )
            )
    return bytes(calendar.to_ical())


def _prescription_lines(session: PlacedSession) -> list[str]:
    """Each exercise with its dose ('- Back squat: 3 x 5 @ RPE 7'), or its name alone."""
    if not session.prescription:
        return [f"- {exercise}" for exercise in session.exercises]
    return [f"- {p.exercise}: {p.sets} x {p.reps} @ {p.intensity}" for p in session.prescription]


def _run_summary(run: Run) -> str:
    kind = run.type.replace("_", " ")
    return f"Run: {kind} {run.minutes} min" + (" (key)" if run.is_key else "")


def _event(
    *, uid: str, date: dt.date, stamp: dt.datetime, summary: str, description: str, category: str
) -> Event:
    event = Event()
    # Stable UIDs: importing the same week twice updates the events instead of doubling them.
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", date)
    event.add("dtend", date + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("categories", [category])
    event.add("transp", "TRANSPARENT")
    return event
