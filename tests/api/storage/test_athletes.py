"""Athletes and their plans: the default week, overrides, stored weights, newest plan first."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from api.storage import NotFound
from api.storage.athletes import (
    AthleteIn,
    NoWeek,
    create_athlete,
    delete_athlete,
    get_athlete,
    get_plan,
    list_athletes,
    list_plans,
    replace_athlete,
    solve_for_athlete,
)
from api.storage.models import Plan
from api.storage.profiles import ProfiledWeekRequest, ProfileIn, create_profile, delete_profile
from solver import DAYS, DEFAULT_WEIGHTS

HANSONS_DAYS = {
    "mon": {"runs": [{"type": "easy", "minutes": 50}]},
    "tue": {"runs": [{"type": "intervals", "minutes": 60}]},
    "thu": {"runs": [{"type": "tempo", "minutes": 60}]},
    "fri": {"runs": [{"type": "easy", "minutes": 45}]},
    "sat": {"runs": [{"type": "easy", "minutes": 50}]},
    "sun": {"runs": [{"type": "long", "minutes": 120}]},
}

MIA = AthleteIn.model_validate(
    {
        "name": "Mia",
        "level": "beginner",
        "phase": "build",
        "equipment": "gym",
        "default_week": {"days": HANSONS_DAYS, "weights": {"spread_sessions": 5}},
    }
)


def no_body() -> ProfiledWeekRequest:
    """A solve request that sets nothing: the default week as it is."""
    return ProfiledWeekRequest()


def test_an_athlete_is_stored_and_read_back(database, coach):
    """A created athlete comes back the same from get and from the list, default week included."""
    with database.transaction() as session:
        created = create_athlete(session, coach.id, MIA)
    with database.transaction() as session:
        assert get_athlete(session, coach.id, created.id) == created
        assert list_athletes(session, coach.id) == [created]
    assert created.default_week.day("sun").has_long_run


def test_the_default_week_may_not_carry_its_own_athlete_block():
    """Level, phase and equipment live on the athlete, so default_week.athlete is refused."""
    with pytest.raises(ValidationError, match=r"leave out default_week\.athlete"):
        AthleteIn.model_validate(
            {"name": "Mia", "default_week": {"athlete": {"level": "advanced"}}}
        )


def test_replacing_an_athlete_keeps_their_plans(database, coach):
    """A replace changes the athlete's fields and leaves earlier plans in place."""
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)
        solve_for_athlete(session, coach.id, athlete.id, no_body())
    renamed = MIA.model_copy(update={"name": "Mia R.", "level": "advanced"})
    with database.transaction() as session:
        replaced = replace_athlete(session, coach.id, athlete.id, renamed)
        assert (replaced.name, replaced.level) == ("Mia R.", "advanced")
        assert len(list_plans(session, coach.id, athlete.id)) == 1


def test_deleting_an_athlete_deletes_their_plans(database, coach):
    """After delete the athlete is NotFound and no plan of theirs is left in the table."""
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)
        solve_for_athlete(session, coach.id, athlete.id, no_body())
    with database.transaction() as session:
        delete_athlete(session, coach.id, athlete.id)
    with database.transaction() as session:
        with pytest.raises(NotFound):
            get_athlete(session, coach.id, athlete.id)
        assert session.scalar(select(func.count()).select_from(Plan)) == 0


def test_solving_stores_the_request_and_every_resolved_weight(database, coach):
    """The plan holds the week as solved, with the athlete block and the full weight map."""
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)
        plan = solve_for_athlete(session, coach.id, athlete.id, no_body())
    assert plan.result.status == "optimal"
    assert plan.weights == {**DEFAULT_WEIGHTS, "spread_sessions": 5}
    assert plan.request.weights == plan.weights
    assert plan.request.athlete.model_dump() == {
        "level": "beginner",
        "phase": "build",
        "equipment": "gym",
    }
    assert plan.request.day("tue").runs[0].type == "intervals"
    with database.transaction() as session:
        assert get_plan(session, coach.id, athlete.id, plan.id) == plan


def test_a_profile_and_request_weights_layer_over_the_default_week(database, coach):
    """Profile weights replace defaults; the week's and the request's weights go on top."""
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)
        profile = create_profile(
            session,
            coach.id,
            ProfileIn(name="p", weights={"spread_sessions": 1, "level_fit": 0, "phase_fit": 2}),
        )
        body = ProfiledWeekRequest.model_validate(
            {"profile": profile.id, "weights": {"phase_fit": 3}}
        )
        plan = solve_for_athlete(session, coach.id, athlete.id, body)
    assert plan.profile == profile.id
    # spread_sessions: the default week's 5 beats the profile's 1; phase_fit: the request's 3.
    assert plan.weights == {
        **DEFAULT_WEIGHTS,
        "spread_sessions": 5,
        "level_fit": 0,
        "phase_fit": 3,
    }


