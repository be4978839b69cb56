"""The scenario endpoints, through Flask's test client: list, fetch, solve, and their errors."""

from __future__ import annotations

import json
import shutil

import pytest

from api.app import create_app
from solver import DEFAULT_WEIGHTS, evaluate
from solver.library import library_dir, load_library

PROBLEM = "application/problem+json"


@pytest.fixture
def scenario_client():
    """A test client of the app serving the repository's scenario library."""
    return create_app({"TESTING": True}).test_client()


def test_the_list_names_every_scenario_with_its_source_and_every_preset(scenario_client):
    """GET /v1/scenarios lists the whole library and the presets to solve it under."""
    response = scenario_client.get("/v1/scenarios")
    assert response.status_code == 200
    body = response.get_json()
    assert [s["name"] for s in body["scenarios"]] == list(load_library()[0])
    hansons = next(s for s in body["scenarios"] if s["name"] == "hansons-beginner-10-weeks-out")
    assert hansons["source"].startswith("Hansons Marathon Method")
    assert hansons["expected_status"] == "optimal"
    presets = {p["name"]: p for p in body["presets"]}
    assert set(presets) == set(load_library()[1])
    assert presets["default"]["weights"] == DEFAULT_WEIGHTS


def test_one_scenario_comes_with_its_week_and_expectations(scenario_client):
    """GET /v1/scenarios/<name> answers the request and the expect block as stored."""
    response = scenario_client.get("/v1/scenarios/coach-sample-week")
    assert response.status_code == 200
    body = response.get_json()
    assert body["name"] == "coach-sample-week"
    assert body["request"]["days"]["tue"]["runs"][0]["type"] == "intervals"
    assert body["expect"]["must"][0]["presets"] == ["hard-days-hard"]


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", "/v1/scenarios/no-such-week"), ("post", "/v1/scenarios/no-such-week/solve")],
)
def test_an_unknown_scenario_is_a_404_problem(scenario_client, method, url):
    """An unknown name answers problem+json saying where the names are listed."""
    response = getattr(scenario_client, method)(url, json={})
    assert response.status_code == 404
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["type"] == "urn:trainweek:problem:unknown-scenario"
    assert "no-such-week" in body["detail"] and "GET /v1/scenarios" in body["detail"]


def test_solving_a_scenario_as_written_checks_its_expectations(scenario_client):
    """An empty body solves with the scenario's own weights; the week passes the checker."""
    response = scenario_client.post("/v1/scenarios/hansons-beginner-10-weeks-out/solve", json={})
    assert response.status_code == 200
    body = response.get_json()
    assert body["preset"] is None
    assert body["expectations_met"] is True and body["failures"] == []
    assert body["weights"] == DEFAULT_WEIGHTS
    request = load_library()[0]["hansons-beginner-10-weeks-out"].request
    plan = {day: [s["session"] for s in d["strength"]] for day, d in body["result"]["days"].items()}
    assert evaluate(request, plan).objective == body["result"]["objective"]


def test_a_preset_changes_the_week_and_its_scoped_facts_are_checked(scenario_client):
    """Under strength-on-easy-days Higdon's own Mon/Wed placement comes back, as asserted."""
    url = "/v1/scenarios/higdon-half-advanced-week-01/solve"
    default = scenario_client.post(url, json={}).get_json()
    easy_days = scenario_client.post(url, json={"preset": "strength-on-easy-days"}).get_json()
    assert easy_days["preset"] == "strength-on-easy-days"
    assert easy_days["expectations_met"] is True
    assert easy_days["weights"]["strength_on_easy_days"] == 8
    placed = [day for day, d in easy_days["result"]["days"].items() if d["strength"]]
    assert placed == ["mon", "wed"]
    assert easy_days["result"]["days"] != default["result"]["days"]


def test_weights_of_your_own_go_over_the_scenarios(scenario_client):
    """Custom weights replace only the goals named; an expectation they break is reported."""
    url = "/v1/scenarios/nhs-couch-to-5k-week-01/solve"
    body = {"weights": {"keep_recovery_days_easy": 0, "strength_on_hard_days": 0, "level_fit": 0}}
    answer = scenario_client.post(url, json=body).get_json()
    assert answer["weights"]["level_fit"] == 0
    assert answer["weights"]["spread_sessions"] == DEFAULT_WEIGHTS["spread_sessions"]
    assert answer["result"]["status"] == "optimal"
    # With level_fit off a beginner gets heavy legs, which the scenario says never to do.
    assert answer["expectations_met"] is False
    assert any("beginner" in failure for failure in answer["failures"])


def test_an_infeasible_scenario_answers_200_with_its_conflicts(scenario_client):
    """A week built to have no solution is the expected answer, not an error."""
    response = scenario_client.post(
        "/v1/scenarios/infeasible-three-sessions-two-days/solve", json={}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["result"]["status"] == "infeasible"
    assert {c["rule"] for c in body["result"]["conflicts"]} >= {
        "session_count",
        "fits_availability",
    }
    assert body["expectations_met"] is True


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"preset": "no-such-preset"}, "preset", "unknown preset 'no-such-preset'"),
        ({"weights": {"spred_sessions": 1}}, "weights", "unknown goal id(s) spred_sessions"),
        ({"weights": {"spread_sessions": -1}}, "weights.spread_sessions", "greater than or equal"),
        ({"weights": {"spread_sessions": 1}, "preset": "default"}, "body", "not both"),
        ({"weight": {}}, "weight", "Extra inputs are not permitted"),
    ],
)
def test_a_bad_solve_body_is_a_400_naming_the_field(scenario_client, body, field, message):
    """Unknown presets and goal ids, weights out of range, or both at once: 400 problem+json."""
    response = scenario_client.post("/v1/scenarios/coach-sample-week/solve", json=body)
    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    errors = response.get_json()["errors"]
    assert errors[0]["field"] == field
    assert message in errors[0]["message"]


def test_the_app_can_serve_another_scenario_folder(tmp_path):
    """SCENARIO_DIR points the endpoints at a folder of one's own (with its presets)."""
    shutil.copy(library_dir() / "coach-sample-week.json", tmp_path)
    shutil.copytree(library_dir() / "presets", tmp_path / "presets")
    client = create_app({"TESTING": True, "SCENARIO_DIR": str(tmp_path)}).test_client()
    names = [s["name"] for s in client.get("/v1/scenarios").get_json()["scenarios"]]
    assert names == ["coach-sample-week"]


def test_the_endpoints_are_in_the_openapi_document(scenario_client):
    """The three routes are documented, with the 404 problem on the two that take a name."""
    paths = json.loads(scenario_client.get("/openapi.json").data)["paths"]
    assert "/v1/scenarios" in paths
    assert "404" in paths["/v1/scenarios/{name}"]["get"]["responses"]
    assert "404" in paths["/v1/scenarios/{name}/solve"]["post"]["responses"]
