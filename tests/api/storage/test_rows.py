"""The rows layer on its own: names unique per coach, rows only reachable by their owner, coaches
found by token hash, and an athlete's history newest first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from api.storage import Conflict, NotFound, TokenReplaced
from api.storage import profiles as profile_rows
from api.storage.athletes import (
    athletes_of,
    delete_athlete,
    history_of,
    insert_athlete,
    insert_solved_week,
    owned_athlete,
    solved_week_of,
    trim_history,
)
from api.storage.coaches import coach_by_token_hash, replace_token_hash, token_was_replaced
from api.storage.fields import MAX_ID
from api.storage.models import Athlete, SolvedWeek
from api.storage.profiles import (
    delete_profile,
    insert_profile,
    owned_profile,
    profiles_of,
    update_profile,
)

MIA: dict[str, Any] = {
    "name": "Mia",
    "level": "beginner",
    "phase": None,
    "equipment": "gym",
    "default_week": {},
}

IDS_NO_ROW_CAN_HAVE = (0, -1, MAX_ID + 1, 2**63)


def solved_fields(**fields: Any) -> dict[str, Any]:
    """Column values of a solved week; the request and result need not be real ones here."""
    return {
        "profile_id": None,
        "request": {},
        "weights": {},
        "result": {},
        "status": "optimal",
        "objective": 0,
        **fields,
    }


def test_a_profile_name_is_unique_per_coach(database, coach, other_coach):
    """A coach's second profile of a name is a Conflict; another coach may use the name."""
    with database.transaction() as session:
        insert_profile(session, coach.id, "marathon", "", {})
    with pytest.raises(Conflict, match="marathon"), database.transaction() as session:
        insert_profile(session, coach.id, "marathon", "again", {})
    with database.transaction() as session:
        insert_profile(session, other_coach.id, "marathon", "", {})
        assert [p.description for p in profiles_of(session, coach.id)] == [""]


def test_renaming_a_profile_onto_a_taken_name_is_a_conflict(database, coach):
    """update_profile refuses a name another of the coach's profiles has, and keeps its own."""
    with database.transaction() as session:
        insert_profile(session, coach.id, "marathon", "", {})
        trail = insert_profile(session, coach.id, "trail", "", {})
    with pytest.raises(Conflict), database.transaction() as session:
        update_profile(session, owned_profile(session, coach.id, trail.id), "marathon", "", {})
    with database.transaction() as session:
        update_profile(session, owned_profile(session, coach.id, trail.id), "trail", "new", {})
        assert owned_profile(session, coach.id, trail.id).description == "new"


def test_the_unique_constraint_holds_when_the_check_is_raced(database, coach, monkeypatch):
    """Two requests passing the name check at once still end in a Conflict, not a second row."""
    with database.transaction() as session:
        insert_profile(session, coach.id, "marathon", "", {})
    monkeypatch.setattr(profile_rows, "_refuse_taken_name", lambda *_: None)
    with pytest.raises(Conflict, match="a name taken"), database.transaction() as session:
        insert_profile(session, coach.id, "marathon", "", {})
    monkeypatch.undo()
    with database.transaction() as session:
        assert len(profiles_of(session, coach.id)) == 1


def test_another_coachs_profile_is_not_found_like_a_missing_one(database, coach, other_coach):
    """owned_profile answers NotFound, with one message, for a row of another coach and for
    ids no row can have."""
    with database.transaction() as session:
        profile = insert_profile(session, coach.id, "marathon", "", {})
    with database.transaction() as session:
        for profile_id in (profile.id, *IDS_NO_ROW_CAN_HAVE):
            looked_up_by = other_coach.id if profile_id == profile.id else coach.id
            with pytest.raises(NotFound, match=f"^no profile {profile_id}$"):
                owned_profile(session, looked_up_by, profile_id)
        assert owned_profile(session, coach.id, profile.id).name == "marathon"


