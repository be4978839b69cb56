"""POST /v1/coaches and /v1/coaches/me: sign up, see yourself, renew the token."""

from __future__ import annotations

import pytest


def test_signing_up_answers_201_with_id_name_and_token(client):
    """A new coach gets 201, a Location for /v1/coaches/me, and a 43-character token."""
    response = client.post("/v1/coaches", json={"name": "Ana"})
    assert response.status_code == 201
    assert response.headers["Location"] == "/v1/coaches/me"
    body = response.get_json()
    assert set(body) == {"id", "name", "token", "created_at"}
    assert body["name"] == "Ana"
    assert len(body["token"]) == 43


def test_me_is_the_coach_holding_the_token_and_never_shows_it(client, ana, ben):
    """GET /v1/coaches/me answers the token's coach, without any token in the answer."""
    response = client.get("/v1/coaches/me", headers=ben)
    assert response.status_code == 200
    assert response.get_json()["name"] == "Ben"
    assert "token" not in response.get_json()


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "name"), ({"name": ""}, "name"), ({"name": "   "}, "name"), ({"name": 3}, "name")],
)
def test_a_coach_without_a_usable_name_is_400(client, body, field):
    """A missing, empty, blank or non-string name is a 400 naming the field."""
    response = client.post("/v1/coaches", json=body)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [error["field"] for error in response.get_json()["errors"]] == [field]


def test_unknown_fields_in_a_sign_up_are_400(client):
    """A sign-up carrying anything but a name is refused, naming the extra field."""
    response = client.post("/v1/coaches", json={"name": "Ana", "token": "mine"})
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "token"


def test_renewing_the_token_answers_a_different_one(client, ana):
    """POST /v1/coaches/me/token answers the same coach with a new token."""
    response = client.post("/v1/coaches/me/token", headers=ana)
    assert response.status_code == 200
    assert response.get_json()["name"] == "Ana"
    assert f"Bearer {response.get_json()['token']}" != ana["Authorization"]
