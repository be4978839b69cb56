"""POST /v1/plans/solve: the whole plan as one model, bad plans as problems naming the field."""

from __future__ import annotations

import json

from solver import PlanRequest, evaluate_plan
from tests.helpers import ROOT

HIGDON = ROOT / "scenarios" / "plans" / "higdon-marathon-novice1.json"
CLOSED = {day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def higdon() -> dict:
    """The 18-week Higdon plan as a JSON body."""
    return json.loads(HIGDON.read_text(encoding="utf-8"))


def test_an_18_week_plan_is_solved_and_keeps_every_rule(client):
    """200 with a day per date and a week per week; the plan checker finds it feasible."""
    response = client.post("/v1/plans/solve", json=higdon())
    assert response.status_code == 200, response.get_data(as_text=True)
    result = response.get_json()
    assert result["status"] == "optimal"
    assert len(result["days"]) == 18 * 7 and len(result["weeks"]) == 18
    assert result["days"][0] | {"strength": []} == {
        "date": "2026-12-28",
        "weekday": "mon",
        "runs": [],
        "strength": [],
    }
    assert [w["phase"] for w in result["weeks"]][-3:] == ["taper", "taper", "race_week"]
    placement = {d["date"]: [s["session"] for s in d["strength"]] for d in result["days"]}
    scored = evaluate_plan(PlanRequest.model_validate(higdon()), placement)
    assert scored.feasible and scored.objective == result["objective"]


def test_a_preset_weighs_the_plan(client):
    """An unknown preset is a 400 naming `preset`; a known one changes the weights used."""
    response = client.post("/v1/plans/solve", json={**higdon(), "preset": "nope"})
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "preset"
    default = client.post("/v1/plans/solve", json=higdon()).get_json()
    easy = client.post("/v1/plans/solve", json={**higdon(), "preset": "strength-on-easy-days"})
    assert easy.status_code == 200
    assert easy.get_json()["objective"] != default["objective"]


def test_no_plan_is_a_422_with_dated_conflicts_and_suggestions(client):
    """A closed second week: the problem names the rules, the dates and what to relax."""
    body = {"start": "2027-03-01", "weeks": [{}, {"days": CLOSED}]}
    response = client.post("/v1/plans/solve", json=body)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"] == "urn:trainweek:problem:infeasible-plan"
    assert any("2027-03-08" in c["dates"] for c in problem["conflicts"])
    assert "allow strength on Mon 2027-03-08" in problem["suggestions"]


def test_bad_plans_are_400_naming_the_field(client):
    """Not a Monday, over 104 weeks, a goal race after the plan, a last week past the calendar's
    end: 400s that say where."""
    cases = [
        ({"start": "2027-03-03", "weeks": [{}]}, "start"),
        ({"start": "2027-03-01", "weeks": [{}] * 105}, "weeks"),
        (
            {
                "start": "2027-03-01",
                "weeks": [{}],
                "goal_race": {"date": "2027-04-01", "distance": "half"},
            },
            "goal_race.date",
        ),
        ({"start": "2200-12-22", "weeks": [{}] * 3}, "2200-12-31"),
    ]
    for body, field in cases:
        response = client.post("/v1/plans/solve", json=body)
        assert response.status_code == 400, body
        assert response.mimetype == "application/problem+json"
        assert field in json.dumps(response.get_json()), body


def test_a_time_limit_over_the_budget_is_refused_before_solving(client):
    """time_limit_s above the service's solving budget is a 422 saying what to send."""
    response = client.post("/v1/plans/solve", json={**higdon(), "time_limit_s": 60.0})
    assert response.status_code == 422
    assert "time_limit_s" in response.get_json()["detail"]


def test_a_profile_weighs_the_plan_for_its_coach_only(client, ana, ben):
    """Ana's profile applies under her token; without a token it is a 401, Ben's is a 404."""
    weights = {"strength_on_easy_days": 20, "routine": 0}
    profile = client.post("/v1/profiles", json={"name": "easy", "weights": weights}, headers=ana)
    body = {**higdon(), "profile": profile.get_json()["id"]}
    solved = client.post("/v1/plans/solve", json=body, headers=ana)
    assert solved.status_code == 200
    goals = {p["goal"]: p["weight"] for p in solved.get_json()["penalties"]}
    assert goals.get("strength_on_easy_days", 20) == 20 and "routine" not in goals
    assert client.post("/v1/plans/solve", json=body).status_code == 401
    assert client.post("/v1/plans/solve", json=body, headers=ben).status_code == 404
