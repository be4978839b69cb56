"""Field types shared by the coach resources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import StringConstraints

from api.storage.models import NAME_LENGTH

Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_LENGTH)
]


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored time in UTC: SQLite hands back naive datetimes, PostgreSQL aware ones."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
