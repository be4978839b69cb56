"""Coach rows: a coach is found by the hash of their token, never by the token itself."""

from __future__ import annotations

import hmac

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.storage.models import Coach


def insert_coach(session: Session, name: str, token_hash: str) -> Coach:
    """Store a new coach."""
    coach = Coach(name=name, token_hash=token_hash)
    session.add(coach)
    session.flush()
    return coach


def coach_by_token_hash(session: Session, token_hash: str) -> Coach | None:
    """The coach whose token has this hash, or None."""
    coach = session.scalar(select(Coach).where(Coach.token_hash == token_hash))
    # Looked up by hash, so timing only ever reveals something about a hash, never the token;
    # the constant-time comparison keeps it that way whatever the database's index does.
    if coach is None or not hmac.compare_digest(coach.token_hash, token_hash):
        return None
    return coach


def set_token_hash(session: Session, coach: Coach, token_hash: str) -> Coach:
    """Replace the coach's token hash."""
    coach.token_hash = token_hash
    session.flush()
    return coach
