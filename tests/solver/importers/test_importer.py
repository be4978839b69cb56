"""import_plan on each format, and each kind of bad file refused with what and where."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from solver.domain import WeekRequest
from solver.importers import MAX_WEEKS, PlanFileError, import_plan
from tests.helpers import ROOT
from tests.solver.importers.conftest import FIXTURES

RACE_DAY = dt.date(2026, 6, 7)  # a Sunday


def runs_by_date(plan: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The plan's runs keyed by ISO date."""
    start = dt.date.fromisoformat(plan["start"])
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    out: dict[str, list[dict[str, Any]]] = {}
    for week_index, week in enumerate(plan["weeks"]):
        for day_index, day_id in enumerate(days):
            if day_id in week["days"]:
                date = start + dt.timedelta(days=week_index * 7 + day_index)
                out[date.isoformat()] = week["days"][day_id]["runs"]
    return out


def assert_weeks_validate(plan: dict[str, Any]) -> None:
    """Every week of the plan is a valid week request (the plan model's days)."""
    for week in plan["weeks"]:
        WeekRequest.model_validate({"days": week["days"]})


def calendar(*events: str, extra: str = "") -> bytes:
    """A calendar around the given VEVENT bodies."""
    body = "".join(f"BEGIN:VEVENT\r\n{event.strip()}\r\nEND:VEVENT\r\n" for event in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{extra}{body}END:VCALENDAR\r\n"
    ).encode()


def event(uid: str, date: str, summary: str) -> str:
    return (
        f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:{date}\r\nSUMMARY:{summary}"
    )


def hack_plan(weeks: int = 2, **changes: Any) -> dict[str, Any]:
    """A small calendar-hack plan: easy runs, a long run on Sunday, a 10K race last."""
    week = {
        "workouts": [
            {"title": "Rest"},
            {"title": "Easy {4:6}", "distance": 4},
            {"title": "Tempo 40 min"},
            {"title": "Easy {4-5:6-8}", "distance": [4, 5]},
            {"title": "Rest or cross-training"},
            {"title": "Easy {3:5}", "distance": 3},
            {"title": "Long run {10:16}", "distance": 10},
        ]
    }
    schedule = [json.loads(json.dumps(week)) for _ in range(weeks)]
    schedule[-1]["workouts"][-1] = {"title": "10K race"}
    return {
        "id": "t",
        "name": "t",
        "description": "",
        "units": "mi",
        "schedule": schedule,
    } | changes


def test_an_ics_export_becomes_a_plan_of_whole_weeks(garmin_ics):
    """Each event is a run on its date, keeping its title and UID; weeks start on Monday."""
    imported = import_plan(garmin_ics)
    plan = imported.plan
    assert plan["start"] == "2026-03-02" and len(plan["weeks"]) == 2
    runs = runs_by_date(plan)
    assert runs["2026-03-06"] == [
        {
            "type": "tempo",
            "minutes": 40,
            "title": "Tempo 40 min",
            "source_uid": "workout-1005@example.invalid",
        }
    ]
    assert runs["2026-03-15"][0]["type"] == "race" and runs["2026-03-15"][0]["distance"] == "half"
    assert plan["goal_race"] == {"date": "2026-03-15", "distance": "half"}
    assert "2026-03-02" not in runs  # "Rest"
    assert_weeks_validate(plan)


def test_the_report_lists_every_event_and_the_unclassified(garmin_ics):
    """Nine events in the report; the Fartlek is unclassified and left out of the plan."""
    report = import_plan(garmin_ics).report
    assert len(report.entries) == 9
    assert [entry.title for entry in report.unclassified] == ["Fartlek"]
    assert report.unclassified[0].where == "line 49"
    assert "2026-03-10" not in runs_by_date(import_plan(garmin_ics).plan)
    as_json = report.as_dict()
    assert as_json["unclassified"][0]["reason"] and as_json["format"] == "ics"


def test_a_mapping_classifies_what_the_rules_do_not(garmin_ics):
    """--map "Fartlek=intervals" makes the Fartlek an interval run of its stated 35 min."""
    imported = import_plan(garmin_ics, mapping=["Fartlek=intervals"])
    assert imported.report.unclassified == []
    assert runs_by_date(imported.plan)["2026-03-10"][0] | {"source_uid": None} == {
        "type": "intervals",
        "minutes": 35,
        "title": "Fartlek",
        "source_uid": None,
    }


