"""/v1/profiles, and POST /v1/weeks/solve with a profile: a coach's own weights, nobody else's."""

from __future__ import annotations

from typing import Any

import pytest

from api.services.errors import NotAuthenticated
from api.services.profiles import saved_weights
from api.storage import NotFound
from api.store import EXTENSION
from solver import DEFAULT_WEIGHTS, SOFT_GOALS

MARATHON = {
    "name": "marathon",
    "description": "Hard days hard.",
    "weights": {"strength_on_hard_days": 9, "strength_on_easy_days": 0},
}


def create(client, headers, body: dict[str, Any] = MARATHON) -> dict[str, Any]:
    """POST a profile expecting 201; the stored profile."""
    response = client.post("/v1/profiles", json=body, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def test_creating_a_profile_answers_201_with_its_location(client, ana):
    """The new profile comes back with an id, and Location points at it."""
    response = client.post("/v1/profiles", json=MARATHON, headers=ana)
    assert response.status_code == 201
    profile = response.get_json()
    assert response.headers["Location"] == f"/v1/profiles/{profile['id']}"
    assert {key: profile[key] for key in MARATHON} == MARATHON
    assert client.get(response.headers["Location"], headers=ana).get_json() == profile


def test_the_list_holds_the_coachs_profiles_by_name(client, ana):
    """GET /v1/profiles answers {"profiles": [...]} sorted by name."""
    create(client, ana, {"name": "trail"})
    create(client, ana, MARATHON)
    response = client.get("/v1/profiles", headers=ana)
    assert response.status_code == 200
    assert [p["name"] for p in response.get_json()["profiles"]] == ["marathon", "trail"]


def test_an_empty_list_is_still_an_object(client, ana):
    """A coach with no profiles gets {"profiles": []}."""
    assert client.get("/v1/profiles", headers=ana).get_json() == {"profiles": [], "next": None}


def test_put_replaces_the_profile(client, ana):
    """After PUT every field is as sent and GET agrees."""
    profile = create(client, ana)
    new = {"name": "marathon 2", "weights": {"spread_sessions": 0}}
    response = client.put(f"/v1/profiles/{profile['id']}", json=new, headers=ana)
    assert response.status_code == 200
    stored = client.get(f"/v1/profiles/{profile['id']}", headers=ana).get_json()
    assert stored == response.get_json()
    assert (stored["name"], stored["description"], stored["weights"]) == (
        "marathon 2",
        "",
        {"spread_sessions": 0},
    )


def test_delete_answers_204_and_the_profile_is_gone(client, ana):
    """A deleted profile is 404 afterwards, and deleting it again is 404 too."""
    profile = create(client, ana)
    url = f"/v1/profiles/{profile['id']}"
    response = client.delete(url, headers=ana)
    assert response.status_code == 204
    assert response.get_data() == b""
    assert client.get(url, headers=ana).status_code == 404
    assert client.delete(url, headers=ana).status_code == 404


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_a_profile_that_does_not_exist_is_404(client, ana, method):
    """An unknown id is a 404 problem."""
    response = getattr(client, method)("/v1/profiles/4242", json=MARATHON, headers=ana)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "no profile 4242"


def test_a_second_profile_with_the_same_name_is_409(client, ana):
    """Creating a profile under a taken name is a 409 problem and stores nothing."""
    create(client, ana)
    response = client.post("/v1/profiles", json={"name": "marathon"}, headers=ana)
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert "marathon" in response.get_json()["detail"]
    assert len(client.get("/v1/profiles", headers=ana).get_json()["profiles"]) == 1


def test_renaming_onto_a_taken_name_is_409(client, ana):
    """PUT with another profile's name is 409 and the profile keeps its own name."""
    create(client, ana)
    trail = create(client, ana, {"name": "trail"})
    response = client.put(f"/v1/profiles/{trail['id']}", json={"name": "marathon"}, headers=ana)
    assert response.status_code == 409
    assert client.get(f"/v1/profiles/{trail['id']}", headers=ana).get_json()["name"] == "trail"


def test_an_unknown_goal_id_is_400_naming_the_known_ones(client, ana):
    """A weight for a goal that does not exist is refused, listing every goal that does."""
    body = {"name": "x", "weights": {"more_squats": 3}}
    response = client.post("/v1/profiles", json=body, headers=ana)
    assert response.status_code == 400
    (error,) = response.get_json()["errors"]
    assert error["field"] == "weights"
    assert error["message"].startswith("unknown goal id(s) more_squats; known: ")
    assert all(goal in error["message"] for goal in SOFT_GOALS)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"weights": {}}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x", "weights": {"spread_sessions": 1001}}, "weights.spread_sessions"),
        ({"name": "x", "weights": {"spread_sessions": -1}}, "weights.spread_sessions"),
        ({"name": "x", "colour": "red"}, "colour"),
    ],
)
def test_schema_errors_are_400_naming_the_field(client, ana, body, field):
    """Missing name, weights out of 0..1000 and unknown fields are 400 with the field named."""
    response = client.post("/v1/profiles", json=body, headers=ana)
    assert response.status_code == 400
    assert [error["field"] for error in response.get_json()["errors"]] == [field]


