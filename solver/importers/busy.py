"""Free time from busy time: an iCalendar file of the runner's other commitments (a work
calendar's export) read as the availability windows of each date, in the runner's local time.

Every event of the file is busy time, except those marked free (TRANSP:TRANSPARENT) and those
cancelled (STATUS:CANCELLED). Recurring events are expanded (RRULE, RDATE, EXDATE, moved
occurrences) by `recurring-ical-events`. A timed event is read in its own time zone (TZID, or
UTC) and turned into the runner's; a floating time is the runner's local time already; an
all-day event makes its whole days busy; an event across midnight is busy on both dates. A
date's free windows are its **day** (05:00-22:00 unless said otherwise) less the busy time,
each of at least `min_minutes`, as `[["HH:MM", "HH:MM"], ...]`: the shape `Day.windows` takes.
A date with no free window of that length answers `[]` (nothing free, not "no times").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import recurring_ical_events
from icalendar import Calendar, Component

from solver.days import DAYS
from solver.importers.ics import event_lines, read_calendar, zone_named
from solver.importers.report import MAX_WEEKS, PlanFileError

DEFAULT_DAY: tuple[str, str] = ("05:00", "22:00")
"""The part of a date that can hold training when nothing else is said (as `OPEN_DAY`)."""
MIN_WINDOW_MINUTES = 20
"""Free time shorter than this is no window: too short for any strength session."""
MAX_DATES = MAX_WEEKS * 7
# More busy occurrences than a two-year range of a busy calendar could hold at forty a day.
MAX_OCCURRENCES = MAX_DATES * 40
DAY_BOUNDS_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"
_DAY_BOUNDS = re.compile(DAY_BOUNDS_PATTERN)
# An event in another zone may fall on a neighbouring local date: read the calendar this much
# beyond the dates asked for, then clip.
_MARGIN = dt.timedelta(days=2)
_CHUNK = dt.timedelta(days=7)
# Series that repeat more often than hourly are no commitments: refused before expansion.
TOO_FREQUENT = frozenset({"SECONDLY", "MINUTELY"})

Windows = list[tuple[str, str]]


class BusyFileError(PlanFileError):
    """A busy calendar that cannot be read, or a question about it that cannot be answered:
    what is wrong and where ('line 12', or the question's field: 'timezone', 'day', 'end')."""


@dataclass(frozen=True)
class _Span:
    """Busy time in the runner's local wall-clock time (naive datetimes)."""

    start: dt.datetime
    end: dt.datetime


def time_zone(name: str) -> zoneinfo.ZoneInfo:
    """The IANA zone of that name, or BusyFileError naming it."""
    try:
        return zone_named(name)
    except PlanFileError as error:
        raise BusyFileError(error.what, error.where) from None


def day_bounds(text: str) -> tuple[str, str]:
    """'05:00-22:00' -> ('05:00', '22:00'), or BusyFileError: not HH:MM-HH:MM, or it ends before
    it starts."""
    if not _DAY_BOUNDS.fullmatch(text):
        raise BusyFileError(f"{text[:20]!r} is not a day as HH:MM-HH:MM, e.g. 05:00-22:00", "day")
    start, end = text.split("-")
    if end <= start:
        raise BusyFileError(
            f"{text} ends before it starts; give START-END, e.g. 05:00-22:00", "day"
        )
    return start, end


def week_dates(week_of: dt.date) -> list[dt.date]:
    """The seven dates of the week (Monday to Sunday) that holds `week_of`."""
    monday = week_of - dt.timedelta(days=week_of.weekday())
    return [monday + dt.timedelta(days=index) for index in range(7)]


def date_range(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every date from `start` to `end`, both included; BusyFileError when `end` is before
    `start` or the range is longer than a plan can be."""
    if end < start:
        raise BusyFileError(f"{end.isoformat()} is before start {start.isoformat()}", "end")
    count = (end - start).days + 1
    if count > MAX_DATES:
        raise BusyFileError(
            f"{count} days from {start.isoformat()} to {end.isoformat()}: at most {MAX_DATES} "
            f"({MAX_WEEKS} weeks)",
            "end",
        )
    return [start + dt.timedelta(days=index) for index in range(count)]


def free_windows(
    data: bytes | str,
    dates: Sequence[dt.date],
    *,
    timezone: str,
    day: tuple[str, str] = DEFAULT_DAY,
    min_minutes: int = MIN_WINDOW_MINUTES,
) -> dict[dt.date, Windows]:
    """Each date's free windows: `day` (local "HH:MM" bounds) less the calendar's busy time, in
    `timezone`, each window at least `min_minutes` long.

    Raises BusyFileError for a file that is not an iCalendar calendar, an event it cannot read
    (no DTSTART, an unreadable date, DTEND before DTSTART), an unknown time zone, day bounds
    that end before they start, or no dates / too many.
    """
    zone = time_zone(timezone)
    day_bounds(f"{day[0]}-{day[1]}")
    if not dates:
        raise BusyFileError("no dates to answer for", "dates")
    if len(dates) > MAX_DATES:
        raise BusyFileError(f"{len(dates)} dates: at most {MAX_DATES}", "dates")
    if min_minutes < 1:
        raise BusyFileError(f"{min_minutes}: a window lasts at least 1 minute", "min_minutes")
    calendar = _calendar(data)
    first, last = min(dates), max(dates)
    busy = _busy_spans(calendar, zone, first, last)
    # Merged spans end in order too: each date starts its walk at the first that ends after it.
    ends = [span.end for span in busy]
    day_start, day_end = dt.time.fromisoformat(day[0]), dt.time.fromisoformat(day[1])
    found = {}
    for date in dates:
        low = dt.datetime.combine(date, day_start)
        nearby = busy[bisect.bisect_right(ends, low) :]
        found[date] = _free(low, dt.datetime.combine(date, day_end), nearby, min_minutes)
    return found


def week_windows(
    data: bytes | str,
    week_of: dt.date,
    *,
    timezone: str,
    day: tuple[str, str] = DEFAULT_DAY,
    min_minutes: int = MIN_WINDOW_MINUTES,
) -> dict[str, Windows]:
    """The free windows of each day (`mon` to `sun`) of the week that holds `week_of`."""
    dates = week_dates(week_of)
    found = free_windows(data, dates, timezone=timezone, day=day, min_minutes=min_minutes)
    return {day_id: found[date] for day_id, date in zip(DAYS, dates, strict=True)}


def _calendar(data: bytes | str) -> Calendar:
    if isinstance(data, bytes):
        if not data.strip():
            raise BusyFileError("empty file: expected an iCalendar file (BEGIN:VCALENDAR)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise BusyFileError(f"not UTF-8 text (byte {error.start})") from None
    else:
        text = data
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise BusyFileError("not a calendar: expected an iCalendar file (BEGIN:VCALENDAR)")
    try:
        calendar = read_calendar(text)
    except PlanFileError as error:
        raise BusyFileError(error.what, error.where) from None
    lines = event_lines(text)
    for index, event in enumerate(calendar.walk("VEVENT")):
        _check_event(event, f"line {lines[index]}" if index < len(lines) else f"event {index + 1}")
    return calendar


def _check_event(event: Component, where: str) -> None:
    if "DTSTART" not in event:
        raise BusyFileError("DTSTART missing", where)
    try:
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND") if "DTEND" in event else None
        if "DURATION" in event:
            event.decoded("DURATION")
    except (ValueError, TypeError) as error:
        raise BusyFileError(f"unreadable date: {error}", where) from None
    rule: Any = event.get("RRULE")
    for each in rule if isinstance(rule, list) else [rule] if rule is not None else []:
        frequency = str((each.get("FREQ") or [""])[0]).upper()
        if frequency in TOO_FREQUENT:
            raise BusyFileError(f"RRULE FREQ={frequency}: repeats too often for busy time", where)
    if end is None:
        return
    if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
        raise BusyFileError("DTSTART and DTEND: one is a date and the other a time", where)
    if (
        isinstance(start, dt.datetime)
        and isinstance(end, dt.datetime)
        and (start.tzinfo is None) != (end.tzinfo is None)
    ):
        raise BusyFileError("DTSTART and DTEND: one has a time zone and the other not", where)
    if end < start:
        raise BusyFileError("DTEND before DTSTART", where)


def _busy_spans(
    calendar: Calendar, zone: zoneinfo.ZoneInfo, first: dt.date, last: dt.date
) -> list[_Span]:
    """The calendar's busy time from `first` to `last` (with a margin), as local wall-clock
    spans, merged and in order.

    Read a week at a time, counting as it goes: a file of many frequent series stops at
    MAX_OCCURRENCES instead of filling the memory (the library lists a whole range at once).
    """
    since = dt.datetime.combine(first, dt.time()) - _MARGIN
    until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time()) + _MARGIN
    query = recurring_ical_events.of(calendar)
    spans = []
    chunk_start = since
    while chunk_start < until:
        chunk_end = min(chunk_start + _CHUNK, until)
        try:
            spans.extend(query.between(chunk_start, chunk_end))
        except Exception as error:  # the library raises its own types for broken series
            raise BusyFileError(f"cannot expand the recurring events: {error}") from None
        if len(spans) > MAX_OCCURRENCES:
            raise BusyFileError(f"over {MAX_OCCURRENCES} events in the dates asked for")
        chunk_start = chunk_end
    # An event across a chunk's end is listed by both chunks: merging takes it once.
    busy = [_span(event, zone) for event in spans if _is_busy(event)]
    return _merged([span for span in busy if span is not None])


def _is_busy(event: Component) -> bool:
    """Whether the event takes the runner's time: not marked free, not cancelled."""
    if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        return False
    return str(event.get("STATUS", "")).upper() != "CANCELLED"


def _local(moment: dt.date, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """A DTSTART or DTEND as the runner's wall-clock time: a date at its midnight, a floating
    time as it is, a zoned or UTC time moved into the runner's zone."""
    if not isinstance(moment, dt.datetime):
        return dt.datetime.combine(moment, dt.time())
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def _span(event: Component, zone: zoneinfo.ZoneInfo) -> _Span | None:
    """The event's busy time; None when it takes none (a timed event of no length)."""
    start = event.decoded("DTSTART")
    if "DTEND" in event:
        end = event.decoded("DTEND")
    elif "DURATION" in event:
        end = start + event.decoded("DURATION")
    elif isinstance(start, dt.datetime):
        end = start  # RFC 5545: a timed event without an end takes no time
    else:
        end = start + dt.timedelta(days=1)  # an all-day event without an end: its day
    local_start, local_end = _local(start, zone), _local(end, zone)
    if local_end <= local_start:
        return None
    return _Span(local_start, local_end)


def _merged(spans: list[_Span]) -> list[_Span]:
    union: list[_Span] = []
    for span in sorted(spans, key=lambda span: (span.start, span.end)):
        if union and span.start <= union[-1].end:
            union[-1] = _Span(union[-1].start, max(union[-1].end, span.end))
        else:
            union.append(span)
    return union


def _free(low: dt.datetime, high: dt.datetime, busy: list[_Span], min_minutes: int) -> Windows:
    """The part of [low, high] outside the busy spans, in windows of `min_minutes` or more;
    busy time is widened to whole minutes (a meeting to 10:00:30 frees 10:01)."""
    windows: Windows = []
    free_from = low
    for span in busy:
        if span.end <= low:
            continue
        if span.start >= high:
            break
        _add(windows, free_from, _floor_minute(span.start), min_minutes)
        free_from = max(free_from, _ceil_minute(span.end))
    _add(windows, free_from, high, min_minutes)
    return windows


def _add(windows: Windows, start: dt.datetime, end: dt.datetime, min_minutes: int) -> None:
    if (end - start) >= dt.timedelta(minutes=min_minutes):
        windows.append((f"{start:%H:%M}", f"{end:%H:%M}"))


def _floor_minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


def _ceil_minute(moment: dt.datetime) -> dt.datetime:
    floor = _floor_minute(moment)
    return floor if floor == moment else floor + dt.timedelta(minutes=1)
