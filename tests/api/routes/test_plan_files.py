"""POST /v1/plans/solve with a plan file: plan JSON, iCalendar or calendar-hack YAML in; JSON,
iCalendar or HTML out; bad files as 400 problems naming what and where, 406, 413, 415."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from icalendar import Calendar, Event

from api.app import MAX_BODY_BYTES
from api.problems import PLAN_FILE_MAX_BYTES
from solver import PlanRequest, evaluate_plan
from solver.importers import import_plan
from tests.api.routes.test_plans import HIGDON
from tests.solver.importers.conftest import FIXTURES

GARMIN = (FIXTURES / "garmin_all_day.ics").read_bytes()
FRR = (FIXTURES / "frr_5k_01_structure.yaml").read_bytes()
FRR_RACE_DATE = "2026-06-07"
BODIES = {
    "json": (HIGDON.read_bytes(), "application/json", ""),
    "ics": (GARMIN, "text/calendar", ""),
    "calendar-hack": (FRR, "application/yaml", f"?race_date={FRR_RACE_DATE}"),
}
ANSWERS = ("application/json", "text/calendar", "text/html")


def post(client, name: str, accept: str = "application/json", query: str = ""):
    """POST the named body with its content type, asking for `accept`."""
    data, content_type, own_query = BODIES[name]
    joined = own_query + (("&" if own_query else "?") + query if query else "")
    return client.post(
        f"/v1/plans/solve{joined}",
        data=data,
        content_type=content_type,
        headers={"Accept": accept},
    )


@pytest.mark.parametrize("name", BODIES)
@pytest.mark.parametrize("accept", ANSWERS)
def test_each_body_type_answers_each_media_type(client, name, accept):
    """Three formats in x three answers out: 200 in the asked type, with the plan in it."""
    response = post(client, name, accept)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == accept
    assert response.headers["Vary"] == "Accept"
    body = response.get_data(as_text=True)
    if accept == "application/json":
        result = response.get_json()
        assert result["status"] == "optimal" and result["days"]
    elif accept == "text/calendar":
        calendar = Calendar.from_ical(body)
        assert any("strength.trainweek" in str(e["UID"]) for e in calendar.walk("VEVENT"))
    else:
        assert body.startswith("<!doctype html>") and "Week" in body
        assert "'sha256-" in response.headers["Content-Security-Policy"]


def test_the_json_answer_keeps_every_rule_for_the_imported_plan(client):
    """The calendar-hack plan as imported, scored by the plan checker: feasible, same cost."""
    result = post(client, "calendar-hack").get_json()
    plan = import_plan(FRR, race_date=dt.date.fromisoformat(FRR_RACE_DATE)).plan
    placement = {d["date"]: [s["session"] for s in d["strength"]] for d in result["days"]}
    scored = evaluate_plan(PlanRequest.model_validate(plan), placement)
    assert scored.feasible and scored.objective == result["objective"]


def test_unclassified_events_are_reported_and_map_classifies_them(client):
    """The Garmin calendar's Fartlek is unclassified until map=Fartlek=intervals."""
    unmapped = post(client, "ics").get_json()
    assert len(unmapped["unclassified"]) == 1 and "Fartlek" in unmapped["unclassified"][0]
    mapped = post(client, "ics", query="map=Fartlek=intervals").get_json()
    assert mapped["unclassified"] == []
    runs = [r for d in mapped["days"] for r in d["runs"] if r.get("title") == "Fartlek"]
    assert [r["type"] for r in runs] == ["intervals"]


def test_a_json_plan_may_carry_map_and_titles_alone(client):
    """Plan JSON with a run given by title only, and `map` in the body."""
    body = {
        "start": "2027-03-01",
        "map": {"Fartlek": "intervals"},
        "weeks": [{"days": {"tue": {"runs": [{"title": "Fartlek", "minutes": 40}]}}}],
    }
    result = client.post("/v1/plans/solve", json=body).get_json()
    assert result["days"][1]["runs"][0]["type"] == "intervals"


