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
    assert [s.session for s in result.days["thu"].strength] == ["strength_control"]


def test_home_equipment_rules_out_every_gym_session():
    """A home athlete gets no gym session on any day."""
    result = solve(week(athlete={"equipment": "home"}, strength={"target_sessions": 3}))
    assert result.session_count == 3
    assert not any(s.needs_gym for day in result.days.values() for s in day.strength)


def long_run(minutes: int, **day: object) -> dict:
    """A day holding one long run of `minutes`."""
    return {"runs": [{"type": "long", "minutes": minutes}], **day}


def race(distance: str | float | None = None, **day: object) -> dict:
    """A day holding a 45-minute race, of `distance` when given."""
    run = {"type": "race", "minutes": 45, **({"distance": distance} if distance else {})}
    return {"runs": [run], **day}


NO_LONG_DAY_COST = {"heavy_legs_on_long_run_day": 0, "no_heavy_legs_after_long_run": 0}


def test_no_heavy_legs_on_very_long_run_day_binds_at_two_hours():
    """A 150-minute long run keeps heavy legs off its day, even with the soft cost off."""
    result = solve(week(only("sun", sun=long_run(150)), weights=NO_LONG_DAY_COST))
    assert result.session_count == 1
    assert heavy_days(result) == []


def test_no_heavy_legs_on_very_long_run_day_spares_shorter_runs_and_relaxes():
    """A 110-minute long run, or the rule relaxed, lets heavy legs share the day."""
    shorter = week(only("sun", sun=long_run(110)), weights=NO_LONG_DAY_COST)
    relaxed = week(
        only("sun", sun=long_run(150)),
        weights=NO_LONG_DAY_COST,
        relax=["no_heavy_legs_on_very_long_run_day"],
    )
    assert heavy_days(solve(shorter)) == ["sun"]
    assert heavy_days(solve(relaxed)) == ["sun"]


def test_no_heavy_legs_after_very_long_run_binds_the_next_day():
    """The day after a 150-minute long run gets no heavy legs."""
    result = solve(week(only("sun", sat=long_run(150, available=False)), weights=NO_LONG_DAY_COST))
    assert result.session_count == 1
    assert heavy_days(result) == []


def test_no_heavy_legs_after_very_long_run_spares_shorter_runs_and_relaxes():
    """After a 100-minute long run, or with the rule relaxed, the next day takes heavy legs."""
    shorter = week(only("sun", sat=long_run(100, available=False)), weights=NO_LONG_DAY_COST)
    relaxed = week(
        only("sun", sat=long_run(150, available=False)),
        weights=NO_LONG_DAY_COST,
        relax=["no_heavy_legs_after_very_long_run"],
    )
    assert heavy_days(solve(shorter)) == ["sun"]
    assert heavy_days(solve(relaxed)) == ["sun"]


def jumps_or_mobility(run_type: str) -> dict:
    """Wednesday with a run and 20 free minutes, no gym: only plyometrics or mobility fit."""
    return {"runs": [{"type": run_type, "minutes": 45}], "gym": False, "available_minutes": 65}


def test_no_plyometrics_after_hard_run_binds_on_a_tempo_day():
    """After a tempo run, the 20 free minutes go to mobility, not jumps."""
    result = solve(week(only("wed", wed=jumps_or_mobility("tempo"))))
    assert [s.session for s in result.days["wed"].strength] == ["mobility_core"]


def test_no_plyometrics_after_hard_run_allows_jumps_after_an_easy_run():
    """After an easy run, the same 20 minutes go to plyometrics (heavy legs for the week)."""
    result = solve(week(only("wed", wed=jumps_or_mobility("easy"))))
    assert [s.session for s in result.days["wed"].strength] == ["plyometrics"]


def test_no_legs_before_race_keeps_heavy_legs_two_days_out():
    """Thursday gets no heavy legs before Saturday's race."""
    result = solve(week(only("thu", sat=race(available=False))))
    assert result.session_count == 1
    assert heavy_days(result) == []


def test_no_legs_before_race_keeps_even_light_legs_off_the_day_before():
    """A beginner's light leg session stays off the day before a race; relaxed, it comes back."""
    days = only("fri", sat=race(available=False))
    kept = solve(week(days, athlete={"level": "beginner"}))
    relaxed = solve(week(days, athlete={"level": "beginner"}, relax=["no_legs_before_race"]))
    assert [s.leg_load for s in kept.days["fri"].strength] == ["none"]
    assert [s.leg_load for s in relaxed.days["fri"].strength] == ["light"]


def test_no_legs_before_race_relaxed_allows_heavy_legs_two_days_out():
    """With the rule relaxed, Thursday takes heavy legs before Saturday's race."""
    result = solve(week(only("thu", sat=race(available=False)), relax=["no_legs_before_race"]))
    assert heavy_days(result) == ["thu"]


def test_no_heavy_legs_after_race_lasts_four_days_after_a_half():
    """Friday, four days after Monday's half marathon, gets no heavy legs."""
    result = solve(week(only("fri", mon=race("half", available=False))))
    assert heavy_days(result) == []


def test_no_heavy_legs_after_race_ends_sooner_after_a_5k():
    """Friday, four days after Monday's 5-K (two days' recovery), takes heavy legs."""
    result = solve(week(only("fri", mon=race("5k", available=False))))
    assert heavy_days(result) == ["fri"]


def test_no_heavy_legs_after_race_reaches_into_the_week_from_previous_race():
    """A marathon three days before Monday keeps heavy legs off through Friday (day 7)."""
    request = week(only("fri", "sat"), previous_race={"days_ago": 3, "distance": "marathon"})
    assert heavy_days(solve(request)) == ["sat"]
    assert heavy_days(solve(week(only("fri")))) == ["fri"]


