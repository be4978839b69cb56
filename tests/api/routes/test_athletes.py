"""/v1/athletes: a coach's athletes, solving their week, and their history, newest first."""

from __future__ import annotations

from typing import Any

import pytest

from solver import DAYS, DEFAULT_WEIGHTS

DEFAULT_WEEK = {
    "days": {
        "tue": {"runs": [{"type": "intervals", "minutes": 60}]},
        "thu": {"runs": [{"type": "tempo", "minutes": 50}]},
        "sat": {"runs": [{"type": "long", "minutes": 120}]},
    },
    "weights": {"spread_sessions": 5},
}
MIA = {
    "name": "Mia",
    "level": "beginner",
    "phase": "build",
    "equipment": "gym",
    "default_week": DEFAULT_WEEK,
}


def create(client, headers, body: dict[str, Any] = MIA) -> dict[str, Any]:
    """POST an athlete expecting 201; the stored athlete."""
    response = client.post("/v1/athletes", json=body, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def solve(client, headers, athlete_id: int, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST the athlete's solve expecting 201; the stored plan."""
    response = client.post(f"/v1/athletes/{athlete_id}/solve", json=body, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def test_creating_an_athlete_answers_201_with_its_location(client, ana):
    """The athlete comes back with an id and Location, and GET answers the same."""
    response = client.post("/v1/athletes", json=MIA, headers=ana)
    assert response.status_code == 201
    athlete = response.get_json()
    assert response.headers["Location"] == f"/v1/athletes/{athlete['id']}"
    assert (athlete["name"], athlete["level"], athlete["phase"]) == ("Mia", "beginner", "build")
    assert athlete["default_week"]["days"]["sat"]["runs"][0]["type"] == "long"
    assert "athlete" not in athlete["default_week"]
    assert client.get(response.headers["Location"], headers=ana).get_json() == athlete


def test_an_athlete_needs_only_a_name(client, ana):
    """Level, phase, equipment and the default week all have defaults."""
    athlete = create(client, ana, {"name": "Leo"})
    assert (athlete["level"], athlete["phase"], athlete["equipment"]) == (
        "intermediate",
        None,
        "gym",
    )


def test_an_athlete_as_answered_can_be_sent_back_unchanged(client, ana):
    """GET's fields, bar the read-only ones (id, timestamps, the calendar feed's), are a valid
    PUT body that changes nothing."""
    athlete = create(client, ana)
    read_only = {"id", "created_at", "updated_at", "calendar_feed", "calendar_url"}
    body = {k: v for k, v in athlete.items() if k not in read_only}
    response = client.put(f"/v1/athletes/{athlete['id']}", json=body, headers=ana)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["default_week"] == athlete["default_week"]


def test_the_list_holds_the_coachs_athletes_by_name(client, ana):
    """GET /v1/athletes answers {"athletes": [...]} sorted by name."""
    create(client, ana, {"name": "Zoe"})
    create(client, ana)
    names = [a["name"] for a in client.get("/v1/athletes", headers=ana).get_json()["athletes"]]
    assert names == ["Mia", "Zoe"]


def test_put_replaces_the_athlete(client, ana):
    """After PUT every field is as sent, the default week included."""
    athlete = create(client, ana)
    new = {"name": "Mia R.", "level": "advanced", "equipment": "home"}
    response = client.put(f"/v1/athletes/{athlete['id']}", json=new, headers=ana)
    assert response.status_code == 200
    stored = client.get(f"/v1/athletes/{athlete['id']}", headers=ana).get_json()
    assert stored == response.get_json()
    assert (stored["name"], stored["level"], stored["phase"], stored["equipment"]) == (
        "Mia R.",
        "advanced",
        None,
        "home",
    )
    assert stored["default_week"]["days"] == {}


def test_delete_answers_204_and_takes_the_history_along(client, ana):
    """A deleted athlete is 404 afterwards, and so is their history."""
    athlete = create(client, ana)
    solve(client, ana, athlete["id"])
    assert client.delete(f"/v1/athletes/{athlete['id']}", headers=ana).status_code == 204
    assert client.get(f"/v1/athletes/{athlete['id']}", headers=ana).status_code == 404
    assert client.get(f"/v1/athletes/{athlete['id']}/history", headers=ana).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"level": "beginner"}, "name"),
        ({"name": "Mia", "level": "pro"}, "level"),
        ({"name": "Mia", "phase": "offseason"}, "phase"),
        ({"name": "Mia", "default_week": {"days": {"xyz": {}}}}, "default_week.days.xyz"),
        ({"name": "Mia", "default_week": {"weights": {"nope": 1}}}, "default_week.weights"),
        ({"name": "Mia", "default_week": {"athlete": {"level": "advanced"}}}, "default_week"),
    ],
)
def test_schema_errors_are_400_naming_the_field(client, ana, body, field):
    """Bad level, phase, week or a second athlete block are 400 with the field named."""
    response = client.post("/v1/athletes", json=body, headers=ana)
    assert response.status_code == 400
    assert [error["field"] for error in response.get_json()["errors"]] == [field]


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/v1/athletes/4242"),
        ("put", "/v1/athletes/4242"),
        ("delete", "/v1/athletes/4242"),
        ("post", "/v1/athletes/4242/solve"),
        ("get", "/v1/athletes/4242/history"),
    ],
)
def test_an_athlete_that_does_not_exist_is_404(client, ana, method, url):
    """An unknown athlete id is a 404 problem on every route."""
    response = getattr(client, method)(url, json=MIA if method == "put" else None, headers=ana)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "no athlete 4242"


