"""Coach rows: a coach is found by the hash of their token, never by the token itself."""

from __future__ import annotations

import hmac

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from api.storage.errors import TokenReplaced
from api.storage.models import Coach


def insert_coach(session: Session, name: str, token_hash: str) -> Coach:
    """Store a new coach."""
    coach = Coach(name=name, token_hash=token_hash)
    session.add(coach)
    session.flush()
    return coach


def coach_by_id(session: Session, coach_id: int) -> Coach | None:
    """The coach `coach_id`, or None."""
    return session.get(Coach, coach_id)


def coach_by_token_hash(session: Session, token_hash: str) -> Coach | None:
    """The coach whose token has this hash, or None."""
    coach = session.scalar(select(Coach).where(Coach.token_hash == token_hash))
    # Looked up by hash, so timing only ever reveals something about a hash, never the token;
    # the constant-time comparison keeps it that way whatever the database's index does.
    if coach is None or not hmac.compare_digest(coach.token_hash, token_hash):
        return None
    return coach


def replace_token_hash(session: Session, coach: Coach, old_hash: str, new_hash: str) -> Coach:
    """Replace the coach's token hash, only if it is still `old_hash`; TokenReplaced when
    another request replaced it first.

    One conditional UPDATE, so of several rotations with the same token exactly one matches the
    row: the database orders them (SQLite's write lock, PostgreSQL's row lock and re-check).
    """
    result = session.execute(
        update(Coach)
        .where(Coach.id == coach.id, Coach.token_hash == old_hash)
        .values(token_hash=new_hash, previous_token_hash=old_hash)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    if result.rowcount != 1:
        raise TokenReplaced("another request replaced this token first; use the token it got")
    session.refresh(coach)
    return coach


def token_was_replaced(session: Session, token_hash: str) -> bool:
    """Whether `token_hash` is a coach's token that a rotation replaced (their last one)."""
    found = session.scalar(select(Coach.id).where(Coach.previous_token_hash == token_hash))
    return found is not None
