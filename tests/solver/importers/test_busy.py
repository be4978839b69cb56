"""free_windows / week_windows: busy time of a calendar as each date's free windows, in the
runner's zone, and every kind of bad file or question refused with what and where."""

from __future__ import annotations

import datetime as dt

import pytest

from solver.domain import Day
from solver.importers import busy
from solver.importers.busy import (
    MAX_DATES,
    BusyFileError,
    date_range,
    day_bounds,
    free_windows,
    week_dates,
    week_windows,
)

WEEK_OF = dt.date(2026, 3, 2)  # a Monday
OFFICE = [("05:00", "08:30"), ("12:30", "13:30"), ("17:30", "22:00")]


def calendar(*events: str) -> bytes:
    """A calendar holding the events (each the lines between BEGIN:VEVENT and END:VEVENT)."""
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:e{index}@example.invalid\r\nDTSTAMP:20260101T000000Z\r\n"
        f"{event.strip()}\r\nEND:VEVENT\r\n"
        for index, event in enumerate(events)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n".encode()


def test_weekly_office_hours_leave_the_gaps_around_them(work_ics: bytes) -> None:
    """A recurring weekly event is busy on every weekday it repeats on."""
    windows = week_windows(work_ics, WEEK_OF, timezone="Europe/Paris")
    assert windows["mon"] == OFFICE


def test_an_exdate_frees_that_occurrence(work_ics: bytes) -> None:
    """EXDATE takes Wednesday's morning office hours out: the morning is free."""
    windows = week_windows(work_ics, WEEK_OF, timezone="Europe/Paris")
    assert windows["wed"][0] == ("06:00", "13:30")


def test_an_event_across_midnight_is_busy_on_both_dates(work_ics: bytes) -> None:
    """A night shift from Tuesday 21:30 to Wednesday 06:00 ends Tuesday's evening window and
    starts Wednesday's day at 06:00."""
    windows = week_windows(work_ics, WEEK_OF, timezone="Europe/Paris")
    assert windows["tue"][-1] == ("17:30", "21:30")
    assert windows["wed"][0][0] == "06:00"


def test_a_utc_event_is_read_in_the_runners_zone(work_ics: bytes) -> None:
    """A call at 17:00 UTC in winter is 18:00-19:00 in Paris: the evening splits around it."""
    windows = week_windows(work_ics, WEEK_OF, timezone="Europe/Paris")
    assert windows["thu"] == [*OFFICE[:2], ("17:30", "18:00"), ("19:00", "22:00")]


def test_an_event_in_another_zone_is_moved_into_the_runners(work_ics: bytes) -> None:
    """A call at 11:00 in New York (EST) is 17:00-18:00 in Paris: it joins the office hours."""
    windows = week_windows(work_ics, WEEK_OF, timezone="Europe/Paris")
    assert windows["fri"] == [*OFFICE[:2], ("18:00", "22:00")]


def test_the_same_file_in_another_zone_gives_other_windows(work_ics: bytes) -> None:
    """For a runner in New York, Paris office hours 08:30-17:30 are 02:30-11:30: Monday is free
    free from 11:30 on, and in the Paris lunch hour (06:30-07:30 there)."""
    windows = week_windows(work_ics, WEEK_OF, timezone="America/New_York")
    assert windows["mon"] == [("06:30", "07:30"), ("11:30", "22:00")]


def test_an_all_day_event_makes_the_whole_day_busy(work_ics: bytes) -> None:
    """Saturday's all-day family day leaves no window: [] (nothing free)."""
    assert week_windows(work_ics, WEEK_OF, timezone="Europe/Paris")["sat"] == []


def test_transparent_and_cancelled_events_take_no_time(work_ics: bytes) -> None:
    """Sunday holds a transparent reminder and a cancelled brunch: only the coffee is busy."""
    windows = week_windows(work_ics, WEEK_OF, timezone="Europe/Paris")
    assert windows["sun"] == [("05:00", "16:00"), ("16:10", "22:00")]


def test_the_dst_week_keeps_local_times_right(dst_ics: bytes) -> None:
    """A daily 07:00 UTC call is 08:00 in Paris until Saturday and 09:00 on the Sunday summer
    time starts; a Paris-time lunch stays at 12:00."""
    windows = week_windows(dst_ics, dt.date(2026, 3, 23), timezone="Europe/Paris")
    assert windows["sat"] == [("05:00", "08:00"), ("09:00", "22:00")]
    assert windows["sun"] == [("05:00", "09:00"), ("10:00", "12:00"), ("13:00", "22:00")]


def test_short_gaps_are_no_windows() -> None:
    """Free time shorter than min_minutes is left out; a smaller minimum keeps it."""
    data = calendar(
        "DTSTART:20260302T050000\r\nDTEND:20260302T120000",
        "DTSTART:20260302T121500\r\nDTEND:20260302T220000",
    )
    assert free_windows(data, [WEEK_OF], timezone="UTC")[WEEK_OF] == []
    assert free_windows(data, [WEEK_OF], timezone="UTC", min_minutes=15)[WEEK_OF] == [
        ("12:00", "12:15")
    ]


def test_day_bounds_clip_the_windows() -> None:
    """The day's own bounds replace 05:00-22:00."""
    data = calendar("DTSTART:20260302T120000\r\nDTEND:20260302T130000")
    found = free_windows(data, [WEEK_OF], timezone="UTC", day=("07:00", "20:00"))
    assert found[WEEK_OF] == [("07:00", "12:00"), ("13:00", "20:00")]


