"""A plan's placed sessions carry doses that follow each week's phase and progression step."""

from __future__ import annotations

import json
from pathlib import Path

from solver import PlanRequest, solve_plan
from solver.catalogue import dose_for, session_by_id
from solver.plan.horizon import plan_horizon

HIGDON = (
    Path(__file__).resolve().parents[3] / "scenarios" / "plans" / "higdon-marathon-novice1.json"
)


def higdon(**athlete: object) -> PlanRequest:
    data = json.loads(HIGDON.read_text(encoding="utf-8"))
    return PlanRequest.model_validate({**data, "athlete": {**data.get("athlete", {}), **athlete}})


def test_each_week_request_carries_the_plans_progression_step():
    """One concept: the plan's step per week is its week request's progression_step."""
    plan = plan_horizon(higdon())
    assert [w.request.progression_step for w in plan.horizon.weeks] == plan.steps
    assert plan.steps[0] == 1


def test_every_placed_session_is_dosed_by_its_weeks_phase_and_step():
    request = higdon()
    result = solve_plan(request)
    plan = plan_horizon(request)
    by_id = session_by_id()
    dosed = 0
    for day in result.days:
        week = plan.horizon.week_of_day((day.date - request.start).days)
        for placed in day.strength:
            athlete = week.request.athlete
            expected = dose_for(
                by_id[placed.session],
                athlete.lifting_level,
                week.phase,
                step=plan.steps[week.index],
                avoid=athlete.avoid,
            )
            assert placed.prescription == expected
            assert placed.dose
            dosed += 1
    assert dosed == sum(w.sessions for w in result.weeks) > 0


def test_heavy_doses_build_through_base_and_build_hold_at_peak_and_are_light_in_deload():
    """The heavy A session, dosed as each phase and step of the plan would dose it."""
    request = higdon()
    plan = plan_horizon(request)
    level = request.athlete.lifting_level
    session = session_by_id()["strength_control"]
    doses = {
        (w.phase, plan.steps[w.index]): dose_for(session, level, w.phase, plan.steps[w.index])[0]
        for w in plan.horizon.weeks
    }
    first = doses[("base", 1)]
    later = max((step, dose) for (phase, step), dose in doses.items() if phase == "build")[1]
    assert (later.sets, later.intensity) > (first.sets, first.intensity)
    peaks = {str(dose) for (phase, _), dose in doses.items() if phase == "peak"}
    assert len(peaks) == 1  # held, whatever the step
    deload = next(dose for (phase, _), dose in doses.items() if phase == "deload")
    assert deload.sets < first.sets or deload.intensity < first.intensity
