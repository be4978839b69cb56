"""Calendar feed rows: one per athlete, found only with the athlete's id and the right hash,
gone with the athlete."""

from __future__ import annotations

from sqlalchemy import func, select

from api.storage.athletes import delete_athlete, insert_athlete, owned_athlete
from api.storage.calendars import athlete_by_feed, replace_feed, revoke_feed
from api.storage.fields import MAX_ID
from api.storage.models import CalendarFeed

MIA = {"name": "Mia", "level": "beginner", "phase": None, "equipment": "gym", "default_week": {}}


def test_a_feed_is_found_by_its_athlete_and_hash_only(database, coach):
    """The right pair finds the athlete; another athlete's id, a wrong hash or an id out of
    range find nothing."""
    with database.transaction() as session:
        mia = insert_athlete(session, coach.id, MIA)
        leo = insert_athlete(session, coach.id, {**MIA, "name": "Leo"})
        replace_feed(session, mia, "m" * 64)
        replace_feed(session, leo, "l" * 64)
    with database.transaction() as session:
        found = athlete_by_feed(session, mia.id, "m" * 64)
        assert found is not None and found.id == mia.id
        assert athlete_by_feed(session, leo.id, "m" * 64) is None
        assert athlete_by_feed(session, mia.id, "x" * 64) is None
        assert athlete_by_feed(session, MAX_ID + 1, "m" * 64) is None


def test_replacing_a_feed_keeps_one_row_and_only_the_new_hash(database, coach):
    """After a rotation the old hash finds nothing and the athlete has one feed."""
    with database.transaction() as session:
        mia = insert_athlete(session, coach.id, MIA)
        replace_feed(session, mia, "1" * 64)
        replace_feed(session, mia, "2" * 64)
    with database.transaction() as session:
        assert athlete_by_feed(session, mia.id, "1" * 64) is None
        assert athlete_by_feed(session, mia.id, "2" * 64) is not None
        assert session.scalar(select(func.count()).select_from(CalendarFeed)) == 1


def test_revoking_says_whether_there_was_a_feed(database, coach):
    """The first revoke deletes the feed, the second finds none."""
    with database.transaction() as session:
        mia = insert_athlete(session, coach.id, MIA)
        replace_feed(session, mia, "m" * 64)
    with database.transaction() as session:
        assert revoke_feed(session, mia) is True
        assert revoke_feed(session, mia) is False
        assert athlete_by_feed(session, mia.id, "m" * 64) is None


def test_a_feed_goes_with_its_athlete_and_does_not_bump_their_version(database, coach):
    """Minting a feed leaves the athlete's version alone; deleting the athlete deletes it."""
    with database.transaction() as session:
        mia = insert_athlete(session, coach.id, MIA)
    with database.transaction() as session:
        athlete = owned_athlete(session, coach.id, mia.id)
        replace_feed(session, athlete, "m" * 64)
    with database.transaction() as session:
        athlete = owned_athlete(session, coach.id, mia.id)
        assert athlete.version == 1
        assert athlete.calendar_feed is not None
        delete_athlete(session, athlete)
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CalendarFeed)) == 0
