"""Weight profiles: a coach's own, validated against the soft goals, names unique per coach,
and layered under a request's weights when a week is solved with one."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.services.errors import NotAuthenticated
from api.services.profiles import (
    ProfileIn,
    create_profile,
    delete_profile,
    get_profile,
    list_profiles,
    replace_profile,
    resolve_weights,
    saved_weights,
)
from api.services.weeks import ProfiledWeekRequest, solve_week
from api.storage import Conflict, NotFound
from api.storage.models import Profile
from solver import DEFAULT_WEIGHTS, WeekRequest, WeekResult, solve

MARATHON = ProfileIn(
    name="marathon", description="hard days hard", weights={"strength_on_hard_days": 9}
)


def test_a_profile_is_stored_and_read_back(database, coach):
    """A created profile comes back the same from get and from the list."""
    created = create_profile(database, coach.token, MARATHON)
    assert get_profile(database, coach.token, created.id) == created
    assert list_profiles(database, coach.token).profiles == [created]
    assert created.weights == {"strength_on_hard_days": 9}


def test_profiles_are_listed_by_name(database, coach):
    """The list is sorted by name whatever the order of creation."""
    for name in ("trail", "base", "marathon"):
        create_profile(database, coach.token, ProfileIn(name=name))
    names = [profile.name for profile in list_profiles(database, coach.token).profiles]
    assert names == ["base", "marathon", "trail"]


def test_profiles_need_a_valid_token(database, coach):
    """Without a token, or with a forged one, no profile is created or listed."""
    for token in (None, "made-up-token"):
        with pytest.raises(NotAuthenticated):
            create_profile(database, token, MARATHON)
        with pytest.raises(NotAuthenticated):
            list_profiles(database, token)
    assert list_profiles(database, coach.token).profiles == []


def test_an_unknown_goal_is_refused_naming_the_known_ones():
    """A weight for a goal that does not exist fails validation listing every known goal."""
    with pytest.raises(ValidationError) as error:
        ProfileIn(name="x", weights={"more_squats": 3})
    assert "unknown goal id(s) more_squats; known: target_sessions," in str(error.value)


def test_a_blank_name_is_refused():
    """A name of only spaces is no name."""
    with pytest.raises(ValidationError):
        ProfileIn(name="   ")


def test_a_second_profile_with_the_same_name_is_a_conflict(database, coach):
    """Creating a profile under a name the coach already uses is refused, keeping the first."""
    first = create_profile(database, coach.token, MARATHON)
    with pytest.raises(Conflict, match="marathon"):
        create_profile(database, coach.token, ProfileIn(name="marathon"))
    assert list_profiles(database, coach.token).profiles == [first]


def test_two_coaches_may_use_the_same_profile_name(database, coach, other_coach):
    """Names are unique per coach, not across coaches."""
    create_profile(database, coach.token, MARATHON)
    create_profile(database, other_coach.token, MARATHON)
    assert len(list_profiles(database, other_coach.token).profiles) == 1


def test_renaming_onto_another_profiles_name_is_a_conflict(database, coach):
    """Replacing a profile with a name another of the coach's profiles has is refused."""
    create_profile(database, coach.token, MARATHON)
    trail = create_profile(database, coach.token, ProfileIn(name="trail"))
    with pytest.raises(Conflict):
        replace_profile(database, coach.token, trail.id, ProfileIn(name="marathon"))
    assert get_profile(database, coach.token, trail.id).name == "trail"


def test_replacing_a_profile_overwrites_every_field(database, coach):
    """After a replace, name, description and weights are the new ones and the id is kept."""
    created = create_profile(database, coach.token, MARATHON)
    new = ProfileIn(name="marathon", weights={"spread_sessions": 0})
    replaced = replace_profile(database, coach.token, created.id, new)
    stored = get_profile(database, coach.token, created.id)
    assert stored == replaced
    assert (stored.id, stored.name, stored.description, stored.weights) == (
        created.id,
        "marathon",
        "",
        {"spread_sessions": 0},
    )


