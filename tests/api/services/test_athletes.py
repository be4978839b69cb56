"""Athletes and their history: the default week, overrides, stored weights, newest week first."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from api.services.athletes import (
    AthleteIn,
    AthleteWeekRequest,
    athlete_history,
    create_athlete,
    delete_athlete,
    get_athlete,
    get_solved_week,
    list_athletes,
    replace_athlete,
    solve_for_athlete,
)
from api.services.errors import NotAuthenticated, NoWeek
from api.services.profiles import ProfileIn, create_profile, delete_profile
from api.storage import NotFound
from api.storage.models import SolvedWeek
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


def no_body() -> AthleteWeekRequest:
    """A solve request that sets nothing: the default week as it is."""
    return AthleteWeekRequest.model_validate(None)


def test_an_athlete_is_stored_and_read_back(database, coach):
    """A created athlete comes back the same from get and from the list, default week included."""
    created = create_athlete(database, coach.token, MIA)
    assert get_athlete(database, coach.token, created.id) == created
    assert list_athletes(database, coach.token).athletes == [created]
    assert created.default_week.day("sun").has_long_run


def test_athletes_need_a_valid_token(database):
    """Without a token, or with a forged one, no athlete is created or listed."""
    for token in (None, "made-up-token"):
        with pytest.raises(NotAuthenticated):
            create_athlete(database, token, MIA)
        with pytest.raises(NotAuthenticated):
            list_athletes(database, token)


def test_the_default_week_may_not_carry_its_own_athlete_block():
    """Level, phase and equipment live on the athlete, so default_week.athlete is refused."""
    with pytest.raises(ValidationError, match=r"leave out default_week\.athlete"):
        AthleteIn.model_validate(
            {"name": "Mia", "default_week": {"athlete": {"level": "advanced"}}}
        )


def test_replacing_an_athlete_keeps_their_history(database, coach):
    """A replace changes the athlete's fields and leaves earlier solved weeks in place."""
    athlete = create_athlete(database, coach.token, MIA)
    solve_for_athlete(database, coach.token, athlete.id, no_body())
    renamed = MIA.model_copy(update={"name": "Mia R.", "level": "advanced"})
    replaced = replace_athlete(database, coach.token, athlete.id, renamed)
    assert (replaced.name, replaced.level) == ("Mia R.", "advanced")
    assert get_athlete(database, coach.token, athlete.id) == replaced
    assert len(athlete_history(database, coach.token, athlete.id).history) == 1


def test_deleting_an_athlete_deletes_their_history(database, coach):
    """After delete the athlete is NotFound and no solved week of theirs is left in the table."""
    athlete = create_athlete(database, coach.token, MIA)
    solve_for_athlete(database, coach.token, athlete.id, no_body())
    delete_athlete(database, coach.token, athlete.id)
    with pytest.raises(NotFound):
        get_athlete(database, coach.token, athlete.id)
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(SolvedWeek)) == 0


# What a saved athlete leaves unset in the week's athlete block (the week's body may set it).
UNSET_MODIFIERS = {
    "age": None,
    "strength_training_age": None,
    "avoid": [],
    "max_strength_minutes": None,
}


def test_solving_keeps_the_request_and_every_resolved_weight(database, coach):
    """The solved week holds the week as solved, with the athlete block and the full weight map."""
    athlete = create_athlete(database, coach.token, MIA)
    solved = solve_for_athlete(database, coach.token, athlete.id, no_body())
    assert solved.athlete == athlete.id
    assert solved.profile is None
    assert solved.result.status == "optimal"
    assert solved.weights == {**DEFAULT_WEIGHTS, "spread_sessions": 5}
    assert solved.request.weights == solved.weights
    assert solved.request.athlete.model_dump() == {
        "level": "beginner",
        "phase": "build",
        "equipment": "gym",
        **UNSET_MODIFIERS,
    }
    assert solved.request.day("tue").runs[0].type == "intervals"
    assert get_solved_week(database, coach.token, athlete.id, solved.id) == solved


