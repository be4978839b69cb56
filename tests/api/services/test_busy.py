"""with_busy_time: a week request's windows limited to the free time, day by day, as the
service's rule says; and the week and date answers."""

from __future__ import annotations

import datetime as dt

import pytest

from api.services.busy import BusyFileError, busy_dates, busy_week, with_busy_time
from solver import WeekRequest
from tests.solver.importers.conftest import FIXTURES

WORK = (FIXTURES / "busy" / "work.ics").read_bytes()


def request(days: dict[str, object]) -> WeekRequest:
    """A week request of 2026-03-02 with these days."""
    return WeekRequest.model_validate({"week_of": "2026-03-02", "days": days})


def test_a_day_without_windows_takes_the_free_ones() -> None:
    """No windows of its own: the free windows become the day's."""
    filled = with_busy_time(request({}), {"mon": [("05:00", "08:30"), ("17:30", "22:00")]})
    assert filled.day("mon").windows == [("05:00", "08:30"), ("17:30", "22:00")]


def test_a_day_with_windows_keeps_their_free_part() -> None:
    """The runner's own windows are cut to what is free, in order."""
    week = request({"mon": {"windows": [["06:00", "09:00"], ["17:00", "20:00"]]}})
    filled = with_busy_time(week, {"mon": [("05:00", "08:30"), ("17:30", "22:00")]})
    assert filled.day("mon").windows == [("06:00", "08:30"), ("17:30", "20:00")]


def test_a_day_with_nothing_free_is_unavailable() -> None:
    """All of it busy (or no overlap with the runner's windows): no strength that day."""
    week = request({"tue": {"windows": [["12:00", "13:00"]]}})
    filled = with_busy_time(week, {"mon": [], "tue": [("17:30", "22:00")]})
    assert filled.day("mon").available is False and filled.day("mon").windows == []
    assert filled.day("tue").available is False


def test_an_unavailable_day_and_available_minutes_stay() -> None:
    """available: false stays so; available_minutes is kept beside the windows."""
    week = request({"mon": {"available": False}, "tue": {"available_minutes": 45}})
    filled = with_busy_time(week, {"mon": [("05:00", "22:00")], "tue": [("05:00", "22:00")]})
    assert filled.day("mon").available is False and filled.day("mon").windows == []
    assert filled.day("tue").available_minutes == 45


def test_past_the_limit_the_longest_windows_are_kept() -> None:
    """Ten free windows: the eight longest, in the order of the day."""
    free = [(f"{hour:02d}:00", f"{hour:02d}:40") for hour in range(6, 16)]
    free[1], free[3] = ("07:00", "07:20"), ("09:00", "09:25")
    kept = with_busy_time(request({}), {"mon": free}).day("mon").windows
    assert kept == [window for window in free if window not in (free[1], free[3])]


def test_week_and_dates_answer_the_same_days() -> None:
    """The week's Monday is the range's first date."""
    week = busy_week(WORK, dt.date(2026, 3, 4), timezone="Europe/Paris")
    dates = busy_dates(WORK, dt.date(2026, 3, 2), dt.date(2026, 3, 8), timezone="Europe/Paris")
    assert week.week_of == dt.date(2026, 3, 2)
    assert [list(map(tuple, w)) for w in week.days.values()] == [
        list(map(tuple, w)) for w in dates.dates.values()
    ]


def test_day_bounds_are_checked() -> None:
    """A day that ends before it starts raises BusyFileError naming day."""
    with pytest.raises(BusyFileError) as error:
        busy_week(WORK, dt.date(2026, 3, 2), day="21:00-06:00")
    assert error.value.where == "day"
