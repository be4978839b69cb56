"""A plan with times: a calendar of timed runs, posted with the runner's `timezone`, is solved
week by week with the timed rules, its strength gets starts, and its calendar answer writes them
in the runner's zone (TZID) at the same local times."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask.testing import FlaskClient
from icalendar import Calendar

from solver import PlanRequest, evaluate_plan
from solver.importers import import_plan
from solver.times import minutes_of
from tests.api.routes.test_athletes import MIA, create

ZONE = "Europe/Paris"


def timed_plan_calendar() -> bytes:
    """Three weeks from Monday 2026-03-02: Tuesday intervals at 06:30 Paris (written in UTC),
    Thursday easy at 18:00 (Paris TZID), Saturday long at 08:00 (floating), and a 10K race on
    the last Sunday at 09:00."""
    events = []
    for week in range(3):
        monday = dt.date(2026, 3, 2) + dt.timedelta(days=7 * week)
        tuesday, thursday, saturday = (monday + dt.timedelta(days=n) for n in (1, 3, 5))
        events += [
            (f"i{week}", f"DTSTART:{tuesday:%Y%m%d}T053000Z", "PT60M", "Intervals 6 x 800 m"),
            (f"e{week}", f"DTSTART;TZID={ZONE}:{thursday:%Y%m%d}T180000", "PT40M", "Easy 40 min"),
            (f"l{week}", f"DTSTART:{saturday:%Y%m%d}T080000", "PT90M", "Long run 90 min"),
        ]
    events.append(("race", "DTSTART:20260322T090000", "PT50M", "10K race"))
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{uid}@example.invalid\r\nDTSTAMP:20260101T000000Z\r\n{start}\r\n"
        f"DURATION:{duration}\r\nSUMMARY:{title}\r\nEND:VEVENT\r\n"
        for uid, start, duration, title in events
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n".encode()


def solve(client: FlaskClient, accept: str) -> Any:
    """POST the calendar to /v1/plans/solve with the zone, asking for `accept`."""
    return client.post(
        "/v1/plans/solve",
        query_string={"timezone": ZONE},
        data=timed_plan_calendar(),
        content_type="text/calendar",
        headers={"Accept": accept},
    )


def test_a_timed_plan_solves_with_starts_after_the_runs_and_keeps_every_rule(
    client: FlaskClient,
) -> None:
    """The runs carry their local starts (06:30, 18:00, 08:00); every strength session gets a
    start, after the day's run ends; the plan checker, reading the same times, finds the
    placement feasible at the solver's cost."""
    response = solve(client, "application/json")
    assert response.status_code == 200, response.get_data(as_text=True)
    result = response.get_json()
    starts = {run["at"] for day in result["days"] for run in day["runs"]}
    assert starts == {"06:30", "18:00", "08:00", "09:00"}
    placed = [(day, s) for day in result["days"] for s in day["strength"]]
    assert placed
    for day, session in placed:
        assert session["at"] is not None, day["date"]
        for run in day["runs"]:
            assert minutes_of(session["at"]) >= minutes_of(run["at"]) + run["minutes"], day
    plan = import_plan(timed_plan_calendar(), timezone=ZONE).plan
    placement = {d["date"]: [s["session"] for s in d["strength"]] for d in result["days"]}
    scored = evaluate_plan(PlanRequest.model_validate(plan), placement)
    assert scored.feasible and scored.objective == result["objective"]


def test_the_plans_calendar_writes_timed_strength_in_the_runners_zone(
    client: FlaskClient,
) -> None:
    """Accept text/calendar: each strength event starts at the JSON answer's `at`, in Paris
    (TZID, with the zone's VTIMEZONE), and parses back to that local time."""
    answer = solve(client, "application/json").get_json()
    expected = {d["date"]: s["at"] for d in answer["days"] for s in d["strength"]}
    response = solve(client, "text/calendar")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.get_data())
    assert ZONE in {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    written = {}
    for event in calendar.walk("VEVENT"):
        if str(event.get("X-TRAINWEEK-KIND")) != "strength":
            continue
        start = event.decoded("DTSTART")
        assert str(start.tzinfo) == ZONE
        written[start.date().isoformat()] = f"{start:%H:%M}"
    assert written == expected


def test_an_unknown_plan_zone_is_a_400(client: FlaskClient) -> None:
    """A zone that is no IANA name: 400 naming timezone."""
    response = client.post(
        "/v1/plans/solve",
        query_string={"timezone": "Mars/Olympus"},
        data=timed_plan_calendar(),
        content_type="text/calendar",
    )
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "timezone"


def test_an_athletes_plan_takes_the_athletes_zone(client: FlaskClient, ana: dict[str, str]) -> None:
    """An athlete in New York: the stored plan's runs start at their New York times (the 05:30
    UTC intervals at 00:30, the Paris 18:00 easy run at 12:00), and the solved plan's calendar
    writes its timed strength in New York time."""
    athlete = create(client, ana, {**MIA, "timezone": "America/New_York"})["id"]
    stored = client.put(
        f"/v1/athletes/{athlete}/plan",
        data=timed_plan_calendar(),
        content_type="text/calendar",
        headers=ana,
    )
    assert stored.status_code == 201, stored.get_data(as_text=True)
    first_week = stored.get_json()["plan"]["weeks"][0]["days"]
    assert first_week["tue"]["runs"][0]["at"] == "00:30"
    assert first_week["thu"]["runs"][0]["at"] == "12:00"
    response = client.post(
        f"/v1/athletes/{athlete}/plan/solve", headers={**ana, "Accept": "text/calendar"}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    calendar = Calendar.from_ical(response.get_data())
    starts = [
        event.decoded("DTSTART")
        for event in calendar.walk("VEVENT")
        if str(event.get("X-TRAINWEEK-KIND")) == "strength"
    ]
    assert starts and all(str(start.tzinfo) == "America/New_York" for start in starts)