def test_a_profile_and_request_weights_layer_over_the_default_week(database, coach):
    """Profile weights replace defaults; the week's and the request's weights go on top."""
    athlete = create_athlete(database, coach.token, MIA)
    profile = create_profile(
        database,
        coach.token,
        ProfileIn(name="p", weights={"spread_sessions": 1, "level_fit": 0, "phase_fit": 2}),
    )
    body = AthleteWeekRequest.model_validate({"profile": profile.id, "weights": {"phase_fit": 3}})
    solved = solve_for_athlete(database, coach.token, athlete.id, body)
    assert solved.profile == profile.id
    # spread_sessions: the default week's 5 beats the profile's 1; phase_fit: the request's 3.
    assert solved.weights == {
        **DEFAULT_WEIGHTS,
        "spread_sessions": 5,
        "level_fit": 0,
        "phase_fit": 3,
    }
    assert solved.request.weights == solved.weights


def test_fields_set_in_the_request_replace_the_default_weeks(database, coach):
    """Days and athlete given when solving replace the default week's; the rest is kept."""
    body = AthleteWeekRequest.model_validate(
        {
            "days": {"wed": {"runs": [{"type": "hills", "minutes": 40}]}},
            "athlete": {"level": "advanced", "equipment": "home"},
        }
    )
    athlete = create_athlete(database, coach.token, MIA)
    solved = solve_for_athlete(database, coach.token, athlete.id, body)
    assert solved.request.day("wed").runs[0].type == "hills"
    assert solved.request.day("sun").runs == []
    assert solved.request.athlete.equipment == "home"
    assert all(not s.needs_gym for day in solved.result.days.values() for s in day.strength)
    assert solved.weights["spread_sessions"] == 5
    # The override was for this week only: the athlete's default stays as it was.
    assert get_athlete(database, coach.token, athlete.id).equipment == "gym"


def test_the_history_is_listed_newest_first(database, coach):
    """Three solves come back latest first."""
    athlete = create_athlete(database, coach.token, MIA)
    ids = [solve_for_athlete(database, coach.token, athlete.id, no_body()).id for _ in range(3)]
    listed = [solved.id for solved in athlete_history(database, coach.token, athlete.id).history]
    assert listed == list(reversed(ids))


def test_the_history_keeps_only_the_newest_weeks(database, coach):
    """With keep=3, five solves leave the three newest; another athlete's history is untouched."""
    athlete = create_athlete(database, coach.token, MIA)
    other = create_athlete(database, coach.token, MIA)
    theirs = solve_for_athlete(database, coach.token, other.id, no_body(), keep=3)
    ids = [
        solve_for_athlete(database, coach.token, athlete.id, no_body(), keep=3).id for _ in range(5)
    ]
    listed = [solved.id for solved in athlete_history(database, coach.token, athlete.id).history]
    assert listed == ids[:-4:-1]
    assert athlete_history(database, coach.token, other.id).history == [theirs]


def test_a_lower_limit_trims_the_excess_at_the_next_solve(database, coach):
    """Weeks kept under a higher limit go down to the new limit as soon as one more is stored."""
    athlete = create_athlete(database, coach.token, MIA)
    for _ in range(4):
        solve_for_athlete(database, coach.token, athlete.id, no_body(), keep=10)
    newest = solve_for_athlete(database, coach.token, athlete.id, no_body(), keep=1)
    assert athlete_history(database, coach.token, athlete.id).history == [newest]