def test_solving_with_no_body_solves_the_default_week_and_keeps_the_plan(client, ana):
    """An empty POST answers 201 with the plan, its Location, request and every weight."""
    athlete = create(client, ana)
    response = client.post(f"/v1/athletes/{athlete['id']}/solve", headers=ana)
    assert response.status_code == 201, response.get_data(as_text=True)
    plan = response.get_json()
    assert response.headers["Location"] == f"/v1/athletes/{athlete['id']}/history/{plan['id']}"
    assert plan["athlete"] == athlete["id"]
    assert plan["profile"] is None
    assert plan["result"]["status"] == "optimal"
    assert plan["weights"] == {**DEFAULT_WEIGHTS, "spread_sessions": 5}
    assert plan["request"]["weights"] == plan["weights"]
    assert plan["request"]["athlete"] == {
        "level": "beginner",
        "phase": "build",
        "equipment": "gym",
        "age": None,
        "strength_training_age": None,
        "avoid": [],
        "max_strength_minutes": None,
    }
    assert plan["request"]["days"]["sat"]["runs"][0]["type"] == "long"
    assert client.get(response.headers["Location"], headers=ana).get_json() == plan


def test_an_empty_json_object_solves_the_default_week_too(client, ana):
    """`{}` is the same as no body."""
    athlete = create(client, ana)
    assert solve(client, ana, athlete["id"], {})["weights"]["spread_sessions"] == 5


def test_solving_with_a_profile_stores_the_exact_weights(client, ana):
    """Profile, default-week and request weights resolve into the full map the plan keeps."""
    athlete = create(client, ana)
    profile = client.post(
        "/v1/profiles",
        json={"name": "p", "weights": {"level_fit": 0, "phase_fit": 2, "spread_sessions": 1}},
        headers=ana,
    ).get_json()
    plan = solve(
        client, ana, athlete["id"], {"profile": profile["id"], "weights": {"phase_fit": 3}}
    )
    assert plan["profile"] == profile["id"]
    # spread_sessions: the default week's 5 beats the profile's 1; phase_fit: the request's 3.
    assert plan["weights"] == {
        **DEFAULT_WEIGHTS,
        "level_fit": 0,
        "phase_fit": 3,
        "spread_sessions": 5,
    }
    penalties = {p["goal"]: p["weight"] for p in plan["result"]["penalties"]}
    assert all(plan["weights"][goal] == weight for goal, weight in penalties.items())


