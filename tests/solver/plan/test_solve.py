"""The plan model: rules across week boundaries, races inside the plan, the result's shape."""

from __future__ import annotations

import datetime as dt

from solver import evaluate_plan, solve_plan
from solver.catalogue import catalogue
from solver.plan.domain import PlanRequest
from solver.rules import HardRuleId, SoftGoalId
from tests.solver.plan.plans import closed_except, plan

HEAVY_LEGS = {session.id: session.heavy_legs for session in catalogue()}
"""Heavy legs: heavy or moderate lifting, or high plyometrics (the coach's leg loads)."""
KEY = {"runs": [{"type": "intervals", "minutes": 50}]}
HEAVY_ONLY = {"min_sessions": 1, "max_sessions": 1}


def placed_on(request: PlanRequest, date: str) -> list[str]:
    """The sessions the optimal plan puts on the date."""
    result = solve_plan(request)
    assert result.status == "optimal"
    assert evaluate_plan(request, result.placement).feasible
    return result.placement.get(date, [])


def test_no_heavy_legs_on_sunday_before_mondays_key_run():
    """Week 1 open only on Sunday, week 2 opening with a key run: Sunday gets no heavy legs."""
    request = plan(closed_except(sun={}), {"mon": KEY})
    sunday = placed_on(request, "2027-03-07")
    assert sunday and sunday[0] not in ("lower_body_core", "strength_control", "plyometrics")


def test_heavy_legs_stay_48h_apart_across_the_boundary():
    """Heavy on Sunday and heavy on Monday would suit each week alone; the plan keeps one."""
    sunday_only, monday_only = closed_except(sun={}), closed_except(mon={})
    request = plan(sunday_only, monday_only, strength=HEAVY_ONLY)
    result = solve_plan(request)
    heavy = [d for d in result.days if any(HEAVY_LEGS[s.session] for s in d.strength)]
    assert len(heavy) == 1
    assert evaluate_plan(request, result.placement).feasible


def test_a_sunday_race_protects_the_next_weeks_days():
    """A half marathon on week 1's Sunday keeps heavy legs off Monday to Thursday of week 2."""
    race = {"runs": [{"type": "race", "minutes": 95, "distance": "half"}]}
    week_two = closed_except(thu={}, fri={})
    request = plan(closed_except(wed={}, sun=race), week_two, strength=HEAVY_ONLY)
    result = solve_plan(request)
    assert result.status == "optimal"
    thursday, friday = result.days[10], result.days[11]
    assert not any(HEAVY_LEGS[s.session] for s in thursday.strength)
    assert result.weeks[1].heavy_sessions == 1 and HEAVY_LEGS[friday.strength[0].session]


def test_a_monday_race_keeps_legs_off_the_sunday_before():
    """A tune-up 10 K on week 2's Monday: no leg work on week 1's Sunday."""
    race = {"runs": [{"type": "race", "minutes": 45, "distance": "10k"}]}
    request = plan(closed_except(sun={}), {"mon": race, "wed": {}, "fri": {}})
    sunday = solve_plan(request).days[6]
    assert [s.leg_load for s in sunday.strength] in ([], ["none"])


def test_previous_race_reaches_into_the_first_week():
    """A marathon 2 days before the start keeps heavy legs off the first 6 days."""
    request = plan(
        {},
        previous_race={"days_ago": 2, "distance": "marathon"},
        strength={"min_sessions": 1, "max_sessions": 3, "target_sessions": 3},
    )
    result = solve_plan(request)
    assert not any(HEAVY_LEGS[s.session] for day in result.days[:6] for s in day.strength)