def test_the_calendar_round_trip_keeps_event_and_strength_uids(client):
    """Solve the export, re-import the answer: the source events come back with their UIDs,
    trainweek's strength events are skipped on the way in and get the same UIDs again."""
    first = post(client, "ics", "text/calendar").get_data()
    second = client.post(
        "/v1/plans/solve",
        data=first,
        content_type="text/calendar",
        headers={"Accept": "text/calendar"},
    ).get_data()

    def uids(ics: bytes) -> tuple[set[str], set[str]]:
        events = [str(e["UID"]) for e in Calendar.from_ical(ics).walk("VEVENT")]
        strength = {uid for uid in events if uid.endswith("@strength.trainweek")}
        return set(events) - strength, strength

    source = {str(e["UID"]) for e in Calendar.from_ical(GARMIN).walk("VEVENT")}
    kept, strength = uids(first)
    assert kept == source and strength
    assert uids(second) == (kept, strength)


def test_query_overrides_apply_to_a_calendar(client):
    """equipment=home: no gym session; an unknown preset is a 400 naming it."""
    result = post(client, "ics", query="equipment=home").get_json()
    sessions = [s for d in result["days"] for s in d["strength"]]
    assert sessions and not any(s["needs_gym"] for s in sessions)
    bad = post(client, "ics", query="preset=nope")
    assert bad.status_code == 400 and "unknown preset 'nope'" in bad.get_json()["detail"]


def test_a_profile_weighs_a_calendar_for_its_coach(client, ana):
    """profile=<id> with the coach's token; without the token it is a 401."""
    profile = client.post(
        "/v1/profiles", json={"name": "p", "weights": {"strength_on_easy_days": 0}}, headers=ana
    ).get_json()["id"]
    data, content_type, _ = BODIES["ics"]
    url = f"/v1/plans/solve?profile={profile}"
    weighed = client.post(url, data=data, content_type=content_type, headers=ana)
    assert weighed.status_code == 200
    assert all(p["goal"] != "strength_on_easy_days" for p in weighed.get_json()["penalties"])
    assert client.post(url, data=data, content_type=content_type).status_code == 401


R = "?race_date=2027-03-07"
YAML = "application/yaml"
JSON = "application/json"


@pytest.mark.parametrize(
    ("data", "content_type", "query", "words"),
    [
        (b"", "text/calendar", "", "empty"),
        (b"hello", "text/calendar", "", "not a calendar"),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n",
            "text/calendar",
            "",
            "",
        ),
        (FRR, "application/yaml", "", "race date"),
        (GARMIN, "text/calendar", "?race_date=2020-01-01", "before the plan"),
        (FRR.replace(b"units: mi", b"units: furlongs"), "application/yaml", "", "units"),
        (b'{"start": "2027-03-02", "weeks": [{}]}', "application/json", "", "Monday"),
        (b'{"start": "2027-03-01", "weeks": [', "application/json", "", "JSON"),
        (b'{"start": "2027-03-01", "weeks": [{}], "colour": 1}', "application/json", "", "colour"),
        # Found by schemathesis: each was a 500 before.
        (FRR, "application/yaml", "?race_date=9999-12-31", "race_date"),
        (FRR.replace(b"units: mi", b"units: {mi: 1}"), "application/yaml", R, "units"),
        (FRR.replace(b"type: 5K", b"type: 5"), "application/yaml", R, "type"),
        (b"units: km\nschedule: [{workouts: [{title: Run, distance: .inf}]}]", YAML, R, "distance"),
        (b'{"start": "2027-03-01", "weeks": [{}], "goal_race": 7}', JSON, R, "goal_race"),
        # Readable, but no distance for the goal race: say how to name it.
        (b"units: km\nschedule: [{workouts: [{title: Run 5 km}]}]", YAML, R, "distance"),
    ],
)
def test_bad_files_are_400_naming_the_problem(client, data, content_type, query, words):
    """Empty, not a calendar, no events, no or early race date, unknown units, a Tuesday start,
    broken JSON, an unknown field, a date out of range, values of the wrong type, an infinite
    distance, a goal race of unknown distance: 400 problem+json naming it."""
    response = client.post(f"/v1/plans/solve{query}", data=data, content_type=content_type)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    problem = response.get_json()
    assert problem["errors"] and words in problem["detail"]