def test_timed_events_fall_on_their_local_day_and_recurrences_expand(google_ics):
    """A UTC evening run in Los Angeles is on the day before in UTC; a weekly RRULE gives three
    long runs; a Berlin-time event keeps its day; timed events last their length and start at
    their local time."""
    runs = runs_by_date(import_plan(google_ics).plan)
    assert runs["2026-03-03"][0] | {"source_uid": None} == {
        "type": "easy",
        "minutes": 45,
        "at": "19:30",
        "title": "Easy run",
        "source_uid": None,
    }
    long_days = [date for date, day in runs.items() if day[0]["type"] == "long"]
    assert long_days == ["2026-03-07", "2026-03-14", "2026-03-21"]
    assert {run["minutes"] for date in long_days for run in runs[date]} == {90}
    assert runs["2026-03-10"][0]["type"] == "tempo"
    assert runs["2026-03-10"][0]["at"] == "06:30"  # in Berlin, its own zone


def test_timed_events_start_at_their_local_time_in_the_plans_zone(google_ics):
    """Given the plan's zone, every timed start is moved into it: the Berlin 06:30 tempo is
    22:30 the evening before in Los Angeles; the weekly long run stays at 08:00 across the US
    change to summer time (Google's UTC times are in the calendar's own zone)."""
    runs = runs_by_date(import_plan(google_ics, timezone="America/Los_Angeles").plan)
    assert runs["2026-03-09"][0] | {"source_uid": None} == {
        "type": "tempo",
        "minutes": 45,
        "at": "22:30",
        "title": "Tempo",
        "source_uid": None,
    }
    assert [runs[date][0]["at"] for date in ("2026-03-07", "2026-03-14", "2026-03-21")] == [
        "08:00"
    ] * 3
    paris = runs_by_date(import_plan(google_ics, timezone="Europe/Paris").plan)
    assert paris["2026-03-10"][0]["at"] == "06:30" and paris["2026-03-04"][0]["at"] == "04:30"


def test_all_day_events_stay_untimed(garmin_ics):
    """An all-day event gives a run without `at`, whatever the zone."""
    plan = import_plan(garmin_ics, timezone="Europe/Paris").plan
    assert all("at" not in run for runs in runs_by_date(plan).values() for run in runs)


def test_an_unknown_plan_zone_is_refused():
    """A zone that is no IANA name: PlanFileError naming timezone."""
    with pytest.raises(PlanFileError, match="unknown time zone") as error:
        import_plan(b"BEGIN:VCALENDAR", timezone="Mars/Olympus")
    assert error.value.where == "timezone"


def test_a_race_date_makes_that_days_workout_the_goal_race():
    """With --race-date, the run on that day is the goal race even if its title says less."""
    data = calendar(event("a", "20260302", "Easy 5 mi"), event("b", "20260308", "Big day 13.1 mi"))
    imported = import_plan(data, race_date=dt.date(2026, 3, 8))
    race = runs_by_date(imported.plan)["2026-03-08"][0]
    assert race["type"] == "race"
    assert imported.plan["goal_race"]["date"] == "2026-03-08"


def test_trainweeks_own_strength_events_are_skipped():
    """Events marked as trainweek's strength are reported as skipped, not imported as runs."""
    data = calendar(
        event("a", "20260302", "Easy 5 mi"),
        event("plan-1-2026-03-03-strength-0@strength.trainweek", "20260303", "Strength: A"),
        event("2026-03-04-strength-0@trainweek", "20260304", "Strength: B (30 min)"),
        event("x", "20260305", "Core circuit") + "\r\nX-TRAINWEEK-KIND:strength",
    )
    imported = import_plan(data)
    assert list(runs_by_date(imported.plan)) == ["2026-03-02"]
    skipped = [e for e in imported.report.entries if e.classification.kind == "skip"]
    assert len(skipped) == 3


def test_a_calendar_hack_plan_ends_on_race_day(frr_yaml):
    """The published plan's twelve weeks end on the race date, the 5K goal race that day."""
    imported = import_plan(frr_yaml, race_date=RACE_DAY)
    plan = imported.plan
    assert len(plan["weeks"]) == 12
    assert plan["start"] == (RACE_DAY - dt.timedelta(days=12 * 7 - 1)).isoformat()
    runs = runs_by_date(plan)
    assert runs[RACE_DAY.isoformat()][0]["type"] == "race"
    assert plan["goal_race"] == {"date": RACE_DAY.isoformat(), "distance": "5k"}
    assert imported.report.unclassified == []
    first_tuesday = (RACE_DAY - dt.timedelta(days=12 * 7 - 2)).isoformat()
    assert runs[first_tuesday][0]["title"] == "General aerobic + speed 6 mi"
    assert_weeks_validate(plan)


