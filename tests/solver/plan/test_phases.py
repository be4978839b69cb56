"""Phases derived from the goal race, deload weeks, and progression steps."""

from __future__ import annotations

from solver.plan.domain import PlanRequest
from solver.plan.horizon import plan_horizon
from solver.plan.phases import derive_phases, progression_steps
from tests.solver.plan.plans import START, plan


def test_an_18_week_marathon_plan_counts_back_from_race_week():
    """Race week last, two taper weeks, two peak, build the later half of the rest, deload
    every fourth loading week."""
    phases = derive_phases([None] * 18, 17, 42.2, 4)
    assert phases == [
        *["base", "base", "base", "deload", "base", "base"],
        *["build", "deload", "build", "build", "build", "deload", "build"],
        *["peak", "peak", "taper", "taper", "race_week"],
    ]


def test_a_half_marathon_tapers_one_week_and_post_race_follows():
    """One taper week before a half; the week after race week is post-race, then base."""
    phases = derive_phases([None] * 8, 5, 21.1, None)
    assert phases == ["base", "build", "peak", "peak", "taper", "race_week", "post_race", "base"]


def test_deload_every_third_week_and_off():
    """deload_every 3 makes every third loading week a deload; None makes none."""
    assert derive_phases([None] * 6, None, None, 3) == ["base", "base", "deload"] * 2
    assert derive_phases([None] * 6, None, None, None) == ["base"] * 6


def test_a_named_phase_wins_and_a_named_deload_restarts_the_count():
    """Named weeks keep their phase; a named deload starts the count of loading weeks again."""
    named = [None, "deload", None, None, None, None]
    assert derive_phases(named, None, None, 4) == [
        "base",
        "deload",
        "base",
        "base",
        "base",
        "deload",
    ]


def test_progression_steps_hold_through_deload_and_after_the_build():
    """Steps count base and build weeks; deload and later phases keep the last step."""
    phases = ["base", "base", "deload", "build", "peak", "taper", "race_week"]
    assert progression_steps(phases) == [1, 2, 2, 3, 3, 3, 3]


def test_the_last_race_run_is_the_goal_when_none_is_given():
    """Without goal_race the plan's last race run sets the phases; a tune-up race before it
    does not."""
    race = {"runs": [{"type": "race", "minutes": 100, "distance": "half"}]}
    tune_up = {"runs": [{"type": "race", "minutes": 25, "distance": "5k"}]}
    request = plan({}, {"sat": tune_up}, {}, {}, {"sun": race})
    phases = [week.phase for week in plan_horizon(request).horizon.weeks]
    assert phases == ["build", "peak", "peak", "taper", "race_week"]


def test_a_goal_race_by_date_becomes_a_race_run_on_its_day():
    """goal_race on a day without a race run adds one there, so the race rules see it."""
    request = plan({}, {}, goal_race={"date": "2027-03-14", "distance": "marathon"})
    horizon = plan_horizon(request).horizon
    assert horizon.days[13].is_race_day
    assert horizon.days[13].runs[-1].title == "Goal marathon"
    assert [week.phase for week in horizon.weeks] == ["taper", "race_week"]


def test_a_named_loading_week_in_the_deloads_place_keeps_its_phase_and_the_count_goes_on():
    """The fourth loading week named build stays build; the eighth is still a deload."""
    named = [None, None, None, "build", None, None, None, None]
    assert derive_phases(named, None, None, 4) == [
        *["base", "base", "base", "build"],
        *["base", "base", "base", "deload"],
    ]


def test_a_deload_week_aims_at_one_session_fewer_than_the_loading_week_before_it():
    """After base weeks (3 sessions) a deload aims at 2; after build weeks (2) at 1; a plan's
    own target wins."""
    days = {"mon": {"runs": [{"type": "easy", "minutes": 40}]}}

    def targets(phases: list[str], **fields: object) -> list[int]:
        request = PlanRequest.model_validate(
            {"start": START, "weeks": [{"days": days, "phase": p} for p in phases], **fields}
        )
        return [week.request.target_sessions for week in plan_horizon(request).horizon.weeks]

    assert targets(["base", "base", "deload", "base"]) == [3, 3, 2, 3]
    assert targets(["build", "build", "deload", "build"]) == [2, 2, 1, 2]
    assert targets(["deload", "base"]) == [1, 3]
    assert targets(["base", "deload"], strength={"target_sessions": 2}) == [2, 2]
