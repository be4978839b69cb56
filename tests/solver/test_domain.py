"""The week request: defaults, and errors that say what is wrong and where."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from solver import WeekRequest
from solver.domain import Run
from tests.helpers import week


def error_text(data: dict) -> str:
    with pytest.raises(ValidationError) as caught:
        WeekRequest.model_validate(data)
    return str(caught.value)


def test_key_defaults_by_run_type():
    """Long, tempo, intervals, hills and race are key by default; easy runs are not."""
    assert Run(type="long", minutes=90).is_key
    assert not Run(type="easy", minutes=40).is_key
    assert not Run(type="tempo", minutes=40, key=False).is_key
    assert Run(type="easy", minutes=40, key=True).is_key


def test_a_day_left_out_is_a_rest_day():
    """A missing day has no runs and is available with no limit."""
    rest = week().day("wed")
    assert rest.runs == [] and rest.available and rest.available_minutes is None


@pytest.mark.parametrize(
    ("phase", "target"),
    [
        (None, 2),
        ("base", 3),
        ("build", 2),
        ("peak", 2),
        ("taper", 1),
        ("race_week", 1),
        ("recovery", 1),
    ],
)
def test_target_sessions_defaults_by_phase(phase, target):
    """The target follows docs/domain.md's frequency by phase."""
    assert week(athlete={"phase": phase}).target_sessions == target


def test_default_target_stays_within_the_asked_range():
    """A base-phase target of 3 is cut to max_sessions 2."""
    assert week(athlete={"phase": "base"}, strength={"max_sessions": 2}).target_sessions == 2


def test_unknown_weight_id_names_the_known_ones():
    """An unknown goal id is rejected with the list of known ids."""
    text = error_text({"weights": {"spreadd": 3}})
    assert "unknown goal id(s) spreadd" in text and "spread_sessions" in text


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"strength": {"min_sessions": 3, "max_sessions": 2}}, "min_sessions (3) must be <="),
        ({"strength": {"min_sessions": 2, "target_sessions": 1}}, "target_sessions (1) must lie"),
        ({"strength": {"max_sessions": 4}}, "less than or equal to 3"),
        ({"days": {"tue": {"runs": [{"type": "easy", "minutes": 0}]}}}, "greater than 0"),
        ({"days": {"tue": {"runs": [{"type": "jog", "minutes": 30}]}}}, "'easy'"),
        ({"days": {"funday": {}}}, "funday"),
        ({"time_limit_s": 0}, "greater than 0"),
        ({"time_limit_s": 31}, "less than or equal to 30"),
        ({"weights": {"spread_sessions": -1}}, "greater than or equal to 0"),
        ({"dayz": {}}, "Extra inputs are not permitted"),
        ({"time_limit_s": float("nan")}, "finite number"),
        ({"weights": {"spread_sessions": True}}, "valid integer"),
        ({"strength": {"min_sessions": "2"}}, "valid integer"),
        ({"days": {"mon": {"gym": "no"}}}, "valid boolean"),
        ({"days": {"mon": {"runs": [{"type": "easy", "minutes": 30, "key": 1}]}}}, "valid boolean"),
        (
            {"days": {"tue": {"runs": [{"type": "easy", "minutes": 60}], "available_minutes": 30}}},
            "available_minutes (30) is less than the day's runs (60 min)",
        ),
    ],
)
def test_bad_requests_say_what_is_wrong(data, fragment):
    """Each bad field is rejected with a message that says what to fix."""
    assert fragment in error_text(data)


def test_paces_are_optional_with_documented_defaults():
    """athlete.paces is left out of a dump unless given; given, missing paces take defaults."""
    assert "paces" not in WeekRequest().model_dump()["athlete"]
    request = WeekRequest.model_validate({"athlete": {"paces": {"easy": 5.5}}})
    assert request.athlete.paces is not None
    assert request.athlete.paces.model_dump() == {
        "easy": 5.5,
        "long": 6.25,
        "tempo": 5.25,
        "interval": 4.5,
    }


@pytest.mark.parametrize(
    ("paces", "message"),
    [
        ({"easy": "5"}, "athlete.paces.easy"),
        ({"easy": 1.0}, "greater than or equal to 2.5"),
        ({"tempo": 30}, "less than or equal to 15"),
        ({"marathon": 5.0}, "Extra inputs are not permitted"),
    ],
)
def test_bad_paces_are_refused_by_name(paces, message):
    """A pace as text, out of range or of an unknown kind is refused, naming the field."""
    assert message in error_text({"athlete": {"paces": paces}}).replace("\n  ", ".")


@pytest.mark.parametrize("given", ["2026-11-23", "2026-11-24", "2026-11-26", "2026-11-29"])
def test_week_of_any_day_names_the_week_that_holds_it(given):
    """week_of may be any day: the week is Monday to Sunday around it, kept as its Monday."""
    assert WeekRequest.model_validate({"week_of": given}).week_of == dt.date(2026, 11, 23)


def test_previous_race_date_counts_from_the_weeks_monday():
    """previous_race.date counts back from the Monday, whichever day week_of names."""
    request = WeekRequest.model_validate(
        {"week_of": "2025-03-06", "previous_race": {"date": "2025-02-28", "distance": "half"}}
    )
    assert request.previous_race_days_ago == 3
    with pytest.raises(ValidationError, match="1 to 14 days before the week's Monday"):
        WeekRequest.model_validate(
            {"week_of": "2025-03-06", "previous_race": {"date": "2025-03-04", "distance": "half"}}
        )
