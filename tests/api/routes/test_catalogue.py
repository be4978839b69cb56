"""GET /v1/rules and GET /v1/sessions."""

from flask.testing import FlaskClient

from solver import DEFAULT_WEIGHTS, HARD_RULES, catalogue


def test_rules_list_every_hard_rule_and_soft_goal_with_default_weights(
    client: FlaskClient,
) -> None:
    """/v1/rules lists the rule book's hard rules and soft goals, by id, with default weights."""
    response = client.get("/v1/rules")
    assert response.status_code == 200
    rules = response.get_json()
    assert [rule["id"] for rule in rules["hard"]] == list(HARD_RULES)
    assert all(rule["description"] for rule in rules["hard"])
    assert {goal["id"]: goal["default_weight"] for goal in rules["soft"]} == DEFAULT_WEIGHTS


def test_sessions_list_the_catalogue_with_exercises(client: FlaskClient) -> None:
    """/v1/sessions lists each catalogue session: id, name, leg load, equipment, minutes, and
    exercises with their role and what an athlete may avoid."""
    response = client.get("/v1/sessions")
    assert response.status_code == 200
    sessions = response.get_json()["sessions"]
    assert [session["id"] for session in sessions] == [session.id for session in catalogue()]
    for session in sessions:
        assert set(session) == {
            "id",
            "name",
            "leg_load",
            "plyometric_intensity",
            "equipment",
            "needs_gym",
            "minutes",
            "short_of",
            "exercises",
        }
        assert session["exercises"]
        assert {"name", "role", "avoid_if", "swap"} == set(session["exercises"][0])
