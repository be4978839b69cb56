"""Each soft goal in the model: a tiny week where it changes the answer, and its weight at 0."""

from __future__ import annotations

import pytest

from solver import DAYS, evaluate, solve
from solver.checker import check_horizon, parse_plan
from solver.cpsat.solve import Ablation, solve_ablated
from solver.horizon import Horizon
from solver.replan import ReplanRequest, replan, resolve
from solver.rules import SoftGoalId
from tests.helpers import replan_body, runs, week
from tests.solver.random_weeks import random_week

CLOSED = {day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
KEY_WEEK = {"tue": runs("intervals"), "thu": runs("easy"), "sat": runs("long")}

# goal id -> a week where the goal, at its default weight, keeps the week from missing it.
BINDING_WEEKS = {
    "target_sessions": week(KEY_WEEK, strength={"target_sessions": 3}),
    "keep_recovery_days_easy": week(
        {"mon": runs("recovery"), "tue": runs("easy"), "wed": {"available": False}},
        strength={"max_sessions": 1},
    ),
    "strength_on_hard_days": week(KEY_WEEK),
    "strength_on_easy_days": week(
        {"mon": runs("intervals"), "wed": runs("tempo")},
        weights={"strength_on_hard_days": 0, "keep_recovery_days_easy": 0},
    ),
    "heavy_legs_48h_before_key_run": week(
        {**CLOSED, "mon": {}, "thu": runs("easy"), "sat": {**runs("long"), "available": False}},
        strength={"min_sessions": 2, "max_sessions": 2},
    ),
    "no_heavy_legs_after_long_run": week(
        {"mon": runs("long"), "tue": runs("easy")},
        strength={"max_sessions": 1},
        weights={"strength_on_hard_days": 0, "keep_recovery_days_easy": 0},
    ),
    "heavy_legs_on_long_run_day": week(
        {"sat": runs("long", minutes=90), "wed": runs("easy")}, strength={"max_sessions": 1}
    ),
    "spread_sessions": week(
        {**CLOSED, "mon": runs("easy"), "tue": runs("easy"), "thu": {}},
        strength={"target_sessions": 2},
        weights={"keep_recovery_days_easy": 1},
    ),
    "lower_body_in_week": week(
        {**CLOSED, "wed": {"available_minutes": 20, "gym": False}}, strength={"max_sessions": 1}
    ),
    "phase_fit": week(KEY_WEEK, athlete={"phase": "race_week"}),
    "level_fit": week(KEY_WEEK, athlete={"level": "beginner"}),
    "variety": week(
        {**CLOSED, "mon": {}, "thu": {}}, strength={"min_sessions": 2, "max_sessions": 2}
    ),
    "full_session_when_time_allows": week({**CLOSED, "wed": {}}, strength={"max_sessions": 1}),
    "heavy_legs_6h_from_hard_run": week(
        {
            **CLOSED,
            "wed": {
                "runs": [{"type": "tempo", "minutes": 50, "at": "07:00"}],
                "windows": [["06:00", "21:00"]],
            },
        }
    ),
}


def goal_count(request, plan, goal: str, starts=None) -> int:
    """How often the plan (its sessions at `starts`, if given) misses the goal."""
    penalties = {p.goal: p.count for p in evaluate(request, plan, starts).penalties}
    return penalties.get(goal, 0)


@pytest.mark.parametrize("goal", list(BINDING_WEEKS))
def test_goal_binds_and_switching_it_off_lets_the_week_miss_it(goal):
    """With the goal on, the week keeps it; with its weight at 0 the optimal week misses it."""
    request = BINDING_WEEKS[goal]
    switched_off = request.model_copy(update={"weights": {**request.weights, goal: 0}})
    kept = solve(request)
    missed = solve(switched_off)
    scoring = request.model_copy(update={"weights": {**request.weights, goal: 1}})
    assert goal_count(scoring, kept.plan, goal, kept.starts) < goal_count(
        scoring, missed.plan, goal, missed.starts
    )


def test_every_soft_goal_has_a_binding_week():
    """No soft goal goes untested (the plan goals bind in plans: tests/solver/plan/; stability
    in replans, below)."""
    from solver import SOFT_GOALS
    from solver.rules import PLAN_GOAL_IDS, REPLAN_GOAL_IDS

    assert set(BINDING_WEEKS) == set(SOFT_GOALS) - set(PLAN_GOAL_IDS) - set(REPLAN_GOAL_IDS)


def test_hard_days_and_easy_days_pull_against_each_other():
    """The seeds' two preferences: the weights decide whether strength stacks on key-run days."""
    hard = solve(week(KEY_WEEK, weights={"strength_on_hard_days": 9, "strength_on_easy_days": 0}))
    easy = solve(week(KEY_WEEK, weights={"strength_on_hard_days": 0, "strength_on_easy_days": 9}))
    key_days = {"tue", "sat"}
    assert {d for d, ids in hard.plan.items() if ids} <= key_days
    assert not {d for d, ids in easy.plan.items() if ids} & key_days


def test_keep_recovery_days_easy_tells_rest_from_recovery_runs():
    """A rest day counts any session; a recovery-run day counts heavy legs twice, light once,
    mobility not at all."""
    recovery = week({"wed": runs("recovery")})
    counts = {
        session: goal_count(recovery, {"wed": [session]}, "keep_recovery_days_easy")
        for session in ("lower_body_core", "bodyweight_circuit", "mobility_core")
    }
    assert counts == {"lower_body_core": 2, "bodyweight_circuit": 1, "mobility_core": 0}
    assert goal_count(week(), {"wed": ["mobility_core"]}, "keep_recovery_days_easy") == 1


def test_mobility_after_a_recovery_jog_beats_a_rest_day():
    """With a recovery jog on Mon and rest on Tue, an upper-body session goes after the jog."""
    request = week(
        {"mon": runs("recovery"), "tue": {}, **{d: {"available": False} for d in DAYS[2:]}},
        strength={"max_sessions": 1},
        weights={"lower_body_in_week": 0},
    )
    assert solve(request).plan["mon"] != []


def test_heavy_legs_on_long_run_day_grows_with_the_run():
    """Heavy legs on a 90-minute long-run day count three times; on a 45-minute one once."""
    plan = {"sat": ["lower_body_core"]}
    goal = "heavy_legs_on_long_run_day"
    assert goal_count(week({"sat": runs("long", minutes=90)}), plan, goal) == 3
    assert goal_count(week({"sat": runs("long", minutes=45)}), plan, goal) == 1


# --- stability: a goal of replans (solver/replan.py) -----------------------------------------

REPLAN_WEEK = {"mon": runs("easy"), "tue": runs("intervals"), "thu": runs("easy")}
HAND_MADE = {"mon": {"strength": [{"session": "upper_body_core"}]}}


def stability_replan(weight: int | None) -> ReplanRequest:
    """A held week below today's optimum (upper body Monday), replanned from Monday."""
    weights = {} if weight is None else {"stability": weight}
    return ReplanRequest.model_validate(
        {"request": week(REPLAN_WEEK, weights=weights), "week": HAND_MADE, "today": "mon"}
    )


def test_stability_binds_and_switching_it_off_lets_the_week_change():
    """With stability on, the held week stays; at 0 the replan changes days to gain elsewhere."""
    kept = replan(stability_replan(1000))
    changed = replan(stability_replan(0))
    assert kept.changes == []
    assert changed.changes
    assert kept.plan != changed.plan


def test_stability_default_weight_trades_a_change_for_a_bigger_gain_only():
    """At the default weight (5 a changed day) the replan costs no more than keeping the held
    week, nor than the fresh optimum with its changed days paid for, and it moves to the fresh
    optimum here because that gains more than its changes cost."""
    body = stability_replan(None)
    resolved = resolve(body)
    horizon = Horizon.of_week(resolved.request, resolved.replanning)
    result = replan(body)
    fresh = solve(week(REPLAN_WEEK)).plan
    held = dict(zip(DAYS, resolved.replanning.reference, strict=True))
    for candidate in (held, fresh):
        _, penalties = check_horizon(horizon, parse_plan(candidate))
        assert result.objective <= sum(p.cost for p in penalties)
    stability = {p.goal: p for p in result.penalties}[SoftGoalId.STABILITY]
    assert stability.weight == 5 and stability.count >= 1


def test_without_stability_the_replan_changes_more_and_costs_more():
    """Ablation: without the goal, the replan's week changes days it need not, and costs more
    on the full objective."""
    body = stability_replan(None)
    resolved = resolve(body)
    full = solve(resolved.request, replanning=resolved.replanning)
    ablated = solve_ablated(
        resolved.request,
        Ablation(goals=frozenset({SoftGoalId.STABILITY})),
        resolved.replanning,
    )
    horizon = Horizon.of_week(resolved.request, resolved.replanning)
    _, full_penalties = check_horizon(horizon, parse_plan(full.plan))
    _, ablated_penalties = check_horizon(horizon, parse_plan(ablated.plan))
    count = {p.goal: p.count for p in ablated_penalties}
    assert count.get(SoftGoalId.STABILITY, 0) > 0
    assert sum(p.cost for p in full_penalties) < sum(p.cost for p in ablated_penalties)


@pytest.mark.parametrize("seed", range(10))
def test_checker_counts_stability_as_the_model_does(seed):
    """On random replans the model's stability count equals the checker's, for the model's week
    and for the held week scored as it stands."""
    request = random_week(seed)
    held = solve(request)
    if held.status == "infeasible":
        return
    today = DAYS[seed % 7]
    body = replan_body(request.model_copy(update={"weights": {"stability": 1}}), today, legs=8)
    result = replan(body)
    if result.status == "infeasible":
        return
    modelled = {p.goal: p.count for p in result.penalties}.get(SoftGoalId.STABILITY, 0)
    resolved = resolve(body)
    horizon = Horizon.of_week(resolved.request, resolved.replanning)
    _, checked = check_horizon(horizon, parse_plan(result.plan))
    assert modelled == {p.goal: p.count for p in checked}.get(SoftGoalId.STABILITY, 0)
    assert modelled == sum(
        1
        for day_index in horizon.open_days()
        if tuple(result.plan[DAYS[day_index]]) != resolved.replanning.reference[day_index]
    )


def test_stability_is_zero_and_inert_in_ordinary_solves():
    """No held week: stability counts nothing and, at any weight, changes no answer."""
    for request in (week(REPLAN_WEEK), random_week(3), random_week(8)):
        plain = solve(request)
        weighted = solve(
            request.model_copy(update={"weights": {**request.weights, "stability": 1000}})
        )
        assert weighted.plan == plain.plan and weighted.objective == plain.objective
        assert "stability" not in {p.goal for p in plain.penalties}