def test_a_request_week_overrides_the_default_one(client, ana):
    """Days and athlete sent when solving replace the default week's for this plan only."""
    athlete = create(client, ana)
    week = {
        "days": {"wed": {"runs": [{"type": "hills", "minutes": 40}]}},
        "athlete": {"level": "advanced", "equipment": "home"},
    }
    plan = solve(client, ana, athlete["id"], week)
    assert set(plan["request"]["days"]) == {"wed"}
    assert plan["request"]["athlete"]["equipment"] == "home"
    assert not any(s["needs_gym"] for d in plan["result"]["days"].values() for s in d["strength"])
    again = client.get(f"/v1/athletes/{athlete['id']}", headers=ana).get_json()
    assert set(again["default_week"]["days"]) == set(DEFAULT_WEEK["days"])


def test_a_bad_week_in_the_solve_body_is_400(client, ana):
    """The solve body is validated like a week request: errors name the field."""
    athlete = create(client, ana)
    body = {"days": {"tue": {"runs": [{"type": "easy", "minutes": 0}]}}, "weights": {"x": 1}}
    response = client.post(f"/v1/athletes/{athlete['id']}/solve", json=body, headers=ana)
    assert response.status_code == 400
    fields = {error["field"] for error in response.get_json()["errors"]}
    assert fields == {"days.tue.runs[0].minutes", "weights"}


def test_a_week_no_placement_can_keep_is_422_and_keeps_no_plan(client, ana):
    """A race every day is infeasible: 422 with the conflicts, and the plan list stays empty."""
    athlete = create(client, ana)
    races = {day: {"runs": [{"type": "race", "minutes": 30}]} for day in DAYS}
    response = client.post(f"/v1/athletes/{athlete['id']}/solve", json={"days": races}, headers=ana)
    assert response.status_code == 422
    assert response.get_json()["conflicts"]
    assert client.get(f"/v1/athletes/{athlete['id']}/history", headers=ana).get_json() == {
        "history": [],
        "next": None,
    }


def test_history_is_listed_newest_first(client, ana):
    """Three solves come back latest first under {"history": [...]}."""
    athlete = create(client, ana)
    ids = [solve(client, ana, athlete["id"])["id"] for _ in range(3)]
    response = client.get(f"/v1/athletes/{athlete['id']}/history", headers=ana)
    assert response.status_code == 200
    assert [plan["id"] for plan in response.get_json()["history"]] == ids[::-1]


def test_a_plan_of_another_athlete_is_404(client, ana):
    """A plan id is only found under the athlete it was solved for."""
    mia = create(client, ana)
    leo = create(client, ana, {"name": "Leo"})
    plan = solve(client, ana, mia["id"])
    response = client.get(f"/v1/athletes/{leo['id']}/history/{plan['id']}", headers=ana)
    assert response.status_code == 404


def test_another_coach_gets_404_on_every_athlete_route(client, ana, ben):
    """Ben cannot read, change, delete, solve or list the history of Ana's athlete: all 404."""
    athlete = create(client, ana)
    plan = solve(client, ana, athlete["id"])
    profile = client.post("/v1/profiles", json={"name": "p"}, headers=ana).get_json()
    base = f"/v1/athletes/{athlete['id']}"
    attempts = [
        ("get", base, None),
        ("put", base, MIA),
        ("delete", base, None),
        ("post", f"{base}/solve", None),
        ("post", f"{base}/solve", {"profile": profile["id"]}),
        ("get", f"{base}/history", None),
        ("get", f"{base}/history/{plan['id']}", None),
    ]
    for method, url, body in attempts:
        response = getattr(client, method)(url, json=body, headers=ben)
        assert response.status_code == 404, (method, url)
        assert response.get_json()["detail"] == f"no athlete {athlete['id']}"
    assert client.get("/v1/athletes", headers=ben).get_json() == {"athletes": [], "next": None}
    assert client.get(base, headers=ana).get_json() == athlete
    assert len(client.get(f"{base}/history", headers=ana).get_json()["history"]) == 1


