"""POST /v1/weeks/solve and POST /v1/weeks/evaluate."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.store import EXTENSION
from solver import DAYS, SOFT_GOALS
from tests.helpers import runs, solve_checked

PROBLEM = "application/problem+json"
NO_DAY_AVAILABLE = {"days": {day: {"available": False} for day in DAYS}}
KEY_RUNS = ("long", "race", "intervals", "tempo")


def test_solve_returns_the_optimal_week_keyed_mon_to_sun(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """The Hansons week comes back optimal, days in order, each session with its catalogue facts."""
    week = solve_checked(client, hansons_body)
    assert week["status"] == "optimal"
    assert week["objective"] == week["best_bound"]
    assert list(week["days"]) == list(DAYS)
    placed = [s for day in week["days"].values() for s in day["strength"]]
    assert 1 <= len(placed) <= 3
    for session in placed:
        assert {"session", "name", "leg_load", "minutes", "exercises"} <= set(session)
    assert week["days"]["tue"]["runs"] == [
        {
            "type": "intervals",
            "minutes": 60,
            "key": None,
            "title": None,
            "source_uid": None,
            "distance": None,
        }
    ]
    assert {"wall_time_ms", "ortools_version"} <= set(week["solver"])


def test_the_same_week_again_is_answered_from_the_cache(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """Posted twice, the week is solved once: the second answer is the same week, cached."""
    first = client.post("/v1/weeks/solve", json=hansons_body).get_json()
    again = client.post("/v1/weeks/solve", json=hansons_body).get_json()
    assert (first["solver"]["cached"], again["solver"]["cached"]) == (False, True)
    assert {**again, "solver": None} == {**first, "solver": None}
    other = client.post("/v1/weeks/solve", json={**hansons_body, "weights": {"variety": 0}})
    assert other.get_json()["solver"]["cached"] is False


@pytest.mark.parametrize("app_config", [{"WEEK_CACHE_MB": 0}])
def test_a_cache_of_size_zero_solves_every_time(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    for _ in range(2):
        assert (
            client.post("/v1/weeks/solve", json=hansons_body).get_json()["solver"]["cached"]
            is False
        )


def test_solve_honours_weights(client: FlaskClient) -> None:
    """Switching a goal off by weight removes it from the penalties of the answer."""
    body = {"days": {"tue": runs("intervals"), "sat": runs("long")}}
    default = solve_checked(client, body)
    assert any(p["goal"] == "strength_on_hard_days" for p in default["penalties"]) or any(
        p["goal"] == "strength_on_easy_days" for p in default["penalties"]
    )
    switched_off = solve_checked(
        client, {**body, "weights": {"strength_on_hard_days": 0, "strength_on_easy_days": 0}}
    )
    goals = {p["goal"] for p in switched_off["penalties"]}
    assert not goals & {"strength_on_hard_days", "strength_on_easy_days"}


def test_infeasible_week_is_422_problem_with_conflicts_and_suggestions(
    client: FlaskClient,
) -> None:
    """A week with no available day is a 422 problem naming the conflicting rules and a way out."""
    response = client.post("/v1/weeks/solve", json=NO_DAY_AVAILABLE)
    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert {"type", "title", "status", "detail"} <= set(problem)
    assert problem["status"] == 422
    assert problem["conflicts"]
    assert {"rule", "message", "days"} <= set(problem["conflicts"][0])
    assert "fits_availability" in {conflict["rule"] for conflict in problem["conflicts"]}
    assert problem["suggestions"]


def test_running_out_of_time_returns_the_best_week_found(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """With almost no time the answer is still a 200 week (feasible), never an error."""
    result = solve_checked(client, {**hansons_body, "time_limit_s": 1e-9})
    assert result["status"] in ("feasible", "optimal")
    assert any(day["strength"] for day in result["days"].values())


def test_schema_errors_name_each_field_and_what_is_wrong(client: FlaskClient) -> None:
    """Each wrong field is listed with its location (days.tue.runs[0].minutes) and the problem."""
    body = {"days": {"tue": {"runs": [{"type": "swim", "minutes": 0}]}}, "athlete": {"x": 1}}
    response = client.post("/v1/weeks/solve", json=body)
    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    errors = {error["field"]: error["message"] for error in response.get_json()["errors"]}
    assert set(errors) == {"days.tue.runs[0].type", "days.tue.runs[0].minutes", "athlete.x"}
    assert "greater than 0" in errors["days.tue.runs[0].minutes"]
    assert "'easy'" in errors["days.tue.runs[0].type"]
    assert "days.tue.runs[0].minutes" in response.get_json()["detail"]


def test_wrong_types_are_400_not_500(client: FlaskClient) -> None:
    """A string where a number belongs, or a list where an object belongs, is a 400 problem."""
    for body in ({"days": []}, {"time_limit_s": "soon"}, {"days": {"mon": {"runs": "easy"}}}):
        response = client.post("/v1/weeks/solve", json=body)
        assert response.status_code == 400, body
        assert response.get_json()["errors"]


def test_unknown_weight_id_names_the_known_ones(client: FlaskClient) -> None:
    """A weight for an unknown goal is a 400 whose message lists every known goal id."""
    response = client.post("/v1/weeks/solve", json={"weights": {"more_squats": 3}})
    assert response.status_code == 400
    [error] = response.get_json()["errors"]
    assert error["field"] == "weights"
    assert "more_squats" in error["message"]
    for goal_id in SOFT_GOALS:
        assert goal_id in error["message"]


@pytest.mark.parametrize("time_limit_s", [0, -1, 30.5, 3600])
def test_time_limit_out_of_range_is_400(client: FlaskClient, time_limit_s: float) -> None:
    """time_limit_s must lie in (0, 30]: anything else is a 400 naming the field."""
    response = client.post("/v1/weeks/solve", json={"time_limit_s": time_limit_s})
    assert response.status_code == 400
    assert [error["field"] for error in response.get_json()["errors"]] == ["time_limit_s"]


def test_time_limit_at_the_bound_is_accepted(client: FlaskClient) -> None:
    """time_limit_s = 30 is allowed (and the small week solves long before it)."""
    solve_checked(client, {"days": {"thu": runs("tempo")}, "time_limit_s": 30})


def test_unacceptable_accept_header_is_406(client: FlaskClient) -> None:
    """Asking for a format the service cannot give (text/html only) is a 406 problem."""
    response = client.post("/v1/weeks/solve", json={}, headers={"Accept": "text/html"})
    assert response.status_code == 406
    assert response.mimetype == PROBLEM


def test_evaluate_scores_a_proposed_week_with_violations(client: FlaskClient) -> None:
    """Heavy legs the day before a key run is reported as a broken hard rule, with its days."""
    body = {
        "request": {"days": {"wed": runs("easy"), "thu": runs("tempo")}},
        "plan": {"wed": [{"session": "lower_body_core"}]},
    }
    response = client.post("/v1/weeks/evaluate", json=body)
    assert response.status_code == 200
    scored = response.get_json()
    assert scored["feasible"] is False
    [violation] = [v for v in scored["violations"] if v["rule"] == "no_heavy_legs_before_key_run"]
    assert "wed" in violation["days"]
    assert isinstance(scored["objective"], int)
    assert scored["objective"] == sum(p["cost"] for p in scored["penalties"])


def test_evaluate_agrees_with_solve_on_every_solved_week(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """For several weeks and weights, evaluate gives the solved week's objective."""
    bodies = [
        hansons_body,
        {**hansons_body, "weights": {"strength_on_easy_days": 5}},
        {**hansons_body, "athlete": {"level": "beginner", "phase": "base"}},
        {"days": {"sat": runs("race")}, "athlete": {"phase": "race_week"}},
        {"days": {"mon": runs("recovery"), "wed": runs("hills"), "sun": runs("long")}},
    ]
    for body in bodies:
        solve_checked(client, body)


