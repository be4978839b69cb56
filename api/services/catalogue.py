"""The rule book and the session catalogue, as the API and the command line list them."""

from __future__ import annotations

from pydantic import BaseModel, Field

from solver import HARD_RULES, SOFT_GOALS, Session, catalogue


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


def rule_book() -> Rules:
    """Every hard rule and soft goal, in rule-book order, goals with their default weights."""
    return Rules(
        hard=[
            HardRuleOut(id=rule.id, description=rule.description) for rule in HARD_RULES.values()
        ],
        soft=[
            SoftGoalOut(
                id=goal.id, description=goal.description, default_weight=goal.default_weight
            )
            for goal in SOFT_GOALS.values()
        ],
    )


def session_catalogue() -> Sessions:
    """Every strength session the solver can place, in catalogue order."""
    return Sessions(sessions=list(catalogue()))