def test_seconds_widen_busy_time_to_whole_minutes() -> None:
    """A meeting to 10:00:30 frees the runner at 10:01, never at 10:00."""
    data = calendar("DTSTART:20260302T090000\r\nDTEND:20260302T100030")
    assert free_windows(data, [WEEK_OF], timezone="UTC")[WEEK_OF][1] == ("10:01", "22:00")


def test_a_calendar_without_events_is_all_free() -> None:
    """No commitments: each date is its whole day."""
    assert free_windows(calendar(), [WEEK_OF], timezone="UTC")[WEEK_OF] == [("05:00", "22:00")]


def test_every_answer_is_a_valid_day(work_ics: bytes) -> None:
    """Each day's windows are what Day.windows takes (in order, apart, each ending after it
    starts)."""
    for windows in week_windows(work_ics, WEEK_OF, timezone="Europe/Paris").values():
        Day(windows=windows)


def test_a_date_range_answers_each_date(work_ics: bytes) -> None:
    """A plan's range: every date from start to end, both included."""
    dates = date_range(dt.date(2026, 3, 6), dt.date(2026, 3, 9))
    found = free_windows(work_ics, dates, timezone="Europe/Paris")
    assert list(found) == dates
    assert found[dt.date(2026, 3, 9)] == OFFICE  # Monday again: the series goes on


def test_week_dates_run_monday_to_sunday() -> None:
    """Any day names its Monday-to-Sunday week."""
    assert week_dates(dt.date(2026, 3, 5))[0] == WEEK_OF
    assert week_dates(dt.date(2026, 3, 5))[-1] == dt.date(2026, 3, 8)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"hello", "not a calendar"),
        (b"BEGIN:VCALENDAR\r\nBROKEN", "not a calendar"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_file_that_is_no_calendar_is_refused(data: bytes, message: str) -> None:
    """Not an iCalendar file: BusyFileError saying so."""
    with pytest.raises(BusyFileError, match=message):
        free_windows(data, [WEEK_OF], timezone="UTC")


def test_an_event_ending_before_it_starts_is_refused_with_its_line() -> None:
    """DTEND before DTSTART names the event's line."""
    data = calendar("DTSTART:20260302T100000\r\nDTEND:20260302T090000")
    with pytest.raises(BusyFileError, match="DTEND before DTSTART") as error:
        free_windows(data, [WEEK_OF], timezone="UTC")
    assert error.value.where == "line 4"


def test_an_event_without_start_is_refused() -> None:
    """An event without DTSTART cannot be busy at any time."""
    with pytest.raises(BusyFileError, match="DTSTART missing"):
        free_windows(calendar("SUMMARY:when?"), [WEEK_OF], timezone="UTC")


def test_an_unknown_time_zone_is_refused() -> None:
    """A zone name that is no IANA zone (or a folder of them) is refused, naming timezone."""
    for name in ("Mars/Olympus", "America"):
        with pytest.raises(BusyFileError, match="unknown time zone") as error:
            free_windows(calendar(), [WEEK_OF], timezone=name)
        assert error.value.where == "timezone"


def test_day_bounds_must_run_forward() -> None:
    """A day that ends before it starts, or not HH:MM-HH:MM, is refused naming day."""
    assert day_bounds("06:00-21:30") == ("06:00", "21:30")
    for text in ("22:00-05:00", "05:00-05:00", "5-22", "05:00-24:00"):
        with pytest.raises(BusyFileError) as error:
            day_bounds(text)
        assert error.value.where == "day"
    with pytest.raises(BusyFileError, match="ends before it starts"):
        free_windows(calendar(), [WEEK_OF], timezone="UTC", day=("22:00", "05:00"))


def test_bad_date_ranges_are_refused() -> None:
    """An end before the start, or a range longer than a plan, is refused naming dates."""
    with pytest.raises(BusyFileError, match="before start") as error:
        date_range(dt.date(2026, 3, 9), dt.date(2026, 3, 2))
    assert error.value.where == "end"
    with pytest.raises(BusyFileError, match=f"at most {MAX_DATES}"):
        date_range(WEEK_OF, WEEK_OF + dt.timedelta(days=MAX_DATES))
    with pytest.raises(BusyFileError, match="no dates"):
        free_windows(calendar(), [], timezone="UTC")


def test_an_endless_series_is_read_only_over_the_dates() -> None:
    """A daily series without end is expanded over the dates asked for, not forever."""
    data = calendar("DTSTART:20200101T120000\r\nDTEND:20200101T130000\r\nRRULE:FREQ=DAILY")
    found = free_windows(data, [WEEK_OF], timezone="UTC")
    assert found[WEEK_OF] == [("05:00", "12:00"), ("13:00", "22:00")]


def test_series_more_frequent_than_hourly_are_refused() -> None:
    """FREQ=MINUTELY is no commitment: refused with the event's line, before any expansion."""
    data = calendar("DTSTART:20260302T090000\r\nDTEND:20260302T090100\r\nRRULE:FREQ=MINUTELY")
    with pytest.raises(BusyFileError, match="FREQ=MINUTELY") as error:
        free_windows(data, [WEEK_OF], timezone="UTC")
    assert error.value.where == "line 4"


def test_too_many_occurrences_stop_the_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_OCCURRENCES in the dates asked for, the reading stops with an error instead of
    expanding on (a smaller cap here: the same code path)."""
    monkeypatch.setattr(busy, "MAX_OCCURRENCES", 20)
    data = calendar("DTSTART:20260302T120000\r\nDTEND:20260302T130000\r\nRRULE:FREQ=DAILY")
    assert free_windows(data, week_dates(WEEK_OF), timezone="UTC")  # 7 + the margins: fine
    with pytest.raises(BusyFileError, match="over 20 events"):
        free_windows(data, date_range(WEEK_OF, WEEK_OF + dt.timedelta(days=27)), timezone="UTC")
