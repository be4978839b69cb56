"""Times of day through HTTP: a timed week's answer, its calendar in the athlete's zone, the
evaluate route scoring sessions at their `at`, and the 400s for bad times."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient
from icalendar import Calendar

from tests.helpers import plan_of

WEEK_OF = "2025-03-24"  # the week Europe/Paris moves its clocks forward (Sunday 30 March)
TIMED_DAYS = {
    "mon": {"runs": [{"type": "easy", "minutes": 40, "at": "06:30"}]},
    "tue": {
        "runs": [{"type": "intervals", "minutes": 60, "at": "07:00"}],
        "windows": [["06:00", "08:30"], ["12:00", "13:30"], ["18:00", "21:00"]],
    },
    "wed": {"runs": [{"type": "easy", "minutes": 45, "slot": "am"}]},
    "thu": {"runs": [{"type": "tempo", "minutes": 50, "at": "07:00"}]},
    "sat": {"runs": [{"type": "long", "minutes": 100, "at": "08:00"}]},
    "sun": {"runs": [{"type": "easy", "minutes": 30, "at": "09:00"}]},
}
TIMED_WEEK = {"week_of": WEEK_OF, "days": TIMED_DAYS}
CALENDAR = {"Accept": "text/calendar"}


def solve(client: FlaskClient, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/weeks/solve expecting 200."""
    response = client.post("/v1/weeks/solve", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def test_a_timed_week_answers_each_session_with_its_start(client: FlaskClient) -> None:
    """Every session gets `at` on the 15-minute grid, after the day's run, and the evaluate
    route, given those starts, scores the week as the solve did."""
    week = solve(client, TIMED_WEEK)
    placed = [(day, s) for day, plan in week["days"].items() for s in plan["strength"]]
    assert placed
    for day, session in placed:
        start = minutes(session["at"])
        assert start % 15 == 0
        run = TIMED_DAYS[day]["runs"][0]
        run_end = minutes(run["at"]) + run["minutes"] if "at" in run else 12 * 60
        assert start >= run_end, f"{day}: {session['at']} before the run ends"
    plan = {
        day: [{"session": s["session"], "at": s["at"]} for s in plan["strength"]]
        for day, plan in week["days"].items()
    }
    scored = client.post("/v1/weeks/evaluate", json={"request": TIMED_WEEK, "plan": plan})
    assert scored.status_code == 200, scored.get_data(as_text=True)
    assert scored.get_json()["feasible"] is True
    assert scored.get_json()["objective"] == week["objective"]


def test_an_untimed_week_answers_as_before(client: FlaskClient) -> None:
    """Without times nothing in the answer says `at`, `slot` or `windows`."""
    days = {
        day: {"runs": [{k: v for k, v in run.items() if k != "at"} for run in entry["runs"]]}
        for day, entry in TIMED_DAYS.items()
        if day != "wed"
    }
    week = solve(client, {"days": days})
    text = str(week)
    assert "'at'" not in text and "'slot'" not in text and "'windows'" not in text


def test_evaluate_finds_heavy_legs_too_close_to_a_key_run(client: FlaskClient) -> None:
    """Heavy legs Wednesday at 19:00 end 11 h before Thursday's 07:00 tempo: the 24 h rule
    breaks; at 06:00 they end 24 h before, which keeps it but misses the 48 h goal."""
    body = {
        "days": {
            "wed": {"windows": [["05:00", "21:00"]]},
            "thu": {"runs": [{"type": "tempo", "minutes": 50, "at": "07:00"}]},
        }
    }

    def evaluated(at: str) -> dict[str, Any]:
        plan = {"wed": [{"session": "strength_control", "at": at}]}
        response = client.post("/v1/weeks/evaluate", json={"request": body, "plan": plan})
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    late = evaluated("19:00")
    assert [v["rule"] for v in late["violations"]] == ["no_heavy_legs_before_key_run"]
    assert "07:00" in late["violations"][0]["message"]
    early = evaluated("06:00")
    assert early["feasible"] is True
    goals = {p["goal"] for p in early["penalties"]}
    assert "heavy_legs_48h_before_key_run" in goals


def test_the_calendar_has_the_athletes_local_times(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """An athlete in Europe/Paris: timed runs and sessions are DTSTART/DTEND with TZID
    Europe/Paris at the answer's local times (across the clock change), the slot run is all-day,
    and the calendar carries the zone's VTIMEZONE."""
    created = client.post(
        "/v1/athletes",
        json={"name": "Mia", "timezone": "Europe/Paris", "default_week": TIMED_WEEK},
        headers=ana,
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    athlete_id = created.get_json()["id"]
    solved = client.post(f"/v1/athletes/{athlete_id}/solve", headers=ana)
    assert solved.status_code == 201, solved.get_data(as_text=True)
    week = solved.get_json()["result"] if "result" in solved.get_json() else solved.get_json()
    ics = client.post(f"/v1/athletes/{athlete_id}/solve", headers={**ana, **CALENDAR}).get_data()
    calendar = Calendar.from_ical(ics)
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    paris = ZoneInfo("Europe/Paris")
    monday = dt.date.fromisoformat(WEEK_OF)
    by_start = {}
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart")
        if isinstance(start, dt.datetime):
            assert event["dtstart"].params["TZID"] == "Europe/Paris"
            by_start[(start.date(), start.strftime("%H:%M"), str(event["categories"].cats[0]))] = (
                start,
                event.decoded("dtend"),
            )
        else:
            assert str(event["summary"]).startswith("Run: easy 45"), "only the slot run is all-day"
    days = week["days"]
    for index, plan in enumerate(days.values()):
        date = monday + dt.timedelta(days=index)
        for run in plan["runs"]:
            if "at" in run:
                start, end = by_start[(date, run["at"], "Run")]
                assert start == dt.datetime.combine(date, dt.time.fromisoformat(run["at"]), paris)
                assert end - start == dt.timedelta(minutes=run["minutes"])
        for session in plan["strength"]:
            start, end = by_start[(date, session["at"], "Strength")]
            assert start.utcoffset() == paris.utcoffset(
                dt.datetime.combine(date, dt.time.fromisoformat(session["at"]))
            )
            assert end - start == dt.timedelta(minutes=session["minutes"])


@pytest.mark.parametrize(
    ("day", "field", "says"),
    [
        ({"windows": [["18:00", "21:00"], ["06:00", "07:30"]]}, "days.tue.windows", "windows[1]"),
        ({"windows": [["06:00", "09:00"], ["08:00", "10:00"]]}, "days.tue.windows", "overlaps"),
        ({"windows": [["09:00", "07:00"]]}, "days.tue.windows", "ends before it starts"),
        (
            {"runs": [{"type": "easy", "minutes": 30, "at": "24:00"}]},
            "days.tue.runs[0].at",
            "HH:MM",
        ),
        ({"runs": [{"type": "easy", "minutes": 30, "at": "7:00"}]}, "days.tue.runs[0].at", "HH:MM"),
        (
            {"runs": [{"type": "easy", "minutes": 30, "at": "07:00", "slot": "am"}]},
            "days.tue.runs[0]",
            "not both",
        ),
        ({"windows": [["06:00", "24:00"]]}, "days.tue.windows[0][1]", "HH:MM"),
    ],
)
def test_bad_times_are_400_naming_the_field(
    client: FlaskClient, day: dict[str, Any], field: str, says: str
) -> None:
    """Windows out of order or overlapping, a window ending before it starts, an `at` outside
    00:00-23:59, a run with both at and slot: 400 naming the field."""
    response = client.post("/v1/weeks/solve", json={"days": {"tue": day}})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert says in errors[0]["message"]


def test_a_session_at_on_a_day_without_times_is_400(client: FlaskClient) -> None:
    """Evaluate refuses a session's `at` on a day with no times, naming it."""
    plan = {"wed": [{"session": "mobility_core", "at": "07:00"}]}
    response = client.post("/v1/weeks/evaluate", json={"request": {"days": {}}, "plan": plan})
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "plan.wed[0].at"


def test_solve_checked_helper_still_scores_timed_weeks_without_at(client: FlaskClient) -> None:
    """Evaluate without `at` scores each session at its best start: the solve's own score."""
    week = solve(client, TIMED_WEEK)
    scored = client.post("/v1/weeks/evaluate", json={"request": TIMED_WEEK, "plan": plan_of(week)})
    assert scored.get_json()["objective"] == week["objective"]
