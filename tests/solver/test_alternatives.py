"""Alternatives for a placed session agree with the checker on every moved week."""

from __future__ import annotations

import random

import pytest

from solver import DAYS, PlanError, catalogue, evaluate, solve
from solver.alternatives import NotPlaced, alternatives, moved
from solver.library import load_library
from tests.helpers import runs, week

SCENARIOS, _ = load_library()
HANSONS_DAYS = {
    "mon": runs("easy"),
    "tue": runs("intervals"),
    "thu": runs("tempo"),
    "fri": runs("easy"),
    "sat": runs("easy"),
    "sun": runs("long"),
}


def random_plan(rng: random.Random) -> dict[str, list[str]]:
    """One to three catalogue sessions on random days (some weeks break rules, on purpose)."""
    ids = [session.id for session in catalogue()]
    plan: dict[str, list[str]] = {day: [] for day in DAYS}
    for day in rng.sample(DAYS, rng.randint(1, 3)):
        plan[day].append(rng.choice(ids))
    return plan


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_alternative_agrees_with_evaluate(name):
    """On random placements of each library week, an allowed move's delta is evaluate(moved) -
    evaluate(week) and its goals are exactly those whose cost changed; a forbidden move names
    rules the checker reports for the moved week and the week as it stands does not break."""
    request = SCENARIOS[name].request
    rng = random.Random(name)
    for _ in range(4):
        plan = random_plan(rng)
        day = rng.choice([d for d in DAYS if plan[d]])
        session = plan[day][0]
        answer = alternatives(request, plan, day, session)
        current = evaluate(request, plan)
        assert answer.objective == current.objective
        assert answer.feasible == current.feasible
        assert sorted(a.day for a in answer.alternatives) == sorted(d for d in DAYS if d != day)
        for option in answer.alternatives:
            after = evaluate(request, moved(plan, session, day, option.day))
            # A breach the week already has keeps its rule and sentence (its days may move).
            known = {(v.rule, v.message) for v in current.violations}
            new_breaches = [v for v in after.violations if (v.rule, v.message) not in known]
            if option.allowed:
                assert not new_breaches
                assert option.cost_delta == after.objective - current.objective
                before = {p.goal: p.cost for p in current.penalties}
                costs = {p.goal: p.cost for p in after.penalties}
                changed = {g for g in before.keys() | costs.keys() if before.get(g) != costs.get(g)}
                assert {trade.goal for trade in option.goals or []} == changed
            else:
                assert option.rule in {v.rule for v in new_breaches}
                assert option.conflicts == new_breaches
                assert option.cost_delta is None


# Hard rules about a run on the day or nearby: their reason names that run (or race).
RUN_RULES = {
    "no_heavy_legs_before_key_run": " run",
    "no_heavy_legs_on_very_long_run_day": "long run",
    "no_heavy_legs_after_very_long_run": "long run",
    "no_plyometrics_after_hard_run": " run",
    "no_legs_before_race": "race",
    "masters_extra_recovery_day": " run",
}


def test_a_day_a_run_forbids_names_the_run():
    """Over random placements of the library's weeks, every day forbidden by a rule about a
    run gives a reason naming that run, with the rule id."""
    seen = set()
    for name, scenario in sorted(SCENARIOS.items()):
        rng = random.Random(f"runs-{name}")
        plan = random_plan(rng)
        day = rng.choice([d for d in DAYS if plan[d]])
        for option in alternatives(scenario.request, plan, day, plan[day][0]).alternatives:
            if not option.allowed and option.rule in RUN_RULES:
                seen.add(option.rule)
                assert RUN_RULES[option.rule] in option.reason, option.reason
                assert f"({option.rule})" in option.reason
    assert "no_heavy_legs_before_key_run" in seen


def test_allowed_ones_come_first_by_cost():
    """The answer lists allowed days cheapest first, then the forbidden ones."""
    request = week(HANSONS_DAYS)
    plan = solve(request).plan
    day = next(d for d in DAYS if plan[d])
    answer = alternatives(request, plan, day, plan[day][0])
    flags = [option.allowed for option in answer.alternatives]
    assert flags == sorted(flags, reverse=True)
    deltas = [option.cost_delta for option in answer.alternatives if option.allowed]
    assert deltas == sorted(deltas)  # type: ignore[type-var]


def test_optimal_week_has_no_cheaper_allowed_day():
    """Moving a session of the optimal week never lowers its cost: every delta is >= 0."""
    for name in ("hansons-beginner-10-weeks-out", "coach-sample-week"):
        request = SCENARIOS[name].request
        plan = solve(request).plan
        for day in DAYS:
            for session in plan[day]:
                answer = alternatives(request, plan, day, session)
                assert all((a.cost_delta or 0) >= 0 for a in answer.alternatives if a.allowed)


def test_heavy_legs_before_a_key_run_is_forbidden_with_the_run_named():
    """Heavy legs moved to the day before the tempo run is not allowed: the rule is named and
    the reason names the day and the run that forbids it."""
    request = week(HANSONS_DAYS)
    answer = alternatives(request, {"thu": ["lower_body_core"]}, "thu", "lower_body_core")
    wednesday = next(a for a in answer.alternatives if a.day == "wed")
    assert not wednesday.allowed
    assert wednesday.rule == "no_heavy_legs_before_key_run"
    assert "Wed" in wednesday.reason and "Thu's key tempo run" in wednesday.reason
    assert wednesday.reason.endswith("(no_heavy_legs_before_key_run)")


def test_allowed_day_names_what_it_trades():
    """An allowed move gives its cost difference and each goal's cost before and after."""
    request = week(HANSONS_DAYS)
    answer = alternatives(request, {"thu": ["lower_body_core"]}, "thu", "lower_body_core")
    tuesday = next(a for a in answer.alternatives if a.day == "tue")
    assert tuesday.allowed
    trades = {t.goal: (t.before, t.after) for t in tuesday.goals or []}
    assert sum(after - before for before, after in trades.values()) == tuesday.cost_delta
    assert trades == {"heavy_legs_48h_before_key_run": (0, 5)}  # 48 h before Thursday's tempo
    assert tuesday.reason.startswith("Tue: ")


def test_a_session_not_on_that_day_is_refused():
    """Asking to move a session the day does not hold names the session field."""
    request = week(HANSONS_DAYS)
    with pytest.raises(NotPlaced) as refused:
        alternatives(request, {"thu": ["lower_body_core"]}, "tue", "lower_body_core")
    assert refused.value.field == "session"
    assert "week.tue has no session 'lower_body_core'" in str(refused.value)


def test_an_unknown_session_elsewhere_in_the_week_is_the_checkers_error():
    """A week holding an id the catalogue lacks is refused as evaluate refuses it."""
    with pytest.raises(PlanError):
        alternatives(
            week(HANSONS_DAYS),
            {"thu": ["lower_body_core"], "sat": ["nope"]},
            "thu",
            "lower_body_core",
        )
