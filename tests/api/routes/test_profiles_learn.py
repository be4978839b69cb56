"""POST /v1/profiles/learn: a coach's weights learned from weeks they placed, saved on request."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from api.services.learn import EXAMPLE_BODY
from solver.rules import SOFT_GOAL_IDS

LEARN = "/v1/profiles/learn"


def body(**changes: Any) -> dict[str, Any]:
    """The OpenAPI example's body, with `changes` on top."""
    return {**copy.deepcopy(EXAMPLE_BODY), **changes}


def test_the_documented_example_is_learned_and_reproduced(client, ana):
    """The OpenAPI example answers 200: every goal weighed, both weeks placed as the coach did."""
    response = client.post(LEARN, json=body(), headers=ana)
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert list(answer["weights"]) == list(SOFT_GOAL_IDS)
    assert answer["agreement"] == {"examples": 2, "reproduced": 2, "identical": 2}
    first = answer["per_example"][0]
    assert first["index"] == 0 and first["differences"] == [] and first["regret"] == 0
    assert first["optimal"]["sat"] == [{"session": "strength_control"}]
    assert "profile" not in answer or answer["profile"] is None


def test_the_learned_weights_place_the_example_as_given(client, ana):
    """Solving an example's week with the learned weights gives back the coach's placement."""
    answer = client.post(LEARN, json=body(), headers=ana).get_json()
    example = EXAMPLE_BODY["examples"][1]
    solved = client.post(
        "/v1/weeks/solve", json={**example["request"], "weights": answer["weights"]}
    ).get_json()
    placed = {day: [s["session"] for s in d["strength"]] for day, d in solved["days"].items()}
    wanted = {day: [s["session"] for s in sessions] for day, sessions in example["plan"].items()}
    assert {day: ids for day, ids in placed.items() if ids} == wanted


def test_a_week_breaking_a_hard_rule_is_reported_in_per_example_not_refused(client, ana):
    """Heavy legs the day before the tempo run: 200, that example not reproduced, the rule named."""
    broken = copy.deepcopy(EXAMPLE_BODY["examples"][0])
    broken["plan"] = {"wed": [{"session": "lower_body_core"}]}
    response = client.post(LEARN, json=body(examples=[broken]), headers=ana)
    assert response.status_code == 200
    fit = response.get_json()["per_example"][0]
    assert fit["reproduced"] is False
    assert "no_heavy_legs_before_key_run" in fit["reason"]


def test_save_creates_the_profile_get_answers(client, ana):
    """With save the answer holds the new profile, as GET /v1/profiles/<id> answers it."""
    response = client.post(LEARN, json=body(save=True), headers=ana)
    assert response.status_code == 200
    answer = response.get_json()
    profile = answer["profile"]
    assert profile["name"] == EXAMPLE_BODY["name"]
    assert profile["weights"] == answer["weights"]
    assert client.get(f"/v1/profiles/{profile['id']}", headers=ana).get_json() == profile


def test_saving_under_a_name_taken_is_409_and_saves_nothing(client, ana):
    """A second save under the same name is refused like profile creation."""
    assert client.post(LEARN, json=body(save=True), headers=ana).status_code == 200
    response = client.post(LEARN, json=body(save=True), headers=ana)
    assert response.status_code == 409
    assert len(client.get("/v1/profiles", headers=ana).get_json()["profiles"]) == 1


def test_a_base_profile_sets_the_tie_break(client, ana):
    """With one of the coach's profiles as base, goals the weeks say nothing of keep its weight."""
    weights = {goal: 7 for goal in SOFT_GOAL_IDS}
    created = client.post("/v1/profiles", json={"name": "sevens", "weights": weights}, headers=ana)
    base = created.get_json()["id"]
    answer = client.post(LEARN, json=body(base=base), headers=ana).get_json()
    # No example is a beginner's: nothing says how much a beginner's heavy legs cost.
    assert answer["weights"]["level_fit"] == 7


def test_another_coachs_profile_as_base_is_404(client, ana, ben):
    """Ben cannot learn from Ana's profile."""
    created = client.post("/v1/profiles", json={"name": "mine"}, headers=ana).get_json()
    assert client.post(LEARN, json=body(base=created["id"]), headers=ben).status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"examples": []}, "examples"),
        ({"save": True, "name": None}, "name"),
        ({"base": "no-such-preset"}, "base"),
        ({"save": "yes"}, "save"),
        ({"extra": 1}, "extra"),
    ],
)
def test_a_malformed_body_is_400_naming_the_field(client, ana, change, field):
    """Each malformed body is a 400 problem whose errors name the field to fix."""
    response = client.post(LEARN, json=body(**change), headers=ana)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    fields = [error["field"] for error in response.get_json()["errors"]]
    assert field in fields


def test_an_unknown_session_in_a_plan_is_400_naming_the_example(client, ana):
    """A plan naming no catalogue session: 400, saying which example and day."""
    example = copy.deepcopy(EXAMPLE_BODY["examples"][0])
    example["plan"] = {"tue": [{"session": "deadlifts"}]}
    response = client.post(LEARN, json=body(examples=[example]), headers=ana)
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "examples[0].plan"
    assert "deadlifts" in response.get_json()["detail"]


def test_without_a_token_it_is_401(client):
    """Learning is for coaches: no token, no learning."""
    response = client.post(LEARN, json=body())
    assert response.status_code == 401


@pytest.mark.parametrize("app_config", [{"SOLVE_BUDGET_SECONDS": 1e-6}])
def test_learning_past_the_solving_budget_is_422(client, ana):
    """A budget whose seconds cannot solve each week once is refused with the budget."""
    response = client.post(LEARN, json=body(), headers=ana)
    assert response.status_code == 422
    assert response.get_json()["budget"]["seconds"] == 1e-6


@pytest.mark.parametrize("app_config", [{"SOLVE_BUDGET_SOLVES": 1}])
def test_the_budgets_count_of_solves_does_not_cap_learning(client, ana):
    """Learning solves every week each round: only the budget's seconds bound it, so two weeks
    learn under a budget of one solve."""
    response = client.post(LEARN, json=body(), headers=ana)
    assert response.status_code == 200
    assert response.get_json()["agreement"]["identical"] == 2
