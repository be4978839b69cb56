"""POST /v1/weeks/compare and /v1/weeks/sensitivity, and the page at GET /, via the test client."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from api.app import create_app
from solver import DAYS, SOFT_GOALS
from solver.domain import MAX_WEIGHT

ROOT = Path(__file__).resolve().parents[3]
PROBLEM = "application/problem+json"
# The fields of a scenario file that make its week request.
WEEK_FIELDS = ("days", "athlete", "strength", "weights", "time_limit_s", "week_of")


@pytest.fixture
def client() -> FlaskClient:
    """A test client of a fresh app."""
    return create_app({"TESTING": True}).test_client()


@pytest.fixture
def hansons() -> dict[str, Any]:
    """The Hansons scenario as a request body (the scenario's own fields left out)."""
    data = json.loads((ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json").read_text())
    return {key: value for key, value in data.items() if key in ("days", "athlete", "strength")}


def text_of(client: FlaskClient, path: str) -> str:
    """The body of GET `path` as text (the response closed: static files are open files)."""
    with client.get(path) as response:
        assert response.status_code == 200, path
        return response.get_data(as_text=True)


def page_modules(client: FlaskClient) -> dict[str, str]:
    """Every ES module the page loads, by URL: main.js and what it imports, transitively."""
    modules: dict[str, str] = {}
    pending = ["/static/js/main.js"]
    while pending:
        url = pending.pop()
        if url in modules:
            continue
        modules[url] = text_of(client, url)
        for name in re.findall(r'^import [^;]*? from "\./([\w-]+\.js)";', modules[url], re.M):
            pending.append(f"/static/js/{name}")
    return modules


def closed_week() -> dict[str, Any]:
    """A week with no day open for strength: no week can exist."""
    return {"days": {day: {"available": False} for day in DAYS}}


def test_compare_returns_both_weeks_and_what_moved(client, hansons):
    """Favouring easy days takes strength off Tue and Thu; the diff says so per day and goal."""
    response = client.post(
        "/v1/weeks/compare",
        json={"request": hansons, "weights": [{}, {"strength_on_easy_days": 50}]},
    )
    assert response.status_code == 200
    body = response.get_json()
    assert [plan["status"] for plan in body["plans"]] == ["optimal", "optimal"]
    kinds = {change["day"]: change["kind"] for change in body["diff"]["days"]}
    assert kinds["tue"] == "removed" and kinds["thu"] == "removed"
    goal = next(g for g in body["diff"]["goals"] if g["goal"] == "strength_on_easy_days")
    assert goal["weights"] == [1, 50]
    assert body["diff"]["same_week"] is False


def test_compare_rejects_an_unknown_goal_with_its_place(client, hansons):
    """A typo in the second weights is a 400 problem naming weights[1] and the bad id."""
    response = client.post(
        "/v1/weeks/compare", json={"request": hansons, "weights": [{}, {"spreed_sessions": 3}]}
    )
    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    assert "weights[1]: unknown goal id(s) spreed_sessions" in response.get_json()["detail"]


@pytest.mark.parametrize(
    "extra",
    [
        {"weights": [{}]},
        {"weights": [{}, {}, {}]},
        {},
        {"weights": [{}, {}], "profiles": [1, 2]},
        {"weights": [{}, {"spread_sessions": MAX_WEIGHT + 1}]},
    ],
    ids=["one-set", "three-sets", "neither", "both", "weight-too-big"],
)
def test_compare_needs_exactly_two_valid_sets(client, hansons, extra):
    """Anything but two sets of weights (or two profiles) is a 400 problem."""
    response = client.post("/v1/weeks/compare", json={"request": hansons, **extra})
    assert response.status_code == 400
    assert response.mimetype == PROBLEM


def save_profile(client, headers, name: str, weights: dict[str, int]) -> int:
    """Save a weight profile for the coach; its id."""
    response = client.post("/v1/profiles", json={"name": name, "weights": weights}, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def test_compare_by_saved_profiles_uses_their_weights(client, hansons, ana):
    """Two of the coach's profiles compare exactly as their weights would."""
    first = save_profile(client, ana, "as is", {})
    second = save_profile(client, ana, "easy days", {"strength_on_easy_days": 50})
    by_profiles = client.post(
        "/v1/weeks/compare", json={"request": hansons, "profiles": [first, second]}, headers=ana
    )
    by_weights = client.post(
        "/v1/weeks/compare",
        json={"request": hansons, "weights": [{}, {"strength_on_easy_days": 50}]},
    )
    assert by_profiles.status_code == 200, by_profiles.get_data(as_text=True)
    assert by_profiles.get_json()["diff"] == by_weights.get_json()["diff"]


def test_compare_by_profiles_needs_the_owners_token(client, hansons, ana, ben):
    """Without a token it is 401; with another coach's token the profiles do not exist (404)."""
    first = save_profile(client, ana, "one", {})
    second = save_profile(client, ana, "two", {"spread_sessions": 9})
    body = {"request": hansons, "profiles": [first, second]}
    assert client.post("/v1/weeks/compare", json=body).status_code == 401
    assert client.post("/v1/weeks/compare", json=body, headers=ben).status_code == 404


def test_compare_of_a_week_that_cannot_exist_is_the_solve_explanation(client):
    """No week under any weights: 422 with conflicts and suggestions, as /solve answers."""
    response = client.post(
        "/v1/weeks/compare", json={"request": closed_week(), "weights": [{}, {}]}
    )
    assert response.status_code == 422
    body = response.get_json()
    assert body["conflicts"] and body["suggestions"]
    solved = client.post("/v1/weeks/solve", json=closed_week())
    assert solved.status_code == 422
    assert body["conflicts"] == solved.get_json()["conflicts"]


def test_sensitivity_gives_a_range_per_goal(client, hansons):
    """Every soft goal gets a range around its weight; easy days keeps the week up to 3."""
    response = client.post("/v1/weeks/sensitivity", json={"request": hansons})
    assert response.status_code == 200
    body = response.get_json()
    assert [g["goal"] for g in body["goals"]] == list(SOFT_GOALS)
    for goal in body["goals"]:
        assert goal["low"] <= goal["weight"] <= goal["high"]
    easy = next(g for g in body["goals"] if g["goal"] == "strength_on_easy_days")
    assert (easy["low"], easy["high"], easy["below"]) == (0, 2, None)
    assert easy["above"]["weight"] == 3


def test_sensitivity_lays_the_given_weights_over_the_request(client, hansons):
    """Weights sent beside the request are the ones the ranges are measured around."""
    response = client.post(
        "/v1/weeks/sensitivity", json={"request": hansons, "weights": {"strength_on_easy_days": 9}}
    )
    assert response.status_code == 200
    easy = next(g for g in response.get_json()["goals"] if g["goal"] == "strength_on_easy_days")
    assert easy["weight"] == 9
    assert easy["low"] <= 9 <= easy["high"]
    assert not easy["low"] <= 1 <= easy["high"], "measured around 9, not the default 1"


def test_sensitivity_rejects_unknown_goals(client, hansons):
    """An unknown goal id in the weights is a 400 problem that names it."""
    response = client.post(
        "/v1/weeks/sensitivity", json={"request": hansons, "weights": {"nope": 1}}
    )
    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    assert "unknown goal id(s) nope" in response.get_json()["detail"]


def test_sensitivity_of_a_week_that_cannot_exist_is_the_solve_explanation(client):
    """No week: 422 with the conflicting rules, not an empty list of ranges."""
    response = client.post("/v1/weeks/sensitivity", json={"request": closed_week()})
    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    assert response.get_json()["conflicts"]


def test_both_endpoints_are_in_the_openapi_document(client):
    """Compare and sensitivity are documented with their request and response schemas."""
    paths = client.get("/openapi.json").get_json()["paths"]
    assert "requestBody" in paths["/v1/weeks/compare"]["post"]
    assert "200" in paths["/v1/weeks/sensitivity"]["post"]["responses"]


def test_the_page_is_served_with_its_own_assets_and_nothing_external(client):
    """GET / is HTML that loads its CSS and JS from /static, and no file names another host."""
    page = client.get("/")
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert sorted(assets) == ["/static/js/main.js", "/static/tuning.css"]
    assert '<script type="module" src="/static/js/main.js">' in html
    texts = [html, text_of(client, "/static/tuning.css"), *page_modules(client).values()]
    for text in texts:
        assert not re.search(r"https?://", text)


def test_the_page_uses_only_endpoints_the_app_serves_or_that_may_be_absent(client):
    """Every URL the page's modules call is routed, except the optional ones it degrades without."""
    script = "\n".join(page_modules(client).values())
    called = set(re.findall(r'"(/openapi\.json|/v1/[a-z/]+)"', script))
    routes = {rule.rule for rule in client.application.url_map.iter_rules()}
    optional = {"/v1/scenarios", "/v1/profiles"}
    assert {"/openapi.json", "/v1/rules", "/v1/weeks/solve", "/v1/weeks/sensitivity"} <= called
    assert called - optional <= routes


def test_sensitivity_over_the_solving_budget_is_a_422_saying_what_to_send(
    private_database, make_app, hansons
):
    """With a budget of 5 solves the Hansons week is a 422 problem naming the budget and
    `goals`; asking for one goal then fits."""
    client = make_app({"TESTING": True, "SOLVE_BUDGET_SOLVES": 5}).test_client()
    response = client.post("/v1/weeks/sensitivity", json={"request": hansons})
    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["type"] == "urn:trainweek:problem:over-solving-budget"
    assert "more than 5 solves" in body["detail"] and "`goals`" in body["detail"]
    assert body["budget"] == {"solves": 5, "seconds": 10.0}
    one_goal = {"request": hansons, "goals": ["spread_sessions"]}
    answered = client.post("/v1/weeks/sensitivity", json=one_goal)
    assert answered.status_code == 200
    assert [g["goal"] for g in answered.get_json()["goals"]] == ["spread_sessions"]


def test_sensitivity_goals_must_be_known_and_not_empty(client, hansons):
    """`goals` takes goal ids, at least one: else a 400 naming the field."""
    for goals in ([], ["nope"]):
        response = client.post("/v1/weeks/sensitivity", json={"request": hansons, "goals": goals})
        assert response.status_code == 400
        assert response.get_json()["errors"][0]["field"].startswith("goals")


def test_compare_that_could_run_past_the_budget_is_refused_before_solving(client, hansons):
    """Two solves of time_limit_s 6 could take 12 s, over the default 10: a 422 that says the
    largest time_limit_s that fits; 5 fits."""
    request = {**hansons, "time_limit_s": 6}
    response = client.post("/v1/weeks/compare", json={"request": request, "weights": [{}, {}]})
    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["type"] == "urn:trainweek:problem:over-solving-budget"
    assert "send time_limit_s of at most 5" in body["detail"]
    request["time_limit_s"] = 5
    fits = client.post("/v1/weeks/compare", json={"request": request, "weights": [{}, {}]})
    assert fits.status_code == 200


@pytest.mark.slow
def test_every_scenario_maps_its_weights_within_the_default_budget(client):
    """Sensitivity of each scenario in scenarios/ answers 200 (422 with the conflicts when the
    scenario has no week), never over the budget."""
    for path in sorted((ROOT / "scenarios").glob("*.json")):
        data = json.loads(path.read_text())
        request = {key: value for key, value in data.items() if key in WEEK_FIELDS}
        response = client.post("/v1/weeks/sensitivity", json={"request": request})
        expected = 422 if data["expect"]["status"] == "infeasible" else 200
        assert response.status_code == expected, (path.name, response.get_json())
        if expected == 422:
            assert response.get_json()["type"] == "urn:trainweek:problem:infeasible-week"
