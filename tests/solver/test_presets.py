"""Weight presets: validated against the rule book, and applied by replacing a week's weights."""

from __future__ import annotations

import json

import pytest

from solver import DEFAULT_WEIGHTS
from solver.library import load_library
from solver.presets import Preset, PresetError, load_preset
from tests.helpers import runs, week


def test_the_default_preset_is_the_rule_books_defaults():
    """`default` changes nothing, so the bench's default column is the product's answer."""
    assert load_library()[1]["default"].full_weights == DEFAULT_WEIGHTS


def test_every_other_preset_changes_some_weight_and_says_who_it_is_for():
    """A preset that changes nothing would be a second `default` under another name."""
    for name, preset in load_library()[1].items():
        assert preset.description.endswith(".")
        if name != "default":
            assert preset.full_weights != DEFAULT_WEIGHTS, name


def test_apply_replaces_the_weeks_own_weights():
    """A week's own weight overrides do not leak into a preset's run."""
    request = week({"tue": runs("tempo")}, weights={"spread_sessions": 99})
    preset = Preset(name="p", description="d.", weights={"level_fit": 1})
    weights = preset.apply(request).weights
    assert weights["spread_sessions"] == DEFAULT_WEIGHTS["spread_sessions"]
    assert weights["level_fit"] == 1


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"spred_sessions": 2}, "unknown goal id"),
        ({"spread_sessions": -1}, "greater than or equal"),
    ],
)
def test_preset_weights_are_checked_against_the_rule_book(weights, message):
    """A misspelt goal id or a negative weight is refused, naming the goal."""
    with pytest.raises(ValueError, match=message):
        Preset(name="p", description="d.", weights=weights)


def test_a_preset_file_must_be_named_after_the_preset(tmp_path):
    """`--presets NAMES` finds presets by file name, so the two must agree."""
    path = tmp_path / "gentle.json"
    path.write_text(json.dumps({"name": "beginner-gentle", "description": "d.", "weights": {}}))
    with pytest.raises(PresetError, match="must match the file name"):
        load_preset(path)