def test_another_coachs_athlete_is_not_found_like_a_missing_one(database, coach, other_coach):
    """owned_athlete answers NotFound, with one message, for a row of another coach and for
    ids no row can have."""
    with database.transaction() as session:
        athlete = insert_athlete(session, coach.id, MIA)
    with database.transaction() as session:
        for athlete_id in (athlete.id, *IDS_NO_ROW_CAN_HAVE):
            looked_up_by = other_coach.id if athlete_id == athlete.id else coach.id
            with pytest.raises(NotFound, match=f"^no athlete {athlete_id}$"):
                owned_athlete(session, looked_up_by, athlete_id)
        assert owned_athlete(session, coach.id, athlete.id).name == "Mia"


def test_a_solved_week_is_found_only_under_its_athlete(database, coach):
    """solved_week_of is NotFound for another athlete's week and for ids no row can have."""
    with database.transaction() as session:
        mia = insert_athlete(session, coach.id, MIA)
        leo = insert_athlete(session, coach.id, {**MIA, "name": "Leo"})
        solved = insert_solved_week(session, mia, solved_fields())
        assert solved_week_of(session, mia, solved.id).id == solved.id
        for solved_id in (solved.id, *IDS_NO_ROW_CAN_HAVE):
            athlete = leo if solved_id == solved.id else mia
            with pytest.raises(NotFound, match="no solved week"):
                solved_week_of(session, athlete, solved_id)


def test_a_coach_is_found_by_their_token_hash_only(database, coach, other_coach):
    """Each hash finds its coach; an unknown hash finds none, and a replaced one stops working."""
    with database.transaction() as session:
        found = coach_by_token_hash(session, "a" * 64)
        assert found is not None and found.id == coach.id
        other = coach_by_token_hash(session, "b" * 64)
        assert other is not None and other.id == other_coach.id
        assert coach_by_token_hash(session, "c" * 64) is None
        replace_token_hash(session, found, "a" * 64, "d" * 64)
    with database.transaction() as session:
        assert coach_by_token_hash(session, "a" * 64) is None
        renewed = coach_by_token_hash(session, "d" * 64)
        assert renewed is not None and renewed.id == coach.id
        assert token_was_replaced(session, "a" * 64)
        assert not token_was_replaced(session, "b" * 64)


def test_a_token_hash_is_replaced_only_from_the_current_one(database, coach):
    """Replacing from a hash the coach no longer holds changes nothing: TokenReplaced."""
    with database.transaction() as session:
        found = coach_by_token_hash(session, "a" * 64)
        assert found is not None
        replace_token_hash(session, found, "a" * 64, "d" * 64)
    with pytest.raises(TokenReplaced), database.transaction() as session:
        replace_token_hash(session, found, "a" * 64, "e" * 64)
    with database.transaction() as session:
        assert coach_by_token_hash(session, "d" * 64) is not None
        assert coach_by_token_hash(session, "e" * 64) is None


def test_the_history_is_newest_first(database, coach):
    """history_of orders by solve time, latest first, and by id among weeks solved at once."""
    monday = dt.datetime(2025, 3, 3, tzinfo=dt.UTC)
    with database.transaction() as session:
        athlete = insert_athlete(session, coach.id, MIA)
        other = insert_athlete(session, coach.id, {**MIA, "name": "Leo"})
        days_after_monday = (2, 0, 5, 5)
        ids = [
            insert_solved_week(
                session, athlete, solved_fields(created_at=monday + dt.timedelta(days=days))
            ).id
            for days in days_after_monday
        ]
        insert_solved_week(session, other, solved_fields(created_at=monday))
    with database.transaction() as session:
        listed = [solved.id for solved in history_of(session, athlete)]
    assert listed == [ids[3], ids[2], ids[0], ids[1]]


