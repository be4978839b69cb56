"""An athlete's calendar feed: minted and revoked by the coach, read with its own secret only,
updated in place (same UIDs, higher SEQUENCE) when a week is solved again."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from icalendar import Calendar

from tests.helpers import bearer

WEEK_OF = "2025-03-03"
DAYS = {
    "tue": {"runs": [{"type": "intervals", "minutes": 60}]},
    "thu": {"runs": [{"type": "tempo", "minutes": 50}]},
    "sat": {"runs": [{"type": "long", "minutes": 120}]},
}
MIA = {
    "name": "Mia",
    "timezone": "Europe/Paris",
    "default_week": {"week_of": WEEK_OF, "days": DAYS},
}
CALENDAR = {"Accept": "text/calendar"}


def create(client: FlaskClient, headers: dict[str, str], body: dict[str, Any] = MIA) -> int:
    """POST an athlete expecting 201; their id."""
    response = client.post("/v1/athletes", json=body, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def rotate(client: FlaskClient, headers: dict[str, str], athlete_id: int) -> str:
    """Mint the athlete's feed secret expecting 200; the feed's URL (a path)."""
    response = client.post(f"/v1/athletes/{athlete_id}/calendar/rotate", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["calendar_url"]


def solve(
    client: FlaskClient, headers: dict[str, str], athlete_id: int, body: dict[str, Any] | None
) -> None:
    """Solve the athlete's week expecting 201."""
    response = client.post(f"/v1/athletes/{athlete_id}/solve", json=body, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)


def events(ics: bytes) -> dict[str, Any]:
    """The calendar's VEVENTs by UID; fails on a UID that appears twice."""
    found = Calendar.from_ical(ics).walk("VEVENT")
    by_uid = {str(event["uid"]): event for event in found}
    assert len(by_uid) == len(found), "a UID appears twice"
    return by_uid


def feed(client: FlaskClient, url: str) -> dict[str, Any]:
    """GET the feed expecting an iCalendar file; its events by UID."""
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    return events(response.get_data())


def solve_times(client: FlaskClient, headers: dict[str, str], athlete_id: int) -> list[dt.datetime]:
    """When each week of the athlete's history was solved, newest first, to the second (as
    iCalendar writes times)."""
    history = client.get(f"/v1/athletes/{athlete_id}/history", headers=headers).get_json()
    return [
        dt.datetime.fromisoformat(solved["created_at"]).replace(microsecond=0)
        for solved in history["history"]
    ]


def secret_of(url: str) -> str:
    """The secret in a feed URL."""
    return parse_qs(urlsplit(url).query)["secret"][0]