def test_another_coach_gets_404_on_every_profile_route(client, ana, ben):
    """Ben cannot read, change or delete Ana's profile: each is 404 exactly like a missing id."""
    profile = create(client, ana)
    for method in ("get", "put", "delete"):
        theirs = getattr(client, method)(
            f"/v1/profiles/{profile['id']}", json=MARATHON, headers=ben
        )
        missing = getattr(client, method)("/v1/profiles/4242", json=MARATHON, headers=ben)
        assert theirs.status_code == missing.status_code == 404
        assert theirs.get_json()["detail"].replace(str(profile["id"]), "N") == missing.get_json()[
            "detail"
        ].replace("4242", "N")
    assert client.get("/v1/profiles", headers=ben).get_json() == {"profiles": [], "next": None}
    assert client.get(f"/v1/profiles/{profile['id']}", headers=ana).get_json() == profile


SATURDAY_LONG_RUN = {"days": {"sat": {"runs": [{"type": "long", "minutes": 120}]}}}


def penalty_weights(week: dict[str, Any]) -> dict[str, int]:
    """Goal id -> weight, from a solved week's penalties."""
    return {penalty["goal"]: penalty["weight"] for penalty in week["penalties"]}


def test_solving_with_a_profile_uses_its_weights_and_the_requests_on_top(client, ana):
    """The profile's weights replace the defaults; the request's weights override the profile."""
    weights = {"keep_recovery_days_easy": 77, "strength_on_hard_days": 55}
    profile = create(client, ana, {"name": "p", "weights": weights})
    # No runs at all: every session lands on a rest day without a key run, so both goals count.
    body = {"days": {}, "profile": profile["id"], "weights": {"strength_on_hard_days": 66}}
    response = client.post("/v1/weeks/solve", json=body, headers=ana)
    assert response.status_code == 200, response.get_data(as_text=True)
    weights = penalty_weights(response.get_json())
    assert weights["keep_recovery_days_easy"] == 77
    assert weights["strength_on_hard_days"] == 66


def test_solving_with_a_profile_gives_another_week_than_without(client, ana):
    """A profile that makes strength on hard days matter moves the week (it is really applied)."""
    week = {
        "days": {
            "tue": {"runs": [{"type": "intervals", "minutes": 60}]},
            "thu": {"runs": [{"type": "tempo", "minutes": 50}]},
            "sat": {"runs": [{"type": "long", "minutes": 120}]},
        }
    }
    plain = client.post("/v1/weeks/solve", json=week).get_json()
    easy_days = create(
        client,
        ana,
        {"name": "easy days", "weights": {"strength_on_easy_days": 50, "strength_on_hard_days": 0}},
    )
    profiled = client.post(
        "/v1/weeks/solve", json={**week, "profile": easy_days["id"]}, headers=ana
    ).get_json()
    assert plain["days"] != profiled["days"]
    assert penalty_weights(profiled).get("strength_on_easy_days", 50) == 50


