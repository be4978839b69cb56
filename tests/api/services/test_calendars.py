"""Which event is which and how often it changed: slots, UIDs and revisions, without HTTP."""

from __future__ import annotations

import datetime as dt

from api.services.calendars import (
    ONE_OFF_EPOCH,
    Revision,
    Slot,
    one_off_week,
    request_owner,
    slot_revisions,
    slot_uid,
    week_slots,
)
from solver import solve
from tests.helpers import runs, week

MONDAY = dt.date(2025, 3, 3)
TUESDAY = dt.date(2025, 3, 4)
T0 = dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC)
T1 = T0 + dt.timedelta(hours=1)
T2 = T0 + dt.timedelta(hours=2)
T3 = T0 + dt.timedelta(hours=3)
TEMPO = {"type": "tempo", "minutes": 50}
LONGER_TEMPO = {"type": "tempo", "minutes": 70}


def slots(*entries: tuple[Slot, dict[str, object]]) -> dict[Slot, dict[str, object]]:
    """A week's slots from (slot, content) pairs."""
    return dict(entries)


RUN = Slot(TUESDAY, "run", 0)


def test_week_slots_number_each_days_runs_and_strength_from_zero() -> None:
    """Two runs and a session on Tuesday are run 0, run 1 and strength 0 of that date."""
    days = {"tue": {"runs": [TEMPO, {"type": "easy", "minutes": 30}], "strength": [{"s": 1}]}}
    assert set(week_slots(MONDAY, days)) == {
        Slot(TUESDAY, "run", 0),
        Slot(TUESDAY, "run", 1),
        Slot(TUESDAY, "strength", 0),
    }


def test_unset_fields_are_no_change() -> None:
    """A field null in one solve and absent in another (a field added later) is the same run."""
    with_null = week_slots(MONDAY, {"tue": {"runs": [{**TEMPO, "title": None}]}})
    without = week_slots(MONDAY, {"tue": {"runs": [TEMPO]}})
    assert with_null == without


def test_a_slot_starts_at_sequence_0_when_it_first_appears() -> None:
    """A slot first seen in the second solve is at 0, modified then."""
    revisions = slot_revisions([(T0, {}), (T1, slots((RUN, TEMPO)))])
    assert revisions == {RUN: Revision(0, T1)}


def test_each_solve_that_changes_a_slot_counts_once() -> None:
    """Changed, unchanged, changed back: two changes, the last one's time."""
    revisions = slot_revisions(
        [
            (T0, slots((RUN, TEMPO))),
            (T1, slots((RUN, LONGER_TEMPO))),
            (T2, slots((RUN, LONGER_TEMPO))),
            (T3, slots((RUN, TEMPO))),
        ]
    )
    assert revisions == {RUN: Revision(2, T3)}


def test_a_slot_that_left_and_came_back_is_a_change() -> None:
    """Gone in one solve and back in the next: a calendar app deleted it, so it counts."""
    revisions = slot_revisions([(T0, slots((RUN, TEMPO))), (T1, {}), (T2, slots((RUN, TEMPO)))])
    assert revisions == {RUN: Revision(1, T2)}


def test_only_the_last_solves_slots_are_answered() -> None:
    """A slot the newest solve no longer holds has no event, so no revision."""
    other = Slot(MONDAY, "strength", 0)
    revisions = slot_revisions([(T0, slots((RUN, TEMPO), (other, {}))), (T1, slots((RUN, TEMPO)))])
    assert revisions == {RUN: Revision(0, T0)}


def test_uids_depend_on_the_owner_and_the_slot_only() -> None:
    """Same owner and slot, same UID; another owner, date, kind or place, another UID."""
    uid = slot_uid("athlete:1", RUN)
    assert uid == slot_uid("athlete:1", Slot(TUESDAY, "run", 0))
    assert uid.endswith("@trainweek")
    others = {
        slot_uid("athlete:2", RUN),
        slot_uid("athlete:1", Slot(MONDAY, "run", 0)),
        slot_uid("athlete:1", Slot(TUESDAY, "strength", 0)),
        slot_uid("athlete:1", Slot(TUESDAY, "run", 1)),
        slot_uid(request_owner(None), RUN),
        slot_uid(request_owner("mia"), RUN),
    }
    assert uid not in others and len(others) == 6


def test_a_later_one_off_export_outranks_an_earlier_one() -> None:
    """A week exported once: every event revised at export, a later export's SEQUENCE higher."""
    result = solve(week({"tue": runs("intervals"), "sat": runs("long", minutes=120)}))
    owner = request_owner("mia")
    early = one_off_week(result, MONDAY, owner, ONE_OFF_EPOCH + dt.timedelta(minutes=5))
    late = one_off_week(result, MONDAY, owner, ONE_OFF_EPOCH + dt.timedelta(minutes=6, seconds=1))
    assert early.revisions.keys() == late.revisions.keys() != set()
    assert {r.sequence for r in early.revisions.values()} == {5}
    assert {r.sequence for r in late.revisions.values()} == {6}
    assert {r.modified for r in late.revisions.values()} == {
        ONE_OFF_EPOCH + dt.timedelta(minutes=6, seconds=1)
    }
