"""The plan's calendar: imported events kept as they were, strength added with stable UIDs, and
trainweek's own export imported again without its strength events."""

from __future__ import annotations

import datetime as dt
import json

from icalendar import Calendar

from api.plan_ical import plan_calendar
from solver.importers import import_plan
from tests.api.plan_results import SESSION, result_of
from tests.solver.importers.conftest import FIXTURES

GARMIN = (FIXTURES / "garmin_all_day.ics").read_bytes()
GOOGLE = (FIXTURES / "google_timed_utc.ics").read_bytes()
STAMP = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)
DOSED = SESSION | {
    "prescription": "3 x 5 at RPE 7",
    "exercises": [{"name": "Back squat", "sets": 3, "reps": 5}, "Calf raise"],
}


def events(ics: bytes) -> dict[str, dict[str, object]]:
    """The calendar's events by UID: summary, description, start."""
    return {
        str(e["UID"]): {
            "summary": str(e.get("SUMMARY", "")),
            "description": str(e.get("DESCRIPTION", "")),
            "start": e.decoded("DTSTART"),
        }
        for e in Calendar.from_ical(ics).walk("VEVENT")
    }


def exported(source: bytes, strength_dates: list[str], **kwargs: object) -> bytes:
    plan = import_plan(source).plan
    result = result_of(plan, {date: DOSED for date in strength_dates})
    return plan_calendar(result, source, **kwargs)  # type: ignore[arg-type]


def test_every_imported_event_comes_back_as_it_was():
    """Each source event keeps its UID, summary, description and date in the export."""
    out = events(exported(GARMIN, ["2026-03-03"], stamp=STAMP))
    source = events(GARMIN)
    assert {uid: out[uid] for uid in source} == source


def test_timed_and_recurring_source_events_are_kept_with_their_zones():
    """The Google export's timed events, time zones and RRULE come back unchanged."""
    out = Calendar.from_ical(exported(GOOGLE, [], stamp=STAMP))
    weekly = next(e for e in out.walk("VEVENT") if str(e["UID"]).startswith("abc124"))
    assert weekly["RRULE"]["COUNT"] == [3]
    assert events(exported(GOOGLE, [], stamp=STAMP)) == events(GOOGLE)
    assert str(out["X-WR-TIMEZONE"]) == "America/Los_Angeles"


def test_each_strength_session_is_an_all_day_event_with_its_exercises_and_dose():
    """One event per session, on its day, listing the exercises and the dose."""
    out = events(exported(GARMIN, ["2026-03-03", "2026-03-05"], stamp=STAMP))
    strength = {uid: e for uid, e in out.items() if uid.endswith("@strength.trainweek")}
    assert sorted(e["start"] for e in strength.values()) == [
        dt.date(2026, 3, 3),
        dt.date(2026, 3, 5),
    ]
    description = next(iter(strength.values()))["description"]
    assert "Back squat: 3 sets, 5 reps" in description and "- Calf raise" in description
    assert "Dose: 3 x 5 at RPE 7" in description


def test_strength_uids_are_stable_across_exports_and_re_solves():
    """Two exports of the same plan (another time, another session that day) give the same
    UIDs; the UID names the plan and the slot, not a counter."""
    first = exported(GARMIN, ["2026-03-03", "2026-03-12"], stamp=STAMP)
    second = exported(GARMIN, ["2026-03-03", "2026-03-12"], stamp=STAMP + dt.timedelta(days=3))
    assert set(events(first)) == set(events(second))
    plan = import_plan(GARMIN).plan
    lighter = result_of(plan, {"2026-03-12": SESSION | {"name": "Core"}, "2026-03-03": SESSION})
    assert set(events(plan_calendar(lighter, GARMIN))) == set(events(first))
    uids = [uid for uid in events(first) if "strength" in uid]
    assert all("2026-03-03-strength-0" in uid or "2026-03-12-strength-0" in uid for uid in uids)


def test_a_different_plan_gets_different_uids():
    """Another first day, or another source calendar, is another plan: its UIDs differ."""
    plan = import_plan(GARMIN).plan
    result = result_of(plan, {"2026-03-10": SESSION})
    later = dict(result, days=result["days"][7:])

    def strength(ics: bytes) -> set[str]:
        return {uid for uid in events(ics) if uid.endswith("@strength.trainweek")}

    base = strength(plan_calendar(result, None))
    assert len(base) == 1
    assert base.isdisjoint(strength(plan_calendar(later, None)))
    assert base.isdisjoint(strength(plan_calendar(result, GOOGLE)))


