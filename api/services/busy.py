"""Busy time as availability: a calendar of the runner's other commitments (a work calendar's
export) read as the free windows of a week or of a plan's dates, and a week request's windows
filled from it (a plan's too). The use case behind `POST /v1/weeks/windows`, `POST
/v1/plans/windows`, `trainweek busy`, `trainweek solve --busy` and `trainweek plan --busy`.

The rule that fills a week (`with_busy_time`) or a plan (`with_busy_plan`), day by day
(`with_free_time`):

- a day marked `available: false` stays as it is;
- a day with windows of its own keeps the parts of them that are free (their intersection with
  the free windows); a day without windows takes the free windows;
- a day with nothing left (all of it busy) becomes `available: false`: no strength that day;
- `available_minutes` is kept: strength must fit both (inside a window, within the minutes);
- past `Day.windows`' limit of windows, the longest are kept, in the order of the day.

A file that cannot be read, an unknown time zone, day bounds that end before they start and an
end date before the start raise `BusyFileError` (solver.importers.busy): 400 / exit 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, TypeVar

from pydantic import BaseModel, Field

from api.services.fields import TimeZoneName
from solver.days import DAYS
from solver.domain import CalendarDate, Clock, Day, DayId, WeekRequest
from solver.importers.busy import (
    DAY_BOUNDS_PATTERN,
    DEFAULT_DAY,
    MAX_DATES,
    MIN_WINDOW_MINUTES,
    BusyFileError,
    Windows,
    date_range,
    day_bounds,
    free_windows,
    week_dates,
)
from solver.plan.domain import PlanRequest
from solver.times import minutes_of

__all__ = [
    "DEFAULT_DAY_BOUNDS",
    "EXAMPLE_BUSY_CALENDAR",
    "BusyCalendar",
    "BusyFileError",
    "BusyOptions",
    "DateWindows",
    "DateWindowsQuery",
    "WeekWindows",
    "WeekWindowsQuery",
    "busy_dates",
    "busy_week",
    "with_busy_plan",
    "with_busy_time",
    "with_free_time",
]

DEFAULT_DAY_BOUNDS = f"{DEFAULT_DAY[0]}-{DEFAULT_DAY[1]}"
Plan = TypeVar("Plan", bound=PlanRequest)
MAX_WINDOWS = Day.model_fields["windows"].metadata[0].max_length
Window = tuple[Clock, Clock]
# In an answer a window is a list of two: a tuple's `prefixItems` trips response validators
# that read the schema as an older draft.
WindowOut = Annotated[list[Clock], Field(min_length=2, max_length=2)]

# A work week in Europe/Paris: office hours on weekdays, Thursday's call in UTC, a family
# Saturday. The routes' documented example (api/contract.py) and the schemathesis hooks' body.
EXAMPLE_BUSY_CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//work//EN\r\n"
    "BEGIN:VEVENT\r\nUID:office@example.invalid\r\nDTSTAMP:20250101T000000Z\r\n"
    "DTSTART;TZID=Europe/Paris:20250303T083000\r\nDTEND;TZID=Europe/Paris:20250303T173000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nSUMMARY:Office\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:call@example.invalid\r\nDTSTAMP:20250101T000000Z\r\n"
    "DTSTART:20250306T170000Z\r\nDTEND:20250306T180000Z\r\nSUMMARY:Call\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:family@example.invalid\r\nDTSTAMP:20250101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20250308\r\nSUMMARY:Family day\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


class BusyOptions(BaseModel):
    """How to read a busy calendar: the runner's time zone, the part of each day that can hold
    training, and the shortest free time worth a window."""

    timezone: TimeZoneName = Field(
        default="UTC",
        description="The runner's IANA time zone: the windows are in its local time, and the "
        "calendar's zoned and UTC times are moved into it (floating times are taken as local).",
    )
    day: str = Field(
        default=DEFAULT_DAY_BOUNDS,
        pattern=DAY_BOUNDS_PATTERN,
        description="START-END, local: the part of each day that can hold training. Busy time "
        "outside it does not matter; free time outside it is no window.",
    )
    min_minutes: int = Field(
        default=MIN_WINDOW_MINUTES,
        ge=1,
        le=1440,
        description="Free time shorter than this is no window.",
    )


class WeekWindowsQuery(BusyOptions):
    """Which week to answer, and how to read the calendar."""

    week_of: CalendarDate = Field(
        json_schema_extra={"example": "2025-03-03"},
        description="A day of the week, YYYY-MM-DD: the week is the one that holds it, Monday "
        "to Sunday (as a week request's week_of).",
    )


class DateWindowsQuery(BusyOptions):
    """Which dates to answer (a plan's), and how to read the calendar."""

    start: CalendarDate = Field(
        json_schema_extra={"example": "2025-03-03"},
        description="The first date, YYYY-MM-DD (a plan's start).",
    )
    end: CalendarDate = Field(
        json_schema_extra={"example": "2025-03-23"},
        description=f"The last date, YYYY-MM-DD, included: {MAX_DATES} dates at most.",
    )


class WeekWindows(BaseModel):
    """Each day's free windows in a week, from a busy calendar."""

    week_of: CalendarDate = Field(description="The week's Monday.")
    timezone: str = Field(description="The IANA time zone the windows are in (local time).")
    day: WindowOut = Field(description="The part of each day that can hold training.")
    days: dict[DayId, list[WindowOut]] = Field(
        description="mon to sun: the free [start, end] windows of at least `min_minutes`, as "
        "a week request's `windows` takes them; [] when nothing of that length is free."
    )


class DateWindows(BaseModel):
    """Each date's free windows in a range (a plan's), from a busy calendar."""

    start: CalendarDate = Field(description="The range's first date.")
    end: CalendarDate = Field(description="The range's last date (included).")
    timezone: str = Field(description="The IANA time zone the windows are in (local time).")
    day: WindowOut = Field(description="The part of each day that can hold training.")
    dates: dict[str, list[WindowOut]] = Field(
        description="By ISO date, YYYY-MM-DD: the free [start, end] windows of at least "
        "`min_minutes`; [] when nothing of that length is free."
    )


def busy_week(
    data: bytes,
    week_of: dt.date,
    *,
    timezone: str = "UTC",
    day: str = DEFAULT_DAY_BOUNDS,
    min_minutes: int = MIN_WINDOW_MINUTES,
) -> WeekWindows:
    """The free windows of each day of the week that holds `week_of`."""
    bounds = day_bounds(day)
    dates = week_dates(week_of)
    found = free_windows(data, dates, timezone=timezone, day=bounds, min_minutes=min_minutes)
    return WeekWindows.model_validate(
        {
            "week_of": dates[0],
            "timezone": timezone,
            "day": bounds,
            "days": {day_id: found[date] for day_id, date in zip(DAYS, dates, strict=True)},
        }
    )


def busy_dates(
    data: bytes,
    start: dt.date,
    end: dt.date,
    *,
    timezone: str = "UTC",
    day: str = DEFAULT_DAY_BOUNDS,
    min_minutes: int = MIN_WINDOW_MINUTES,
) -> DateWindows:
    """The free windows of each date from `start` to `end`, both included."""
    bounds = day_bounds(day)
    dates = date_range(start, end)
    found = free_windows(data, dates, timezone=timezone, day=bounds, min_minutes=min_minutes)
    return DateWindows(
        start=start,
        end=end,
        timezone=timezone,
        day=bounds,
        dates={date.isoformat(): list(windows) for date, windows in found.items()},
    )


def with_busy_time(
    request: WeekRequest, free: Mapping[DayId, Sequence[Sequence[str]]]
) -> WeekRequest:
    """The week request with each day's windows limited to its free time (the module's rule);
    `free` is each day's windows as `busy_week` answers them."""
    days = dict(request.days)
    for day_id, windows in free.items():
        days[day_id] = with_free_time(request.day(day_id), windows)
    return WeekRequest.model_validate({**request.model_dump(), "days": days})


@dataclass(frozen=True)
class BusyCalendar:
    """A busy calendar's bytes and how to read them, for a front door that fills a plan."""

    data: bytes
    timezone: str = "UTC"
    day: str = DEFAULT_DAY_BOUNDS
    min_minutes: int = MIN_WINDOW_MINUTES


def with_busy_plan(plan: Plan, busy: BusyCalendar) -> Plan:
    """The plan with each day's windows limited to its free time, date by date (the module's
    rule, as for a week)."""
    end = plan.start + dt.timedelta(days=7 * len(plan.weeks) - 1)
    free = busy_dates(
        busy.data,
        plan.start,
        end,
        timezone=busy.timezone,
        day=busy.day,
        min_minutes=busy.min_minutes,
    ).dates
    weeks = []
    for week_index, week in enumerate(plan.weeks):
        days: dict[str, Day] = {day_id: day for day_id, day in week.days.items()}
        for day_index, day_id in enumerate(DAYS):
            date = plan.start + dt.timedelta(days=7 * week_index + day_index)
            days[day_id] = with_free_time(days.get(day_id) or Day(), free[date.isoformat()])
        weeks.append(week.model_copy(update={"days": days}))
    return plan.model_copy(update={"weeks": weeks})


def with_free_time(day: Day, free: Sequence[Sequence[str]]) -> Day:
    """The day with its windows limited to its free time (the module's rule)."""
    if not day.available:
        return day
    pairs: list[Window] = [(start, end) for start, end in free]
    kept = _intersection(day.windows, pairs) if day.windows else pairs
    kept = _longest(kept, MAX_WINDOWS)
    update: dict[str, object] = {"windows": kept}
    if not kept:
        update["available"] = False
    return Day.model_validate({**day.model_dump(), **update})


def _intersection(stated: list[Window], free: Windows) -> list[Window]:
    """The parts of the runner's own windows that are free, in order."""
    parts = []
    for stated_start, stated_end in stated:
        for free_start, free_end in free:
            start, end = max(stated_start, free_start), min(stated_end, free_end)
            if start < end:  # "HH:MM" strings compare as times do
                parts.append((start, end))
    return sorted(parts)


def _longest(windows: list[Window], limit: int) -> list[Window]:
    """At most `limit` windows: the longest, in the order of the day."""
    if len(windows) <= limit:
        return windows
    length = {window: minutes_of(window[1]) - minutes_of(window[0]) for window in windows}
    kept = sorted(windows, key=lambda window: -length[window])[:limit]
    return sorted(kept)
