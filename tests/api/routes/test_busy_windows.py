"""POST /v1/weeks/windows and POST /v1/plans/windows: a busy calendar in, free windows out;
each bad file or question a 400 naming it; and the windows, put in a week request, give a
solved week whose strength lies inside the free time."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from solver.times import minutes_of
from tests.solver.importers.conftest import FIXTURES

WORK = (FIXTURES / "busy" / "work.ics").read_bytes()
CALENDAR = "text/calendar"
WEEK = {"week_of": "2026-03-02", "timezone": "Europe/Paris"}


def post_busy(client: FlaskClient, path: str, query: dict[str, Any], data: bytes = WORK) -> Any:
    """POST the calendar to the route with the query."""
    return client.post(path, query_string=query, data=data, content_type=CALENDAR)


def test_a_week_gets_each_days_free_windows(client: FlaskClient) -> None:
    """200: mon to sun, in Paris time, the all-day Saturday busy ([])."""
    response = post_busy(client, "/v1/weeks/windows", {**WEEK, "week_of": "2026-03-05"})
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert answer["week_of"] == "2026-03-02" and answer["day"] == ["05:00", "22:00"]
    assert list(answer["days"]) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert answer["days"]["mon"] == [["05:00", "08:30"], ["12:30", "13:30"], ["17:30", "22:00"]]
    assert answer["days"]["sat"] == []


def test_day_bounds_and_minimum_are_the_query_s(client: FlaskClient) -> None:
    """`day` clips the windows; `min_minutes` drops the lunch hour."""
    query = {**WEEK, "day": "06:00-21:00", "min_minutes": 90}
    answer = post_busy(client, "/v1/weeks/windows", query).get_json()
    assert answer["days"]["mon"] == [["06:00", "08:30"], ["17:30", "21:00"]]


def test_a_plan_s_dates_get_their_windows(client: FlaskClient) -> None:
    """200: every date from start to end, both included."""
    query = {"start": "2026-03-06", "end": "2026-03-09", "timezone": "Europe/Paris"}
    response = post_busy(client, "/v1/plans/windows", query)
    assert response.status_code == 200, response.get_data(as_text=True)
    dates = response.get_json()["dates"]
    assert list(dates) == ["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"]
    assert dates["2026-03-07"] == [] and dates["2026-03-09"][0] == ["05:00", "08:30"]


@pytest.mark.parametrize(
    ("path", "query", "data", "field"),
    [
        ("/v1/weeks/windows", WEEK, b"not a calendar", "body"),
        ("/v1/weeks/windows", WEEK, b"", "body"),
        ("/v1/weeks/windows", {**WEEK, "timezone": "Mars/Olympus"}, WORK, "timezone"),
        ("/v1/weeks/windows", {**WEEK, "day": "22:00-05:00"}, WORK, "day"),
        ("/v1/weeks/windows", {**WEEK, "day": "5-22"}, WORK, "day"),
        ("/v1/weeks/windows", {**WEEK, "week_of": "2026-02-30"}, WORK, "week_of"),
        ("/v1/weeks/windows", {"timezone": "UTC"}, WORK, "week_of"),
        ("/v1/plans/windows", {"start": "2026-03-09", "end": "2026-03-02"}, WORK, "end"),
        ("/v1/plans/windows", {"start": "2026-01-05", "end": "2028-12-31"}, WORK, "end"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(
    client: FlaskClient, path: str, query: dict[str, Any], data: bytes, field: str
) -> None:
    """Not a calendar, an unknown zone, a day that ends before it starts, bad dates: 400
    problem+json whose error names the field."""
    response = post_busy(client, path, query, data)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert [error["field"] for error in response.get_json()["errors"]] == [field]


def test_an_event_ending_before_it_starts_names_its_line(client: FlaskClient) -> None:
    """A broken event in the file: 400 naming its line."""
    broken = WORK.replace(b"DTEND:20260305T180000Z", b"DTEND:20260305T160000Z")
    response = post_busy(client, "/v1/weeks/windows", WEEK, broken)
    assert response.status_code == 400
    problem = response.get_json()
    assert problem["title"] == "Invalid busy calendar"
    assert problem["errors"][0]["field"].startswith("line ")
    assert "DTEND before DTSTART" in problem["detail"]


def test_a_body_that_is_not_a_calendar_s_media_type_is_a_415(client: FlaskClient) -> None:
    """JSON is not a calendar: 415 saying what to send."""
    response = client.post("/v1/weeks/windows", query_string=WEEK, json={"days": {}})
    assert response.status_code == 415
    assert "text/calendar" in response.get_json()["detail"]


def test_the_windows_give_a_week_whose_strength_lies_in_the_free_time(
    client: FlaskClient,
) -> None:
    """End to end: the free windows put in the week request; the solved week's every strength
    session starts and ends inside one of them, and none is on the busy Saturday. (The day
    starts at 07:00: a day with times but no windows is open from 05:00, where a session
    would otherwise go first.)"""
    query = {**WEEK, "day": "07:00-22:00"}
    free = post_busy(client, "/v1/weeks/windows", query).get_json()["days"]
    days: dict[str, Any] = {
        "tue": {"runs": [{"type": "intervals", "minutes": 60, "at": "06:30"}]},
        "thu": {"runs": [{"type": "tempo", "minutes": 50, "at": "19:00"}]},
        "sun": {"runs": [{"type": "long", "minutes": 120, "at": "08:00"}]},
    }
    for day_id, windows in free.items():
        day = days.setdefault(day_id, {})
        if windows:
            day["windows"] = windows
        else:
            day["available"] = False
    body = {"week_of": WEEK["week_of"], "days": days, "athlete": {"level": "intermediate"}}
    response = client.post("/v1/weeks/solve", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    placed = [
        (day_id, session)
        for day_id, day in response.get_json()["days"].items()
        for session in day["strength"]
    ]
    assert placed, "the week places strength"
    for day_id, session in placed:
        start = minutes_of(session["at"])
        end = start + session["minutes"]
        assert any(
            minutes_of(low) <= start and end <= minutes_of(high) for low, high in free[day_id]
        ), (day_id, session["at"], free[day_id])
    assert "sat" not in {day_id for day_id, _ in placed}
