"""Calendar feed rows: at most one per athlete, found by the athlete and the hash of its secret."""

from __future__ import annotations

import hmac

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.orm import Session

from api.storage.fields import may_exist
from api.storage.models import Athlete, CalendarFeed


def replace_feed(session: Session, athlete: Athlete, secret_hash: str) -> CalendarFeed:
    """Give the athlete a feed with this secret hash; the feed they had, if any, goes."""
    revoke_feed(session, athlete)
    feed = CalendarFeed(athlete_id=athlete.id, secret_hash=secret_hash)
    session.add(feed)
    session.flush()
    return feed


def revoke_feed(session: Session, athlete: Athlete) -> bool:
    """Delete the athlete's feed; whether there was one."""
    gone = session.execute(delete(CalendarFeed).where(CalendarFeed.athlete_id == athlete.id))
    assert isinstance(gone, CursorResult)
    return gone.rowcount > 0


def athlete_by_feed(session: Session, athlete_id: int, secret_hash: str) -> Athlete | None:
    """The athlete `athlete_id` when their feed's secret has this hash, else None."""
    if not may_exist(athlete_id):
        return None
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.athlete_id == athlete_id))
    # Compared in constant time, and only ever a hash: timing says nothing about the secret.
    if feed is None or not hmac.compare_digest(feed.secret_hash, secret_hash):
        return None
    return session.get(Athlete, athlete_id)
