"""POST /v1/weeks/solve with Accept: text/calendar: the week as an iCalendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask.testing import FlaskClient
from icalendar import Calendar

from solver import catalogue
from tests.helpers import solve_checked

CALENDAR = {"Accept": "text/calendar"}


def test_calendar_holds_one_event_per_run_and_strength_session(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """The .ics parses, and its events are exactly the week's runs and strength sessions."""
    body = {**hansons_body, "week_of": "2025-03-03"}
    week = solve_checked(client, body)
    response = client.post("/v1/weeks/solve", json=body, headers=CALENDAR)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert ".ics" in response.headers["Content-Disposition"]

    events = Calendar.from_ical(response.get_data()).walk("VEVENT")
    run_count = sum(len(day["runs"]) for day in week["days"].values())
    strength = [s for day in week["days"].values() for s in day["strength"]]
    categories = [str(event.get("categories").cats[0]) for event in events]
    assert categories.count("Run") == run_count == 6
    assert categories.count("Strength") == len(strength) >= 1
    assert len(events) == run_count + len(strength)

    dates = {event.decoded("dtstart") for event in events}
    assert min(dates) >= dt.date(2025, 3, 3)
    assert max(dates) <= dt.date(2025, 3, 9)
    assert len({str(event["uid"]) for event in events}) == len(events)


def test_strength_events_carry_their_exercises_on_the_right_day(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """Each strength event falls on its solved day and lists the session's exercises, each
    with its dose."""
    body = {**hansons_body, "week_of": "2025-03-03"}
    week = solve_checked(client, body)
    calendar = Calendar.from_ical(
        client.post("/v1/weeks/solve", json=body, headers=CALENDAR).get_data()
    )
    exercises = {s.name: [e.name for e in s.exercises] for s in catalogue()}
    strength_events = [e for e in calendar.walk("VEVENT") if "Strength" in str(e["summary"])]
    solved_days = [
        (day_index, session)
        for day_index, day in enumerate(week["days"].values())
        for session in day["strength"]
    ]
    assert len(strength_events) == len(solved_days)
    for event, (day_index, session) in zip(strength_events, solved_days, strict=True):
        assert event.decoded("dtstart") == dt.date(2025, 3, 3) + dt.timedelta(days=day_index)
        assert session["name"] in str(event["summary"])
        description = str(event["description"])
        assert f"Dose: {session['dose']}" in description
        for exercise in exercises[session["name"]]:
            assert exercise in description
        for line in session["prescription"]:
            dose = f"{line['sets']} x {line['reps']} @ {line['intensity']}"
            assert f"- {line['exercise']}: {dose}" in description


def test_calendar_without_week_of_is_400_saying_to_set_it(client: FlaskClient) -> None:
    """Asking for a calendar without week_of is a 400 problem that says to set week_of."""
    response = client.post("/v1/weeks/solve", json={"days": {}}, headers=CALENDAR)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert "week_of" in response.get_json()["detail"]


def test_calendar_week_of_must_be_a_monday(client: FlaskClient) -> None:
    """A week_of that is not a Monday is a 400 naming the field."""
    response = client.post("/v1/weeks/solve", json={"week_of": "2025-03-04"}, headers=CALENDAR)
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "week_of"


def test_calendar_of_an_infeasible_week_is_422(client: FlaskClient) -> None:
    """No week, no calendar: an infeasible week asked as text/calendar is the 422 problem."""
    body = {
        "days": {
            day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        }
    }
    response = client.post(
        "/v1/weeks/solve", json={**body, "week_of": "2025-03-03"}, headers=CALENDAR
    )
    assert response.status_code == 422
    assert response.get_json()["conflicts"]


def test_json_is_still_the_default(client: FlaskClient) -> None:
    """With week_of set and no Accept header, the answer is JSON."""
    assert solve_checked(client, {"week_of": "2025-03-03"})["status"] == "optimal"