def test_evaluate_unknown_session_is_400_naming_it(client: FlaskClient) -> None:
    """An unknown session id in the plan is a 400 naming it and the known ids."""
    body = {"request": {}, "plan": {"tue": [{"session": "zumba"}]}}
    response = client.post("/v1/weeks/evaluate", json=body)
    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    detail = response.get_json()["detail"]
    assert "zumba" in detail
    assert "plan.tue[0]" in detail
    assert "lower_body_core" in detail


def test_evaluate_unknown_day_is_400_naming_it(client: FlaskClient) -> None:
    """An unknown day in the plan is a 400 whose error points at it and lists the days."""
    body = {"request": {}, "plan": {"someday": [{"session": "mobility_core"}]}}
    response = client.post("/v1/weeks/evaluate", json=body)
    assert response.status_code == 400
    [error] = response.get_json()["errors"]
    assert error["field"] == "plan.someday"
    assert "'mon'" in error["message"]


def test_evaluate_checks_the_request_too(client: FlaskClient) -> None:
    """A bad week request inside evaluate is a 400 with the field under request."""
    body = {"request": {"time_limit_s": 0}, "plan": {}}
    response = client.post("/v1/weeks/evaluate", json=body)
    assert response.status_code == 400
    assert [e["field"] for e in response.get_json()["errors"]] == ["request.time_limit_s"]


