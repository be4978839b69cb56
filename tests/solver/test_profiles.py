"""Weight profiles: validated against the rule book, and applied by replacing a week's weights."""

from __future__ import annotations

import json

import pytest

from solver import DEFAULT_WEIGHTS
from solver.profiles import Profile, ProfileError, load_profile, load_profiles
from tests.helpers import runs, week


def test_the_default_profile_is_the_rule_books_defaults():
    """`default` changes nothing, so the bench's default column is the product's answer."""
    assert load_profiles()["default"].full_weights == DEFAULT_WEIGHTS


def test_every_other_profile_changes_some_weight_and_says_who_it_is_for():
    """A profile that changes nothing would be a second `default` under another name."""
    for name, profile in load_profiles().items():
        assert profile.description.endswith(".")
        if name != "default":
            assert profile.full_weights != DEFAULT_WEIGHTS, name


def test_apply_replaces_the_weeks_own_weights():
    """A week's own weight overrides do not leak into a profile's run."""
    request = week({"tue": runs("tempo")}, weights={"spread_sessions": 99})
    profile = Profile(name="p", description="d.", weights={"level_fit": 1})
    weights = profile.apply(request).weights
    assert weights["spread_sessions"] == DEFAULT_WEIGHTS["spread_sessions"]
    assert weights["level_fit"] == 1


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"spred_sessions": 2}, "unknown goal id"),
        ({"spread_sessions": -1}, "greater than or equal"),
    ],
)
def test_profile_weights_are_checked_against_the_rule_book(weights, message):
    """A misspelt goal id or a negative weight is refused, naming the goal."""
    with pytest.raises(ValueError, match=message):
        Profile(name="p", description="d.", weights=weights)


def test_a_profile_file_must_be_named_after_the_profile(tmp_path):
    """`--profiles NAMES` finds profiles by file name, so the two must agree."""
    path = tmp_path / "gentle.json"
    path.write_text(json.dumps({"name": "beginner-gentle", "description": "d.", "weights": {}}))
    with pytest.raises(ProfileError, match="must match the file name"):
        load_profile(path)
