"""GET /v1/rules and GET /v1/sessions: the rule book and the session catalogue, by stable id."""

from __future__ import annotations

from typing import Any

from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, Field

from solver import HARD_RULES, SOFT_GOALS, Session, catalogue

blueprint = APIBlueprint("catalogue", __name__, url_prefix="/v1", abp_tags=[Tag(name="catalogue")])


class HardRuleOut(BaseModel):
    """A rule no week may break."""

    id: str = Field(description="Stable id, used in conflicts and violations.")
    description: str = Field(description="The rule in a runner's words.")


class SoftGoalOut(BaseModel):
    """A goal traded off against the others by its weight."""

    id: str = Field(description="Stable id, used in penalties and in a request's weights.")
    description: str = Field(description="The goal in a runner's words, and what counts as a miss.")
    default_weight: int = Field(description="Cost of each miss unless the request overrides it.")


class Rules(BaseModel):
    """Every hard rule and soft goal."""

    hard: list[HardRuleOut] = Field(description="Rules every week keeps.")
    soft: list[SoftGoalOut] = Field(description="Goals the solver trades off by weight.")


class Sessions(BaseModel):
    """The strength sessions the solver can place."""

    sessions: list[Session] = Field(description="Catalogue entries, in tie-break order.")


@blueprint.get("/rules", responses={200: Rules})
def rules() -> dict[str, Any]:
    """List the hard rules and the soft goals with their default weights."""
    return {
        "hard": [{"id": rule.id, "description": rule.description} for rule in HARD_RULES.values()],
        "soft": [
            {"id": goal.id, "description": goal.description, "default_weight": goal.default_weight}
            for goal in SOFT_GOALS.values()
        ],
    }


@blueprint.get("/sessions", responses={200: Sessions})
def sessions() -> dict[str, Any]:
    """List the session catalogue: id, name, leg load, gym, minutes and exercises."""
    return {"sessions": [session.model_dump(mode="json") for session in catalogue()]}