def test_previous_race_by_date_matches_days_ago():
    """A date with week_of means the same as days_ago."""
    by_date = week(
        only("fri", "sat"),
        week_of="2025-03-03",
        previous_race={"date": "2025-02-28", "distance": 42.2},
    )
    assert by_date.previous_race_days_ago == 3
    assert heavy_days(solve(by_date)) == ["sat"]


def double_tuesday(**day: object) -> dict:
    """Tuesday with an easy morning run and evening intervals."""
    return {"runs": [{"type": "easy", "minutes": 40}, {"type": "intervals", "minutes": 60}], **day}


def test_no_strength_on_double_run_day_binds_by_default():
    """Strength leaves a double-run Tuesday for Wednesday though it would stack on key days."""
    result = solve(week(only("tue", "wed", tue=double_tuesday()), strength={"max_sessions": 1}))
    assert result.plan["tue"] == [] and result.plan["wed"] != []


def test_no_strength_on_double_run_day_lifts_with_allow_doubles():
    """With allow_doubles on Tuesday, strength stacks there after the intervals."""
    days = only("tue", "wed", tue=double_tuesday(allow_doubles=True))
    result = solve(week(days, strength={"max_sessions": 1}))
    assert result.plan["tue"] != []


def masters_week(age: int):
    """Wednesday open, Friday's tempo two days on: heavy legs there only for a younger runner."""
    return week(only("wed", fri={**runs("tempo"), **OFF}), athlete={"age": age})


def test_masters_extra_recovery_day_binds_for_a_runner_of_fifty_or_more():
    """A 56-year-old gets no heavy legs two days before a key run."""
    assert heavy_days(solve(masters_week(56))) == []


def test_masters_extra_recovery_day_does_not_bind_below_fifty():
    """A 45-year-old lifts heavy two days before the tempo (the 48 h goal is outweighed)."""
    assert heavy_days(solve(masters_week(45))) == ["wed"]


def jumps_day(**athlete) -> object:
    """Wednesday with an easy run and 20 free minutes, no gym: plyometrics would fit."""
    day = {**runs("easy"), "gym": False, "available_minutes": 65}
    return week(only("wed", wed=day), athlete=athlete)


def test_avoided_exercises_binds_for_an_athlete_who_avoids_jumps():
    """An athlete who avoids jumps gets no plyometrics, whatever the week would prefer."""
    result = solve(jumps_day(avoid=["jumps"]))
    assert [s.leg_load for s in result.days["wed"].strength] != ["plyometric"]
    assert result.session_count == 1


def test_avoided_exercises_does_not_bind_without_an_avoid_list():
    """The same day without avoid gets the high plyometrics (heavy work for the week)."""
    result = solve(jumps_day())
    assert [s.session for s in result.days["wed"].strength] == ["plyometrics"]


def test_avoided_exercises_swaps_an_exercise_and_keeps_the_session():
    """Avoiding deep knee flexion keeps the goblet-squat session, with a box squat instead."""
    request = week(only("wed"), athlete={"level": "beginner", "avoid": ["deep_knee_flexion"]})
    placed = solve(request).days["wed"].strength
    assert [s.session for s in placed] == ["lower_body_core"]
    assert "Box squat to knee height" in placed[0].exercises
    assert "Goblet squat" not in placed[0].exercises


def capped_week(cap: int | None):
    """Three open days and a target of three sessions, with a weekly strength cap."""
    return week(
        only("mon", "wed", "fri"),
        strength={"target_sessions": 3},
        athlete={"max_strength_minutes": cap},
    )


def test_max_strength_minutes_binds_below_the_week_the_target_wants():
    """A 60-minute cap keeps the week's strength within 60 minutes."""
    result = solve(capped_week(60))
    minutes = sum(s.minutes for day in result.days.values() for s in day.strength)
    assert 0 < minutes <= 60


def test_max_strength_minutes_does_not_bind_without_a_cap():
    """Without a cap the three sessions take more than an hour."""
    result = solve(capped_week(None))
    assert sum(s.minutes for day in result.days.values() for s in day.strength) > 60


def test_a_week_off_places_nothing_and_costs_nothing():
    """min_sessions 0 and max_sessions 0: an empty week, no goal missed (not even legs)."""
    result = solve(week(strength={"min_sessions": 0, "max_sessions": 0}))
    assert result.status == "optimal"
    assert result.session_count == 0
    assert result.penalties == []


def test_min_sessions_zero_lets_a_week_with_no_room_go_empty():
    """With race day the only open day, min_sessions 0 gives an empty week; 1 has none."""
    days = only("sat", sat=runs("race"))
    assert solve(week(days, strength={"min_sessions": 0})).session_count == 0
    assert solve(week(days, strength={"min_sessions": 1})).status == "infeasible"


def test_home_weights_athlete_gets_the_loaded_home_session_without_a_gym():
    """An athlete with dumbbells at home gets the home strength session, never a gym one."""
    result = solve(week(only("wed"), athlete={"equipment": "home_weights", "level": "beginner"}))
    assert result.plan["wed"] == ["home_weights"]


def test_bodyweight_and_the_older_name_home_rule_out_weights():
    """'bodyweight' and its older name 'home' allow bodyweight sessions only."""
    for equipment in ("bodyweight", "home"):
        result = solve(week(athlete={"equipment": equipment}, strength={"target_sessions": 3}))
        sessions = session_by_id()
        used = [sessions[i] for ids in result.plan.values() for i in ids]
        assert used and all(s.equipment == "bodyweight" for s in used)