def test_only_a_solve_with_a_profile_opens_the_database(
    app: Flask,
    client: FlaskClient,
    hansons_body: dict[str, Any],
    ana: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plain solve never opens a database session; one that names a profile opens one."""
    database = app.extensions[EXTENSION]
    opened = []
    transaction = database.transaction

    def counted() -> Any:
        opened.append(1)
        return transaction()

    monkeypatch.setattr(database, "transaction", counted)
    assert client.post("/v1/weeks/solve", json=hansons_body).status_code == 200
    assert opened == []
    profile = client.post("/v1/profiles", json={"name": "p"}, headers=ana).get_json()
    opened.clear()
    body = {**hansons_body, "profile": profile["id"]}
    assert client.post("/v1/weeks/solve", json=body, headers=ana).status_code == 200
    assert opened == [1]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_limit_s", "2"),
        ("time_limit_s", True),
        ("week_of", "2025-03-03T00:00:00"),
        ("week_of", "2025-03-03T00:00:00Z"),
        ("week_of", 1741000000),
        ("week_of", "2025-3-3"),
        ("week_of", "9999-12-27"),
        ("week_of", "1969-12-28"),
        ("profile", "1"),
        ("profile", True),
        ("profile", 1.5),
    ],
)
def test_a_number_or_date_of_the_wrong_kind_is_400_naming_the_field(client, field, value):
    """No string or boolean where a number belongs, no fraction where an id belongs, and week_of
    is a date (no time) within 1969-12-29..2200-12-31: each a 400 naming the field."""
    body = {"days": {"sun": {"runs": [{"type": "long", "minutes": 120}]}}, field: value}
    response = client.post(
        "/v1/weeks/solve", json=body, headers={"Accept": "text/calendar, application/json"}
    )
    assert response.status_code == 400, response.get_data(as_text=True)
    assert [error["field"] for error in response.get_json()["errors"]] == [field]


def test_the_last_week_of_the_calendar_range_exports(client):
    """The latest Monday week_of allows still makes a calendar (no date overflow)."""
    body = {"week_of": "2200-12-29", "days": {"sun": {"runs": [{"type": "long", "minutes": 90}]}}}
    response = client.post("/v1/weeks/solve", json=body, headers={"Accept": "text/calendar"})
    assert response.status_code == 200
    assert "DTSTART;VALUE=DATE:22010104" in response.get_data(as_text=True)


@pytest.mark.parametrize("profiles", [["1", 2], [True, 2], [1.5, 2]])
def test_compare_takes_profile_ids_as_whole_numbers_only(client, profiles):
    """`profiles` in compare are whole numbers: "1", true and 1.5 are 400."""
    body = {"request": {"days": {}}, "profiles": profiles}
    response = client.post("/v1/weeks/compare", json=body)
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "profiles[0]"


def test_evaluate_takes_at_most_three_sessions_a_day(client: FlaskClient) -> None:
    """A fourth session on a day is a 400 naming the day; three are scored (as violations)."""
    four = {"mon": [{"session": "plyometrics"}] * 4}
    response = client.post("/v1/weeks/evaluate", json={"request": {}, "plan": four})
    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    assert [e["field"] for e in response.get_json()["errors"]] == ["plan.mon"]
    three = {"mon": [{"session": "plyometrics"}] * 3}
    scored = client.post("/v1/weeks/evaluate", json={"request": {}, "plan": three})
    assert scored.status_code == 200
    assert scored.get_json()["feasible"] is False


def test_the_largest_proposed_week_answers_in_a_few_kilobytes(client: FlaskClient) -> None:
    """Three heavy sessions on every day of a week of key runs and races, for a beginner in race
    week, breaks nearly every rule: the answer is still under 32 KiB and 12x the request."""
    days = {day: {"runs": [{"type": kind, "minutes": 30} for kind in KEY_RUNS]} for day in DAYS}
    request = {"days": days, "athlete": {"level": "beginner", "phase": "race_week"}}
    for body in (
        {"request": request, "plan": {day: [{"session": "lower_body_core"}] * 3 for day in DAYS}},
        {"request": {}, "plan": {day: [{"session": "plyometrics"}] * 3 for day in DAYS}},
    ):
        response = client.post("/v1/weeks/evaluate", json=body)
        assert response.status_code == 200
        asked = len(json.dumps(body, separators=(",", ":")))
        answered = len(response.get_data())
        assert answered < 32 * 1024
        assert answered < 12 * asked


def test_the_openapi_document_says_three_sessions_a_day(client: FlaskClient) -> None:
    """The plan's days are arrays of at most 3 in /openapi.json."""
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    days = schemas["EvaluateBody"]["properties"]["plan"]["properties"]
    assert {day["maxItems"] for day in days.values()} == {3}


def test_a_whole_number_written_with_a_fraction_is_that_integer(client: FlaskClient) -> None:
    """JSON Schema's integer: 120.0 minutes and a weight of 5.0 are 120 and 5, as the OpenAPI
    document says; the week is the same as with 120 and 5."""
    as_floats = b"""{"days": {"sat": {"runs": [{"type": "long", "minutes": 120.0}]}},
        "weights": {"spread_sessions": 5.0}, "time_limit_s": 2.0}"""
    as_ints = {
        "days": {"sat": {"runs": [{"type": "long", "minutes": 120}]}},
        "weights": {"spread_sessions": 5},
        "time_limit_s": 2,
    }
    floats = client.post("/v1/weeks/solve", data=as_floats, content_type="application/json")
    ints = client.post("/v1/weeks/solve", json=as_ints)
    assert floats.status_code == 200, floats.get_data(as_text=True)
    assert floats.get_json()["days"] == ints.get_json()["days"]
    assert floats.get_json()["objective"] == ints.get_json()["objective"]
