"""POST /v1/athletes/<id>/replan: the newest week of the athlete's history replanned from what
happened, kept as the newest week, and shown by their calendar feed as changed events."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from tests.api.routes.test_calendars import create, feed, rotate, solve

MISSED_TUESDAY = {"today": "wed", "legs": "heavy"}


def strength_of(days: dict[str, Any]) -> dict[str, list[str]]:
    """Each day's strength session ids, from a week's `days`."""
    return {day: [item["session"] for item in plan["strength"]] for day, plan in days.items()}


def history(client: FlaskClient, headers: dict[str, str], athlete_id: int) -> list[dict[str, Any]]:
    """The athlete's history, newest first."""
    response = client.get(f"/v1/athletes/{athlete_id}/history", headers=headers)
    assert response.status_code == 200
    return response.get_json()["history"]


def solved_athlete(client: FlaskClient, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    """An athlete with one solved week; their id and that week's strength by day."""
    athlete_id = create(client, headers)
    solve(client, headers, athlete_id, None)
    return athlete_id, strength_of(history(client, headers, athlete_id)[0]["result"]["days"])


def missed_on_tuesday(held: dict[str, list[str]]) -> dict[str, Any]:
    """A replan body: Tuesday's session missed, today Wednesday, the legs heavy."""
    assert held["tue"], "the default week places a session on Tuesday's intervals"
    return {**MISSED_TUESDAY, "missed": [{"day": "tue", "session": held["tue"][0]}]}


def test_a_replan_is_kept_as_the_newest_week_with_the_past_as_it_happened(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """A missed Tuesday: 201 with Location to the new history entry, Tuesday empty, Monday as
    held, the change says past_as_it_happened; the history's newest week is the replanned one,
    solved from the request as it now stands."""
    athlete_id, held = solved_athlete(client, ana)
    response = client.post(
        f"/v1/athletes/{athlete_id}/replan", json=missed_on_tuesday(held), headers=ana
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    answer = response.get_json()
    assert response.headers["Location"] == f"/v1/athletes/{athlete_id}/history/{answer['id']}"
    assert (answer["athlete"], answer["today"]) == (athlete_id, "wed")
    replanned = strength_of(answer["days"])
    assert replanned["tue"] == [] and replanned["mon"] == held["mon"]
    tuesday = next(change for change in answer["changes"] if change["day"] == "tue")
    assert "past_as_it_happened" in tuesday["reasons"]
    kept = history(client, ana, athlete_id)
    assert [week["id"] for week in kept][:1] == [answer["id"]] and len(kept) == 2
    assert strength_of(kept[0]["result"]["days"]) == replanned
    assert kept[0]["result"]["objective"] == answer["objective"]
    assert kept[0]["request"]["week_of"] == kept[1]["request"]["week_of"]


def test_a_second_replan_starts_from_the_first(client: FlaskClient, ana: dict[str, str]) -> None:
    """The replanned week is the one the next replan holds: its Thursday can be reported done
    (the first week's Thursday session may not be there any more), and Tuesday stays empty."""
    athlete_id, held = solved_athlete(client, ana)
    first = client.post(
        f"/v1/athletes/{athlete_id}/replan", json=missed_on_tuesday(held), headers=ana
    ).get_json()
    thursday = strength_of(first["days"])["thu"]
    done = [{"day": "thu", "session": session} for session in thursday]
    second = client.post(
        f"/v1/athletes/{athlete_id}/replan", json={"today": "fri", "done": done}, headers=ana
    )
    assert second.status_code == 201, second.get_data(as_text=True)
    days = strength_of(second.get_json()["days"])
    assert days["tue"] == [] and days["thu"] == thursday


def test_the_feed_shows_the_replan_as_changed_events_with_the_same_uids(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """After a replan the feed keeps each remaining event's UID: the changed ones with SEQUENCE
    one higher, the unchanged ones (every run) as they were; the missed Tuesday session is gone."""
    athlete_id, held = solved_athlete(client, ana)
    url = rotate(client, ana, athlete_id)
    before = feed(client, url)
    response = client.post(
        f"/v1/athletes/{athlete_id}/replan", json=missed_on_tuesday(held), headers=ana
    )
    assert response.status_code == 201
    after = feed(client, url)

    assert len(before.keys() - after.keys()) >= 1, "the missed session's event is gone"
    kept = before.keys() & after.keys()
    changed = {uid for uid in kept if str(before[uid]["summary"]) != str(after[uid]["summary"])}
    assert changed, "a replan with heavy legs changes a session that stays in the week"
    for uid in kept:
        step = 1 if uid in changed else 0
        assert after[uid]["sequence"] == before[uid]["sequence"] + step, after[uid]["summary"]
    runs = {uid for uid, e in before.items() if str(e.get("categories").cats[0]) == "Run"}
    assert runs <= kept and not runs & changed


def test_an_athlete_without_a_solved_week_is_a_409_saying_to_solve_first(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """Nothing to replan: 409 nothing-to-replan naming the solve route; nothing is kept."""
    athlete_id = create(client, ana)
    response = client.post(f"/v1/athletes/{athlete_id}/replan", json=MISSED_TUESDAY, headers=ana)
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"] == "urn:trainweek:problem:nothing-to-replan"
    assert f"POST /v1/athletes/{athlete_id}/solve" in problem["detail"]
    assert history(client, ana, athlete_id) == []


def test_an_unknown_or_another_coachs_athlete_is_404(
    client: FlaskClient, ana: dict[str, str], ben: dict[str, str]
) -> None:
    """No such athlete, or Ben's athlete asked with Ana's token: 404; no token: 401."""
    leo, _ = solved_athlete(client, ben)
    for athlete_id in (leo, leo + 1000):
        response = client.post(
            f"/v1/athletes/{athlete_id}/replan", json=MISSED_TUESDAY, headers=ana
        )
        assert response.status_code == 404
    assert client.post(f"/v1/athletes/{leo}/replan", json=MISSED_TUESDAY).status_code == 401


def test_a_report_the_week_does_not_hold_is_a_400_and_keeps_nothing(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """A done session on a day the stored week has none, or a date with a request's week_of
    outside the week: 400 naming the field; the history is unchanged."""
    athlete_id, held = solved_athlete(client, ana)
    empty_day = next(day for day in ("mon", "tue", "wed") if not held[day])
    cases = (
        (
            {"today": "wed", "done": [{"day": empty_day, "session": "mobility_core"}]},
            "done[0].session",
        ),
        ({"today": "2025-03-12"}, "today"),
    )
    for body, field in cases:
        response = client.post(f"/v1/athletes/{athlete_id}/replan", json=body, headers=ana)
        assert response.status_code == 400, response.get_data(as_text=True)
        assert response.get_json()["errors"][0]["field"] == field
    assert len(history(client, ana, athlete_id)) == 1


def test_the_body_takes_no_request_or_week(client: FlaskClient, ana: dict[str, str]) -> None:
    """The stored week is the athlete's: a body with `request` or `week` is a 400 naming it."""
    athlete_id, _ = solved_athlete(client, ana)
    for field in ("request", "week"):
        body = {**MISSED_TUESDAY, field: {}}
        response = client.post(f"/v1/athletes/{athlete_id}/replan", json=body, headers=ana)
        assert response.status_code == 400
        assert response.get_json()["errors"][0]["field"] == field
