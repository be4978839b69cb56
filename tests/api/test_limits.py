"""Rate limits: per token on coach routes, per address elsewhere, stricter on sign-up, and on
refused tokens; 429 is a problem with Retry-After; off in testing unless a test turns them on."""

from __future__ import annotations

import pytest

from api.app import create_app
from tests.helpers import bearer, register
from tests.solver.importers.conftest import FIXTURES

PROBLEM = "application/problem+json"
ON = {"RATELIMIT_ENABLED": True}
WEEK = {"days": {"sat": {"runs": [{"type": "long", "minutes": 120}]}}}


def from_address(address: str) -> dict[str, dict[str, str]]:
    """Test-client keyword arguments that make a request come from `address`."""
    return {"environ_base": {"REMOTE_ADDR": address}}


def assert_too_many(response) -> None:
    """A 429 problem+json with a whole number of seconds in Retry-After."""
    assert response.status_code == 429
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["type"] == "urn:trainweek:problem:rate-limited"
    assert body["status"] == 429
    assert int(response.headers["Retry-After"]) >= 1
    assert f"retry after {response.headers['Retry-After']} s" in body["detail"]


@pytest.mark.parametrize("app_config", [ON])
def test_a_burst_of_300_sign_ups_from_one_address_meets_429(client):
    """Past the sign-up limit (10 an hour) one address gets 429s; another still signs up."""
    answers = [client.post("/v1/coaches", json={"name": "Bot"}) for _ in range(300)]
    statuses = [response.status_code for response in answers]
    assert statuses[:10] == [201] * 10
    assert set(statuses[10:]) == {429}
    assert_too_many(answers[-1])
    other = client.post("/v1/coaches", json={"name": "Ana"}, **from_address("10.0.0.2"))
    assert other.status_code == 201


@pytest.mark.parametrize("app_config", [{**ON, "RATELIMIT_PER_CLIENT": "1000 per minute"}])
def test_sign_ups_meet_their_own_limit_before_the_clients(client):
    """The eleventh sign-up in an hour is refused for sign-ups, though the client has room."""
    for _ in range(10):
        register(client, "Ana")
    refused = client.post("/v1/coaches", json={"name": "Ana"})
    assert_too_many(refused)
    assert "sign-ups from this address" in refused.get_json()["detail"]
    assert client.get("/v1/rules").status_code == 200


@pytest.mark.parametrize("app_config", [{**ON, "RATELIMIT_PER_CLIENT": "3 per minute"}])
def test_coach_routes_count_per_token(client):
    """Two coaches behind one address each get their own allowance on coach routes."""
    ana, ben = register(client, "Ana"), register(client, "Ben")
    for _ in range(3):
        assert client.get("/v1/profiles", headers=ana).status_code == 200
    assert_too_many(client.get("/v1/profiles", headers=ana))
    assert client.get("/v1/profiles", headers=ben).status_code == 200


@pytest.mark.parametrize("app_config", [{**ON, "RATELIMIT_PER_CLIENT": "2 per minute"}])
def test_other_routes_count_per_address(client):
    """Anonymous solves count per address: the third from one address is 429, not another's."""
    for _ in range(2):
        assert client.post("/v1/weeks/solve", json=WEEK).status_code == 200
    refused = client.post("/v1/weeks/solve", json=WEEK)
    assert_too_many(refused)
    assert "from this client" in refused.get_json()["detail"]
    elsewhere = client.post("/v1/weeks/solve", json=WEEK, **from_address("10.0.0.2"))
    assert elsewhere.status_code == 200


@pytest.mark.parametrize("app_config", [{**ON, "RATELIMIT_AUTH_FAILURES": "2 per minute"}])
def test_made_up_tokens_count_against_the_address(client):
    """Each refused token counts for the address: new made-up tokens do not buy new requests."""
    for attempt in range(2):
        response = client.get("/v1/profiles", headers=bearer(f"made-up-{attempt}"))
        assert response.status_code == 401
    assert_too_many(client.get("/v1/profiles", headers=bearer("made-up-2")))
    assert (
        client.get("/v1/profiles", headers=bearer("x"), **from_address("10.0.0.2")).status_code
        == 401
    )


@pytest.mark.parametrize("app_config", [{**ON, "RATELIMIT_PER_CLIENT": "1 per minute"}])
def test_health_docs_and_the_page_are_not_limited(client):
    """Only /v1/ counts: the health check, the OpenAPI document and the page always answer."""
    for _ in range(3):
        for path in ("/healthz", "/openapi.json", "/"):
            assert client.get(path).status_code == 200, path


def test_limits_are_off_in_testing_unless_turned_on(client):
    """The test suite signs coaches up freely: 30 sign-ups from one address all pass."""
    assert {register(client, "Ana")["Authorization"][:7] for _ in range(30)} == {"Bearer "}


def test_the_environment_turns_limits_off_outside_testing(private_database, make_app, monkeypatch):
    """TRAINWEEK_RATELIMIT_ENABLED=false: no limit, even on sign-up."""
    monkeypatch.setenv("TRAINWEEK_RATELIMIT_ENABLED", "false")
    client = make_app().test_client()
    statuses = {client.post("/v1/coaches", json={"name": "A"}).status_code for _ in range(30)}
    assert statuses == {201}


def test_limits_are_on_outside_testing_by_default(private_database, make_app):
    """A production app limits sign-ups without being told to."""
    client = make_app().test_client()
    statuses = [client.post("/v1/coaches", json={"name": "A"}).status_code for _ in range(11)]
    assert statuses[-1] == 429


@pytest.mark.parametrize("value", ["lots", "10 per fortnight"])
def test_a_limit_that_does_not_parse_stops_the_start(private_database, monkeypatch, value):
    """TRAINWEEK_RATELIMIT_SIGNUP must read like '10 per hour'."""
    monkeypatch.setenv("TRAINWEEK_RATELIMIT_SIGNUP", value)
    with pytest.raises(ValueError, match="TRAINWEEK_RATELIMIT_SIGNUP"):
        create_app({"TESTING": True})


def test_every_v1_operation_documents_its_429(app):
    """/openapi.json gives each /v1/ operation a 429 problem, and /healthz none."""
    paths = app.api_doc["paths"]
    for path, operations in paths.items():
        for operation in operations.values():
            assert ("429" in operation["responses"]) == path.startswith("/v1/"), path


@pytest.mark.parametrize("app_config", [{**ON, "RATELIMIT_PER_CLIENT": "1 per minute"}])
def test_a_missing_token_is_401_even_past_the_limit(client):
    """No token on a coach-only route is 401 whatever the count, as the document promises; a
    token, even a made-up one, is still held to its limit."""
    assert client.post("/v1/weeks/solve", json=WEEK).status_code == 200
    assert_too_many(client.post("/v1/weeks/solve", json=WEEK))
    for _ in range(3):
        assert client.get("/v1/profiles").status_code == 401
    assert client.get("/v1/profiles", headers=bearer("made-up")).status_code == 401
    assert_too_many(client.get("/v1/profiles", headers=bearer("made-up")))


@pytest.mark.parametrize("app_config", [{**ON, "RATELIMIT_PER_CLIENT": "2 per minute"}])
def test_plan_files_count_per_address_like_weeks(client):
    """A calendar posted to /v1/plans/solve counts as any anonymous solve: the third is 429."""
    calendar = (FIXTURES / "garmin_all_day.ics").read_bytes()
    for _ in range(2):
        answer = client.post("/v1/plans/solve", data=calendar, content_type="text/calendar")
        assert answer.status_code == 200
    assert_too_many(client.post("/v1/plans/solve", data=calendar, content_type="text/calendar"))
