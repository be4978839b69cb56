"""Calendars of solved weeks: which event is which, how often each changed, and each athlete's
subscription feed (mint its secret, revoke it, read the feed with it).

An event's identity is its **slot**: the date, run or strength, and its place among that day's
runs or strength sessions (0 = the first). Its UID is a hash of the calendar's **owner** and the
slot, never a counter, so exporting the same week again names the same events and a calendar app
updates them instead of adding copies:

- an athlete's weeks (their feed, or a solve for them): owner `athlete:<id>`;
- a week solved from a request: owner `request:<calendar>`, `calendar` being a name the client
  may send (the query parameter `calendar`, empty when left out) so that two runners' weeks
  imported into one calendar app stay apart;
- a scenario of the library: `scenario:<name>:<calendar>`.

How often an event changed (its SEQUENCE) and when (LAST-MODIFIED) come, for an athlete, from
their history: of the weeks solved for the same `week_of`, oldest first, each solve where the
slot's content differs from the solve before counts once. A week solved from a request has no
history: each export is a new revision (see `one_off_week`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from api.services.athletes import AthleteOut, athlete_out
from api.services.coaches import authenticated, hash_token
from api.services.errors import CalendarNeedsWeekOf
from api.storage import Database, NotFound
from api.storage import athletes as athlete_rows
from api.storage import calendars as rows
from api.storage.fields import as_utc
from api.storage.models import Athlete, SolvedWeek
from solver import DAYS, WeekResult

EventKind = Literal["run", "strength"]
FEED_PATH = "/v1/athletes/{athlete_id}/calendar.ics?secret={secret}"
# A one-off export's SEQUENCE counts minutes from here: any later export outranks an earlier one.
ONE_OFF_EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


class Slot(NamedTuple):
    """Where an event sits: its date, run or strength, and its place in the day (0 = first)."""

    date: dt.date
    kind: EventKind
    place: int


@dataclass(frozen=True)
class Revision:
    """How many times a slot's event changed (SEQUENCE) and when it last did (LAST-MODIFIED)."""

    sequence: int
    modified: dt.datetime


@dataclass(frozen=True)
class CalendarWeek:
    """A solved week ready for a calendar: whose it is and each event's revision."""

    week_of: dt.date
    result: WeekResult
    owner: str
    revisions: dict[Slot, Revision]


@dataclass(frozen=True)
class WeekCalendar:
    """Weeks to put in one calendar: its name, the athlete's time zone, whether apps refresh it."""

    name: str
    weeks: list[CalendarWeek]
    timezone: str | None = None
    subscription: bool = False


def slot_uid(owner: str, slot: Slot) -> str:
    """The event's UID: the same owner and slot give the same UID, on every export."""
    key = f"trainweek|{owner}|{slot.date.isoformat()}|{slot.kind}|{slot.place}"
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@trainweek"


def week_slots(week_of: dt.date, days: dict[str, Any]) -> dict[Slot, dict[str, Any]]:
    """Each event of a solved week (its `days` as JSON) by slot, with what it holds."""
    slots: dict[Slot, dict[str, Any]] = {}
    for day_index, day_id in enumerate(DAYS):
        date = week_of + dt.timedelta(days=day_index)
        day = days.get(day_id) or {}
        for kind in ("run", "strength"):
            items = day.get("runs" if kind == "run" else "strength") or []
            for index, item in enumerate(items):
                # Fields left unset say nothing: a field added to the model later is no change.
                slots[Slot(date, kind, index)] = {k: v for k, v in item.items() if v is not None}
    return slots


def slot_revisions(solves: Sequence[tuple[dt.datetime, dict[Slot, Any]]]) -> dict[Slot, Revision]:
    """Each slot of the last of `solves` (oldest first: when, and the week's slots) with how many
    solves changed it since it first appeared, and when the last of them was."""
    revisions: dict[Slot, Revision] = {}
    previous: dict[Slot, Any] = {}
    for moment, slots in solves:
        for slot, content in slots.items():
            known = revisions.get(slot)
            if known is None:
                revisions[slot] = Revision(0, moment)
            elif previous.get(slot) != content:
                revisions[slot] = Revision(known.sequence + 1, moment)
        previous = slots
    last = solves[-1][1] if solves else {}
    return {slot: revisions[slot] for slot in last}


def request_owner(calendar: str | None) -> str:
    """The owner of a week solved from a request, for the client's `calendar` name."""
    return f"request:{calendar or ''}"


def scenario_owner(name: str, calendar: str | None) -> str:
    """The owner of a scenario's week, for the client's `calendar` name."""
    return f"scenario:{name}:{calendar or ''}"


