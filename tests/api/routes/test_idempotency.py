"""`Idempotency-Key` on the POSTs that create things: a retry answers the first answer again
and creates nothing; the key with another request is 422."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

import pytest

from api.services import idempotency
from api.store import EXTENSION
from tests.helpers import bearer

KEY = {"Idempotency-Key": "3f1c2a9e-6b7d-4e0f-9a21-5c8d7e6f4b30"}
OTHER_KEY = {"Idempotency-Key": "0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b"}
WEEK = {"days": {"sat": {"runs": [{"type": "long", "minutes": 120}]}}}
CREATING_POSTS = [
    ("/v1/coaches", {"name": "Ana"}),
    ("/v1/profiles", {"name": "marathon"}),
    ("/v1/athletes", {"name": "Mia", "default_week": WEEK}),
]


def test_a_retried_profile_post_answers_the_first_answer_and_creates_one(client, ana):
    """Same key, same body: the same status, body and Location, marked as a replay; one row."""
    first = client.post("/v1/profiles", json={"name": "marathon"}, headers={**ana, **KEY})
    again = client.post("/v1/profiles", json={"name": "marathon"}, headers={**ana, **KEY})
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert len(client.get("/v1/profiles", headers=ana).get_json()["profiles"]) == 1


def test_the_same_json_in_another_layout_is_the_same_request(client, ana):
    """Key order and spacing do not make a body another request."""
    body = {"name": "mia", "default_week": WEEK, "level": "beginner"}
    first = client.post("/v1/athletes", json=body, headers={**ana, **KEY})
    reordered = dict(reversed(list(body.items())))
    again = client.post("/v1/athletes", json=reordered, headers={**ana, **KEY})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.get_json()["id"] == first.get_json()["id"]


@pytest.mark.parametrize(("path", "body"), CREATING_POSTS)
def test_the_key_with_another_body_is_422_and_creates_nothing(client, ana, path, body):
    """Reusing a key for a different request is a 422 problem; nothing more is created."""
    assert client.post(path, json=body, headers={**ana, **KEY}).status_code == 201
    other = {**body, "name": "Someone else"}
    response = client.post(path, json=other, headers={**ana, **KEY})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "urn:trainweek:problem:idempotency-key-reused"
    if path != "/v1/coaches":
        listed = client.get(path, headers=ana).get_json()
        assert len(next(iter(listed.values()))) == 1


def test_a_retried_athlete_solve_keeps_one_week_in_the_history(client, ana):
    """POST .../solve twice with one key: the same solved week, and the history holds one."""
    athlete = client.post("/v1/athletes", json={"name": "Mia", "default_week": WEEK}, headers=ana)
    url = f"{athlete.headers['Location']}/solve"
    first = client.post(url, headers={**ana, **KEY})
    again = client.post(url, headers={**ana, **KEY})
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    history = client.get(f"{athlete.headers['Location']}/history", headers=ana).get_json()
    assert len(history["history"]) == 1
    other_body = client.post(url, json={"weights": {}}, headers={**ana, **KEY})
    assert other_body.status_code == 422


def test_keys_belong_to_one_coach(client, ana, ben):
    """Ben's request with Ana's key is his own: it creates his profile, not a replay of hers."""
    first = client.post("/v1/profiles", json={"name": "marathon"}, headers={**ana, **KEY})
    his = client.post("/v1/profiles", json={"name": "marathon"}, headers={**ben, **KEY})
    assert his.status_code == 201
    assert "Idempotent-Replayed" not in his.headers
    assert his.get_json()["id"] != first.get_json()["id"]


def test_a_retried_sign_up_is_the_same_coach_with_a_fresh_working_token(client):
    """A sign-up replay answers the same coach; its token works, the lost one no longer does
    (tokens are never stored, so the first cannot be shown again)."""
    first = client.post("/v1/coaches", json={"name": "Ana"}, headers=KEY)
    again = client.post("/v1/coaches", json={"name": "Ana"}, headers=KEY)
    assert first.status_code == again.status_code == 201
    assert again.headers["Location"] == first.headers["Location"]
    first_body, again_body = first.get_json(), again.get_json()
    assert {**again_body, "token": None} == {**first_body, "token": None}
    assert again_body["token"] != first_body["token"]
    assert client.get("/v1/coaches/me", headers=bearer(again_body["token"])).status_code == 200
    assert client.get("/v1/coaches/me", headers=bearer(first_body["token"])).status_code == 401
    third = client.post("/v1/coaches", json={"name": "Ana"}, headers=KEY)
    assert (
        client.get("/v1/coaches/me", headers=bearer(third.get_json()["token"])).status_code == 200
    )


def test_a_sign_up_replay_after_the_coach_rotated_is_409(client):
    """When the coach already replaced the sign-up's token, replaying it would undo that: 409."""
    first = client.post("/v1/coaches", json={"name": "Ana"}, headers=KEY)
    rotated = client.post("/v1/coaches/me/token", headers=bearer(first.get_json()["token"]))
    assert rotated.status_code == 200
    again = client.post("/v1/coaches", json={"name": "Ana"}, headers=KEY)
    assert again.status_code == 409
    assert (
        client.get("/v1/coaches/me", headers=bearer(rotated.get_json()["token"])).status_code == 200
    )


