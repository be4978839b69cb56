"""Replanning a week: the past kept, as few changes as the stability weight asks, legs spared."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import DAYS, WeekRequest, solve
from solver.brute_force import brute_force_optimum
from solver.catalogue import session_by_id
from solver.checker import check_horizon, parse_plan
from solver.cpsat.solve import Ablation, solve_ablated
from solver.horizon import Horizon
from solver.replan import ReplanError, ReplanRequest, legs_level, replan, resolve
from solver.rules import REPLAN_RULE_IDS, HardRuleId, SoftGoalId
from tests.helpers import replan_body, runs, week
from tests.solver.random_weeks import random_week

CLOSED = {day: {"available": False} for day in DAYS}
# Heavy legs Mon and Thu (or so), key runs Tue and Sat: the usual two-session week.
KEY_WEEK = {
    "mon": runs("easy"),
    "tue": runs("intervals"),
    "wed": {},
    "thu": runs("easy"),
    "fri": {},
    "sat": runs("long", minutes=100),
    "sun": {},
}


def heavy_days(plan: dict[str, list[str]], days: list[str]) -> list[str]:
    """The days among `days` whose strength loads the legs heavily."""
    by_id = session_by_id()
    return [day for day in days if any(by_id[s].heavy_legs for s in plan[day])]


def breaches(body: ReplanRequest, plan: dict[str, list[str]]) -> set[str]:
    """The hard rules the checker finds broken in a replanned week (past excused)."""
    resolved = resolve(body)
    horizon = Horizon.of_week(resolved.request, resolved.replanning)
    found, _ = check_horizon(horizon, parse_plan(plan))
    return {breach.rule for breach in found}


def held_plan(body: ReplanRequest) -> dict[str, list[str]]:
    """The week the runner held, as day -> session ids."""
    held = {str(day): held_day.strength for day, held_day in body.week.items()}
    return {day: [s.session for s in held.get(day, [])] for day in DAYS}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), today=st.integers(0, 6), data=st.data())
def test_the_past_stays_as_it_happened_on_random_weeks(seed, today, data):
    """Whatever the week and whatever is missed, days before today hold exactly what was done,
    and the replanned week keeps every hard rule on the days still open."""
    request = random_week(seed)
    held = solve(request)
    if held.status == "infeasible":
        return
    placed = [(day, s) for day in DAYS[: today + 1] for s in held.plan[day]]
    missed = data.draw(st.lists(st.sampled_from(placed), unique=True) if placed else st.just([]))
    legs = data.draw(st.sampled_from(["fresh", "normal", "heavy", "sore", 3, 5, 8]))
    body = replan_body(
        request,
        DAYS[today],
        missed=[{"day": day, "session": session} for day, session in missed],
        legs=legs,
    )
    result = replan(body)
    if result.status == "infeasible":
        assert result.conflicts
        return
    for day in DAYS[:today]:
        kept = [s for s in held.plan[day] if (day, s) not in missed]
        assert result.plan[day] == kept
    assert breaches(body, result.plan) == set()


def test_nothing_happened_nothing_changes():
    """Replanning a solved week with nothing reported gives the same week, with no change."""
    body = replan_body(week(KEY_WEEK), "wed")
    result = replan(body)
    assert result.plan == held_plan(body)
    assert result.changes == []
    assert SoftGoalId.STABILITY not in {p.goal for p in result.penalties}


def test_a_high_stability_weight_moves_nothing_that_need_not_move():
    """A held week that is not today's optimum stays as it is under a high stability weight;
    with stability off, the replan moves to the fresh optimum."""
    hand_made = {"mon": {"strength": [{"session": "upper_body_core"}]}}
    fields = {"week": hand_made, "today": "mon"}
    steady = ReplanRequest.model_validate(
        {"request": week(KEY_WEEK, weights={"stability": 1000}), **fields}
    )
    assert replan(steady).plan == {**{d: [] for d in DAYS}, "mon": ["upper_body_core"]}
    loose_request = week(KEY_WEEK, weights={"stability": 0})
    loose = ReplanRequest.model_validate({"request": loose_request, **fields})
    fresh = solve(week(KEY_WEEK))
    assert replan(loose).plan == fresh.plan
    assert replan(loose).changes


def test_stability_counts_each_changed_open_day():
    """Each open day whose strength differs from the held week counts once; the past never."""
    hand_made = {
        "mon": {"strength": [{"session": "upper_body_core"}]},
        "wed": {"strength": [{"session": "mobility_core"}]},
    }
    body = ReplanRequest.model_validate(
        {"request": week(KEY_WEEK), "week": hand_made, "today": "tue"}
    )
    resolved = resolve(body)
    horizon = Horizon.of_week(resolved.request, resolved.replanning)
    moved = {"mon": ["upper_body_core"], "thu": ["mobility_core"], "fri": ["bodyweight_circuit"]}
    _, penalties = check_horizon(horizon, parse_plan(moved))
    stability = next(p for p in penalties if p.goal == SoftGoalId.STABILITY)
    assert stability.count == 3  # wed emptied, thu and fri filled; mon is past


def test_heavy_legs_keep_heavy_sessions_off_the_next_48_hours():
    """Heavy legs on Wed: a heavy session planned for Wed or Thu goes, and the change says
    legs_recovering."""
    request = week({**KEY_WEEK, "sat": runs("easy")})
    held = solve(request)
    today = next(d for d in DAYS if heavy_days(held.plan, [d]) and DAYS.index(d) < 6)
    body = replan_body(request, today, legs="heavy")
    result = replan(body)
    window = list(DAYS[DAYS.index(today) : DAYS.index(today) + 2])
    assert heavy_days(result.plan, window) == []
    assert any(HardRuleId.LEGS_RECOVERING in c.reasons for c in result.changes)


def test_sore_legs_leave_only_upper_body_and_mobility_for_72_hours():
    """Sore legs (or soreness 7+): no session that works the legs for three days from today."""
    by_id = session_by_id()
    for legs in ("sore", 7, 10):
        body = replan_body(week(KEY_WEEK, strength={"target_sessions": 3}), "mon", legs=legs)
        result = replan(body)
        for day in ("mon", "tue", "wed"):
            assert not any(by_id[s].works_legs for s in result.plan[day])


def test_soreness_reads_as_a_feeling():
    """0-3 changes nothing, 4-6 is heavy, 7-10 sore."""
    assert [legs_level(n) for n in (0, 3, 4, 6, 7, 10)] == [
        "normal",
        "normal",
        "heavy",
        "heavy",
        "sore",
        "sore",
    ]


def test_fresh_legs_change_nothing():
    """Fresh or normal legs leave the week as it was."""
    for legs in ("fresh", "normal", 2):
        body = replan_body(week(KEY_WEEK), "mon", legs=legs)
        assert replan(body).changes == []


def test_a_missed_heavy_session_is_placed_again_when_the_rules_allow():
    """Monday's heavy session missed: the week still wants heavy legs, and a later day takes
    it (a move, from the report and the goals it keeps)."""
    days = {"mon": {}, "tue": runs("easy"), "wed": runs("easy"), "thu": {}, "fri": runs("easy")}
    request = week(days, strength={"target_sessions": 1, "max_sessions": 1})
    body = ReplanRequest.model_validate(
        {
            "request": request,
            "week": {"mon": {"strength": [{"session": "strength_control"}]}},
            "today": "tue",
            "missed": [{"day": "mon", "session": "strength_control"}],
        }
    )
    result = replan(body)
    assert result.plan["mon"] == []
    assert heavy_days(result.plan, list(DAYS[1:]))
    (change,) = result.changes
    assert change.change == "moved" and change.day == "mon"
    assert change.reasons[0] == HardRuleId.PAST_AS_IT_HAPPENED
    assert SoftGoalId.TARGET_SESSIONS in change.reasons


def test_a_missed_heavy_session_is_not_placed_again_where_no_rule_allows_it():
    """Missed on Sat, with only Sun left and a race on it: nothing comes back."""
    request = week({**CLOSED, "sat": {}, "sun": {**runs("easy"), "available": True}})
    held = solve(request)
    assert held.plan["sat"]
    race_sunday = {"sun": {"runs": [{"type": "race", "minutes": 40}]}}
    body = ReplanRequest.model_validate(
        {
            "request": week({**CLOSED, "sat": {}, **race_sunday}, strength={"min_sessions": 0}),
            "week": held.model_dump(mode="json")["days"],
            "today": "sun",
            "missed": [{"day": "sat", "session": held.plan["sat"][0]}],
        }
    )
    result = replan(body)
    assert result.session_count == 0


def test_a_session_the_runner_moved_stays_where_it_was_moved():
    """A move to a later open day is kept there; the old day is free again."""
    body = replan_body(week(KEY_WEEK), "mon")
    held = held_plan(body)
    day = next(d for d in DAYS if held[d])
    free = next(d for d in ("wed", "fri", "sun") if not held[d])
    moved = {"day": day, "session": held[day][0], "to": free}
    result = replan(replan_body(week(KEY_WEEK), "mon", moved=[moved]))
    assert result.status != "infeasible", result.conflicts
    assert held[day][0] in result.plan[free]
    change = next(c for c in result.changes if c.session == held[day][0])
    assert (change.change, change.to, change.reasons) == (
        "moved",
        free,
        [HardRuleId.PAST_AS_IT_HAPPENED],
    )


def test_a_move_that_breaks_a_rule_is_a_week_with_conflicts():
    """Heavy legs moved to the day before the long run: no week, and the conflicts name the
    pin and the rule it meets."""
    body = replan_body(week(KEY_WEEK), "mon")
    held = held_plan(body)
    heavy = next(d for d in heavy_days(held, list(DAYS)))
    moved = {"day": heavy, "session": held[heavy][0], "to": "fri"}
    result = replan(replan_body(week(KEY_WEEK), "mon", moved=[moved]))
    assert result.status == "infeasible"
    rules = {c.rule for c in result.conflicts}
    assert HardRuleId.PAST_AS_IT_HAPPENED in rules
    assert HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN in rules


def test_a_run_moved_next_to_heavy_legs_moves_the_session():
    """The intervals move from Tue to Fri, the day after Thursday's heavy session: the session
    leaves Thursday, and the change names no_heavy_legs_before_key_run."""
    request = week({**KEY_WEEK, "sat": runs("easy")}, strength={"target_sessions": 1})
    body = ReplanRequest.model_validate(
        {
            "request": request,
            "week": {"thu": {"strength": [{"session": "strength_control"}]}},
            "today": "mon",
            "moved": [{"day": "tue", "run": "intervals", "to": "fri"}],
        }
    )
    result = replan(body)
    assert heavy_days(result.plan, ["thu"]) == []
    removed = next(c for c in result.changes if c.day == "thu")
    assert HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN in removed.reasons
    assert HardRuleId.PAST_AS_IT_HAPPENED not in removed.reasons


def test_done_today_settles_today():
    """A session done today stays, and nothing else joins it whatever the legs say."""
    body = replan_body(week(KEY_WEEK), "mon")
    held = held_plan(body)
    today = next(d for d in DAYS if held[d])
    done = [{"day": today, "session": held[today][0]}]
    result = replan(replan_body(week(KEY_WEEK), today, done=done, legs="sore"))
    assert result.plan[today] == held[today]


def test_unavailable_days_lose_their_session():
    """A day from today on made unavailable holds no strength."""
    body = replan_body(week(KEY_WEEK), "mon")
    day = next(d for d in DAYS if held_plan(body)[d])
    result = replan(replan_body(week(KEY_WEEK), "mon", unavailable=[day]))
    assert result.plan[day] == []


def test_dates_name_days_of_the_week():
    """With week_of, today and the events may be dates of the week."""
    request = week(KEY_WEEK, week_of="2026-11-30")
    by_id = replan(replan_body(request, "wed"))
    by_date = replan(replan_body(request, "2026-12-02"))
    assert by_date.today == "wed"
    assert by_date.plan == by_id.plan


@pytest.mark.parametrize(
    ("happened", "field"),
    [
        ({"today": "2026-12-09"}, "today"),
        ({"moved": [{"day": "mon", "run": "easy", "to": "2026-12-07"}]}, "moved[0].to"),
        ({"done": [{"day": "wed", "session": "plyometrics"}]}, "done[0].session"),
        ({"done": [{"day": "fri", "run": "easy"}]}, "done[0].day"),
        ({"missed": [{"day": "tue", "run": "tempo"}]}, "missed[0].run"),
        ({"unavailable": ["mon"], "today": "tue"}, "unavailable[0]"),
        ({"added": [{"day": "wed", "run": {"type": "easy", "minutes": 90}}]}, "added[0].day"),
    ],
)
def test_what_the_week_does_not_hold_is_refused_naming_the_field(happened, field):
    """A today outside the week, a done session never planned, a move out of the week, a run
    that is not there, a past day made unavailable, a day overfull: ReplanError on the field."""
    days = {**KEY_WEEK, "wed": {"available_minutes": 60}}
    request = week(days, week_of="2026-11-30")
    today = happened.pop("today", "wed")
    body = replan_body(request, today, **happened)
    with pytest.raises(ReplanError) as refused:
        replan(body)
    assert refused.value.field == field


def test_a_date_needs_week_of():
    """A date where the request has no week_of is refused on the field."""
    with pytest.raises(ReplanError) as refused:
        replan(replan_body(week(KEY_WEEK), "2026-12-02"))
    assert refused.value.field == "today"


@pytest.mark.parametrize("rule", REPLAN_RULE_IDS)
def test_without_the_replan_rule_the_week_breaks_it(rule):
    """Without past_as_it_happened the model rewrites the past; without legs_recovering it
    places heavy legs on sore days: the checker names exactly that rule."""
    if rule == HardRuleId.PAST_AS_IT_HAPPENED:
        # Monday held upper body; a heavy session there would be better, so the model wants it.
        hand_made = {"mon": {"strength": [{"session": "upper_body_core"}]}}
        body = ReplanRequest.model_validate(
            {
                "request": week({**CLOSED, "mon": {}}, strength={"max_sessions": 1}),
                "week": hand_made,
                "today": "tue",
            }
        )
    else:
        body = replan_body(week({**CLOSED, "mon": {}}, strength={"max_sessions": 1}), "mon")
        body = body.model_copy(update={"legs": "heavy"})
    resolved = resolve(body)
    kept = solve(resolved.request, replanning=resolved.replanning)
    assert kept.status == "optimal" and breaches(body, kept.plan) == set()
    ablated = solve_ablated(
        resolved.request, Ablation(rules=frozenset({rule})), resolved.replanning
    )
    assert breaches(body, ablated.plan) == {rule}


@pytest.mark.parametrize("seed", range(12))
def test_the_replan_is_the_true_optimum(seed):
    """On small random weeks, replanned from a random day with a random miss and legs, the
    model's objective equals the brute-force optimum scored by the checker."""
    rng = random.Random(seed)
    request = random_week(seed).model_copy(update={"time_limit_s": 10.0})
    held = solve(request)
    if held.status == "infeasible":
        return
    today = rng.randrange(7)
    placed = [(d, s) for d in DAYS[: today + 1] for s in held.plan[d]]
    missed = [dict(zip(("day", "session"), rng.choice(placed), strict=True))] if placed else []
    body = replan_body(
        request, DAYS[today], missed=missed, legs=rng.choice(["normal", "heavy", "sore"])
    )
    resolved = resolve(body)
    result = replan(body)
    optimum = brute_force_optimum(resolved.request, resolved.replanning)
    if result.status == "infeasible":
        assert optimum.plan is None
    else:
        assert (result.objective, result.plan) == (optimum.objective, optimum.plan)