def test_the_result_lists_every_date_with_runs_as_posted():
    """days: one entry per date with weekday and the runs' title and source_uid kept; weeks:
    one summary per week with phase and progression step."""
    run = {"type": "long", "minutes": 90, "title": "Long run 10 mi", "source_uid": "abc@cal"}
    request = plan({"sun": {"runs": [run]}}, {}, {})
    result = solve_plan(request)
    assert [d.date for d in result.days] == [
        dt.date(2027, 3, 1) + dt.timedelta(days=n) for n in range(21)
    ]
    assert [d.weekday for d in result.days[:7]] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert result.days[6].runs[0].title == "Long run 10 mi"
    assert result.days[6].runs[0].source_uid == "abc@cal"
    assert [(w.start, w.phase, w.progression_step) for w in result.weeks] == [
        (dt.date(2027, 3, 1), "base", 1),
        (dt.date(2027, 3, 8), "base", 2),
        (dt.date(2027, 3, 15), "base", 3),
    ]
    assert sum(w.sessions for w in result.weeks) == sum(len(d.strength) for d in result.days)
    assert result.unclassified == []
    assert result.objective == sum(p.cost for p in result.penalties)
    assert result.objective == sum(p.cost for w in result.weeks for p in w.penalties)


def test_an_infeasible_plan_names_the_rule_the_dates_and_what_to_relax():
    """A week with no open day: the conflict names session_count and the week's dates."""
    request = plan({}, closed_except())
    result = solve_plan(request)
    assert result.status == "infeasible"
    rules = {c.rule for c in result.conflicts}
    assert HardRuleId.FITS_AVAILABILITY in rules
    assert any(dt.date(2027, 3, 8) in c.dates for c in result.conflicts)
    assert any("Mon 2027-03-08" in c.message for c in result.conflicts)
    assert any("allow strength on" in s for s in result.suggestions)


def test_routine_keeps_the_same_weekdays_when_the_runs_stay_put():
    """Four identical weeks: the optimal plan uses the same strength weekdays every week."""
    days = {"tue": KEY, "thu": {"runs": [{"type": "easy", "minutes": 40}]}, "sun": KEY}
    result = solve_plan(plan(days, days, days, days, deload_every=None))
    pattern = [tuple(bool(d.strength) for d in result.days[w * 7 : w * 7 + 7]) for w in range(4)]
    assert len(set(pattern)) == 1
    assert all(p.goal != SoftGoalId.ROUTINE for p in result.penalties)


def test_progression_shows_in_the_weeks():
    """Heavy sessions never drop from one base week to the next when the weeks allow it."""
    days = {"mon": {}, "wed": {}, "fri": {}}
    result = solve_plan(plan(days, days, days, deload_every=None))
    heavy = [w.heavy_sessions for w in result.weeks]
    assert heavy == sorted(heavy)


def test_a_time_limit_cut_short_still_answers_a_plan_keeping_every_rule():
    """However little time the search gets, the plan returned keeps every hard rule and its
    objective is the checker's."""
    days = {"tue": KEY, "thu": {"runs": [{"type": "tempo", "minutes": 40}]}, "sat": {}}
    request = plan(*[days] * 12, time_limit_s=0.001)
    result = solve_plan(request)
    assert result.status in ("optimal", "feasible")
    scored = evaluate_plan(request, result.placement)
    assert scored.feasible and scored.objective == result.objective


def test_the_24h_rule_holds_across_the_week_boundary_with_times():
    """Week 2 opens with a 07:00 key run on Monday and only week 1's Sunday takes strength:
    heavy legs go there at 05:00 (ending 25 h before the run) when Sunday opens early, and not
    when it opens at 18:00; model and checker agree on both plans."""
    monday = {"runs": [{"type": "intervals", "minutes": 50, "at": "07:00"}], "available": False}
    strength = {"min_sessions": 0, "max_sessions": 1}

    def sunday(window: list[str]) -> list[tuple[str, str | None]]:
        request = plan(
            closed_except(sun={"windows": [window]}),
            closed_except(mon=monday),
            strength=strength,
            weights={"heavy_legs_48h_before_key_run": 0},
        )
        result = solve_plan(request)
        assert result.status == "optimal"
        assert evaluate_plan(request, result.placement).objective == result.objective
        day = next(d for d in result.days if d.date.isoformat() == "2027-03-07")
        return [(s.session, s.at) for s in day.strength]

    early = sunday(["05:00", "21:00"])
    assert [HEAVY_LEGS[session] for session, _ in early] == [True]
    assert early[0][1] == "05:00"
    late = sunday(["18:00", "21:00"])
    assert late and not any(HEAVY_LEGS[session] for session, _ in late)