def test_no_token_is_stored_with_a_key(app, client):
    """The stored sign-up answer holds the token's hash, not the token."""
    token = client.post("/v1/coaches", json={"name": "Ana"}, headers=KEY).get_json()["token"]
    with app.extensions[EXTENSION].engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT * FROM idempotency_keys").all()
    assert len(stored) == 1
    assert token not in repr(stored)
    assert KEY["Idempotency-Key"] not in repr(stored)


def test_a_failed_request_keeps_nothing_so_its_retry_runs(client, ana):
    """A 409 (name taken) is not remembered: after the clash is gone the same key creates."""
    taken = client.post("/v1/profiles", json={"name": "marathon"}, headers=ana)
    response = client.post("/v1/profiles", json={"name": "marathon"}, headers={**ana, **KEY})
    assert response.status_code == 409
    client.delete(taken.headers["Location"], headers=ana)
    retry = client.post("/v1/profiles", json={"name": "marathon"}, headers={**ana, **KEY})
    assert retry.status_code == 201
    assert "Idempotent-Replayed" not in retry.headers


def test_an_expired_key_is_new_again(client, ana, monkeypatch):
    """Past its lifetime a key is forgotten: the same request runs again."""
    monkeypatch.setattr(idempotency, "KEY_LIFETIME", dt.timedelta(0))
    body = {"name": "Mia", "default_week": WEEK}
    first = client.post("/v1/athletes", json=body, headers={**ana, **KEY})
    again = client.post("/v1/athletes", json=body, headers={**ana, **KEY})
    assert again.get_json()["id"] != first.get_json()["id"]


@pytest.mark.parametrize("key", ["short", "x" * 256, "has space in it 123", "ключ" * 5])
def test_a_key_that_is_not_16_to_255_visible_ascii_characters_is_400(client, ana, key):
    """The key is a long random string; anything else is 400 naming the header."""
    response = client.post(
        "/v1/profiles", json={"name": "x"}, headers={**ana, "Idempotency-Key": key}
    )
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "Idempotency-Key"


def test_without_a_key_each_post_creates(client, ana):
    """No key, no memory: two POSTs create two athletes, as before."""
    for _ in range(2):
        client.post("/v1/athletes", json={"name": "Mia"}, headers=ana)
    assert len(client.get("/v1/athletes", headers=ana).get_json()["athletes"]) == 2


def test_eight_concurrent_posts_with_one_key_create_one_athlete(app, client, ana):
    """Sent at once with one key: one athlete; every answer is it (201) or 'still running'
    (409), never a second athlete."""
    start = threading.Barrier(8)
    answers: list[tuple[int, dict]] = []

    def send() -> None:
        thread_client = app.test_client()
        start.wait()
        response = thread_client.post(
            "/v1/athletes", json={"name": "Mia"}, headers={**ana, **OTHER_KEY}
        )
        answers.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(Counter(status for status, _ in answers)) <= {201, 409}
    assert len({body["id"] for status, body in answers if status == 201}) == 1
    assert len(client.get("/v1/athletes", headers=ana).get_json()["athletes"]) == 1


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/v1/coaches", "post"),
        ("/v1/profiles", "post"),
        ("/v1/athletes", "post"),
        ("/v1/athletes/{athlete_id}/solve", "post"),
    ],
)
def test_the_openapi_document_names_the_header(client, path, method):
    """Each creating POST documents Idempotency-Key as an optional header parameter."""
    operation = client.get("/openapi.json").get_json()["paths"][path][method]
    headers = [p for p in operation["parameters"] if p["in"] == "header"]
    assert [(p["name"], p["required"]) for p in headers] == [("Idempotency-Key", False)]