def test_an_ordinary_solve_knows_no_stability():
    """Without a held week the stability goal counts nothing, whatever its weight."""
    request = week(KEY_WEEK)
    heavy = request.model_copy(update={"weights": {SoftGoalId.STABILITY: 1000}})
    assert solve(heavy).plan == solve(request).plan
    assert solve(heavy).objective == solve(request).objective


def test_the_body_takes_the_solve_answer_as_it_comes():
    """`week` is the `days` of the solve answer, every field of it."""
    request = week(KEY_WEEK)
    answer = solve(request).model_dump(mode="json")
    body = ReplanRequest.model_validate(
        {"request": request.model_dump(mode="json"), "week": answer["days"], "today": "mon"}
    )
    assert held_plan(body) == solve(request).plan


def test_happened_names_a_session_or_a_run():
    """An event with neither or both of session and run is refused."""
    from pydantic import ValidationError

    for item in ({"day": "mon"}, {"day": "mon", "session": "plyometrics", "run": "easy"}):
        with pytest.raises(ValidationError):
            ReplanRequest.model_validate(
                {"request": {}, "week": {}, "today": "mon", "done": [item]}
            )


def test_week_request_validation_unchanged():
    """The request inside a replan is a WeekRequest like any."""
    assert isinstance(replan_body(week(KEY_WEEK), "mon").request, WeekRequest)


