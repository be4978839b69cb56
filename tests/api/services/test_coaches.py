"""Coaches and tokens: minted once, stored only as a hash, refused when forged or replaced."""

from __future__ import annotations

import hashlib

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from api.services.coaches import (
    CoachIn,
    current_coach,
    hash_token,
    register_coach,
    replace_token,
)
from api.services.errors import NotAuthenticated


def test_a_new_coach_gets_a_long_random_token(database):
    """Signing up answers the coach's id and trimmed name and a fresh 43-character token."""
    first = register_coach(database, CoachIn(name="  Ana "))
    second = register_coach(database, CoachIn(name="Ben"))
    assert first.name == "Ana"
    assert len(first.token) == 43
    assert first.token != second.token
    assert first.id != second.id


def test_a_blank_coach_name_is_refused():
    """A name of only spaces is no name."""
    with pytest.raises(ValidationError):
        CoachIn(name="   ")


def test_only_the_sha256_of_the_token_is_stored(database, coach):
    """The coaches row holds the token's SHA-256 and the token appears nowhere in the table."""
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM coaches")).all()
    assert hash_token(coach.token) == hashlib.sha256(coach.token.encode()).hexdigest()
    assert [row.token_hash for row in rows] == [hash_token(coach.token)]
    assert all(coach.token not in str(tuple(row)) for row in rows)


def test_the_token_finds_its_coach(database, coach, other_coach):
    """Each coach's token leads to that coach and no other."""
    assert current_coach(database, coach.token).id == coach.id
    assert current_coach(database, other_coach.token).id == other_coach.id
    assert current_coach(database, coach.token).name == "Ana"


def test_no_token_is_refused_without_an_error_code(database, coach):
    """Sending no token is NotAuthenticated with no RFC 6750 error, saying how to send one."""
    with pytest.raises(NotAuthenticated, match="Bearer") as error:
        current_coach(database, None)
    assert error.value.error is None


def test_a_forged_token_is_refused(database, coach):
    """A token never minted, a real one altered by a character, or its hash find no coach."""
    altered = coach.token[:-1] + ("A" if coach.token[-1] != "A" else "B")
    for forged in ("made-up-token", altered, hash_token(coach.token)):
        with pytest.raises(NotAuthenticated) as error:
            current_coach(database, forged)
        assert error.value.error == "invalid_token"


def test_a_replaced_token_is_refused(database, coach):
    """After a new token is minted the old one no longer finds the coach and the new one does."""
    renewed = replace_token(database, coach.token)
    assert renewed.token != coach.token
    assert renewed.id == coach.id
    with pytest.raises(NotAuthenticated):
        current_coach(database, coach.token)
    assert current_coach(database, renewed.token).id == coach.id


def test_replacing_needs_a_valid_token(database, coach):
    """A forged token cannot mint a new one, and the coach's own token keeps working."""
    with pytest.raises(NotAuthenticated):
        replace_token(database, "made-up-token")
    assert current_coach(database, coach.token).id == coach.id