def test_calendar_hack_json_reads_like_yaml():
    """The same plan as JSON and as YAML gives the same plan JSON."""
    plan = hack_plan()
    as_json = import_plan(json.dumps(plan).encode(), race_date=RACE_DAY).plan
    as_yaml = import_plan(yaml.safe_dump(plan).encode(), race_date=RACE_DAY).plan
    assert as_json == as_yaml
    runs = runs_by_date(as_json)
    assert runs[RACE_DAY.isoformat()][0]["distance"] == "10k"
    # {4-5:6-8} with distance [4, 5]: the middle, 4.5 mi at easy pace.
    assert runs[(RACE_DAY - dt.timedelta(days=10)).isoformat()][0]["minutes"] == 43


def test_a_race_date_not_on_a_sunday_pads_whole_weeks():
    """A Saturday race: the plan starts on a Sunday, padded back to Monday and on to Sunday."""
    saturday = dt.date(2026, 6, 6)
    plan = import_plan(json.dumps(hack_plan()).encode(), race_date=saturday).plan
    assert dt.date.fromisoformat(plan["start"]).weekday() == 0
    assert len(plan["weeks"]) == 3


def test_km_plans_convert_nothing():
    """A plan in km: a 10 km easy run at 6 min/km is an hour."""
    plan = hack_plan(units="km")
    plan["schedule"][0]["workouts"][1] = {"title": "Easy {10:6}", "distance": 10}
    runs = runs_by_date(import_plan(json.dumps(plan).encode(), race_date=RACE_DAY).plan)
    start = RACE_DAY - dt.timedelta(days=13)
    assert runs[(start + dt.timedelta(days=1)).isoformat()][0]["minutes"] == 60


def test_a_distance_too_long_to_time_is_capped_not_a_crash():
    """1e308 miles is a finite number whose minutes overflow to infinity: capped at 600."""
    plan = hack_plan(units="mi")
    plan["schedule"][0]["workouts"][1] = {"title": "Run", "distance": 1e308}
    runs = runs_by_date(import_plan(json.dumps(plan).encode(), race_date=RACE_DAY).plan)
    start = RACE_DAY - dt.timedelta(days=13)
    assert runs[(start + dt.timedelta(days=1)).isoformat()][0]["minutes"] == 600


def test_plan_json_reads_whole_floats_as_integers():
    """`60.0` minutes is the integer 60, as JSON Schema and the week routes read it."""
    plan = {"start": "2026-03-02", "weeks": [{"days": {"tue": {"runs": [{"minutes": 60.0}]}}}]}
    imported = import_plan(json.dumps(plan).encode())
    minutes = imported.plan["weeks"][0]["days"]["tue"]["runs"][0]["minutes"]
    assert minutes == 60 and isinstance(minutes, int)


def test_plan_json_passes_through():
    """trainweek's own plan JSON comes back as given."""
    plan = {
        "start": "2026-03-02",
        "weeks": [{"days": {"sun": {"runs": [{"type": "long", "minutes": 120}]}}}],
        "time_limit_s": 5,
    }
    imported = import_plan(json.dumps(plan).encode())
    assert imported.plan == plan and imported.report.entries == []


def test_plan_json_runs_by_title_are_classified_with_the_body_map():
    """A run given by title alone is classified; `map` in the body maps it and is removed."""
    plan = {
        "start": "2026-03-02",
        "map": {"Fartlek": "intervals"},
        "athlete": {"paces": {"easy": 5.0}},
        "weeks": [
            {
                "days": {
                    "tue": {"runs": [{"title": "Fartlek 30 min"}]},
                    "thu": {"runs": [{"title": "Easy 10 km"}]},
                }
            }
        ],
    }
    imported = import_plan(json.dumps(plan).encode())
    days = imported.plan["weeks"][0]["days"]
    assert days["tue"]["runs"] == [{"type": "intervals", "minutes": 30, "title": "Fartlek 30 min"}]
    assert days["thu"]["runs"][0]["minutes"] == 50
    assert "map" not in imported.plan and len(imported.report.entries) == 2


def test_paces_given_to_the_importer_go_into_the_plan(garmin_ics):
    """Paces passed in size the runs and are kept as athlete.paces for the plan."""
    imported = import_plan(garmin_ics, paces={"easy": 5.0})
    assert imported.plan["athlete"]["paces"]["easy"] == 5.0
    assert runs_by_date(imported.plan)["2026-03-03"][0]["minutes"] == 40


