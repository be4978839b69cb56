"""Alternatives for a placed session agree with the checker on every moved week."""

from __future__ import annotations

import random

import pytest

from solver import DAYS, PlanError, catalogue, evaluate, solve
from solver.alternatives import (
    Alternatives,
    NotPlaced,
    alternatives,
    moved,
    moved_starts,
    time_windows,
)
from solver.domain import WeekRequest
from solver.library import load_library
from solver.times import clock_of, minutes_of
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


Window = tuple[int, int] | None


def candidates(request: WeekRequest, day: str, now: str | None) -> list[tuple[str, Window]]:
    """The (day, time window) pairs an answer must list: each other day without times once,
    each time window of a day with times once, less the window the session is in now."""
    expected: list[tuple[str, Window]] = []
    for target in DAYS:
        target_day = request.day(target)
        if not target_day.is_timed:
            if target != day:
                expected.append((target, None))
            continue
        for low, high in time_windows(target_day):
            if not (target == day and now is not None and low <= minutes_of(now) < high):
                expected.append((target, (low, high)))
    return sorted(expected, key=str)


def listed(request: WeekRequest, answer: Alternatives) -> list[tuple[str, Window]]:
    """The (day, time window) of each alternative: the window its `at` lies in."""
    pairs: list[tuple[str, Window]] = []
    for option in answer.alternatives:
        if option.at is None:
            pairs.append((option.day, None))
            continue
        start = minutes_of(option.at)
        windows = time_windows(request.day(option.day))
        pairs.append((option.day, next(w for w in windows if w[0] <= start < w[1])))
    return sorted(pairs, key=str)


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
        assert listed(request, answer) == candidates(request, day, answer.at)
        for option in answer.alternatives:
            at = None if option.at is None else minutes_of(option.at)
            after = evaluate(
                request,
                moved(plan, session, day, option.day),
                moved_starts(plan, None, session, day, option.day, at),
            )
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


# Timed weeks: one alternative per time window, at the checker's best start inside it.

EVENING = SCENARIOS["evening-lift-before-0700-intervals"].request
DOUBLES = SCENARIOS["double-run-day-am-pm-slots"].request


def test_a_timed_day_is_one_alternative_per_window_with_its_start():
    """Tuesday's lift (after the 07:00 intervals) lists Monday's one window, Tuesday's other
    window, Wednesday's and Thursday's two, Friday's one, Saturday's morning and afternoon (no
    windows: the am and pm slots) and Sunday's afternoon (its run takes the am slot whole),
    each with a start inside it."""
    plan, starts = {"tue": ["strength_control"]}, {"tue": [minutes_of("17:00")]}
    answer = alternatives(EVENING, plan, "tue", "strength_control", starts)
    assert answer.at == "17:00"
    by_day: dict[str, list[str]] = {}
    for option in answer.alternatives:
        assert option.at is not None
        by_day.setdefault(option.day, []).append(option.at)
    assert {day: len(ats) for day, ats in by_day.items()} == {
        "mon": 1,
        "tue": 1,
        "wed": 2,
        "thu": 2,
        "fri": 1,
        "sat": 2,
        "sun": 1,
    }
    assert "06:30" <= by_day["tue"][0] < "08:30"  # the other window of its own day
    assert "18:00" <= by_day["mon"][0] < "21:00"


def test_a_window_no_grid_start_falls_in_is_no_alternative():
    """Saturday 21:48-21:51 holds no 15-minute start: only 22:03-23:33 is offered there (it
    was a crash: the best start of a window without any start)."""
    request = week(
        {
            "thu": runs("tempo"),
            "sat": {"windows": [["21:48", "21:51"], ["22:03", "23:33"]]},
        }
    )
    assert time_windows(request.day("sat")) == [(minutes_of("22:03"), minutes_of("23:33"))]
    answer = alternatives(request, {"thu": ["strength_control"]}, "thu", "strength_control")
    saturday = [option.at for option in answer.alternatives if option.day == "sat"]
    assert len(saturday) == 1 and saturday[0] is not None and "22:03" <= saturday[0] < "23:33"


