"""Weight presets: a coaching philosophy as soft-goal weights (`scenarios/presets/`).

A preset lists only the weights it changes; every other goal keeps its default weight, so a
goal added to the rule book later is weighed sensibly by every preset without editing them.
Presets ship with trainweek; a coach's own saved weights are profiles, kept in the database.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from solver.domain import GoalWeights, WeekRequest
from solver.rules import DEFAULT_WEIGHTS, SOFT_GOAL_IDS

NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class PresetError(ValueError):
    """A preset file is missing, unreadable or invalid; the message says which and why."""


class Preset(BaseModel):
    """A coaching philosophy: who it is for and the soft-goal weights that express it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=NAME_PATTERN, description="Short id, also the file name.")
    description: str = Field(min_length=1, description="One sentence on who the preset is for.")
    weights: GoalWeights = Field(
        default_factory=dict,
        description="Weights that differ from the defaults, by soft goal id; the rest default.",
    )

    @property
    def full_weights(self) -> dict[str, int]:
        """Every soft goal's weight under this preset, in rule-book order."""
        return {goal: self.weights.get(goal, DEFAULT_WEIGHTS[goal]) for goal in SOFT_GOAL_IDS}

    def apply(self, request: WeekRequest) -> WeekRequest:
        """The request weighed by this preset (its own weights are replaced, not merged)."""
        return request.model_copy(update={"weights": self.full_weights})


def load_preset(path: Path) -> Preset:
    """Read one preset file; its `name` must match the file name."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        preset = Preset.model_validate(data)
    except (OSError, json.JSONDecodeError, ValidationError) as error:
        raise PresetError(f"{path.name}: {error}") from None
    if preset.name != path.stem:
        raise PresetError(f"{path.name}: name '{preset.name}' must match the file name")
    return preset


def load_presets(folder: Path) -> dict[str, Preset]:
    """Every preset in the folder, by name, in file-name order."""
    presets = [load_preset(path) for path in sorted(folder.glob("*.json"))]
    return {preset.name: preset for preset in presets}
