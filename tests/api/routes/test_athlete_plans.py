"""/v1/athletes/<id>/plan: a coach stores an athlete's training plan, reads it, replaces it
(versioned), deletes it, and solves it with a weight profile as JSON, iCalendar or HTML."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.routes.test_athletes import MIA, create
from tests.api.routes.test_plan_files import FRR, FRR_RACE_DATE, GARMIN

TWO_WEEKS = {
    "start": "2027-03-01",
    "weeks": [
        {"days": {"tue": {"runs": [{"type": "intervals", "minutes": 50}]}}},
        {"days": {"sun": {"runs": [{"type": "race", "minutes": 50, "distance": "10k"}]}}},
    ],
}


def put_plan(client, headers, athlete_id: int, body: dict[str, Any] = TWO_WEEKS):
    """PUT the athlete's plan; the response."""
    return client.put(f"/v1/athletes/{athlete_id}/plan", json=body, headers=headers)


def test_put_get_replace_and_delete_a_plan(client, ana):
    """201 then 200 with a new version; GET reads it back; DELETE is 204, then GET is 404."""
    athlete = create(client, ana)["id"]
    created = put_plan(client, ana, athlete)
    assert created.status_code == 201
    assert created.headers["Location"].endswith(f"/v1/athletes/{athlete}/plan")
    first = created.get_json()
    assert first["plan"]["start"] == "2027-03-01" and len(first["plan"]["weeks"]) == 2
    read = client.get(f"/v1/athletes/{athlete}/plan", headers=ana)
    assert read.status_code == 200 and read.get_json() == first
    longer = {**TWO_WEEKS, "weeks": [*TWO_WEEKS["weeks"], {}]}
    replaced = put_plan(client, ana, athlete, {**longer, "version": first["version"]})
    assert replaced.status_code == 200
    assert replaced.get_json()["version"] == first["version"] + 1
    assert len(replaced.get_json()["plan"]["weeks"]) == 3
    assert client.delete(f"/v1/athletes/{athlete}/plan", headers=ana).status_code == 204
    assert client.get(f"/v1/athletes/{athlete}/plan", headers=ana).status_code == 404
    assert client.delete(f"/v1/athletes/{athlete}/plan", headers=ana).status_code == 404


def test_a_put_from_a_stale_copy_is_409_and_changes_nothing(client, ana):
    """Two coaches' tabs: the second write sends the version it read, now old."""
    athlete = create(client, ana)["id"]
    version = put_plan(client, ana, athlete).get_json()["version"]
    assert put_plan(client, ana, athlete, {**TWO_WEEKS, "version": version}).status_code == 200
    stale = put_plan(client, ana, athlete, {**TWO_WEEKS, "weeks": [{}], "version": version})
    assert stale.status_code == 409
    assert stale.get_json()["current_version"] == version + 1
    stored = client.get(f"/v1/athletes/{athlete}/plan", headers=ana).get_json()
    assert len(stored["plan"]["weeks"]) == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**TWO_WEEKS, "start": "2027-03-02"}, "start"),
        ({**TWO_WEEKS, "weeks": []}, "weeks"),
        ({**TWO_WEEKS, "colour": "red"}, "colour"),
    ],
)
def test_a_bad_plan_is_400_naming_the_field_and_nothing_is_stored(client, ana, body, field):
    """The plan is validated as a plan request; a bad one is never stored."""
    athlete = create(client, ana)["id"]
    response = put_plan(client, ana, athlete, body)
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    assert any(error["field"].startswith(field) for error in response.get_json()["errors"])
    assert client.get(f"/v1/athletes/{athlete}/plan", headers=ana).status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("put", "/v1/athletes/{id}/plan"),
        ("get", "/v1/athletes/{id}/plan"),
        ("delete", "/v1/athletes/{id}/plan"),
        ("post", "/v1/athletes/{id}/plan/solve"),
    ],
)
def test_plan_routes_need_a_token_and_your_own_athlete(client, ana, ben, method, url):
    """No token: 401. Another coach's athlete: 404, and Ana's plan is untouched."""
    athlete = create(client, ana)["id"]
    put_plan(client, ana, athlete)
    path = url.format(id=athlete)
    body = {"json": TWO_WEEKS} if method == "put" else {}
    assert getattr(client, method)(path, **body).status_code == 401
    assert getattr(client, method)(path, headers=ben, **body).status_code == 404
    assert client.get(f"/v1/athletes/{athlete}/plan", headers=ana).status_code == 200


def test_solving_the_stored_plan_with_a_profile_applies_its_weights(client, ana):
    """The profile's weights weigh the solve (the plan's own on top); nothing is stored."""
    athlete = create(client, ana)["id"]
    put_plan(client, ana, athlete, {**TWO_WEEKS, "weights": {"routine": 2}})
    profile = client.post(
        "/v1/profiles",
        json={"name": "p", "weights": {"routine": 9, "strength_on_hard_days": 0}},
        headers=ana,
    ).get_json()["id"]
    plain = client.post(f"/v1/athletes/{athlete}/plan/solve", headers=ana)
    weighed = client.post(f"/v1/athletes/{athlete}/plan/solve?profile={profile}", headers=ana)
    assert plain.status_code == weighed.status_code == 200
    assert any(p["goal"] == "strength_on_hard_days" for p in plain.get_json()["penalties"])
    penalties = {p["goal"]: p["weight"] for p in weighed.get_json()["penalties"]}
    assert "strength_on_hard_days" not in penalties
    assert penalties.get("routine", 2) == 2
    history = client.get(f"/v1/athletes/{athlete}/history", headers=ana).get_json()
    assert history["history"] == []