BAD_FILES = [
    (b"", {}, "empty file"),
    (b"   \n", {}, "empty file"),
    (b"hello world", {}, "not a plan file"),
    (b"\xff\xfe\x00", {}, "not UTF-8"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", {}, "empty calendar"),
    (b"BEGIN:VCALENDAR\r\nthis is not\r\n", {}, "not a calendar"),
    (b"BEGIN:VEVENT\r\nEND:VEVENT\r\n", {"format": "ics"}, "not a calendar"),
    (calendar("UID:a\r\nSUMMARY:Easy 5 mi"), {}, "line 4: DTSTART missing"),
    (
        calendar(
            "UID:a\r\nDTSTART;VALUE=DATE:20260305\r\nDTEND;VALUE=DATE:20260301\r\nSUMMARY:Easy"
        ),
        {},
        "DTEND before DTSTART",
    ),
    (
        calendar("UID:a\r\nDTSTART:20260305T070000Z\r\nDTEND:20260305T080000\r\nSUMMARY:Easy"),
        {},
        "one has a time zone and the other not",
    ),
    (
        calendar(event("a", "20260302", "Easy 5 mi") + "\r\nRRULE:FREQ=WEEKLY"),
        {},
        "repeats without end",
    ),
    (
        calendar(event("a", "20260302", "Easy 5 mi"), event("a", "20260302", "Easy 5 mi")),
        {},
        "line 10: event a of 2026-03-02 repeated (first at line 4)",
    ),
    (
        calendar(event("a", "20200106", "Easy 5 mi"), event("b", "20260302", "Easy 5 mi")),
        {},
        f"at most {MAX_WEEKS}",
    ),
    (
        calendar(event("a", "20260302", "Easy 5 mi")),
        {"race_date": dt.date(2026, 3, 1)},
        "race date 2026-03-01 is before the plan",
    ),
    (json.dumps(hack_plan(units="yd")).encode(), {"race_date": RACE_DAY}, "units 'yd': unknown"),
    (json.dumps(hack_plan()).encode(), {}, "needs the race date"),
    (
        json.dumps(
            hack_plan(
                schedule=[{"workouts": [{"title": "Rest"}] * 6}, {"workouts": [{"title": "Rest"}]}]
            )
        ).encode(),
        {"race_date": RACE_DAY},
        "week 1: 6 workouts; a week needs 7",
    ),
    (
        json.dumps(
            hack_plan(
                schedule=[{"workouts": [{"title": "Rest"}] * 4 + [{}] + [{"title": "x"}] * 2}]
            )
        ).encode(),
        {"race_date": RACE_DAY},
        "week 1 day 5: title missing",
    ),
    (
        json.dumps(hack_plan(schedule=[hack_plan()["schedule"][0]] * (MAX_WEEKS + 1))).encode(),
        {"race_date": RACE_DAY},
        f"{MAX_WEEKS + 1} weeks",
    ),
    (b"schedule: [unclosed", {}, "neither JSON nor YAML"),
    (b'{"start": "2026-03-03", "weeks": [{}]}', {}, "a plan starts on a Monday"),
    (
        json.dumps({"start": "2026-03-02", "weeks": [{"days": {}}] * (MAX_WEEKS + 1)}).encode(),
        {},
        f"{MAX_WEEKS + 1} weeks",
    ),
    (
        b'{"start": "2026-03-02", "weeks": [{"days": {}}]}',
        {"race_date": dt.date(2026, 2, 1)},
        "is before the plan",
    ),
    (calendar(event("a", "20260302", "Easy")), {"mapping": ["Easy=jog"]}, "unknown type"),
    (calendar(event("a", "20260302", "Easy")), {"paces": {"easy": 1}}, "paces.easy"),
    (calendar(event("a", "20260302", "Easy")), {"format": "xml"}, "format 'xml'"),
]


@pytest.mark.parametrize(("data", "options", "message"), BAD_FILES)
def test_bad_files_raise_one_error_saying_what_and_where(data, options, message):
    """Each kind of bad file raises PlanFileError naming the problem (and the place)."""
    with pytest.raises(PlanFileError) as caught:
        import_plan(data, **options)
    assert message in str(caught.value)


def test_recurrences_honour_exdate_and_edited_instances():
    """A weekly easy run with one date excluded and one moved and renamed, as calendars store
    them: the excluded week has no run, the edited one keeps its new title on its new day."""
    series = (
        "UID:weekly\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260303\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;VALUE=DATE:20260310\r\nSUMMARY:Easy 5 mi"
    )
    moved = (
        "UID:weekly\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID;VALUE=DATE:20260317\r\n"
        "DTSTART;VALUE=DATE:20260318\r\nSUMMARY:Tempo 30 min"
    )
    runs = runs_by_date(import_plan(calendar(series, moved)).plan)
    assert {date: day[0]["title"] for date, day in runs.items()} == {
        "2026-03-03": "Easy 5 mi",
        "2026-03-18": "Tempo 30 min",
        "2026-03-24": "Easy 5 mi",
    }


def test_higdon_style_bare_distances_make_the_long_run_and_the_half_a_race():
    """Hal Higdon's plans (as calendar-hack writes them) give runs as '{3:4.8} run', the long
    run as a number alone, and a tune-up 'Half Marathon ({13.1:21.1})': the week's longest bare
    distance is its long run, the half a race; a short bare distance stays an easy run."""
    week = [
        {"title": "Rest"},
        {"title": "{3:4.8} run", "distance": 3},
        {"title": "{3:4.8} run", "distance": 3},
        {"title": "{3:4.8} run", "distance": 3},
        {"title": "Rest"},
        {"title": "{12:19.3}", "distance": 12},
        {"title": "Cross"},
    ]
    tune_up = [
        *week[:5],
        {"title": "Rest"},
        {"title": "Half Marathon ({13.1:21.1})", "distance": 13.1},
    ]
    short = [*week[:5], {"title": "{4:6.4}", "distance": 4}, {"title": "Cross"}]
    race = [*week[:6], {"title": "Marathon ({26.2:42.2})", "distance": 26.2}]
    plan = hack_plan(type="Marathon")
    plan["schedule"] = [{"workouts": w} for w in (week, tune_up, short, race)]
    imported = import_plan(json.dumps(plan).encode(), race_date=RACE_DAY)
    runs = runs_by_date(imported.plan)
    first = RACE_DAY - dt.timedelta(days=27)
    on = lambda offset: runs[(first + dt.timedelta(days=offset)).isoformat()][0]  # noqa: E731
    assert (on(1)["type"], on(1)["minutes"]) == ("easy", 29)
    assert (on(5)["type"], on(5)["minutes"]) == ("long", 121)
    assert on(6)["type"] == "cross_train"
    assert (on(13)["type"], on(13)["distance"]) == ("race", "half")
    assert on(19)["type"] == "easy"  # 4 mi alone: shorter than a long run
    assert imported.plan["goal_race"] == {"date": RACE_DAY.isoformat(), "distance": "marathon"}
    assert imported.report.unclassified == []


def week_of(*titles: str) -> dict[str, Any]:
    return {"workouts": [{"title": title} for title in titles]}


def hack_import(schedule: list[dict[str, Any]], race_date: dt.date = RACE_DAY, **plan: Any):
    data = {"id": "t", "name": "t", "description": "", "units": "mi", "schedule": schedule}
    return import_plan(json.dumps({**data, **plan}).encode(), race_date=race_date)


def test_the_weeks_longest_run_is_long_whatever_its_adjective():
    """'{20:32} easy' of 3 hours is the long run; a shorter easy run stays easy."""
    imported = hack_import(
        [
            week_of("Rest", "Easy {5:8}", "Rest", "Easy {5:8}", "Rest", "{20:32} easy", "Rest"),
            week_of("Rest", "Rest", "Rest", "Rest", "Rest", "Rest", "Marathon"),
        ]
    )
    types = [entry.classification.type for entry in imported.report.entries]
    assert types.count("long") == 1 and types[5] == "long"
    assert imported.report.entries[5].classification.minutes == 201


def test_a_short_last_week_ends_on_race_day_and_the_weekday_is_noted():
    """boston_level_one's last week is the race alone: accepted, the race on the race date."""
    monday = dt.date(2027, 4, 19)
    imported = hack_import(
        [
            week_of("Rest", "Easy {5:8}", "Rest", "Easy {5:8}", "Rest", "Easy {8:13}", "Off Day"),
            week_of("RACE DAY"),
        ],
        race_date=monday,
        type="Marathon",
    )
    assert imported.plan["goal_race"] == {"date": "2027-04-19", "distance": "marathon"}
    assert imported.plan["start"] == "2027-04-12"
    assert not any("falls on" in note for note in imported.report.notes)
    sunday = hack_import(
        [week_of("Rest", "Rest", "Rest", "Rest", "Rest", "Rest", "Rest"), week_of("RACE DAY")],
        type="Marathon",
    )
    assert any("is a Sunday" in note for note in sunday.report.notes)


def test_a_titled_goal_race_before_the_race_date_is_the_goal_race():
    """FRR plans end with a recovery week: the titled goal race, not the last day, is the goal."""
    imported = hack_import(
        [
            week_of(
                "Rest", "Easy {4:6}", "Rest", "Easy {4:6}", "Rest", "5K goal race", "Easy {3:5}"
            ),
            week_of("Rest", "Easy {4:6}", "Rest", "Easy {4:6}", "Rest", "Rest", "Easy {4:6}"),
        ]
    )
    assert imported.plan["goal_race"] == {"date": "2026-05-30", "distance": "5k"}
    last = imported.report.entries[-1]
    assert last.classification.type == "easy"


def test_rest_on_the_race_date_stays_rest():
    """A plain 'Rest' on the race date is not made a race; the report says so."""
    imported = hack_import(
        [week_of("Rest", "Easy {4:6}", "Rest", "Easy {4:6}", "Rest", "Easy {4:6}", "Rest")],
        type="10K",
    )
    assert imported.report.entries[-1].classification.kind == "rest"
    assert imported.plan["goal_race"] == {"date": RACE_DAY.isoformat(), "distance": "10k"}
    assert any("kept as rest" in note for note in imported.report.notes)


def test_a_short_week_other_than_the_last_is_refused():
    """Only the last week may hold fewer than 7 workouts."""
    with pytest.raises(PlanFileError, match="week 1: 1 workouts; a week needs 7"):
        hack_import([week_of("Rest"), week_of("Rest")])


def test_a_mapping_wins_over_the_long_run_and_race_date_rules():
    """A mapped easy run is neither made the week's long run nor the race on the race date."""
    data = {
        "id": "t",
        "name": "t",
        "description": "",
        "units": "mi",
        "type": "Marathon",
        "schedule": [
            week_of("Rest", "Rest", "Rest", "Rest", "Rest", "Aerobic {20}", "Rest"),
            week_of("Rest", "Rest", "Rest", "Rest", "Rest", "Rest", "RACE DAY"),
        ],
    }
    imported = import_plan(
        json.dumps(data).encode(), race_date=RACE_DAY, mapping=["Aerobic=easy", "RACE DAY=race"]
    )
    long_run, race = imported.report.entries[5], imported.report.entries[-1]
    assert (long_run.classification.type, race.classification.type) == ("easy", "race")
    assert race.classification.race_distance == "marathon"
    unmapped = import_plan(json.dumps(data).encode(), race_date=RACE_DAY)
    assert unmapped.report.entries[5].classification.type == "long"


# Real files, damaged the ways files get damaged: cut short, a line lost, repeated or garbled.
SHIPPED_FILES = sorted(
    path
    for folder in (ROOT / "scenarios" / "plans", FIXTURES)
    for path in folder.iterdir()
    if path.suffix in (".ics", ".yaml", ".json")
)
DAMAGE = (b":", b";", b"=", b"9999", b"-1", b"{", b"\\", b"T", b"Z", b"\xff", b"\x00")


@settings(max_examples=300, deadline=None)
@given(
    file=st.sampled_from(SHIPPED_FILES),
    line=st.integers(min_value=0),
    at=st.integers(min_value=0),
    how=st.sampled_from(["cut", "drop", "repeat", "insert", "garble"]),
    junk=st.sampled_from(DAMAGE),
    race_date=st.sampled_from([None, RACE_DAY, dt.date(1970, 1, 4)]),
)
def test_a_damaged_file_is_a_plan_file_error_or_a_plan(file, line, at, how, junk, race_date):
    """Whatever the damage, the importer answers a plan or a PlanFileError, nothing else (the
    front doors turn that into a 400 or exit 2; anything else would be a 500)."""
    lines = file.read_bytes().split(b"\n")
    index = line % len(lines)
    if how == "cut":
        lines = lines[:index]
    elif how == "drop":
        del lines[index]
    elif how == "repeat":
        lines.insert(index, lines[at % len(lines)])
    elif how == "insert":
        cut = at % (len(lines[index]) + 1)
        lines[index] = lines[index][:cut] + junk + lines[index][cut:]
    else:
        lines[index] = lines[index].replace(b"2", b"9")
    with contextlib.suppress(PlanFileError):
        import_plan(b"\n".join(lines), race_date=race_date)
