"""Column helpers shared by the storage modules."""

from __future__ import annotations

import datetime as dt

from api.storage.errors import Stale

# Ids are INTEGER columns: 32-bit on PostgreSQL. A larger number cannot name a row, and sending it
# to the database would fail there (or overflow SQLite's 64 bits) instead of finding nothing.
MAX_ID = 2**31 - 1


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored time in UTC: SQLite hands back naive datetimes, PostgreSQL aware ones."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def may_exist(row_id: int) -> bool:
    """Whether `row_id` is in the range of ids the database hands out."""
    return 1 <= row_id <= MAX_ID


def refuse_stale(kind: str, row_id: int, stored: int, expected: int | None) -> None:
    """Stale when the client said which version it edits and the stored row is another one."""
    if expected is not None and expected != stored:
        raise Stale(
            f"{kind} {row_id} is at version {stored}, not {expected}: someone changed it since "
            "you read it; read it again and retry",
            current_version=stored,
        )
