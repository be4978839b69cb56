"""A scenario: a week request from `scenarios/`, with where it comes from and what must hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from solver.domain import WeekRequest

SCENARIO_FIELDS = ("name", "description", "source", "expect")


class Scenario(BaseModel):
    """A named week and the facts its answer must satisfy."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Short id of the scenario, also its file name.")
    description: str = Field(description="What the week is, for a runner or coach.")
    source: str = Field(description="Where the week comes from.")
    expect: dict[str, Any] = Field(default_factory=dict, description="What the answer must hold.")
    request: WeekRequest

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scenario:
        """Split a scenario file's object into its own fields and the week request."""
        own = {key: data[key] for key in SCENARIO_FIELDS if key in data}
        request = {key: value for key, value in data.items() if key not in SCENARIO_FIELDS}
        return cls(**own, request=WeekRequest.model_validate(request))

    @classmethod
    def load(cls, path: Path) -> Scenario:
        """Read a scenario file."""
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
