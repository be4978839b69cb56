"""Coaches and tokens: minted once, stored only as a hash, refused when forged or replaced."""

from __future__ import annotations

import hashlib

from sqlalchemy import text

from api.storage.coaches import (
    CoachIn,
    coach_for_token,
    hash_token,
    register_coach,
    replace_token,
)


def test_a_new_coach_gets_a_long_random_token(database):
    """Registering answers the coach's id and name and a fresh 43-character url-safe token."""
    with database.transaction() as session:
        first = register_coach(session, CoachIn(name="  Ana "))
        second = register_coach(session, CoachIn(name="Ben"))
    assert first.name == "Ana"
    assert len(first.token) == 43
    assert first.token != second.token
    assert first.id != second.id


def test_only_the_sha256_of_the_token_is_stored(database, coach):
    """The coaches row holds the token's SHA-256 and the token appears nowhere in the table."""
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM coaches")).all()
    assert [row.token_hash for row in rows] == [hashlib.sha256(coach.token.encode()).hexdigest()]
    assert all(coach.token not in str(tuple(row)) for row in rows)


def test_the_token_finds_its_coach(database, coach, other_coach):
    """Each coach's token leads to that coach and no other."""
    with database.transaction() as session:
        found = coach_for_token(session, coach.token)
        other = coach_for_token(session, other_coach.token)
    assert found is not None and found.id == coach.id
    assert other is not None and other.id == other_coach.id


def test_a_forged_token_is_refused(database, coach):
    """A token that was never minted, or a real one altered by a character, finds no coach."""
    altered = coach.token[:-1] + ("A" if coach.token[-1] != "A" else "B")
    with database.transaction() as session:
        assert coach_for_token(session, "made-up-token") is None
        assert coach_for_token(session, altered) is None
        assert coach_for_token(session, hash_token(coach.token)) is None


def test_a_replaced_token_is_refused(database, coach):
    """After a new token is minted the old one no longer finds the coach."""
    with database.transaction() as session:
        found = coach_for_token(session, coach.token)
        assert found is not None
        renewed = replace_token(session, found)
    with database.transaction() as session:
        assert coach_for_token(session, coach.token) is None
        again = coach_for_token(session, renewed.token)
    assert again is not None and again.id == coach.id
