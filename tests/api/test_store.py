"""The app's database: migrated at start-up, kept across restarts, all-or-nothing per request."""

from __future__ import annotations

from sqlalchemy import create_engine, func, inspect, select, text

from api.app import create_app
from api.storage.migrate import current_revision, head_revision
from api.storage.models import Profile, SolvedWeek
from api.store import EXTENSION
from tests.helpers import register


def test_starting_the_app_migrates_an_empty_database(private_database):
    """create_app on an empty database (a SQLite file that does not exist yet) leaves it with
    the schema at head."""
    url = private_database
    app = create_app({"DATABASE_URL": url})
    app.extensions[EXTENSION].dispose()
    engine = create_engine(url)
    with engine.connect() as connection:
        assert {"coaches", "profiles", "athletes", "solved_weeks"} <= set(
            inspect(connection).get_table_names()
        )
        assert current_revision(connection) == head_revision()
    engine.dispose()


def test_everything_written_survives_a_restart(private_database):
    """Coach, token, profile, athlete and plan written by one app are all read by the next."""
    first = create_app({"DATABASE_URL": private_database})
    client = first.test_client()
    ana = register(client, "Ana")
    profile = client.post(
        "/v1/profiles", json={"name": "p", "weights": {"level_fit": 0}}, headers=ana
    )
    athlete = client.post("/v1/athletes", json={"name": "Mia", "phase": "base"}, headers=ana)
    athlete_id = athlete.get_json()["id"]
    plan = client.post(
        f"/v1/athletes/{athlete_id}/solve",
        json={"profile": profile.get_json()["id"]},
        headers=ana,
    )
    assert plan.status_code == 201
    first.extensions[EXTENSION].dispose()

    second = create_app({"DATABASE_URL": private_database})
    client = second.test_client()
    assert client.get("/v1/coaches/me", headers=ana).get_json()["name"] == "Ana"
    profiles = client.get("/v1/profiles", headers=ana).get_json()
    assert profiles == {"profiles": [profile.get_json()], "next": None}
    assert client.get(f"/v1/athletes/{athlete_id}", headers=ana).get_json() == athlete.get_json()
    plans = client.get(f"/v1/athletes/{athlete_id}/history", headers=ana).get_json()["history"]
    assert plans == [plan.get_json()]
    second.extensions[EXTENSION].dispose()


def test_restarting_on_a_migrated_database_keeps_its_rows(private_database):
    """A second start-up finds the schema at head and changes no row."""
    app = create_app({"DATABASE_URL": private_database})
    token = register(app.test_client(), "Ana")
    app.extensions[EXTENSION].dispose()
    engine = create_engine(private_database)
    with engine.connect() as connection:
        before = connection.execute(text("SELECT * FROM coaches")).all()
    again = create_app({"DATABASE_URL": private_database})
    with engine.connect() as connection:
        assert connection.execute(text("SELECT * FROM coaches")).all() == before
    engine.dispose()
    assert again.test_client().get("/v1/coaches/me", headers=token).status_code == 200
    again.extensions[EXTENSION].dispose()


def count(app, model) -> int:
    """Rows of `model` in the app's database."""
    with app.extensions[EXTENSION].transaction() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_crash_after_a_profile_is_written_stores_nothing(app, client, ana, monkeypatch):
    """When the request fails after the INSERT, the answer is a 500 problem and no row is left."""

    def crash(profile: Profile) -> None:
        assert profile.id is not None, "the row should be written by now"
        raise RuntimeError("crash after the insert")

    monkeypatch.setattr("api.services.profiles.profile_out", crash)
    response = client.post("/v1/profiles", json={"name": "p"}, headers=ana)
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert count(app, Profile) == 0


def test_a_crash_after_a_solved_week_is_written_stores_nothing(app, client, ana, monkeypatch):
    """A solve that fails after its history row was inserted leaves no row behind."""
    athlete = client.post("/v1/athletes", json={"name": "Mia"}, headers=ana).get_json()

    def crash(solved: SolvedWeek) -> None:
        assert solved.id is not None, "the row should be written by now"
        raise RuntimeError("crash after the insert")

    monkeypatch.setattr("api.services.athletes.solved_week_out", crash)
    response = client.post(f"/v1/athletes/{athlete['id']}/solve", headers=ana)
    assert response.status_code == 500
    assert count(app, SolvedWeek) == 0


def test_a_refused_rename_leaves_the_profile_untouched(app, client, ana):
    """A 409 on PUT rolls back: neither name nor weights of the profile changed."""
    client.post("/v1/profiles", json={"name": "taken"}, headers=ana)
    mine = client.post(
        "/v1/profiles", json={"name": "mine", "weights": {"level_fit": 1}}, headers=ana
    ).get_json()
    body = {"name": "taken", "weights": {"level_fit": 9}}
    assert client.put(f"/v1/profiles/{mine['id']}", json=body, headers=ana).status_code == 409
    assert client.get(f"/v1/profiles/{mine['id']}", headers=ana).get_json() == mine


HUGE = 2**70


def test_ids_too_large_for_any_row_are_404_not_a_crash(client, ana):
    """Ids beyond the database's integer range are simply not found, in paths and in bodies."""
    athlete = client.post("/v1/athletes", json={"name": "Mia"}, headers=ana).get_json()
    attempts = [
        ("get", f"/v1/profiles/{HUGE}", None),
        ("put", f"/v1/profiles/{HUGE}", {"name": "p"}),
        ("delete", f"/v1/athletes/{HUGE}", None),
        ("post", f"/v1/athletes/{HUGE}/solve", None),
        ("get", f"/v1/athletes/{athlete['id']}/plans/{HUGE}", None),
        ("post", f"/v1/athletes/{athlete['id']}/solve", {"profile": HUGE}),
        ("post", "/v1/weeks/solve", {"profile": HUGE}),
        ("post", "/v1/weeks/solve", {"profile": -1}),
    ]
    for method, url, body in attempts:
        response = getattr(client, method)(url, json=body, headers=ana)
        assert response.status_code == 404, (method, url, body, response.get_data(as_text=True))