def test_rotate_answers_the_athlete_with_a_feed_url_shown_only_then(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """The rotate answer carries calendar_url; GET shows the feed exists but not its secret."""
    athlete_id = create(client, ana)
    before = client.get(f"/v1/athletes/{athlete_id}", headers=ana).get_json()
    assert (before["calendar_feed"], before["calendar_url"]) == (False, None)
    url = rotate(client, ana, athlete_id)
    assert url.startswith(f"/v1/athletes/{athlete_id}/calendar.ics?secret=")
    after = client.get(f"/v1/athletes/{athlete_id}", headers=ana).get_json()
    assert (after["calendar_feed"], after["calendar_url"]) == (True, None)
    assert after["version"] == before["version"], "the feed is no edit of the athlete"


def test_the_feed_holds_the_newest_solve_of_each_week(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """Each week_of solved appears once, from its newest solve; weeks without week_of do not."""
    athlete_id = create(client, ana)
    url = rotate(client, ana, athlete_id)
    assert feed(client, url) == {}
    solve(client, ana, athlete_id, None)
    solve(client, ana, athlete_id, {"week_of": "2025-03-10", "days": {"sun": DAYS["sat"]}})
    solve(client, ana, athlete_id, {"week_of": None})
    found = feed(client, url).values()
    dates = sorted(event.decoded("dtstart") for event in found)
    runs = [e for e in found if str(e.get("categories").cats[0]) == "Run"]
    assert len(runs) == 3 + 1
    assert dates[0] >= dt.date(2025, 3, 3) and dates[-1] == dt.date(2025, 3, 16)


def test_subscribing_twice_and_solving_again_updates_events_instead_of_copying_them(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """Re-solving with a longer tempo keeps every UID; the tempo's SEQUENCE goes up and its
    LAST-MODIFIED moves, the unchanged runs keep theirs."""
    athlete_id = create(client, ana)
    url = rotate(client, ana, athlete_id)
    solve(client, ana, athlete_id, None)
    first = feed(client, url)
    assert feed(client, url).keys() == first.keys(), "the same feed read twice names the same"
    longer_tempo = {**DAYS, "thu": {"runs": [{"type": "tempo", "minutes": 70}]}}
    solve(client, ana, athlete_id, {"days": longer_tempo})
    second = feed(client, url)

    runs = {uid for uid, e in first.items() if str(e.get("categories").cats[0]) == "Run"}
    assert runs <= second.keys()
    tempo = next(uid for uid in runs if "tempo" in str(first[uid]["summary"]))
    assert "70 min" in str(second[tempo]["summary"])
    assert second[tempo]["sequence"] == first[tempo]["sequence"] + 1
    newest, oldest = solve_times(client, ana, athlete_id)
    assert second[tempo].decoded("last-modified") == newest
    assert second[tempo].decoded("dtstamp") == newest
    for uid in runs - {tempo}:
        assert second[uid]["sequence"] == first[uid]["sequence"] == 0
        assert second[uid].decoded("last-modified") == oldest


def test_a_revoked_or_rotated_secret_is_404(client: FlaskClient, ana: dict[str, str]) -> None:
    """Rotating kills the old URL at once; revoking kills the current one; rotating restarts."""
    athlete_id = create(client, ana)
    old = rotate(client, ana, athlete_id)
    new = rotate(client, ana, athlete_id)
    assert secret_of(old) != secret_of(new)
    assert client.get(old).status_code == 404
    feed(client, new)
    assert client.delete(f"/v1/athletes/{athlete_id}/calendar", headers=ana).status_code == 204
    response = client.get(new)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert (
        client.get(f"/v1/athletes/{athlete_id}", headers=ana).get_json()["calendar_feed"] is False
    )
    assert client.delete(f"/v1/athletes/{athlete_id}/calendar", headers=ana).status_code == 204
    feed(client, rotate(client, ana, athlete_id))


def test_the_coach_token_is_never_a_feed_secret(client: FlaskClient, ana: dict[str, str]) -> None:
    """The coach's token in place of the secret is 404; as a bearer header without the secret,
    the secret is still missing (400); with a wrong secret, 404."""
    athlete_id = create(client, ana)
    rotate(client, ana, athlete_id)
    token = ana["Authorization"].removeprefix("Bearer ")
    assert client.get(f"/v1/athletes/{athlete_id}/calendar.ics?secret={token}").status_code == 404
    missing = client.get(f"/v1/athletes/{athlete_id}/calendar.ics", headers=ana)
    assert missing.status_code == 400
    assert missing.get_json()["errors"][0]["field"] == "secret"
    wrong = client.get(f"/v1/athletes/{athlete_id}/calendar.ics?secret=nope", headers=ana)
    assert wrong.status_code == 404


def test_a_feed_never_shows_another_athlete(
    client: FlaskClient, ana: dict[str, str], ben: dict[str, str]
) -> None:
    """One athlete's secret opens no other athlete's feed; each feed holds its own weeks only."""
    mia = create(client, ana)
    leo = create(client, ben, {**MIA, "name": "Leo", "default_week": {"week_of": WEEK_OF}})
    mia_url, leo_url = rotate(client, ana, mia), rotate(client, ben, leo)
    solve(client, ana, mia, None)
    solve(client, ben, leo, None)
    assert (
        client.get(f"/v1/athletes/{leo}/calendar.ics?secret={secret_of(mia_url)}").status_code
        == 404
    )
    assert (
        client.get(f"/v1/athletes/{mia}/calendar.ics?secret={secret_of(leo_url)}").status_code
        == 404
    )
    mia_events, leo_events = feed(client, mia_url), feed(client, leo_url)
    assert mia_events.keys().isdisjoint(leo_events.keys())
    assert not any("Run:" in str(event["summary"]) for event in leo_events.values())
    assert sum("Run:" in str(event["summary"]) for event in mia_events.values()) == 3


def test_only_the_athletes_coach_rotates_or_revokes(
    client: FlaskClient, ana: dict[str, str], ben: dict[str, str]
) -> None:
    """Another coach gets 404, no token 401, and Ana's feed survives both."""
    athlete_id = create(client, ana)
    url = rotate(client, ana, athlete_id)
    assert client.post(f"/v1/athletes/{athlete_id}/calendar/rotate", headers=ben).status_code == 404
    assert client.delete(f"/v1/athletes/{athlete_id}/calendar", headers=ben).status_code == 404
    assert client.post(f"/v1/athletes/{athlete_id}/calendar/rotate").status_code == 401
    assert client.delete(f"/v1/athletes/{athlete_id}/calendar").status_code == 401
    feed(client, url)


def test_deleting_the_athlete_ends_their_feed(client: FlaskClient, ana: dict[str, str]) -> None:
    """The feed goes with the athlete."""
    athlete_id = create(client, ana)
    url = rotate(client, ana, athlete_id)
    assert client.delete(f"/v1/athletes/{athlete_id}", headers=ana).status_code == 204
    assert client.get(url).status_code == 404


def test_the_feed_names_the_athletes_time_zone(client: FlaskClient, ana: dict[str, str]) -> None:
    """X-WR-TIMEZONE and a VTIMEZONE for the athlete's zone; neither without a zone."""
    athlete_id = create(client, ana)
    solve(client, ana, athlete_id, None)
    calendar = Calendar.from_ical(client.get(rotate(client, ana, athlete_id)).get_data())
    assert str(calendar["x-wr-timezone"]) == "Europe/Paris"
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(calendar["refresh-interval"].to_ical().decode()) == "PT1H"

    no_zone = create(client, ana, {**MIA, "name": "Zed", "timezone": None})
    calendar = Calendar.from_ical(client.get(rotate(client, ana, no_zone)).get_data())
    assert "x-wr-timezone" not in calendar
    assert calendar.walk("VTIMEZONE") == []


@pytest.mark.parametrize("zone", ["Mars/Olympus", "America", "../etc/passwd", ""])
def test_an_unknown_time_zone_is_400_naming_the_field(
    client: FlaskClient, ana: dict[str, str], zone: str
) -> None:
    """Create and replace refuse a zone that is not an IANA name, naming `timezone`."""
    response = client.post("/v1/athletes", json={**MIA, "timezone": zone}, headers=ana)
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "timezone"
    athlete_id = create(client, ana)
    response = client.put(f"/v1/athletes/{athlete_id}", json={**MIA, "timezone": zone}, headers=ana)
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "timezone"


def test_the_athlete_solve_answers_a_calendar_on_request(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """Accept: text/calendar on the athlete's solve: 201, kept in the history, the same UIDs
    as the feed; JSON stays the default."""
    athlete_id = create(client, ana)
    url = rotate(client, ana, athlete_id)
    response = client.post(f"/v1/athletes/{athlete_id}/solve", headers={**ana, **CALENDAR})
    assert response.status_code == 201
    assert response.mimetype == "text/calendar"
    assert response.headers["Location"].startswith(f"/v1/athletes/{athlete_id}/history/")
    assert events(response.get_data()).keys() == feed(client, url).keys() != set()
    history = client.get(f"/v1/athletes/{athlete_id}/history", headers=ana).get_json()
    assert len(history["history"]) == 1


def test_the_athlete_solve_as_a_calendar_needs_week_of_and_keeps_nothing_without(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """Neither the default week nor the body has week_of: the calendar-needs-week-of problem,
    and the history stays empty."""
    athlete_id = create(client, ana, {**MIA, "default_week": {"days": DAYS}})
    response = client.post(f"/v1/athletes/{athlete_id}/solve", headers={**ana, **CALENDAR})
    assert response.status_code == 400
    problem = response.get_json()
    assert problem["type"] == "urn:trainweek:problem:calendar-needs-week-of"
    assert problem["errors"][0]["field"] == "week_of"
    history = client.get(f"/v1/athletes/{athlete_id}/history", headers=ana).get_json()
    assert history["history"] == []
    response = client.post(
        f"/v1/athletes/{athlete_id}/solve",
        json={"week_of": WEEK_OF},
        headers={**ana, **CALENDAR},
    )
    assert response.status_code == 201


def test_the_athlete_solve_refuses_an_accept_it_cannot_answer(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """Accept: text/html is 406 and solves nothing."""
    athlete_id = create(client, ana)
    response = client.post(
        f"/v1/athletes/{athlete_id}/solve", headers={**ana, "Accept": "text/html"}
    )
    assert response.status_code == 406
    history = client.get(f"/v1/athletes/{athlete_id}/history", headers=ana).get_json()
    assert history["history"] == []


def test_a_replayed_solve_answers_the_same_calendar(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """The same Idempotency-Key again: the same events, marked replayed, nothing new kept."""
    athlete_id = create(client, ana)
    headers = {**ana, **CALENDAR, "Idempotency-Key": "calendar-replay-0001"}
    first = client.post(f"/v1/athletes/{athlete_id}/solve", headers=headers)
    again = client.post(f"/v1/athletes/{athlete_id}/solve", headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.mimetype == "text/calendar"
    assert events(again.get_data()).keys() == events(first.get_data()).keys()
    history = client.get(f"/v1/athletes/{athlete_id}/history", headers=ana).get_json()
    assert len(history["history"]) == 1


def test_the_feed_secret_stays_out_of_logs_and_metrics(
    client: FlaskClient, ana: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """The access log and /metrics name the route, never the secret in the query string."""
    athlete_id = create(client, ana)
    url = rotate(client, ana, athlete_id)
    with caplog.at_level(logging.INFO):
        feed(client, url)
    assert caplog.records
    assert all(secret_of(url) not in record.getMessage() for record in caplog.records)
    assert all(secret_of(url) not in str(record.__dict__) for record in caplog.records)
    assert secret_of(url) not in client.get("/metrics").get_data(as_text=True)


def test_the_feed_is_counted_per_address_by_the_rate_limit(make_app, private_database: str) -> None:
    """The feed needs no coach token, so it counts against the client's address like every
    other such /v1/ route: past the limit it is 429."""
    app = make_app(
        {
            "TESTING": True,
            "DATABASE_URL": private_database,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_PER_CLIENT": "3 per minute",
        }
    )
    client = app.test_client()
    headers = bearer(client.post("/v1/coaches", json={"name": "Ana"}).get_json()["token"])
    athlete_id = create(client, headers)
    url = rotate(client, headers, athlete_id)
    # The sign-up was the address's first request: two feed reads reach the limit of three.
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_the_document_shows_the_feed_open_to_its_secret_alone(client: FlaskClient) -> None:
    """The feed's operation takes no bearer token, requires `secret` in the query and answers
    text/calendar; rotate answers the athlete."""
    paths = client.get("/openapi.json").get_json()["paths"]
    operation = paths["/v1/athletes/{athlete_id}/calendar.ics"]["get"]
    assert not operation.get("security")
    [secret] = [p for p in operation["parameters"] if p["in"] == "query"]
    assert (secret["name"], secret["required"]) == ("secret", True)
    assert "text/calendar" in operation["responses"]["200"]["content"]
    rotate_answer = paths["/v1/athletes/{athlete_id}/calendar/rotate"]["post"]["responses"]["200"]
    assert rotate_answer["content"]["application/json"]["schema"]["$ref"].endswith("/AthleteOut")


def test_an_unchanged_feed_is_304_to_its_etag_and_a_new_solve_changes_it(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """Read twice, the feed is the same bytes; If-None-Match with its ETag is 304 until the
    athlete's week is solved again."""
    athlete_id = create(client, ana)
    url = rotate(client, ana, athlete_id)
    solve(client, ana, athlete_id, None)
    first = client.get(url)
    assert client.get(url).get_data() == first.get_data()
    etag = first.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    solve(
        client,
        ana,
        athlete_id,
        {"days": {**DAYS, "sun": {"runs": [{"type": "easy", "minutes": 40}]}}},
    )
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
