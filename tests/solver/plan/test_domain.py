"""Plan JSON validation: every refusal names the field and what to fix."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from solver.plan.domain import PlanRequest
from tests.solver.plan.plans import START, plan


def refusal(body: dict) -> str:
    """The validation message for a plan body that must be refused."""
    with pytest.raises(ValidationError) as error:
        PlanRequest.model_validate(body)
    return str(error.value)


def test_start_must_be_a_monday():
    """A plan starting on a Tuesday is refused, naming the weekday."""
    message = refusal({"start": "2027-03-02", "weeks": [{}]})
    assert "start" in message and "Tuesday" in message


def test_at_most_104_weeks():
    """105 weeks are refused on `weeks`; 104 are fine."""
    assert "weeks" in refusal({"start": START, "weeks": [{}] * 105})
    assert len(PlanRequest.model_validate({"start": START, "weeks": [{}] * 104}).weeks) == 104


def test_at_least_one_week():
    """An empty plan is refused."""
    assert "weeks" in refusal({"start": START, "weeks": []})


def test_goal_race_before_the_plan_is_refused():
    """A goal race before the start names goal_race.date and the start."""
    message = refusal(
        {"start": START, "weeks": [{}], "goal_race": {"date": "2027-02-27", "distance": "half"}}
    )
    assert "goal_race.date (2027-02-27) falls before the plan's start (2027-03-01)" in message


def test_goal_race_after_the_plan_is_refused():
    """A goal race past the last Sunday says to add weeks."""
    message = refusal(
        {"start": START, "weeks": [{}], "goal_race": {"date": "2027-03-08", "distance": "10k"}}
    )
    assert "falls after the plan's last day (2027-03-07)" in message


def test_previous_race_date_must_be_within_two_weeks_before_start():
    """previous_race.date 15 days before the start is refused."""
    message = refusal(
        {
            "start": START,
            "weeks": [{}],
            "previous_race": {"date": "2027-02-14", "distance": "marathon"},
        }
    )
    assert "previous_race.date" in message


def test_phase_belongs_to_the_weeks_not_the_athlete():
    """athlete.phase is refused with a pointer to weeks[i].phase."""
    message = refusal({"start": START, "weeks": [{}], "athlete": {"phase": "base"}})
    assert "weeks[i].phase" in message


def test_unknown_goal_weight_and_deload_rhythm_are_refused():
    """Weights name known goals (routine and progression among them); deload_every is 3 or 4."""
    assert "unknown goal id" in refusal({"start": START, "weeks": [{}], "weights": {"nope": 1}})
    assert "deload_every" in refusal({"start": START, "weeks": [{}], "deload_every": 5})
    assert plan({}, weights={"routine": 5, "progression": 0}).weights


def test_unknown_day_and_fields_are_refused_where_they_are():
    """A day id that is not mon..sun, or an unknown field, names its place in the weeks."""
    message = refusal({"start": START, "weeks": [{}, {"days": {"funday": {}}}]})
    assert "weeks.1.days.funday" in message
    assert "weeks.0.colour" in refusal({"start": START, "weeks": [{"colour": "red"}]})


def test_the_last_week_must_start_within_the_calendar():
    """Each week's Monday is a week's week_of: the plan may not run into a week past 2200."""
    PlanRequest.model_validate({"start": "2200-12-29", "weeks": [{"days": {}}]})
    with pytest.raises(ValidationError, match="last week would start on 2201-01-05"):
        PlanRequest.model_validate({"start": "2200-12-29", "weeks": [{"days": {}}] * 2})
