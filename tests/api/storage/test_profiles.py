"""Weight profiles: a coach's own, validated against the soft goals, names unique per coach."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.storage import Conflict, NotFound
from api.storage.profiles import (
    ProfiledWeekRequest,
    ProfileIn,
    create_profile,
    delete_profile,
    get_profile,
    list_profiles,
    replace_profile,
    resolve_weights,
    week_with_profile,
)
from solver import DEFAULT_WEIGHTS

MARATHON = ProfileIn(
    name="marathon", description="hard days hard", weights={"strength_on_hard_days": 9}
)


def test_a_profile_is_stored_and_read_back(database, coach):
    """A created profile comes back the same from get and from the list."""
    with database.transaction() as session:
        created = create_profile(session, coach.id, MARATHON)
    with database.transaction() as session:
        assert get_profile(session, coach.id, created.id) == created
        assert list_profiles(session, coach.id) == [created]
    assert created.weights == {"strength_on_hard_days": 9}


def test_profiles_are_listed_by_name(database, coach):
    """The list is sorted by name whatever the order of creation."""
    with database.transaction() as session:
        for name in ("trail", "base", "marathon"):
            create_profile(session, coach.id, ProfileIn(name=name))
        names = [profile.name for profile in list_profiles(session, coach.id)]
    assert names == ["base", "marathon", "trail"]


def test_an_unknown_goal_is_refused_naming_the_known_ones(coach):
    """A weight for a goal that does not exist fails validation listing every known goal."""
    with pytest.raises(ValidationError) as error:
        ProfileIn(name="x", weights={"more_squats": 3})
    assert "unknown goal id(s) more_squats; known: target_sessions," in str(error.value)


def test_a_blank_name_is_refused():
    """A name of only spaces is no name."""
    with pytest.raises(ValidationError):
        ProfileIn(name="   ")


def test_a_second_profile_with_the_same_name_is_a_conflict(database, coach):
    """Creating a profile under a name the coach already uses is refused."""
    with database.transaction() as session:
        create_profile(session, coach.id, MARATHON)
    with pytest.raises(Conflict, match="marathon"), database.transaction() as session:
        create_profile(session, coach.id, ProfileIn(name="marathon"))


def test_two_coaches_may_use_the_same_profile_name(database, coach, other_coach):
    """Names are unique per coach, not across coaches."""
    with database.transaction() as session:
        create_profile(session, coach.id, MARATHON)
        create_profile(session, other_coach.id, MARATHON)
        assert len(list_profiles(session, other_coach.id)) == 1


def test_renaming_onto_another_profiles_name_is_a_conflict(database, coach):
    """Replacing a profile with a name another of the coach's profiles has is refused."""
    with database.transaction() as session:
        create_profile(session, coach.id, MARATHON)
        trail = create_profile(session, coach.id, ProfileIn(name="trail"))
    with pytest.raises(Conflict), database.transaction() as session:
        replace_profile(session, coach.id, trail.id, ProfileIn(name="marathon"))


def test_replacing_a_profile_overwrites_every_field(database, coach):
    """After a replace, name, description and weights are the new ones and the id is kept."""
    with database.transaction() as session:
        created = create_profile(session, coach.id, MARATHON)
    new = ProfileIn(name="marathon", weights={"spread_sessions": 0})
    with database.transaction() as session:
        replaced = replace_profile(session, coach.id, created.id, new)
    with database.transaction() as session:
        stored = get_profile(session, coach.id, created.id)
    assert stored == replaced
    assert (stored.name, stored.description, stored.weights) == (
        "marathon",
        "",
        {"spread_sessions": 0},
    )


def test_a_deleted_profile_is_gone(database, coach):
    """After delete, get is NotFound and the list is empty."""
    with database.transaction() as session:
        created = create_profile(session, coach.id, MARATHON)
        delete_profile(session, coach.id, created.id)
    with database.transaction() as session:
        assert list_profiles(session, coach.id) == []
        with pytest.raises(NotFound):
            get_profile(session, coach.id, created.id)


def test_another_coachs_profile_is_not_found_like_a_missing_one(database, coach, other_coach):
    """Every operation on someone else's profile raises NotFound with a missing id's message."""
    with database.transaction() as session:
        created = create_profile(session, coach.id, MARATHON)
    attempts = [
        lambda session, pid: get_profile(session, other_coach.id, pid),
        lambda session, pid: replace_profile(session, other_coach.id, pid, MARATHON),
        lambda session, pid: delete_profile(session, other_coach.id, pid),
        lambda session, pid: resolve_weights(session, other_coach.id, pid, {}),
    ]
    for attempt in attempts:
        messages = []
        for profile_id in (created.id, 999):
            with pytest.raises(NotFound) as error, database.transaction() as session:
                attempt(session, profile_id)
            messages.append(str(error.value).replace(str(profile_id), "<id>"))
        assert messages[0] == messages[1]
    with database.transaction() as session:
        assert get_profile(session, coach.id, created.id) == created


def test_weights_resolve_defaults_then_profile_then_request(database, coach):
    """Every goal gets a weight: the request's over the profile's over the default."""
    with database.transaction() as session:
        profile = create_profile(
            session,
            coach.id,
            ProfileIn(name="p", weights={"strength_on_hard_days": 9, "spread_sessions": 7}),
        )
        weights = resolve_weights(session, coach.id, profile.id, {"spread_sessions": 1})
    assert weights == {**DEFAULT_WEIGHTS, "strength_on_hard_days": 9, "spread_sessions": 1}


def test_a_profile_without_a_coach_is_not_found(database, coach):
    """Asking for a profile with no coach known (no token) is NotFound, not the defaults."""
    with database.transaction() as session:
        profile = create_profile(session, coach.id, MARATHON)
        with pytest.raises(NotFound):
            resolve_weights(session, None, profile.id, {})


def test_a_week_with_a_profile_carries_the_resolved_weights(database, coach):
    """The week built from a profiled request keeps its days and holds every resolved weight."""
    body = ProfiledWeekRequest.model_validate(
        {"days": {"sat": {"runs": [{"type": "long", "minutes": 90}]}}, "weights": {"level_fit": 0}}
    )
    with database.transaction() as session:
        body.profile = create_profile(session, coach.id, MARATHON).id
        week = week_with_profile(session, coach.id, body)
    assert week.day("sat").has_long_run
    assert week.weights == {**DEFAULT_WEIGHTS, "strength_on_hard_days": 9, "level_fit": 0}
