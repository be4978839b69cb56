"""The tables: coaches, their weight profiles, their athletes, each athlete's solve history and
calendar feed.

Portable SQL only (SQLite by default, PostgreSQL through `DATABASE_URL`): JSON columns, no
dialect-specific types. A change here needs a migration in `api/migrations/versions/`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAME_LENGTH = 200
# The longest IANA zone name is 32 characters ("America/Argentina/ComodRivadavia").
TIMEZONE_LENGTH = 64

# Named constraints, so migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Now, in UTC."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """The declarative base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)
        dict[str, Any]: JSON,
        dict[str, int]: JSON,
        dt.datetime: DateTime(timezone=True),
    }


class Coach(Base):
    """A coach: the owner of profiles and athletes, known by the hash of an API token."""

    __tablename__ = "coaches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    # SHA-256 of the token, hex: the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The hash of the token the last rotation replaced: a rotation that lost a race to another
    # one with the same token is told so (409) instead of "invalid token" (401). Last, as
    # migration 0003 adds it.
    previous_token_hash: Mapped[str | None] = mapped_column(String(64), index=True)

    profiles: Mapped[list[Profile]] = relationship(
        back_populates="coach", cascade="all, delete-orphan", passive_deletes=True
    )
    athletes: Mapped[list[Athlete]] = relationship(
        back_populates="coach", cascade="all, delete-orphan", passive_deletes=True
    )


class Profile(Base):
    """A named set of soft-goal weights a coach solves with."""

    __tablename__ = "profiles"
    __table_args__ = (UniqueConstraint("coach_id", "name", name="uq_profiles_coach_id_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("coaches.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    description: Mapped[str] = mapped_column(Text, default="")
    weights: Mapped[dict[str, int]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Optimistic concurrency: every UPDATE and DELETE says which version it read, so a write
    # based on a copy someone else has changed or deleted matches no row and fails.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    coach: Mapped[Coach] = relationship(back_populates="profiles")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read by SQLAlchemy)


class Athlete(Base):
    """A runner a coach plans for, with the week they usually train."""

    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(primary_key=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("coaches.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    level: Mapped[str] = mapped_column(String(20))
    phase: Mapped[str | None] = mapped_column(String(20))
    equipment: Mapped[str] = mapped_column(String(20))
    # A WeekRequest as JSON, without its `athlete` block (the columns above hold that).
    default_week: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # As on Profile: a write from a stale copy fails instead of overwriting a newer one.
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    # The athlete's IANA time zone ("Europe/Paris"), or null when the coach has not said. Last,
    # as migration 0004 adds it.
    timezone: Mapped[str | None] = mapped_column(String(TIMEZONE_LENGTH))
    # What changes the rules for this runner (solver.domain.Athlete): age in years, years of
    # regular lifting, movements to avoid, most strength minutes a week. Null or empty: not
    # said. Last, as migration 0006 adds them.
    age: Mapped[int | None] = mapped_column(Integer)
    strength_training_age: Mapped[float | None] = mapped_column(Float)
    avoid: Mapped[list[str]] = mapped_column(JSON, server_default="[]")
    max_strength_minutes: Mapped[int | None] = mapped_column(Integer)

    coach: Mapped[Coach] = relationship(back_populates="athletes")
    history: Mapped[list[SolvedWeek]] = relationship(
        back_populates="athlete", cascade="all, delete-orphan", passive_deletes=True
    )
    # Read only: the feed is written on its own (api/storage/calendars.py), so minting or
    # revoking it never bumps the athlete's version; the database deletes it with the athlete.
    calendar_feed: Mapped[CalendarFeed | None] = relationship(viewonly=True, lazy="selectin")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read by SQLAlchemy)


class SolvedWeek(Base):
    """A week solved for an athlete: exactly what was asked, with which weights, and the answer.

    The athlete's history is these rows; "plan" is kept for multi-week training plans.
    """

    __tablename__ = "solved_weeks"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    # The profile the weights started from; kept as history when the profile is deleted.
    profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("profiles.id", ondelete="SET NULL"), index=True
    )
    request: Mapped[dict[str, Any]]
    weights: Mapped[dict[str, int]]
    result: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(20))
    objective: Mapped[int | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    athlete: Mapped[Athlete] = relationship(back_populates="history")


class AthletePlan(Base):
    """The training plan a coach stored for an athlete (one at most): a PlanRequest as JSON,
    solved on request with a profile. Versioned like the athlete, deleted with them."""

    __tablename__ = "athlete_plans"

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    plan: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read by SQLAlchemy)


class CalendarFeed(Base):
    """An athlete's calendar subscription: the hash of the secret its URL carries.

    One per athlete at most; rotating replaces the row, revoking deletes it. The secret itself is
    never stored (SHA-256, as for coach tokens), so its URL is shown only when it is minted.
    """

    __tablename__ = "calendar_feeds"

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class IdempotencyKey(Base):
    """A POST sent with an `Idempotency-Key`: which request it was and what it answered.

    `status` is null while the first request with the key is still running. Neither the key nor
    a coach's token is stored: the key as its SHA-256, the answer without the token.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        UniqueConstraint("scope", "key_hash", name="uq_idempotency_keys_scope_key_hash"),
        Index("ix_idempotency_keys_expires_at", "expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Whose key: "coach:<id>", or "client:<address>" for a sign-up.
    scope: Mapped[str] = mapped_column(String(100))
    key_hash: Mapped[str] = mapped_column(String(64))
    # SHA-256 of the method, path and body: the same key with another request is refused.
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int | None]
    body: Mapped[dict[str, Any] | None]
    location: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
