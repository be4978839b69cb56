"""Coaches and their API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.storage.fields import Name, as_utc
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


def register_coach(session: Session, data: CoachIn) -> RegisteredCoach:
    """Sign a coach up and mint their token."""
    token = secrets.token_urlsafe(32)
    coach = Coach(name=data.name, token_hash=hash_token(token))
    session.add(coach)
    session.flush()
    return RegisteredCoach(**coach_out(coach).model_dump(), token=token)


def coach_for_token(session: Session, token: str) -> Coach | None:
    """The coach holding this token, or None for a wrong, forged or replaced one."""
    wanted = hash_token(token)
    # Looked up by hash, so timing only ever reveals something about a hash, never the token;
    # the constant-time comparison keeps it that way whatever the database's index does.
    coach = session.scalar(select(Coach).where(Coach.token_hash == wanted))
    if coach is None or not hmac.compare_digest(coach.token_hash, wanted):
        return None
    return coach


def replace_token(session: Session, coach: Coach) -> RegisteredCoach:
    """Mint a new token for the coach; the old one stops working at once."""
    token = secrets.token_urlsafe(32)
    coach.token_hash = hash_token(token)
    session.flush()
    return RegisteredCoach(**coach_out(coach).model_dump(), token=token)


def coach_out(coach: Coach) -> CoachOut:
    """The coach as answered."""
    return CoachOut(id=coach.id, name=coach.name, created_at=as_utc(coach.created_at))
