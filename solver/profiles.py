"""Named weight profiles: a coaching philosophy as soft-goal weights (`scenarios/profiles/`).

A profile lists only the weights it changes; every other goal keeps its default weight, so a
goal added to the rule book later is weighed sensibly by every profile without editing them.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from solver.domain import GoalWeights, WeekRequest
from solver.rules import DEFAULT_WEIGHTS, SOFT_GOAL_IDS

PROFILE_DIR = Path(__file__).resolve().parent.parent / "scenarios" / "profiles"
NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class ProfileError(ValueError):
    """A profile file is missing, unreadable or invalid; the message says which and why."""


class Profile(BaseModel):
    """A coaching philosophy: who it is for and the soft-goal weights that express it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=NAME_PATTERN, description="Short id, also the file name.")
    description: str = Field(min_length=1, description="One sentence on who the profile is for.")
    weights: GoalWeights = Field(
        default_factory=dict,
        description="Weights that differ from the defaults, by soft goal id; the rest default.",
    )

    @property
    def full_weights(self) -> dict[str, int]:
        """Every soft goal's weight under this profile, in rule-book order."""
        return {goal: self.weights.get(goal, DEFAULT_WEIGHTS[goal]) for goal in SOFT_GOAL_IDS}

    def apply(self, request: WeekRequest) -> WeekRequest:
        """The request weighed by this profile (its own weights are replaced, not merged)."""
        return request.model_copy(update={"weights": self.full_weights})


def load_profile(path: Path) -> Profile:
    """Read one profile file; its `name` must match the file name."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        profile = Profile.model_validate(data)
    except (OSError, json.JSONDecodeError, ValidationError) as error:
        raise ProfileError(f"{path.name}: {error}") from None
    if profile.name != path.stem:
        raise ProfileError(f"{path.name}: name '{profile.name}' must match the file name")
    return profile


def load_profiles(folder: Path = PROFILE_DIR) -> dict[str, Profile]:
    """Every profile in the folder, by name, in file-name order."""
    profiles = [load_profile(path) for path in sorted(folder.glob("*.json"))]
    return {profile.name: profile for profile in profiles}