def test_a_forbidden_window_names_the_24_h_rule_and_the_runs_time():
    """Monday 18:00-21:00 is the evening before Tuesday's 07:00 intervals: heavy legs there end
    under 24 h before them; the reason names the start, the run and its time."""
    plan, starts = {"tue": ["strength_control"]}, {"tue": [minutes_of("17:00")]}
    answer = alternatives(EVENING, plan, "tue", "strength_control", starts)
    monday = next(a for a in answer.alternatives if a.day == "mon")
    assert not monday.allowed
    assert monday.rule == "no_heavy_legs_before_key_run"
    assert monday.reason.startswith(f"Mon {monday.at}: ")
    assert "before Tue's 07:00 key intervals run (24 h needed)" in monday.reason
    assert monday.reason.endswith("(no_heavy_legs_before_key_run)")


def test_wednesday_evening_is_forbidden_by_the_24_h_rule_the_morning_by_its_length():
    """Heavy legs on Wednesday: the evening window ends under 24 h before Thursday's 17:30
    tempo; the morning window after the 07:00 easy run is too short for the session."""
    plan = {"sun": ["strength_control"]}
    answer = alternatives(DOUBLES, plan, "sun", "strength_control")
    wednesday = {a.at: a for a in answer.alternatives if a.day == "wed"}
    assert sorted(wednesday) == ["08:00", "18:00"]
    # A 50-minute session does not fit 08:00-08:30: the morning window breaks fits_availability.
    assert wednesday["08:00"].rule == "fits_availability"
    evening = wednesday["18:00"]
    assert evening.rule == "no_heavy_legs_before_key_run"
    assert "before Thu's 17:30 key tempo run" in evening.reason


def test_a_short_session_fits_wednesday_morning_after_the_easy_run():
    """A 20-minute plyometrics session fits Wednesday 08:00-08:30 after the easy run and is
    allowed there, while the evening stays forbidden by the 24 h rule."""
    answer = alternatives(DOUBLES, {"sun": ["plyometrics"]}, "sun", "plyometrics")
    wednesday = {a.at: a for a in answer.alternatives if a.day == "wed"}
    assert wednesday["08:00"].allowed
    assert wednesday["18:00"].rule == "no_heavy_legs_before_key_run"


def test_the_start_inside_a_window_is_the_cheapest_there():
    """For every allowed timed alternative, no other start of the 15-minute grid inside the
    same window gives the moved week a lower cost (or fewer broken rules)."""
    result = solve(EVENING)
    checked = 0
    for day in DAYS:
        for session in result.plan[day]:
            answer = alternatives(EVENING, result.plan, day, session, result.starts)
            for option in answer.alternatives:
                if option.at is None:
                    continue
                start = minutes_of(option.at)
                low, high = next(
                    w for w in time_windows(EVENING.day(option.day)) if w[0] <= start < w[1]
                )
                week = moved(result.plan, session, day, option.day)
                costs = {}
                for at in range(low, high, 15):
                    starts = moved_starts(result.plan, result.starts, session, day, option.day, at)
                    evaluation = evaluate(EVENING, week, starts)
                    costs[at] = (len(evaluation.violations), evaluation.objective)
                cheaper = [clock_of(at) for at, cost in costs.items() if cost < costs[start]]
                assert not cheaper, f"{option.day}: {cheaper} beat {option.at}"
                checked += 1
    assert checked >= 10


def test_timed_alternatives_come_allowed_first_by_cost():
    """Over the timed library weeks' solved sessions: allowed entries first, cheapest first."""
    for name in ("commuter-0630-runs-lunch-or-evening-lifts", "double-run-day-am-pm-slots"):
        request = SCENARIOS[name].request
        result = solve(request)
        for day in DAYS:
            for session in result.plan[day]:
                answer = alternatives(request, result.plan, day, session, result.starts)
                flags = [option.allowed for option in answer.alternatives]
                assert flags == sorted(flags, reverse=True)
                deltas = [o.cost_delta or 0 for o in answer.alternatives if o.allowed]
                assert deltas == sorted(deltas)
                assert all((o.cost_delta or 0) >= 0 for o in answer.alternatives if o.allowed)


def test_an_untimed_week_answers_without_times():
    """A week without times: six entries, none with `at`, and the JSON carries no `at` key."""
    request = week(HANSONS_DAYS)
    answer = alternatives(request, {"thu": ["lower_body_core"]}, "thu", "lower_body_core")
    assert sorted(a.day for a in answer.alternatives) == sorted(set(DAYS) - {"thu"})
    dumped = answer.model_dump(mode="json")
    assert "at" not in dumped
    assert all("at" not in option for option in dumped["alternatives"])
