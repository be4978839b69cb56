"""The strength sessions trainweek can place, read from `data/sessions.json`."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LegLoad = Literal["heavy", "light", "none"]

# Jumps and bounds: heavy on the legs' nerves and tendons, light on the heart and lungs. They
# need fresh legs (docs/domain.md, "plyometrics are their own kind").
PLYOMETRIC_SESSION_IDS: frozenset[str] = frozenset({"plyometrics"})


class Session(BaseModel):
    """A strength session from the catalogue."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Stable id of the session, e.g. 'lower_body_core'.")
    name: str = Field(description="What a runner calls it.")
    leg_load: LegLoad = Field(
        description="heavy: squats, deadlifts, plyometrics; light: bodyweight; none: upper/core."
    )
    needs_gym: bool = Field(description="Whether the session needs gym equipment.")
    minutes: int = Field(gt=0, description="How long it takes, in minutes.")
    exercises: tuple[str, ...] = Field(description="What the session holds.")

    @property
    def heavy_legs(self) -> bool:
        """Whether the session loads the legs heavily."""
        return self.leg_load == "heavy"

    @property
    def plyometric(self) -> bool:
        """Whether the session is jumps and bounds (plyometrics)."""
        return self.id in PLYOMETRIC_SESSION_IDS

    @property
    def works_legs(self) -> bool:
        """Whether the session works the legs at all (heavy or light)."""
        return self.leg_load != "none"


class _Catalogue(BaseModel):
    sessions: tuple[Session, ...]


@cache
def catalogue() -> tuple[Session, ...]:
    """Every session, in the catalogue's order (which is also the solver's tie-break order)."""
    text = resources.files("solver").joinpath("data/sessions.json").read_text(encoding="utf-8")
    return _Catalogue.model_validate(json.loads(text)).sessions


def session_by_id() -> dict[str, Session]:
    """The catalogue keyed by session id."""
    return {session.id: session for session in catalogue()}
