"""Each hard rule in the model: a tiny week where it binds and one where it does not."""

from __future__ import annotations

from solver import solve
from solver.catalogue import session_by_id
from tests.helpers import runs, week

OFF = {"available": False}


def only(*open_days: str, **day_overrides: dict) -> dict:
    """A week where only `open_days` can take strength; `day_overrides` replace whole days."""
    days = {day: OFF for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    days.update({day: {} for day in open_days})
    days.update(day_overrides)
    return days


def heavy_days(result) -> list[str]:
    sessions = session_by_id()
    return [day for day, ids in result.plan.items() if any(sessions[i].heavy_legs for i in ids)]


def test_session_count_binds_when_every_session_costs():
    """Three sessions are placed when three are required, though each costs a rest day."""
    request = week(only("mon", "wed", "fri"), strength={"min_sessions": 3, "max_sessions": 3})
    assert solve(request).session_count == 3


def test_session_count_allows_fewer_when_fewer_are_asked():
    """With a range of 1..3 and a target of 1, a single session is placed."""
    request = week(only("mon", "wed", "fri"), strength={"target_sessions": 1})
    assert solve(request).session_count == 1


def test_session_count_caps_at_max_sessions():
    """max_sessions caps the week even when the target asks for it."""
    request = week(strength={"min_sessions": 1, "max_sessions": 2, "target_sessions": 2})
    assert solve(request).session_count == 2


def test_one_session_per_day_binds_with_one_open_day():
    """Two sessions cannot share the only open day: no week exists."""
    result = solve(week(only("wed"), strength={"min_sessions": 2, "max_sessions": 2}))
    assert result.status == "infeasible"
    assert "one_session_per_day" in {c.rule for c in result.conflicts}


def test_one_session_per_day_spreads_over_open_days():
    """Two sessions go on two different open days."""
    result = solve(week(only("tue", "thu"), strength={"min_sessions": 2, "max_sessions": 2}))
    assert result.plan["tue"] and result.plan["thu"]
    assert all(len(ids) <= 1 for ids in result.plan.values())


def test_no_heavy_legs_before_key_run_binds():
    """Friday gets no heavy legs when Saturday holds a key long run."""
    days = only("fri", fri=runs("easy"), sat={**runs("long"), "available": False})
    result = solve(week(days))
    assert result.session_count == 1
    assert heavy_days(result) == []


def test_no_heavy_legs_before_key_run_frees_day_before_a_non_key_run():
    """Friday gets heavy legs when Saturday's long run is marked not key."""
    long_not_key = {"runs": [{"type": "long", "minutes": 90, "key": False}], "available": False}
    result = solve(week(only("fri", fri=runs("easy"), sat=long_not_key)))
    assert heavy_days(result) == ["fri"]


def test_heavy_legs_48h_apart_binds_on_consecutive_days():
    """Two sessions on Tue and Wed cannot both be heavy."""
    request = week(only("tue", "wed"), strength={"min_sessions": 2, "max_sessions": 2})
    result = solve(request)
    assert result.session_count == 2
    assert len(heavy_days(result)) == 1


def test_heavy_legs_48h_apart_allows_heavy_two_days_apart():
    """Sessions on Tue and Thu can both be heavy."""
    request = week(only("tue", "thu"), strength={"min_sessions": 2, "max_sessions": 2})
    assert heavy_days(solve(request)) == ["tue", "thu"]


def test_no_strength_on_race_day_binds_where_stacking_would_pick_it():
    """A race day stays strength-free even when strength is stacked on key-run days."""
    days = {"sat": runs("race"), "wed": runs("easy")}
    result = solve(week(days, weights={"strength_on_hard_days": 50}, strength={"max_sessions": 1}))
    assert result.plan["sat"] == []


def test_no_strength_on_race_day_does_not_touch_other_key_days():
    """The same week with a long run instead of a race stacks strength on Saturday."""
    days = {"sat": runs("long"), "wed": runs("easy")}
    result = solve(week(days, weights={"strength_on_hard_days": 50}, strength={"max_sessions": 1}))
    assert result.plan["sat"] != []


def test_fits_availability_skips_unavailable_days():
    """Only the one available day holds strength."""
    assert [d for d, ids in solve(week(only("thu"))).plan.items() if ids] == ["thu"]


def test_fits_availability_picks_a_session_that_fits_the_minutes():
    """With 25 minutes left after a 40-minute run, only a 20-minute session fits."""
    days = only("thu", thu={**runs("easy", minutes=40), "available_minutes": 65})
    result = solve(week(days))
    assert [s.minutes for s in result.days["thu"].strength] == [20]


def test_fits_availability_rules_out_gym_sessions_without_a_gym():
    """A day without gym access gets a session that needs no gym."""
    result = solve(week(only("thu", thu={"gym": False})))
    assert [s.needs_gym for s in result.days["thu"].strength] == [False]


def test_fits_availability_allows_gym_sessions_with_a_gym():
    """The same day with a gym gets the catalogue's first (gym) session."""
    result = solve(week(only("thu")))
    assert [s.session for s in result.days["thu"].strength] == ["lower_body_core"]


def test_home_equipment_rules_out_every_gym_session():
    """A home athlete gets no gym session on any day."""
    result = solve(week(athlete={"equipment": "home"}, strength={"target_sessions": 3}))
    assert result.session_count == 3
    assert not any(s.needs_gym for day in result.days.values() for s in day.strength)