def test_importing_the_export_again_gives_the_same_runs_and_skips_the_strength():
    """Round trip: the export imports as the same plan; trainweek's sessions are skipped."""
    export = exported(GARMIN, ["2026-03-03", "2026-03-12"], stamp=STAMP)
    again = import_plan(export)
    assert again.plan == import_plan(GARMIN).plan
    skipped = [e for e in again.report.entries if "trainweek's own" in e.classification.reason]
    assert len(skipped) == 2


def test_re_exporting_replaces_the_old_strength_events():
    """Exporting a plan whose source is trainweek's own export keeps one set of sessions."""
    export = exported(GARMIN, ["2026-03-03"], stamp=STAMP)
    plan = import_plan(export).plan
    twice = plan_calendar(result_of(plan, {"2026-03-03": SESSION}), export, stamp=STAMP)
    strength = [uid for uid in events(twice) if uid.endswith("@strength.trainweek")]
    assert len(strength) == 1


def test_a_plan_without_a_source_calendar_gets_an_event_per_run():
    """From plan JSON, each run becomes an event too, and re-imports as the same run."""
    plan = {
        "start": "2026-03-02",
        "weeks": [{"days": {"sun": {"runs": [{"type": "long", "minutes": 120}]}}}],
    }
    export = plan_calendar(result_of(plan, {"2026-03-03": SESSION}), None, stamp=STAMP)
    summaries = sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(export).walk("VEVENT"))
    assert summaries == ["Run: long 120 min", "Strength: Lower body heavy (45 min)"]
    again = import_plan(export).plan
    assert again["weeks"][0]["days"]["sun"]["runs"][0] | {"source_uid": None, "title": None} == {
        "type": "long",
        "minutes": 120,
        "source_uid": None,
        "title": None,
    }
    assert json.dumps(again)


def test_timed_strength_is_written_in_the_plans_zone_with_its_vtimezone():
    """With the plan's zone, a strength session with `at` starts at that local time in the zone
    (TZID, the zone's VTIMEZONE in the calendar), and parses back to the same local time;
    a session without `at` stays all-day."""
    plan = import_plan(GARMIN).plan
    timed = DOSED | {"at": "18:30"}
    result = result_of(plan, {"2026-03-03": timed, "2026-03-05": DOSED})
    ics = plan_calendar(result, GARMIN, stamp=STAMP, timezone="Europe/Paris")
    calendar = Calendar.from_ical(ics)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    strength = {
        e.decoded("DTSTART").isoformat()[:10]: e
        for e in calendar.walk("VEVENT")
        if str(e.get("X-TRAINWEEK-KIND")) == "strength"
    }
    start = strength["2026-03-03"].decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Paris"
    assert (start.hour, start.minute) == (18, 30)
    assert start.utcoffset() == dt.timedelta(hours=1)  # CET in March, before the change
    assert strength["2026-03-03"].decoded("DTEND") - start == dt.timedelta(minutes=45)
    assert b"DTSTART;TZID=Europe/Paris:20260303T183000" in ics
    assert not isinstance(strength["2026-03-05"].decoded("DTSTART"), dt.datetime)


def test_without_a_zone_timed_strength_floats():
    """No zone known: the timed session is a floating local time, and no VTIMEZONE is added."""
    plan = import_plan(GARMIN).plan
    result = result_of(plan, {"2026-03-03": DOSED | {"at": "07:15"}})
    calendar = Calendar.from_ical(plan_calendar(result, GARMIN, stamp=STAMP))
    assert not calendar.walk("VTIMEZONE")
    start = next(
        e.decoded("DTSTART")
        for e in calendar.walk("VEVENT")
        if str(e.get("X-TRAINWEEK-KIND")) == "strength"
    )
    assert start == dt.datetime(2026, 3, 3, 7, 15) and start.tzinfo is None


def test_a_zone_the_source_calendar_defines_is_not_added_twice():
    """A source calendar with the zone's VTIMEZONE keeps its own; none is added beside it."""
    source = (FIXTURES / "busy" / "work.ics").read_bytes()
    result = {
        "status": "optimal",
        "days": [{"date": "2026-03-02", "runs": [], "strength": [DOSED | {"at": "18:00"}]}],
    }
    calendar = Calendar.from_ical(plan_calendar(result, source, timezone="Europe/Paris"))
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