def test_the_history_pages_by_key_with_no_row_twice_or_missed(database, coach):
    """Pages of history_of, each resumed after the last row's (time, id), list every week once
    in order, also where many weeks share one solve time."""
    monday = dt.datetime(2025, 3, 3, tzinfo=dt.UTC)
    with database.transaction() as session:
        athlete = insert_athlete(session, coach.id, MIA)
        for index in range(23):
            # Three weeks to a moment: the id alone must break the ties.
            moment = monday + dt.timedelta(microseconds=index // 3)
            insert_solved_week(session, athlete, solved_fields(created_at=moment))
    with database.transaction() as session:
        everything = [solved.id for solved in history_of(session, athlete)]
        paged: list[int] = []
        before = None
        while True:
            page = history_of(session, athlete, before=before, limit=5)
            paged += [solved.id for solved in page]
            if len(page) < 5:
                break
            before = (page[-1].created_at, page[-1].id)
    assert len(everything) == 23
    assert paged == everything


def test_profiles_and_athletes_page_by_name_then_id(database, coach):
    """Rows of one name come in id order, and a page resumes just after (name, id)."""
    with database.transaction() as session:
        for name in ("b", "a", "b", "c", "b"):
            insert_athlete(session, coach.id, {**MIA, "name": name})
        for name in ("y", "x", "z"):
            insert_profile(session, coach.id, name, "", {})
    with database.transaction() as session:
        athletes = [(a.name, a.id) for a in athletes_of(session, coach.id)]
        assert athletes == sorted(athletes)
        after_first_b = athletes_of(session, coach.id, after=athletes[1], limit=2)
        assert [(a.name, a.id) for a in after_first_b] == athletes[2:4]
        assert [p.name for p in profiles_of(session, coach.id, after=("x", 0), limit=1)] == ["x"]
        assert [p.name for p in profiles_of(session, coach.id, after=("x", 10**6))] == ["y", "z"]


def test_trim_history_deletes_the_oldest_beyond_the_newest_kept(database, coach):
    """trim_history keeps the newest `keep` weeks by (time, id), deletes the rest and says how
    many; with no more than `keep` weeks it deletes nothing."""
    monday = dt.datetime(2025, 3, 3, tzinfo=dt.UTC)
    with database.transaction() as session:
        athlete = insert_athlete(session, coach.id, MIA)
        ids = [
            insert_solved_week(session, athlete, solved_fields(created_at=monday + offset)).id
            for offset in (dt.timedelta(days=1), dt.timedelta(0), dt.timedelta(0))
        ]
        assert trim_history(session, athlete, 3) == 0
        assert trim_history(session, athlete, 2) == 1
        # The oldest of the two at Monday has the lower id: it is the one that went.
        assert [solved.id for solved in history_of(session, athlete)] == [ids[0], ids[2]]


def test_deleting_an_athlete_deletes_their_history(database, coach):
    """The athlete's solved weeks go with them; another athlete's stay."""
    with database.transaction() as session:
        mia = insert_athlete(session, coach.id, MIA)
        leo = insert_athlete(session, coach.id, {**MIA, "name": "Leo"})
        insert_solved_week(session, mia, solved_fields())
        kept = insert_solved_week(session, leo, solved_fields())
    with database.transaction() as session:
        delete_athlete(session, owned_athlete(session, coach.id, mia.id))
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Athlete)) == 1
        assert session.scalars(select(SolvedWeek.id)).all() == [kept.id]


def test_deleting_a_profile_keeps_the_weeks_solved_with_it(database, coach):
    """A solved week outlives its profile, pointing at none and keeping its weights."""
    with database.transaction() as session:
        profile = insert_profile(session, coach.id, "p", "", {"level_fit": 0})
        athlete = insert_athlete(session, coach.id, MIA)
        solved = insert_solved_week(
            session, athlete, solved_fields(profile_id=profile.id, weights={"level_fit": 0})
        )
    with database.transaction() as session:
        delete_profile(session, owned_profile(session, coach.id, profile.id))
    with database.transaction() as session:
        kept = solved_week_of(session, owned_athlete(session, coach.id, athlete.id), solved.id)
        assert (kept.profile_id, kept.weights) == (None, {"level_fit": 0})