def test_a_deleted_profile_is_gone(database, coach):
    """After delete, get is NotFound and the list is empty."""
    created = create_profile(database, coach.token, MARATHON)
    delete_profile(database, coach.token, created.id)
    assert list_profiles(database, coach.token).profiles == []
    with pytest.raises(NotFound):
        get_profile(database, coach.token, created.id)


def test_another_coachs_profile_is_not_found_like_a_missing_one(database, coach, other_coach):
    """Every use of someone else's profile raises NotFound with a missing id's message."""
    created = create_profile(database, coach.token, MARATHON)
    them = other_coach.token
    attempts = [
        lambda pid: get_profile(database, them, pid),
        lambda pid: replace_profile(database, them, pid, MARATHON),
        lambda pid: delete_profile(database, them, pid),
        lambda pid: saved_weights(database, them, pid),
        lambda pid: solve_week(database, ProfiledWeekRequest(profile=pid), them),
    ]
    for attempt in attempts:
        messages = []
        for profile_id in (created.id, 999):
            with pytest.raises(NotFound) as error:
                attempt(profile_id)
            messages.append(str(error.value).replace(str(profile_id), "<id>"))
        assert messages[0] == messages[1]
    assert get_profile(database, coach.token, created.id) == created


def test_resolving_another_coachs_profile_is_not_found(database, coach, other_coach):
    """resolve_weights refuses a profile id that is not the given coach's."""
    created = create_profile(database, coach.token, MARATHON)
    with pytest.raises(NotFound, match="no profile"), database.transaction() as session:
        resolve_weights(session, other_coach.id, created.id, {})


def test_weights_resolve_defaults_then_profile_then_overrides(database, coach):
    """Every goal gets a weight: the overrides' over the profile's over the default."""
    profile = create_profile(
        database,
        coach.token,
        ProfileIn(name="p", weights={"strength_on_hard_days": 9, "spread_sessions": 7}),
    )
    with database.transaction() as session:
        weights = resolve_weights(session, coach.id, profile.id, {"spread_sessions": 1})
        without_profile = resolve_weights(session, coach.id, None, {"level_fit": 0})
    assert weights == {**DEFAULT_WEIGHTS, "strength_on_hard_days": 9, "spread_sessions": 1}
    assert without_profile == {**DEFAULT_WEIGHTS, "level_fit": 0}


def test_a_stored_weight_for_a_goal_no_longer_known_is_ignored(database, coach):
    """A goal dropped from the rule book since the profile was saved gets no weight."""
    created = create_profile(database, coach.token, MARATHON)
    with database.transaction() as session:
        stored = session.get(Profile, created.id)
        assert stored is not None
        stored.weights = {**stored.weights, "retired_goal": 4}
    assert saved_weights(database, coach.token, created.id) == {
        **DEFAULT_WEIGHTS,
        "strength_on_hard_days": 9,
    }


def test_a_profile_without_a_token_is_refused_not_defaulted(database, coach):
    """Solving with a profile but no token is NotAuthenticated, not the default weights."""
    profile = create_profile(database, coach.token, MARATHON)
    with pytest.raises(NotAuthenticated):
        solve_week(database, ProfiledWeekRequest(profile=profile.id), None)


def test_a_week_without_a_profile_needs_no_token(database):
    """A request naming no profile is solved without any coach's token."""
    result = solve_week(database, ProfiledWeekRequest(), None)
    assert result.status == "optimal"


def test_a_week_with_a_profile_is_solved_with_the_resolved_weights(database, coach, monkeypatch):
    """The week solved from a profiled request keeps its days and holds every resolved weight."""
    solved: list[WeekRequest] = []

    def spy(request: WeekRequest) -> WeekResult:
        solved.append(request)
        return solve(request)

    monkeypatch.setattr("api.services.week_cache.solve", spy)
    body = ProfiledWeekRequest.model_validate(
        {"days": {"sat": {"runs": [{"type": "long", "minutes": 90}]}}, "weights": {"level_fit": 0}}
    )
    body.profile = create_profile(database, coach.token, MARATHON).id
    result = solve_week(database, body, coach.token)
    (week,) = solved
    assert week.day("sat").has_long_run
    assert week.weights == {**DEFAULT_WEIGHTS, "strength_on_hard_days": 9, "level_fit": 0}
    assert result.days["sat"].runs[0].type == "long"
