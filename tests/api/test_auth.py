"""Bearer tokens: missing, malformed, wrong, forged or replaced tokens are a 401 problem."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import create_engine, inspect, text

from tests.helpers import bearer

PROTECTED = [
    ("get", "/v1/coaches/me"),
    ("post", "/v1/coaches/me/token"),
    ("get", "/v1/profiles"),
    ("post", "/v1/profiles"),
    ("get", "/v1/profiles/1"),
    ("put", "/v1/profiles/1"),
    ("delete", "/v1/profiles/1"),
    ("get", "/v1/athletes"),
    ("post", "/v1/athletes"),
    ("get", "/v1/athletes/1"),
    ("put", "/v1/athletes/1"),
    ("delete", "/v1/athletes/1"),
    ("post", "/v1/athletes/1/solve"),
    ("get", "/v1/athletes/1/history"),
    ("get", "/v1/athletes/1/history/1"),
]
BODIES = {
    "/v1/profiles": {"name": "p"},
    "/v1/profiles/1": {"name": "p"},
    "/v1/athletes": {"name": "Mia"},
    "/v1/athletes/1": {"name": "Mia"},
}


def call(client, method, url, headers):
    """Send the request with a valid body where the route takes one, so only auth can fail."""
    return getattr(client, method)(url, json=BODIES.get(url, {}), headers=headers)


@pytest.mark.parametrize(("method", "url"), PROTECTED)
def test_every_coach_route_without_a_token_is_401_with_a_challenge(client, ana, method, url):
    """No Authorization header: 401 problem+json with 'WWW-Authenticate: Bearer'."""
    response = call(client, method, url, headers={})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Bearer <token>" in response.get_json()["detail"]


@pytest.mark.parametrize(("method", "url"), PROTECTED)
def test_no_token_is_401_before_the_body_is_read(client, method, url):
    """Without a token a coach-only route answers 401 even to a body it would refuse (not 400)."""
    response = getattr(client, method)(url, data="{not json", content_type="text/plain")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "url"), PROTECTED)
def test_every_coach_route_with_a_wrong_token_is_401(client, ana, method, url):
    """A token no coach holds is refused with error=invalid_token."""
    response = call(client, method, url, headers=bearer("not-a-token"))
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


@pytest.mark.parametrize(
    "header",
    ["Basic YW5hOnB3", "Bearer", "Bearer ", "Bearer two words", "token-without-scheme"],
)
def test_a_malformed_authorization_header_is_401(client, ana, header):
    """Anything but 'Bearer <token>' is refused with error=invalid_request."""
    response = client.get("/v1/profiles", headers={"Authorization": header})
    assert response.status_code == 401
    assert 'error="invalid_request"' in response.headers["WWW-Authenticate"]


def test_the_scheme_name_is_case_insensitive(client, ana):
    """'bearer <token>' works like 'Bearer <token>' (RFC 7235: schemes are case-insensitive)."""
    token = ana["Authorization"].removeprefix("Bearer ")
    assert (
        client.get("/v1/profiles", headers={"Authorization": f"bearer {token}"}).status_code == 200
    )


def test_a_forged_token_is_refused(client, ana):
    """The real token altered in one character, or its stored hash sent as a token, is 401."""
    token = ana["Authorization"].removeprefix("Bearer ")
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    stored_hash = hashlib.sha256(token.encode()).hexdigest()
    for forged in (altered, stored_hash):
        assert client.get("/v1/profiles", headers=bearer(forged)).status_code == 401
    assert client.get("/v1/profiles", headers=ana).status_code == 200


def test_a_replaced_token_is_refused_and_the_new_one_works(client, ana):
    """After POST /v1/coaches/me/token the old token is 401 and the new one is accepted."""
    renewed = client.post("/v1/coaches/me/token", headers=ana)
    assert renewed.status_code == 200
    assert client.get("/v1/coaches/me", headers=ana).status_code == 401
    fresh = bearer(renewed.get_json()["token"])
    assert client.get("/v1/coaches/me", headers=fresh).status_code == 200


def test_a_deleted_coachs_token_is_refused(client, ana, private_database):
    """Once the coach's row is gone from the database, their token is 401."""
    engine = create_engine(private_database)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM coaches WHERE name = 'Ana'"))
    engine.dispose()
    assert client.get("/v1/profiles", headers=ana).status_code == 401


def test_tokens_are_stored_only_as_sha256_hashes(client, private_database):
    """No column of any table holds a token in plain text; the coach row holds its hash."""
    tokens = [client.post("/v1/coaches", json={"name": n}).get_json()["token"] for n in "AB"]
    engine = create_engine(private_database)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM coaches ORDER BY id")).all()
        dump = "\n".join(
            str(connection.execute(text(f"SELECT * FROM {table}")).all())
            for table in inspect(connection).get_table_names()
        )
    engine.dispose()
    assert [row.token_hash for row in rows] == [
        hashlib.sha256(token.encode()).hexdigest() for token in tokens
    ]
    assert all(token not in dump for token in tokens)
