"""Writes that race: two tabs on one profile or athlete, the same name created twice at once,
and token rotations in parallel. On the real database file, from threads: never a 500."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from flask import Flask

from tests.helpers import bearer, register

WEEK = {"days": {"sat": {"runs": [{"type": "long", "minutes": 120}]}}}
RACE_ROUNDS = 50


def race(app: Flask, calls: list[Callable[[Any], Any]]) -> list[Any]:
    """Run each call in its own thread with its own test client, all released at once."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        client = app.test_client()
        start.wait()
        results[index] = calls[index](client)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def put(url: str, body: dict[str, Any], headers: dict[str, str]) -> Callable[[Any], Any]:
    """A call for `race`: PUT `body` to `url`."""
    return lambda client: client.put(url, json=body, headers=headers)


def post(url: str, body: dict[str, Any] | None, headers: dict[str, str]) -> Callable[[Any], Any]:
    """A call for `race`: POST `body` (none when None) to `url`."""
    return lambda client: client.post(url, json=body, headers=headers)


def delete(url: str, headers: dict[str, str]) -> Callable[[Any], Any]:
    """A call for `race`: DELETE `url`."""
    return lambda client: client.delete(url, headers=headers)


def statuses(responses: list[Any]) -> Counter[int]:
    return Counter(response.status_code for response in responses)


def test_two_tabs_replacing_and_deleting_one_profile_never_get_a_500(app, client, ana):
    """Per round, four writers hit one profile: two PUTs, two DELETEs (200 writes in all).
    Each is 200, 204, 404 or 409, and the profile is gone exactly when a DELETE said so."""
    for round_number in range(RACE_ROUNDS):
        created = client.post("/v1/profiles", json={"name": f"p{round_number}"}, headers=ana)
        url = created.headers["Location"]
        calls = [put(url, {"name": f"p{round_number}-{n}"}, ana) for n in range(2)] + [
            delete(url, ana)
        ] * 2
        responses = race(app, calls)
        assert all(r.status_code in (200, 204, 404, 409) for r in responses), [
            (r.status_code, r.get_data(as_text=True)) for r in responses
        ]
        deleted = statuses(responses)[204]
        assert deleted <= 1
        assert client.get(url, headers=ana).status_code == (404 if deleted else 200)


def test_two_tabs_replacing_deleting_and_solving_one_athlete_never_get_a_500(app, client, ana):
    """Per round, one athlete gets two PUTs, a DELETE and a solve at once (200 writes in all)."""
    for round_number in range(RACE_ROUNDS):
        created = client.post(
            "/v1/athletes", json={"name": f"a{round_number}", "default_week": WEEK}, headers=ana
        )
        url = created.headers["Location"]
        renamed = {"name": "renamed", "default_week": WEEK}
        calls = [put(url, renamed, ana)] * 2 + [delete(url, ana), post(f"{url}/solve", None, ana)]
        responses = race(app, calls)
        assert all(r.status_code in (200, 201, 204, 404, 409) for r in responses), [
            (r.status_code, r.get_data(as_text=True)) for r in responses
        ]


def test_creating_profiles_of_one_name_at_once_keeps_one(app, client, ana):
    """Four tabs create the same name at once: one 201, the others 409, one profile kept."""
    for round_number in range(RACE_ROUNDS // 2):
        responses = race(app, [post("/v1/profiles", {"name": f"same-{round_number}"}, ana)] * 4)
        assert statuses(responses) == Counter({201: 1, 409: 3}), [
            r.get_data(as_text=True) for r in responses
        ]
    names = [p["name"] for p in client.get("/v1/profiles", headers=ana).get_json()["profiles"]]
    assert len(names) == len(set(names)) == RACE_ROUNDS // 2


def test_twenty_rotations_of_one_token_have_one_winner(app, client, ana):
    """Twenty POST /v1/coaches/me/token with one token: one 200, nineteen 409, and the token
    the winner got works."""
    responses = race(app, [post("/v1/coaches/me/token", None, ana)] * 20)
    assert statuses(responses) == Counter({200: 1, 409: 19}), [
        r.get_data(as_text=True) for r in responses
    ]
    winner = next(r for r in responses if r.status_code == 200).get_json()["token"]
    assert client.get("/v1/coaches/me", headers=bearer(winner)).status_code == 200
    assert client.get("/v1/coaches/me", headers=ana).status_code == 401


def test_a_rotated_token_is_401_everywhere_but_on_rotation(client):
    """The token a rotation replaced is 401 on every route; rotating with it again is 409."""
    old = register(client, "Ana")
    assert client.post("/v1/coaches/me/token", headers=old).status_code == 200
    assert client.get("/v1/profiles", headers=old).status_code == 401
    again = client.post("/v1/coaches/me/token", headers=old)
    assert again.status_code == 409
    assert again.mimetype == "application/problem+json"
