"""Column helpers shared by the storage modules."""

from __future__ import annotations

import datetime as dt

# Ids are INTEGER columns: 32-bit on PostgreSQL. A larger number cannot name a row, and sending it
# to the database would fail there (or overflow SQLite's 64 bits) instead of finding nothing.
MAX_ID = 2**31 - 1


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored time in UTC: SQLite hands back naive datetimes, PostgreSQL aware ones."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def may_exist(row_id: int) -> bool:
    """Whether `row_id` is in the range of ids the database hands out."""
    return 1 <= row_id <= MAX_ID