def test_a_failure_after_the_solved_week_is_written_keeps_nothing(database, coach, monkeypatch):
    """When answering fails after the solved week was flushed, the rollback removes it."""
    athlete = create_athlete(database, coach.token, MIA)

    def crash(solved: SolvedWeek) -> None:
        assert solved.id is not None, "the solved week's row should be written by now"
        raise RuntimeError("crash after the insert")

    monkeypatch.setattr("api.services.athletes.solved_week_out", crash)
    with pytest.raises(RuntimeError, match="after the insert"):
        solve_for_athlete(database, coach.token, athlete.id, no_body())
    monkeypatch.undo()
    assert athlete_history(database, coach.token, athlete.id).history == []


def test_a_week_that_cannot_keep_the_hard_rules_is_not_kept(database, coach):
    """An infeasible week raises NoWeek with the explanation and leaves the history empty."""
    race_every_day = {day: {"runs": [{"type": "race", "minutes": 30}]} for day in DAYS}
    body = AthleteWeekRequest.model_validate({"days": race_every_day})
    athlete = create_athlete(database, coach.token, MIA)
    with pytest.raises(NoWeek) as error:
        solve_for_athlete(database, coach.token, athlete.id, body)
    assert error.value.conflicts
    assert athlete_history(database, coach.token, athlete.id).history == []


def test_another_coachs_athlete_is_not_found_like_a_missing_one(database, coach, other_coach):
    """Every operation on someone else's athlete raises NotFound with a missing id's message."""
    athlete = create_athlete(database, coach.token, MIA)
    solved = solve_for_athlete(database, coach.token, athlete.id, no_body())
    them = other_coach.token
    attempts = [
        lambda aid: get_athlete(database, them, aid),
        lambda aid: replace_athlete(database, them, aid, MIA),
        lambda aid: delete_athlete(database, them, aid),
        lambda aid: solve_for_athlete(database, them, aid, no_body()),
        lambda aid: athlete_history(database, them, aid),
        lambda aid: get_solved_week(database, them, aid, solved.id),
    ]
    for attempt in attempts:
        messages = []
        for athlete_id in (athlete.id, 999):
            with pytest.raises(NotFound) as error:
                attempt(athlete_id)
            messages.append(str(error.value).replace(str(athlete_id), "<id>"))
        assert messages[0] == messages[1]
    assert get_athlete(database, coach.token, athlete.id) == athlete
    assert athlete_history(database, coach.token, athlete.id).history == [solved]


def test_a_solved_week_is_found_only_under_its_own_athlete(database, coach):
    """Another athlete's solved week, even of the same coach, is NotFound."""
    mia = create_athlete(database, coach.token, MIA)
    leo = create_athlete(database, coach.token, MIA.model_copy(update={"name": "Leo"}))
    solved = solve_for_athlete(database, coach.token, mia.id, no_body())
    with pytest.raises(NotFound, match="no solved week"):
        get_solved_week(database, coach.token, leo.id, solved.id)


def test_solving_with_another_coachs_profile_is_not_found(database, coach, other_coach):
    """A coach cannot borrow another coach's profile for their own athlete."""
    theirs = create_profile(database, coach.token, ProfileIn(name="secret"))
    athlete = create_athlete(database, other_coach.token, MIA)
    body = AthleteWeekRequest(profile=theirs.id)
    with pytest.raises(NotFound, match="no profile"):
        solve_for_athlete(database, other_coach.token, athlete.id, body)
    assert athlete_history(database, other_coach.token, athlete.id).history == []


def test_deleting_a_profile_keeps_the_weeks_solved_with_it(database, coach):
    """The solved week stays, with its exact weights, and no longer points at the profile."""
    athlete = create_athlete(database, coach.token, MIA)
    profile = create_profile(database, coach.token, ProfileIn(name="p", weights={"level_fit": 0}))
    solved = solve_for_athlete(
        database, coach.token, athlete.id, AthleteWeekRequest(profile=profile.id)
    )
    delete_profile(database, coach.token, profile.id)
    (kept,) = athlete_history(database, coach.token, athlete.id).history
    assert kept.profile is None
    assert kept.weights == solved.weights
    assert kept.weights["level_fit"] == 0
