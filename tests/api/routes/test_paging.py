"""Every list pages: `limit` and `cursor` in, `next` out, bounded answers, stable order."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from api.storage import athletes as athlete_rows
from api.store import EXTENSION
from solver import DAYS

MEGABYTE = 1_000_000
LISTS_REFUSE = ("0", "-1", "201", "many")
RUN_TYPES = ("long", "tempo", "intervals", "hills", "easy", "recovery", "cross_train")
# A large stored week: four runs every day (doubles allowed), so the request, the result and
# the penalties are as long as they get.
WEEK = {
    "days": {
        day: {
            "runs": [{"type": RUN_TYPES[(index + k) % 7], "minutes": 30} for k in range(4)],
            "available_minutes": 600,
            "allow_doubles": True,
        }
        for index, day in enumerate(DAYS)
    },
    "week_of": "2025-03-03",
}


def walk(client, headers, url: str) -> list[tuple[int, int, dict]]:
    """GET `url` and every `next` after it: (status, bytes, body) per page."""
    pages = []
    while url is not None:
        response = client.get(url, headers=headers)
        pages.append((response.status_code, len(response.get_data()), response.get_json()))
        url = response.get_json().get("next")
    return pages


def test_a_thousand_solved_weeks_come_back_in_bounded_pages_each_once(app, client, ana):
    """1,000 stored large weeks (many solved at one moment): pages of at most 100, each under
    1 MB, newest first, with no week twice and none missed."""
    mia = {"name": "Mia", "level": "beginner", "phase": "race_week", "default_week": WEEK}
    athlete = client.post("/v1/athletes", json=mia, headers=ana)
    athlete_id = athlete.get_json()["id"]
    solved = client.post(f"/v1/athletes/{athlete_id}/solve", headers=ana)
    assert solved.status_code == 201
    database = app.extensions[EXTENSION]
    moment = dt.datetime(2025, 3, 3, tzinfo=dt.UTC)
    with database.transaction() as session:
        stored = athlete_rows.solved_week_of(
            session, athlete_rows.owned_athlete(session, 1, athlete_id), solved.get_json()["id"]
        )
        for index in range(999):
            athlete_rows.insert_solved_week(
                session,
                stored.athlete,
                {
                    "profile_id": None,
                    "request": stored.request,
                    "weights": stored.weights,
                    "result": stored.result,
                    "status": stored.status,
                    "objective": stored.objective,
                    # Ten weeks to a moment: the order must still be total.
                    "created_at": moment + dt.timedelta(seconds=index // 10),
                },
            )

    pages = walk(client, ana, f"/v1/athletes/{athlete_id}/history?limit=100")

    assert [status for status, _, _ in pages] == [200] * 10
    assert all(size < MEGABYTE for _, size, _ in pages)
    assert [len(body["history"]) for _, _, body in pages] == [100] * 10
    ids = [week["id"] for _, _, body in pages for week in body["history"]]
    assert len(ids) == len(set(ids)) == 1000
    times_and_ids = [
        (week["created_at"], week["id"]) for _, _, body in pages for week in body["history"]
    ]
    assert times_and_ids == sorted(times_and_ids, reverse=True)
    assert pages[-1][2]["next"] is None


def test_the_default_page_is_fifty_and_next_keeps_the_size(client, ana):
    """Without `limit` a page holds 50; `next` is this route's URL with the same limit."""
    for index in range(53):
        client.post("/v1/profiles", json={"name": f"p{index:02}"}, headers=ana)
    first = client.get("/v1/profiles", headers=ana).get_json()
    assert len(first["profiles"]) == 50
    link = urlsplit(first["next"])
    assert link.path == "/v1/profiles"
    assert parse_qs(link.query)["limit"] == ["50"]
    second = client.get(first["next"], headers=ana).get_json()
    assert [p["name"] for p in second["profiles"]] == ["p50", "p51", "p52"]
    assert second["next"] is None


def test_athletes_page_by_name_then_id(client, ana):
    """Athletes sharing a name come in id order, and pages of one hold them all exactly once."""
    for name in ("Mia", "Ava", "Mia", "Bo"):
        client.post("/v1/athletes", json={"name": name}, headers=ana)
    pages = walk(client, ana, "/v1/athletes?limit=1")
    listed = [(a["name"], a["id"]) for _, _, body in pages for a in body["athletes"]]
    assert listed == sorted(listed)
    assert [name for name, _ in listed] == ["Ava", "Bo", "Mia", "Mia"]


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        *[(url, limit) for url in ("/v1/profiles", "/v1/athletes") for limit in LISTS_REFUSE],
        *[("/v1/athletes/1/history", limit) for limit in (*LISTS_REFUSE, "101")],
    ],
)
def test_a_limit_outside_the_lists_range_is_400_naming_limit(client, ana, url, limit):
    """`limit` must be a whole number from 1 to 200 (100 for history): else a 400 problem whose
    error names it."""
    client.post("/v1/athletes", json={"name": "Mia"}, headers=ana)
    response = client.get(f"{url}?limit={limit}", headers=ana)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [error["field"] for error in response.get_json()["errors"]] == ["limit"]


@pytest.mark.parametrize("url", ["/v1/profiles", "/v1/athletes", "/v1/athletes/1/history"])
@pytest.mark.parametrize("cursor", ["nonsense", "W10", "x" * 201])
def test_a_malformed_cursor_is_400_naming_cursor(client, ana, url, cursor):
    """A cursor this list never gave out is a 400 problem naming `cursor`."""
    client.post("/v1/athletes", json={"name": "Mia"}, headers=ana)
    response = client.get(f"{url}?cursor={cursor}", headers=ana)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [error["field"] for error in response.get_json()["errors"]] == ["cursor"]


def test_another_lists_cursor_is_refused(client, ana):
    """The cursor of the profiles list does not page the athletes list."""
    for name in ("a", "b"):
        client.post("/v1/profiles", json={"name": name}, headers=ana)
        client.post("/v1/athletes", json={"name": name}, headers=ana)
    profiles_next = client.get("/v1/profiles?limit=1", headers=ana).get_json()["next"]
    cursor = parse_qs(urlsplit(profiles_next).query)["cursor"][0]
    assert client.get(f"/v1/athletes?cursor={cursor}", headers=ana).status_code == 400


@pytest.mark.parametrize(
    ("path", "most"),
    [("/v1/profiles", 200), ("/v1/athletes", 200), ("/v1/athletes/{athlete_id}/history", 100)],
)
def test_the_openapi_document_says_limit_and_cursor(app, path, most):
    """Each list documents its `limit` (1..most, default 50) and `cursor` query parameters."""
    parameters = {p["name"]: p for p in app.api_doc["paths"][path]["get"]["parameters"]}
    limit = parameters["limit"]["schema"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, most, 50)
    assert parameters["cursor"]["in"] == "query"
