"""Sign a coach up, read the coach behind a token, replace the token."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from api.services.errors import NotAuthenticated
from api.services.fields import Name
from api.storage import Database, TokenReplaced
from api.storage import coaches as rows
from api.storage.fields import as_utc
from api.storage.models import Coach


class CoachIn(BaseModel):
    """A coach signing up."""

    model_config = ConfigDict(extra="forbid")

    name: Name = Field(description="How the coach is called, e.g. 'Ana'.")


class CoachOut(BaseModel):
    """A coach, as the coach sees themself."""

    id: int = Field(description="The coach's id.")
    name: str = Field(description="How the coach is called.")
    created_at: dt.datetime = Field(description="When the coach signed up (UTC).")


class RegisteredCoach(CoachOut):
    """A new coach and their API token: shown this once, only its hash is kept."""

    token: str = Field(
        description="API token for 'Authorization: Bearer <token>'. Shown only now: keep it."
    )


def hash_token(token: str) -> str:
    """The token's SHA-256, hex.

    A plain fast hash is enough here: the token is 32 random bytes from `secrets`, so there is no
    dictionary to try and brute force over 2**256 tokens is hopeless whatever the hash costs. Slow
    KDFs (bcrypt, argon2) exist for guessable passwords, and would make every request pay.
    """
    return hashlib.sha256(token.encode()).hexdigest()


def authenticated(session: Session, token: str | None) -> Coach:
    """The coach holding `token`; NotAuthenticated when none was sent or it is not valid."""
    if token is None:
        raise NotAuthenticated("send your token as 'Authorization: Bearer <token>'")
    coach = rows.coach_by_token_hash(session, hash_token(token))
    if coach is None:
        raise NotAuthenticated("the token is not valid", error="invalid_token")
    return coach


def register_coach(db: Database, data: CoachIn) -> RegisteredCoach:
    """Sign a coach up and mint their token."""
    token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        coach = rows.insert_coach(session, data.name, hash_token(token))
        return RegisteredCoach(**coach_out(coach).model_dump(), token=token)


def current_coach(db: Database, token: str | None) -> CoachOut:
    """The coach the token belongs to."""
    with db.transaction() as session:
        return coach_out(authenticated(session, token))


def replace_token(db: Database, token: str | None) -> RegisteredCoach:
    """Mint a new token for the coach; the one given stops working at once.

    Of several rotations with the same token exactly one wins; the others raise TokenReplaced
    (the token was good until the winner replaced it), whether they lose at the update or
    arrive after the winner committed.
    """
    new_token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        try:
            coach = authenticated(session, token)
        except NotAuthenticated:
            if token is not None and rows.token_was_replaced(session, hash_token(token)):
                raise TokenReplaced(
                    "this token was already replaced by another request; use the token it got"
                ) from None
            raise
        coach = rows.replace_token_hash(session, coach, coach.token_hash, hash_token(new_token))
        return RegisteredCoach(**coach_out(coach).model_dump(), token=new_token)


def coach_out(coach: Coach) -> CoachOut:
    """The coach as answered."""
    return CoachOut(id=coach.id, name=coach.name, created_at=as_utc(coach.created_at))
