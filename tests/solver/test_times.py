"""solver/times.py: how a day's times read, and the rules that read them, in tiny weeks."""

from __future__ import annotations

from solver import catalogue, evaluate, solve
from solver.domain import Day, Run
from solver.times import busy, fits_the_clock, key_run_start, merged, run_span, windows
from tests.helpers import week

CLOSED = {day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def test_a_slot_run_takes_its_whole_slot_and_a_run_without_time_has_none():
    """am is 05:00-12:00 (longer if the run is), pm 12:00-22:00; `at` runs its minutes."""
    assert run_span(Run(type="easy", minutes=45, at="06:30")) == (390, 435)
    assert run_span(Run(type="easy", minutes=45, slot="am")) == (300, 720)
    assert run_span(Run(type="long", minutes=600, slot="pm")) == (720, 1320)
    assert run_span(Run(type="easy", minutes=45)) is None


def test_a_day_with_times_but_no_windows_is_open_05_to_22():
    """Windows as given, else 05:00-22:00; the rest of the day (and the night after) is busy."""
    assert windows(Day(runs=[Run(type="easy", minutes=30, at="07:00")])) == [(300, 1320)]
    assert busy(Day(windows=[("06:00", "07:30"), ("18:00", "21:00")])) == [
        (0, 360),
        (450, 1080),
        (1260, 2880),
    ]
    assert merged([(0, 360), (300, 400), (500, 600)]) == [(0, 400), (500, 600)]


def test_a_key_run_start_is_known_only_when_every_key_run_of_the_day_has_one():
    """One key run without a time leaves the day's key run start unknown."""
    timed = Day(
        runs=[Run(type="tempo", minutes=50, at="18:00"), Run(type="long", minutes=60, slot="am")]
    )
    assert key_run_start(timed) == 300
    mixed = Day(runs=[Run(type="tempo", minutes=50, at="18:00"), Run(type="long", minutes=60)])
    assert key_run_start(mixed) is None


def test_the_full_session_goal_reads_the_windows():
    """A 25-minute window fits the short session but not its full version: the short one there
    costs nothing; in a 2-hour window it costs full_session_when_time_allows."""
    assert not fits_the_clock(Day(windows=[("07:00", "07:25")]), 50)
    assert fits_the_clock(Day(windows=[("07:00", "09:00")]), 50)
    tight = week({**CLOSED, "wed": {"windows": [["07:00", "07:25"]]}}, strength={"max_sessions": 1})
    roomy = week({**CLOSED, "wed": {"windows": [["07:00", "09:00"]]}}, strength={"max_sessions": 1})
    goal = "full_session_when_time_allows"
    plan = {"wed": ["short_strength"]}
    assert goal not in {p.goal for p in evaluate(tight, plan).penalties}
    assert goal in {p.goal for p in evaluate(roomy, plan).penalties}
    assert solve(tight).plan["wed"] == ["short_strength"]


def test_a_run_without_a_time_keeps_the_day_before_rule():
    """Friday's tempo has no time: Thursday's early window does not open heavy legs (day
    rule); with a 07:00 start it does (24 h reading), and the session ends by 07:00."""
    untimed = week(
        {
            **CLOSED,
            "thu": {"windows": [["05:00", "06:30"]]},
            "fri": {"runs": [{"type": "tempo", "minutes": 50}], "available": False},
        },
        strength={"max_sessions": 1},
        weights={"heavy_legs_48h_before_key_run": 0},
    )
    timed_days = {**untimed.model_dump()["days"]}
    timed_days["fri"]["runs"][0]["at"] = "07:00"
    timed = untimed.model_copy(update={"days": week(timed_days).days})
    untimed_thu = solve(untimed).days["thu"].strength
    timed_thu = solve(timed).days["thu"].strength
    heavy_legs = {session.id: session.heavy_legs for session in catalogue()}
    assert untimed_thu and not heavy_legs[untimed_thu[0].session]
    assert timed_thu and heavy_legs[timed_thu[0].session]
    assert timed_thu[0].at == "05:00"
