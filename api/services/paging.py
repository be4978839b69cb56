"""Pages of a list: how many rows a page holds, and the opaque cursor that says where the next
page starts.

A cursor is the sort key of the last row a page answered, with the list it belongs to, as JSON
in URL-safe base64. Storage pages by that key (keyset pagination), so a row added or deleted
between two pages shifts nothing: no row comes twice and none is skipped.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from api.services.errors import InvalidField

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# A solved week answers in up to about 5.3 KB (seven days of four runs, every penalty spelled
# out): 100 of them stay near half a megabyte, where 200 could pass one.
MAX_HISTORY_PAGE_SIZE = 100
# A cursor this service hands out is well under this; anything longer is not one of ours.
MAX_CURSOR_LENGTH = 200

# The cursor's text, given what `next` should say: the routes turn it into the next page's URL.
NextLink = Callable[[str], str]


def cursor_as_is(cursor: str) -> str:
    """`next` as the bare cursor (for callers without URLs, such as tests)."""
    return cursor


@dataclass(frozen=True)
class PageRequest:
    """Which page: at most `limit` rows, after the row `cursor` names (None: the first page)."""

    limit: int = DEFAULT_PAGE_SIZE
    cursor: str | None = None


def encode_cursor(list_name: str, key: list[Any]) -> str:
    """The cursor past the row whose sort key is `key`, in the list `list_name`."""
    text = json.dumps([list_name, *key], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(list_name: str, cursor: str, types: tuple[type, ...]) -> list[Any]:
    """The sort key a cursor of `list_name` holds, checked against `types`; InvalidField for
    anything else (a cursor edited by hand, or one from another list)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        decoded = None
    if (
        not isinstance(decoded, list)
        or len(decoded) != len(types) + 1
        or decoded[0] != list_name
        or not all(
            isinstance(value, kind) and not isinstance(value, bool)
            for value, kind in zip(decoded[1:], types, strict=True)
        )
    ):
        raise InvalidField(
            "cursor",
            "not a cursor of this list: send the `next` link of the previous page as it is",
        )
    return decoded[1:]


def by_name_cursor(list_name: str, cursor: str | None) -> tuple[str, int] | None:
    """The (name, id) after which a list sorted by name resumes."""
    if cursor is None:
        return None
    name, row_id = decode_cursor(list_name, cursor, (str, int))
    return name, row_id


def newest_first_cursor(list_name: str, cursor: str | None) -> tuple[dt.datetime, int] | None:
    """The (time, id) after which a list sorted newest first resumes."""
    if cursor is None:
        return None
    moment, row_id = decode_cursor(list_name, cursor, (str, int))
    try:
        return dt.datetime.fromisoformat(moment), row_id
    except ValueError:
        raise InvalidField("cursor", "not a cursor of this list") from None


def next_cursor(
    list_name: str, rows: list[Any], limit: int, key: Callable[[Any], list[Any]]
) -> str | None:
    """The cursor of the page after `rows`, fetched as `limit + 1` rows; None on the last page.

    The one row beyond the page only says there is more: the page itself ends at `limit`.
    """
    if len(rows) <= limit:
        return None
    return encode_cursor(list_name, key(rows[limit - 1]))