def test_a_stored_plan_without_athlete_is_solved_for_the_athletes_level(client, ana):
    """Mia is a home athlete here: no gym session anywhere in her plan."""
    athlete = create(client, ana, {**MIA, "equipment": "home"})["id"]
    put_plan(client, ana, athlete)
    result = client.post(f"/v1/athletes/{athlete}/plan/solve", headers=ana).get_json()
    assert all(not s["needs_gym"] for day in result["days"] for s in day["strength"])
    assert any(day["strength"] for day in result["days"])


def test_the_stored_plan_solves_as_a_calendar_or_html_and_406_otherwise(client, ana):
    """Accept picks iCalendar (stable strength UIDs) or HTML; anything else is 406."""
    athlete = create(client, ana)["id"]
    put_plan(client, ana, athlete)
    url = f"/v1/athletes/{athlete}/plan/solve"
    ics = client.post(url, headers={**ana, "Accept": "text/calendar"})
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    again = client.post(url, headers={**ana, "Accept": "text/calendar"})
    uids = [
        line for line in ics.get_data(as_text=True).splitlines() if "strength.trainweek" in line
    ]
    assert uids and uids == [
        line for line in again.get_data(as_text=True).splitlines() if "strength.trainweek" in line
    ]
    html = client.post(url, headers={**ana, "Accept": "text/html"})
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert "'sha256-" in html.headers["Content-Security-Policy"]
    assert client.post(url, headers={**ana, "Accept": "image/png"}).status_code == 406


def test_solving_an_athlete_with_no_plan_is_404(client, ana):
    """Nothing stored: 404 naming it."""
    athlete = create(client, ana)["id"]
    response = client.post(f"/v1/athletes/{athlete}/plan/solve", headers=ana)
    assert response.status_code == 404 and "no plan stored" in response.get_json()["detail"]


def test_deleting_the_athlete_deletes_the_plan(client, ana):
    """The plan goes with its athlete."""
    athlete = create(client, ana)["id"]
    put_plan(client, ana, athlete)
    assert client.delete(f"/v1/athletes/{athlete}", headers=ana).status_code == 204
    assert client.get(f"/v1/athletes/{athlete}/plan", headers=ana).status_code == 404


def test_a_calendar_export_is_stored_as_the_plan_it_reads_as_and_solves(client, ana):
    """PUT text/calendar: stored as plan JSON (the race day the goal race), the events left
    out listed; the stored plan solves like the file does at /v1/plans/solve."""
    athlete = create(client, ana)["id"]
    stored = client.put(
        f"/v1/athletes/{athlete}/plan",
        data=GARMIN,
        content_type="text/calendar",
        headers=ana,
    )
    assert stored.status_code == 201, stored.get_data(as_text=True)
    answer = stored.get_json()
    assert answer["plan"]["goal_race"]["distance"] == "half"
    assert (
        answer["unclassified"]
        == client.post("/v1/plans/solve", data=GARMIN, content_type="text/calendar").get_json()[
            "unclassified"
        ]
    )
    read = client.get(f"/v1/athletes/{athlete}/plan", headers=ana).get_json()
    assert read["plan"] == answer["plan"] and read["unclassified"] == []
    solved = client.post(f"/v1/athletes/{athlete}/plan/solve", headers=ana)
    assert solved.status_code == 200 and solved.get_json()["status"] == "optimal"


def test_a_calendar_hack_yaml_plan_needs_its_race_date(client, ana):
    """PUT application/yaml: without race_date a 400 saying so and nothing stored; with it,
    the plan ends on the race date."""
    athlete = create(client, ana)["id"]
    url = f"/v1/athletes/{athlete}/plan"
    refused = client.put(url, data=FRR, content_type="application/yaml", headers=ana)
    assert refused.status_code == 400 and "race date" in refused.get_json()["detail"]
    assert client.get(url, headers=ana).status_code == 404
    stored = client.put(
        f"{url}?race_date={FRR_RACE_DATE}", data=FRR, content_type="application/yaml", headers=ana
    )
    assert stored.status_code == 201
    assert stored.get_json()["plan"]["goal_race"] == {"date": FRR_RACE_DATE, "distance": "5k"}


def test_a_plan_file_of_another_type_is_415(client, ana):
    """Only the three plan file types are read."""
    athlete = create(client, ana)["id"]
    response = client.put(
        f"/v1/athletes/{athlete}/plan", data=b"x", content_type="text/plain", headers=ana
    )
    assert response.status_code == 415


def test_a_stored_plan_without_athlete_keeps_the_athletes_modifiers(client, ana):
    """Mia avoids jumps and caps strength at 40 minutes a week: her plan has no plyometrics and
    no week above 40 minutes; without them it has both."""
    capped = create(client, ana, {**MIA, "avoid": ["jumps"], "max_strength_minutes": 40})["id"]
    free = create(client, ana, {**MIA, "level": "advanced", "name": "Leo"})["id"]
    long_plan = {
        "start": "2027-03-01",
        "weeks": [{"days": {"mon": {"runs": [{"type": "easy", "minutes": 30}]}}}] * 3,
    }
    solved = {}
    for athlete in (capped, free):
        put_plan(client, ana, athlete, long_plan)
        solved[athlete] = client.post(f"/v1/athletes/{athlete}/plan/solve", headers=ana).get_json()

    def weeks(result: dict[str, Any]) -> list[list[dict[str, Any]]]:
        days = result["days"]
        return [[s for day in days[i : i + 7] for s in day["strength"]] for i in (0, 7, 14)]

    assert all(sum(s["minutes"] for s in week) <= 40 for week in weeks(solved[capped]))
    assert all(s["leg_load"] != "plyometric" for week in weeks(solved[capped]) for s in week)
    assert any(sum(s["minutes"] for s in week) > 40 for week in weeks(solved[free]))
