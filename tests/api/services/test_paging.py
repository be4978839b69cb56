"""Cursors: opaque, tied to their list, refused when edited; pages walk a list exactly once."""

from __future__ import annotations

import base64

import pytest

from api.services.athletes import AthleteIn, create_athlete, list_athletes
from api.services.errors import InvalidField
from api.services.paging import PageRequest, decode_cursor, encode_cursor
from api.services.profiles import ProfileIn, create_profile, list_profiles


def test_a_cursor_decodes_to_the_key_it_was_made_from():
    """encode_cursor then decode_cursor gives the sort key back, URL-safe and unpadded."""
    cursor = encode_cursor("athletes", ["Zoë / ?&=", 42])
    assert "=" not in cursor and "/" not in cursor and "+" not in cursor
    assert decode_cursor("athletes", cursor, (str, int)) == ["Zoë / ?&=", 42]


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "not base64 at all!",
        base64.urlsafe_b64encode(b"not json").decode(),
        base64.urlsafe_b64encode(b'{"a": 1}').decode(),
        encode_cursor("athletes", ["Mia"]),
        encode_cursor("athletes", ["Mia", "7"]),
        encode_cursor("athletes", ["Mia", True]),
        encode_cursor("profiles", ["Mia", 7]),
        "é",
    ],
)
def test_anything_but_a_cursor_of_this_list_is_invalid_field_cursor(cursor):
    """Garbage, a key of the wrong shape or types, or another list's cursor: InvalidField."""
    with pytest.raises(InvalidField) as refused:
        decode_cursor("athletes", cursor, (str, int))
    assert refused.value.field == "cursor"


def test_pages_of_athletes_list_each_once_by_name_then_id(database, coach):
    """Seven athletes (three of one name) come back in pages of two, none twice, none missed."""
    for name in ("Mia", "Leo", "Mia", "Ava", "Mia", "Zed", "Bo"):
        create_athlete(database, coach.token, AthleteIn(name=name))
    everything = list_athletes(database, coach.token, PageRequest(limit=200)).athletes
    paged = []
    cursor = None
    pages = 0
    while True:
        page = list_athletes(database, coach.token, PageRequest(limit=2, cursor=cursor))
        pages += 1
        paged += page.athletes
        if page.next is None:
            break
        cursor = page.next
    assert pages == 4
    assert paged == everything
    assert [a.name for a in paged] == ["Ava", "Bo", "Leo", "Mia", "Mia", "Mia", "Zed"]
    assert [a.id for a in paged if a.name == "Mia"] == sorted(
        a.id for a in paged if a.name == "Mia"
    )


def test_a_full_last_page_says_there_is_no_next(database, coach):
    """Exactly `limit` profiles: one page, and `next` is None rather than an empty page."""
    for name in ("a", "b"):
        create_profile(database, coach.token, ProfileIn(name=name))
    page = list_profiles(database, coach.token, PageRequest(limit=2))
    assert [p.name for p in page.profiles] == ["a", "b"]
    assert page.next is None


def test_the_link_turns_the_cursor_into_next(database, coach):
    """`next` is what the caller's link makes of the cursor (the routes make a URL)."""
    for name in ("a", "b"):
        create_profile(database, coach.token, ProfileIn(name=name))
    page = list_profiles(database, coach.token, PageRequest(limit=1), lambda c: f"/p?cursor={c}")
    assert page.next is not None and page.next.startswith("/p?cursor=")