def one_off_week(
    result: WeekResult, week_of: dt.date, owner: str, now: dt.datetime
) -> CalendarWeek:
    """A week exported once, without a history to count changes in.

    Every event is revised `now`, and its SEQUENCE is the whole minutes since 2025-01-01: an
    export made later outranks one imported before, so a calendar app takes its changes.
    """
    now = now.astimezone(dt.UTC).replace(microsecond=0)
    sequence = max(0, int((now - ONE_OFF_EPOCH).total_seconds() // 60))
    slots = week_slots(week_of, result.model_dump(mode="json")["days"])
    return CalendarWeek(
        week_of=week_of,
        result=result,
        owner=owner,
        revisions={slot: Revision(sequence, now) for slot in slots},
    )


def rotate_feed(db: Database, token: str | None, athlete_id: int) -> AthleteOut:
    """Mint a new feed secret for one of the coach's athletes; the old feed URL stops working.

    The answer is the athlete with `calendar_url`: the only time the secret is shown.
    """
    secret = secrets.token_urlsafe(32)
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = athlete_rows.owned_athlete(session, coach.id, athlete_id)
        rows.replace_feed(session, athlete, hash_token(secret))
        url = FEED_PATH.format(athlete_id=athlete.id, secret=secret)
        return athlete_out(athlete, calendar_url=url)


def revoke_feed(db: Database, token: str | None, athlete_id: int) -> None:
    """Revoke the athlete's feed, if they have one: its URL answers 404 from now on."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        rows.revoke_feed(session, athlete_rows.owned_athlete(session, coach.id, athlete_id))


def athlete_feed(db: Database, athlete_id: int, secret: str) -> WeekCalendar:
    """The athlete's feed: the newest solve of every week (`week_of`) in their history.

    NotFound, saying nothing more, when the athlete does not exist, has no feed, or the secret
    is not their feed's: a coach's token is no feed secret.
    """
    with db.transaction() as session:
        athlete = rows.athlete_by_feed(session, athlete_id, hash_token(secret))
        if athlete is None:
            raise NotFound(f"no calendar feed for athlete {athlete_id} with this secret")
        history = athlete_rows.history_of(session, athlete)
        weeks = [
            _calendar_week(athlete, week_of, solves)
            for week_of, solves in sorted(_by_week(history).items())
        ]
        return WeekCalendar(
            name=f"{athlete.name}: training",
            weeks=weeks,
            timezone=athlete.timezone,
            subscription=True,
        )


def solved_week_calendar(
    db: Database, token: str | None, athlete_id: int, solved_id: int
) -> WeekCalendar:
    """One week of the athlete's history as a calendar, with the same UIDs and revisions as in
    their feed (counted up to that solve). CalendarNeedsWeekOf when it has no week_of."""
    with db.transaction() as session:
        coach = authenticated(session, token)
        athlete = athlete_rows.owned_athlete(session, coach.id, athlete_id)
        solved = athlete_rows.solved_week_of(session, athlete, solved_id)
        week_of = _week_of(solved)
        if week_of is None:
            raise CalendarNeedsWeekOf()
        history = athlete_rows.history_of(session, athlete)
        solves = [s for s in _by_week(history)[week_of] if _solve_order(s) <= _solve_order(solved)]
        return WeekCalendar(
            name=f"{athlete.name}: week of {week_of.isoformat()}",
            weeks=[_calendar_week(athlete, week_of, solves)],
            timezone=athlete.timezone,
        )


def _calendar_week(athlete: Athlete, week_of: dt.date, solves: list[SolvedWeek]) -> CalendarWeek:
    """The newest of `solves` (oldest first, all for `week_of`) with its events' revisions."""
    revisions = slot_revisions(
        [(as_utc(s.created_at), week_slots(week_of, s.result["days"])) for s in solves]
    )
    return CalendarWeek(
        week_of=week_of,
        result=WeekResult.model_validate(solves[-1].result),
        owner=f"athlete:{athlete.id}",
        revisions=revisions,
    )


def _by_week(history: Iterable[SolvedWeek]) -> dict[dt.date, list[SolvedWeek]]:
    """The solved weeks that have a week_of, by week_of, each list oldest first."""
    weeks: dict[dt.date, list[SolvedWeek]] = {}
    for solved in sorted(history, key=_solve_order):
        week_of = _week_of(solved)
        if week_of is not None:
            weeks.setdefault(week_of, []).append(solved)
    return weeks


def _week_of(solved: SolvedWeek) -> dt.date | None:
    week_of = solved.request.get("week_of")
    return dt.date.fromisoformat(week_of) if week_of else None


def _solve_order(solved: SolvedWeek) -> tuple[dt.datetime, int]:
    """The history's order (solve time, then id), oldest first."""
    return as_utc(solved.created_at), solved.id