def dated_calendar(weeks: int) -> bytes:
    """A calendar export of `weeks` weeks as a training app writes one: a workout every day,
    each with a structured description of about 300 characters."""
    calendar = Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    start = dt.date(2027, 1, 4)
    steps = (
        "Warm up 15 min easy, building to steady. Main set: 3 x 10 min at half marathon "
        "effort with 2 min jog between. Cool down 10 min easy. Keep cadence high and "
        "shoulders relaxed; fuel with 200 ml of drink before. Target RPE 6-7 of 10. "
        "Shorten the main set if legs are heavy from strength work."
    )
    for index in range(weeks * 7):
        event = Event()
        event.add("uid", f"workout-{index}@example.invalid")
        event.add("dtstamp", dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
        event.add("dtstart", start + dt.timedelta(days=index))
        event.add("summary", f"Easy {5 + index % 4} mi")
        event.add("description", steps)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def test_a_calendar_over_104_weeks_fits_the_body_limit_and_is_refused_by_weeks(client):
    """A 105-week export is larger than the default body limit but within the plan files' own:
    it is read, and refused for its weeks (400), not its size."""
    data = dated_calendar(105)
    assert MAX_BODY_BYTES < len(data) < PLAN_FILE_MAX_BYTES
    response = client.post("/v1/plans/solve", data=data, content_type="text/calendar")
    assert response.status_code == 400
    assert "105 weeks" in response.get_json()["detail"]


def test_over_the_body_limit_is_413_and_other_types_415_or_406(client):
    """Past 2 MiB: 413. A text/plain body: 415. Accept: image/png: 406. All problems."""
    big = client.post(
        "/v1/plans/solve", data=b"x" * (PLAN_FILE_MAX_BYTES + 1), content_type="text/calendar"
    )
    assert big.status_code == 413 and "2048 KiB" in big.get_json()["detail"]
    plain = client.post("/v1/plans/solve", data=GARMIN, content_type="text/plain")
    assert plain.status_code == 415
    png = post(client, "ics", "image/png")
    assert png.status_code == 406
    for response in (big, plain, png):
        assert response.content_type == "application/problem+json"


def test_the_openapi_document_lists_the_body_and_answer_types(client):
    """Three request body types, each with an example; three answer types."""
    operation = client.get("/openapi.json").get_json()["paths"]["/v1/plans/solve"]["post"]
    content = operation["requestBody"]["content"]
    assert set(content) == {"application/json", "text/calendar", "application/yaml"}
    assert all("example" in media for media in content.values())
    assert set(operation["responses"]["200"]["content"]) == set(ANSWERS)
    assert {"406", "413", "415", "422"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} >= {"race_date", "map", "profile"}


@pytest.mark.parametrize("media", ["application/json", "text/calendar", "application/yaml"])
def test_the_documented_examples_run(client, media):
    """Each example in the OpenAPI document solves as posted."""
    operation = client.get("/openapi.json").get_json()["paths"]["/v1/plans/solve"]["post"]
    example = operation["requestBody"]["content"][media]["example"]
    query = "?race_date=2025-03-23" if media == "application/yaml" else ""
    if media == "application/json":
        response = client.post(f"/v1/plans/solve{query}", json=example)
    elif media == "application/yaml":
        body = yaml.safe_dump(example)
        response = client.post(f"/v1/plans/solve{query}", data=body, content_type=media)
    else:
        response = client.post(f"/v1/plans/solve{query}", data=example, content_type=media)
    assert response.status_code == 200, response.get_data(as_text=True)