def test_a_missed_session_still_counts_towards_min_sessions():
    """Two sessions asked for, one missed on Thursday, nothing left to place it on: the replan
    is the week as it happened, not 'no week'."""
    request = week({**CLOSED, "mon": {}, "thu": {}}, strength={"min_sessions": 2})
    body = ReplanRequest.model_validate(
        {
            "request": request,
            "week": {
                "mon": {"strength": [{"session": "strength_control"}]},
                "thu": {"strength": [{"session": "hinge_and_calves"}]},
            },
            "today": "sun",
            "missed": [{"day": "thu", "session": "hinge_and_calves"}],
        }
    )
    result = replan(body)
    assert result.status == "optimal"
    assert result.plan == {**{d: [] for d in DAYS}, "mon": ["strength_control"]}


def test_what_happened_is_not_judged_by_the_rules():
    """Monday's heavy session was done the day before Tuesday's intervals: the past stays, the
    replan is a week, and the checker excuses the settled day (the same week scored as an
    ordinary one breaks no_heavy_legs_before_key_run), while the rules between Monday and the
    open days still bind (no heavy legs on Tuesday)."""
    body = ReplanRequest.model_validate(
        {
            "request": week({**KEY_WEEK, "mon": {}}),
            "week": {"mon": {"strength": [{"session": "strength_control"}]}},
            "today": "tue",
        }
    )
    result = replan(body)
    assert result.status == "optimal"
    assert result.plan["mon"] == ["strength_control"]
    assert heavy_days(result.plan, ["tue"]) == []
    assert breaches(body, result.plan) == set()
    ordinary = Horizon.of_week(resolve(body).request)
    found, _ = check_horizon(ordinary, parse_plan(result.plan))
    assert HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN in {breach.rule for breach in found}


def test_a_session_missed_today_is_not_put_back_today():
    """Today's session missed: today is settled empty, and the session may only come back on a
    later day."""
    request = week({**CLOSED, "wed": {}, "fri": {}}, strength={"max_sessions": 1})
    body = ReplanRequest.model_validate(
        {
            "request": request,
            "week": {"wed": {"strength": [{"session": "strength_control"}]}},
            "today": "wed",
            "missed": [{"day": "wed", "session": "strength_control"}],
        }
    )
    result = replan(body)
    assert result.plan["wed"] == []
    assert result.plan["fri"]