def test_solving_your_athlete_with_another_coachs_profile_is_404(client, ana, ben):
    """Ben's own athlete cannot borrow Ana's profile: 404 like a missing profile, no plan kept."""
    profile = client.post("/v1/profiles", json={"name": "p"}, headers=ana).get_json()
    athlete = create(client, ben)
    url = f"/v1/athletes/{athlete['id']}/solve"
    response = client.post(url, json={"profile": profile["id"]}, headers=ben)
    assert response.status_code == 404
    assert response.get_json()["detail"] == f"no profile {profile['id']}"
    plans = client.get(f"/v1/athletes/{athlete['id']}/history", headers=ben).get_json()
    assert plans == {"history": [], "next": None}


@pytest.mark.parametrize("app_config", [{"HISTORY_LIMIT": 2}])
def test_the_history_keeps_history_limit_weeks(client, ana):
    """With HISTORY_LIMIT 2, three solves leave the two newest, and the oldest is 404."""
    athlete = create(client, ana)
    ids = [solve(client, ana, athlete["id"])["id"] for _ in range(3)]
    history = client.get(f"/v1/athletes/{athlete['id']}/history", headers=ana).get_json()
    assert [week["id"] for week in history["history"]] == [ids[2], ids[1]]
    oldest = client.get(f"/v1/athletes/{athlete['id']}/history/{ids[0]}", headers=ana)
    assert oldest.status_code == 404


def test_an_athlete_put_from_a_stale_copy_is_409(client, ana):
    """An athlete answers its version; a PUT with an older one is 409 and changes nothing."""
    created = client.post("/v1/athletes", json={"name": "Mia"}, headers=ana)
    athlete = created.get_json()
    assert athlete["version"] == 1
    url = created.headers["Location"]
    first = client.put(url, json={"name": "Mia A", "version": 1}, headers=ana)
    assert (first.status_code, first.get_json()["version"]) == (200, 2)
    second = client.put(url, json={"name": "Mia B", "version": 1}, headers=ana)
    assert second.status_code == 409
    assert second.get_json()["current_version"] == 2
    assert client.get(url, headers=ana).get_json()["name"] == "Mia A"


MODIFIERS = {
    "age": 55,
    "strength_training_age": 0.25,
    "avoid": ["jumps"],
    "max_strength_minutes": 60,
}


def test_an_athletes_modifiers_are_kept_and_solve_their_week(client, ana):
    """Age, years of lifting, movements to avoid and the strength cap are stored, answered,
    replaced by PUT, and go into the `athlete` block of every week solved for them."""
    athlete = create(client, ana, {**MIA, **MODIFIERS})
    assert {field: athlete[field] for field in MODIFIERS} == MODIFIERS

    solved = solve(client, ana, athlete["id"])
    block = solved["request"]["athlete"]
    assert {field: block[field] for field in MODIFIERS} == MODIFIERS
    sessions = [s for day in solved["result"]["days"].values() for s in day["strength"]]
    assert sum(s["minutes"] for s in sessions) <= 60
    assert all(s["leg_load"] not in ("plyometric", "heavy") for s in sessions)

    body = {**MIA, "version": athlete["version"], "age": 30}
    replaced = client.put(f"/v1/athletes/{athlete['id']}", json=body, headers=ana).get_json()
    assert (replaced["age"], replaced["avoid"], replaced["max_strength_minutes"]) == (30, [], None)
    assert solve(client, ana, athlete["id"])["request"]["athlete"].get("avoid", []) == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"age": 5}, "age"),
        ({"age": "55"}, "age"),
        ({"strength_training_age": True}, "strength_training_age"),
        ({"avoid": ["knees"]}, "avoid[0]"),
        ({"max_strength_minutes": -1}, "max_strength_minutes"),
    ],
)
def test_a_bad_modifier_is_400_naming_it(client, ana, body, field):
    """Each modifier is checked as the week's `athlete` block checks it."""
    response = client.post("/v1/athletes", json={"name": "Mia", **body}, headers=ana)
    assert response.status_code == 400
    assert [error["field"] for error in response.get_json()["errors"]] == [field]