def test_solving_without_a_profile_needs_no_token(client):
    """A plain week request stays open to anyone."""
    assert client.post("/v1/weeks/solve", json=SATURDAY_LONG_RUN).status_code == 200


def test_solving_with_a_profile_but_no_token_is_401(client, ana):
    """A profile id without the owner's token is 401 with a Bearer challenge."""
    profile = create(client, ana)
    response = client.post("/v1/weeks/solve", json={**SATURDAY_LONG_RUN, "profile": profile["id"]})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_solving_with_another_coachs_profile_is_404(client, ana, ben):
    """Ben cannot solve with Ana's profile: 404 exactly like a profile that does not exist."""
    profile = create(client, ana)
    theirs = client.post(
        "/v1/weeks/solve", json={**SATURDAY_LONG_RUN, "profile": profile["id"]}, headers=ben
    )
    missing = client.post(
        "/v1/weeks/solve", json={**SATURDAY_LONG_RUN, "profile": 4242}, headers=ben
    )
    assert theirs.status_code == missing.status_code == 404
    assert theirs.get_json()["detail"] == f"no profile {profile['id']}"


def test_the_default_weights_are_what_a_profile_starts_from(client, ana):
    """An empty profile solves exactly like no profile at all."""
    profile = create(client, ana, {"name": "empty"})
    plain = client.post("/v1/weeks/solve", json=SATURDAY_LONG_RUN).get_json()
    profiled = client.post(
        "/v1/weeks/solve", json={**SATURDAY_LONG_RUN, "profile": profile["id"]}, headers=ana
    ).get_json()
    assert plain["days"] == profiled["days"]
    assert plain["objective"] == profiled["objective"]
    assert set(penalty_weights(profiled)) <= set(DEFAULT_WEIGHTS)


def test_saved_weights_gives_the_owner_the_full_map_and_no_one_else(app, client, ana, ben):
    """The helper other endpoints use resolves the owner's profile and refuses anyone else."""
    profile = create(client, ana)
    db = app.extensions[EXTENSION]
    ana_token = ana["Authorization"].removeprefix("Bearer ")
    ben_token = ben["Authorization"].removeprefix("Bearer ")
    assert saved_weights(db, ana_token, profile["id"]) == {**DEFAULT_WEIGHTS, **MARATHON["weights"]}
    with pytest.raises(NotFound):
        saved_weights(db, ben_token, profile["id"])
    with pytest.raises(NotAuthenticated):
        saved_weights(db, None, profile["id"])


def test_a_profile_answers_its_version_and_each_change_bumps_it(client, ana):
    """A new profile is version 1; a PUT answers version 2; a PUT changing nothing keeps it."""
    profile = create(client, ana)
    assert profile["version"] == 1
    url = f"/v1/profiles/{profile['id']}"
    changed = client.put(url, json={"name": "trail"}, headers=ana).get_json()
    assert changed["version"] == 2
    same = client.put(url, json={"name": "trail"}, headers=ana).get_json()
    assert same["version"] == 2


def test_a_put_from_a_stale_copy_is_409_and_changes_nothing(client, ana):
    """Tab B sends the version it read after tab A changed the profile: 409 with the current
    version, and A's change stays."""
    profile = create(client, ana)
    url = f"/v1/profiles/{profile['id']}"
    first = client.put(url, json={"name": "tab a", "version": 1}, headers=ana)
    assert first.status_code == 200
    second = client.put(url, json={"name": "tab b", "version": 1}, headers=ana)
    assert second.status_code == 409
    assert second.mimetype == "application/problem+json"
    assert second.get_json()["current_version"] == 2
    assert client.get(url, headers=ana).get_json()["name"] == "tab a"


@pytest.mark.parametrize("version", ["1", True, 1.5, 0])
def test_a_version_that_is_not_a_whole_number_from_1_is_400(client, ana, version):
    """`version` is a strict integer of at least 1."""
    profile = create(client, ana)
    response = client.put(
        f"/v1/profiles/{profile['id']}", json={"name": "x", "version": version}, headers=ana
    )
    assert response.status_code == 400
    assert [error["field"] for error in response.get_json()["errors"]] == ["version"]