def test_fields_set_in_the_request_replace_the_default_weeks(database, coach):
    """Days and athlete given when solving replace the default week's; the rest is kept."""
    body = ProfiledWeekRequest.model_validate(
        {
            "days": {"wed": {"runs": [{"type": "hills", "minutes": 40}]}},
            "athlete": {"level": "advanced", "equipment": "home"},
        }
    )
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)
        plan = solve_for_athlete(session, coach.id, athlete.id, body)
    assert plan.request.day("wed").runs[0].type == "hills"
    assert plan.request.day("sun").runs == []
    assert plan.request.athlete.equipment == "home"
    assert all(not s.needs_gym for day in plan.result.days.values() for s in day.strength)
    assert plan.weights["spread_sessions"] == 5


def test_plans_are_listed_newest_first(database, coach):
    """Three solves come back latest first."""
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)
        ids = [solve_for_athlete(session, coach.id, athlete.id, no_body()).id for _ in range(3)]
    with database.transaction() as session:
        listed = [plan.id for plan in list_plans(session, coach.id, athlete.id)]
    assert listed == list(reversed(ids))


def test_a_failure_after_the_plan_row_is_written_stores_no_plan(database, coach, monkeypatch):
    """When answering fails after the plan was flushed, the rollback removes the plan."""
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)

    def crash(plan: Plan) -> None:
        assert plan.id is not None, "the plan row should be written by now"
        raise RuntimeError("crash after the insert")

    monkeypatch.setattr("api.storage.athletes.plan_out", crash)
    with pytest.raises(RuntimeError, match="after the insert"), database.transaction() as session:
        solve_for_athlete(session, coach.id, athlete.id, no_body())
    monkeypatch.undo()
    with database.transaction() as session:
        assert list_plans(session, coach.id, athlete.id) == []


def test_a_week_that_cannot_keep_the_hard_rules_is_not_stored(database, coach):
    """An infeasible week raises NoWeek with the explanation and leaves no plan."""
    race_every_day = {day: {"runs": [{"type": "race", "minutes": 30}]} for day in DAYS}
    body = ProfiledWeekRequest.model_validate({"days": race_every_day})
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)
    with pytest.raises(NoWeek) as error, database.transaction() as session:
        solve_for_athlete(session, coach.id, athlete.id, body)
    assert error.value.result.conflicts
    with database.transaction() as session:
        assert list_plans(session, coach.id, athlete.id) == []


def test_another_coachs_athlete_is_not_found_like_a_missing_one(database, coach, other_coach):
    """Every operation on someone else's athlete raises NotFound with a missing id's message."""
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)
        plan = solve_for_athlete(session, coach.id, athlete.id, no_body())
    them = other_coach.id
    attempts = [
        lambda session, aid: get_athlete(session, them, aid),
        lambda session, aid: replace_athlete(session, them, aid, MIA),
        lambda session, aid: delete_athlete(session, them, aid),
        lambda session, aid: solve_for_athlete(session, them, aid, no_body()),
        lambda session, aid: list_plans(session, them, aid),
        lambda session, aid: get_plan(session, them, aid, plan.id),
    ]
    for attempt in attempts:
        messages = []
        for athlete_id in (athlete.id, 999):
            with pytest.raises(NotFound) as error, database.transaction() as session:
                attempt(session, athlete_id)
            messages.append(str(error.value).replace(str(athlete_id), "<id>"))
        assert messages[0] == messages[1]
    with database.transaction() as session:
        assert get_athlete(session, coach.id, athlete.id) == athlete
        assert len(list_plans(session, coach.id, athlete.id)) == 1


def test_solving_with_another_coachs_profile_is_not_found(database, coach, other_coach):
    """A coach cannot borrow another coach's profile for their own athlete."""
    with database.transaction() as session:
        theirs = create_profile(session, coach.id, ProfileIn(name="secret"))
        athlete = create_athlete(session, other_coach.id, MIA)
    body = ProfiledWeekRequest(profile=theirs.id)
    with pytest.raises(NotFound, match="no profile"), database.transaction() as session:
        solve_for_athlete(session, other_coach.id, athlete.id, body)


def test_deleting_a_profile_keeps_the_plans_solved_with_it(database, coach):
    """The plan stays, with its exact weights, and no longer points at the deleted profile."""
    with database.transaction() as session:
        athlete = create_athlete(session, coach.id, MIA)
        profile = create_profile(session, coach.id, ProfileIn(name="p", weights={"level_fit": 0}))
        plan = solve_for_athlete(
            session, coach.id, athlete.id, ProfiledWeekRequest(profile=profile.id)
        )
    with database.transaction() as session:
        delete_profile(session, coach.id, profile.id)
    with database.transaction() as session:
        (kept,) = list_plans(session, coach.id, athlete.id)
    assert kept.profile is None
    assert kept.weights == plan.weights
    assert kept.weights["level_fit"] == 0
