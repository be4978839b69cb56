"""Idempotency keys: which request first came with a key, and what it answered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.storage.errors import StorageError
from api.storage.models import IdempotencyKey


class KeyTaken(StorageError):
    """Another request reserved the same key first (its transaction committed meanwhile)."""


def find_key(session: Session, scope: str, key_hash: str) -> IdempotencyKey | None:
    """The key's row, or None (expired keys are purged first: see `purge_expired`)."""
    return session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.scope == scope, IdempotencyKey.key_hash == key_hash
        )
    )


def reserve_key(
    session: Session, scope: str, key_hash: str, request_hash: str, expires_at: dt.datetime
) -> None:
    """Reserve the key for a request now running; KeyTaken when another request has it.

    The unique constraint on (scope, key_hash) decides between two requests that both found
    the key free: the second insert waits for the first transaction, then fails.
    """
    session.add(
        IdempotencyKey(
            scope=scope, key_hash=key_hash, request_hash=request_hash, expires_at=expires_at
        )
    )
    try:
        session.flush()
    except IntegrityError:
        raise KeyTaken("another request reserved this key first") from None


def save_answer(
    session: Session,
    scope: str,
    key_hash: str,
    status: int,
    body: dict[str, Any],
    location: str | None,
) -> None:
    """Keep what the request that reserved the key answered."""
    row = session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.scope == scope, IdempotencyKey.key_hash == key_hash
        )
    )
    if row is not None:
        row.status, row.body, row.location = status, body, location
        session.flush()


def release_key(session: Session, scope: str, key_hash: str) -> None:
    """Free a reserved key whose request created nothing, so a retry runs afresh."""
    session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.scope == scope,
            IdempotencyKey.key_hash == key_hash,
            IdempotencyKey.status.is_(None),
        )
    )


def purge_expired(session: Session, now: dt.datetime) -> None:
    """Delete every expired key."""
    session.execute(delete(IdempotencyKey).where(IdempotencyKey.expires_at <= now))
