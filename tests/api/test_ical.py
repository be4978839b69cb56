"""Weeks as iCalendar files: /v1/weeks/solve and a scenario's solve with Accept: text/calendar."""

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


def test_calendar_of_any_day_is_the_week_that_holds_it(client: FlaskClient) -> None:
    """A week_of that is a Thursday exports the week from its Monday, and says that Monday."""
    thursday = client.post("/v1/weeks/solve", json={"week_of": "2025-03-06"}, headers=CALENDAR)
    monday = client.post("/v1/weeks/solve", json={"week_of": "2025-03-03"}, headers=CALENDAR)
    assert thursday.status_code == 200
    assert "week-2025-03-03.ics" in thursday.headers["Content-Disposition"]
    first = Calendar.from_ical(thursday.data).walk("VEVENT")[0]
    assert first.decoded("dtstart") == Calendar.from_ical(monday.data).walk("VEVENT")[0].decoded(
        "dtstart"
    )
    answer = client.post("/v1/weeks/solve", json={"week_of": "2025-03-09"})
    assert answer.get_json()["week_of"] == "2025-03-03"


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


def uids(response: Any) -> set[str]:
    """The UIDs of a calendar answer, each once."""
    assert response.status_code == 200, response.get_data(as_text=True)
    found = [str(event["uid"]) for event in Calendar.from_ical(response.get_data()).walk("VEVENT")]
    assert len(found) == len(set(found))
    return set(found)


def test_exporting_the_same_week_again_names_the_same_events(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """Two exports for the same `calendar` and week_of share every UID, even when a run
    changed; another `calendar` name gets UIDs of its own."""
    body = {**hansons_body, "week_of": "2025-03-03"}
    first = uids(client.post("/v1/weeks/solve?calendar=mia", json=body, headers=CALENDAR))
    changed = {**body, "days": {**body["days"], "mon": {"runs": [{"type": "easy", "minutes": 30}]}}}
    again = uids(client.post("/v1/weeks/solve?calendar=mia", json=changed, headers=CALENDAR))
    assert first == again
    other = uids(client.post("/v1/weeks/solve?calendar=leo", json=body, headers=CALENDAR))
    assert other.isdisjoint(first)
    unnamed = uids(client.post("/v1/weeks/solve", json=body, headers=CALENDAR))
    assert unnamed.isdisjoint(first | other)


def test_each_event_says_when_it_was_revised(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """DTSTAMP equals LAST-MODIFIED (no METHOD: the last revision), within the export's second;
    SEQUENCE counts minutes since 2025, so a later export outranks an earlier import."""
    body = {**hansons_body, "week_of": "2025-03-03"}
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    response = client.post("/v1/weeks/solve", json=body, headers=CALENDAR)
    after = dt.datetime.now(dt.UTC)
    for event in Calendar.from_ical(response.get_data()).walk("VEVENT"):
        stamp = event.decoded("dtstamp")
        assert stamp == event.decoded("last-modified")
        assert before <= stamp <= after
        minutes = (stamp - dt.datetime(2025, 1, 1, tzinfo=dt.UTC)).total_seconds() // 60
        assert event["sequence"] == minutes


def test_a_calendar_name_longer_than_100_characters_is_400(client: FlaskClient) -> None:
    """The `calendar` query parameter is named when it is too long."""
    response = client.post(
        f"/v1/weeks/solve?calendar={'x' * 101}", json={"week_of": "2025-03-03"}, headers=CALENDAR
    )
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "calendar"


SCENARIO = "/v1/scenarios/hansons-beginner-10-weeks-out/solve"


def test_a_scenario_answers_a_calendar_for_the_week_of_sent(client: FlaskClient) -> None:
    """A scenario solved with week_of and Accept: text/calendar is its week as events on
    that week's dates, the same as its JSON answer."""
    week = client.post(SCENARIO, json={"week_of": "2025-03-03"}).get_json()
    assert week["week_of"] == "2025-03-03"
    response = client.post(SCENARIO, json={"week_of": "2025-03-03"}, headers=CALENDAR)
    assert response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.get_data()).walk("VEVENT")
    run_count = sum(len(day["runs"]) for day in week["result"]["days"].values())
    strength = sum(len(day["strength"]) for day in week["result"]["days"].values())
    assert len(events) == run_count + strength
    assert {event.decoded("dtstart") for event in events} <= {
        dt.date(2025, 3, 3) + dt.timedelta(days=n) for n in range(7)
    }
    assert uids(client.post(SCENARIO, json={"week_of": "2025-03-03"}, headers=CALENDAR)) == {
        str(event["uid"]) for event in events
    }


def test_a_scenario_calendar_without_week_of_is_the_same_problem_as_for_a_week(
    client: FlaskClient,
) -> None:
    """No week_of: the calendar-needs-week-of problem of /v1/weeks/solve, naming week_of."""
    response = client.post(SCENARIO, json={}, headers=CALENDAR)
    assert response.status_code == 400
    problem = response.get_json()
    assert problem["type"] == "urn:trainweek:problem:calendar-needs-week-of"
    assert problem["errors"] == [{"field": "week_of", "message": "required for text/calendar"}]


def test_a_scenario_week_of_is_checked_like_a_requests(client: FlaskClient) -> None:
    """A Tuesday names the week that holds it, for JSON and calendar answers alike; a date out
    of range is a 400 naming week_of."""
    answer = client.post(SCENARIO, json={"week_of": "2025-03-04"})
    assert answer.status_code == 200
    assert answer.get_json()["week_of"] == "2025-03-03"
    calendar = client.post(SCENARIO, json={"week_of": "2025-03-04"}, headers=CALENDAR)
    assert calendar.status_code == 200
    starts = {
        event.decoded("DTSTART") for event in Calendar.from_ical(calendar.data).walk("VEVENT")
    }
    assert min(starts) >= dt.date(2025, 3, 3) and max(starts) <= dt.date(2025, 3, 9)
    for headers in ({}, CALENDAR):
        response = client.post(SCENARIO, json={"week_of": "2201-01-01"}, headers=headers)
        assert response.status_code == 400
        assert response.get_json()["errors"][0]["field"] == "week_of"


def test_a_scenario_without_a_week_has_no_calendar(client: FlaskClient) -> None:
    """An infeasible scenario is 200 as JSON (the explanation) but 422 as a calendar."""
    path = "/v1/scenarios/infeasible-no-time-left/solve"
    assert client.post(path, json={"week_of": "2025-03-03"}).status_code == 200
    response = client.post(path, json={"week_of": "2025-03-03"}, headers=CALENDAR)
    assert response.status_code == 422
    assert response.get_json()["conflicts"]


def test_a_scenario_refuses_an_accept_it_cannot_answer(client: FlaskClient) -> None:
    """Accept: text/html on a scenario solve is 406."""
    response = client.post(SCENARIO, json={}, headers={"Accept": "text/html"})
    assert response.status_code == 406
