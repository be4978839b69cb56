"""Learn a coach's weights from weeks they placed, and save them as a profile on request."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from api.services.coaches import authenticated
from api.services.errors import InvalidField, NotAuthenticated
from api.services.fields import Name, PresetName
from api.services.profiles import ProfileIn, ProfileOut, create_profile, resolve_weights
from api.services.scenarios import library
from api.services.weeks import MAX_PLANNED_PER_DAY, PlannedSession
from api.storage import Conflict, Database, NotFound
from solver import PlanError, SoftGoalId, WeekRequest
from solver.budget import OverBudget, SolveBudget
from solver.checker import parse_plan
from solver.domain import DAYS, DayId
from solver.learn import (
    MAX_EXAMPLES,
    DayDifference,
    Example,
    ExampleFit,
    Learned,
    learn_weights,
)
from solver.result import Plan

# A coach's own week from the scenario library (coach-sample-week), in build and in base, with
# strength on the track day and heavy legs after the long run: the OpenAPI example (api/contract.py;
# the README posts the same), which the learned weights reproduce exactly.
_SAMPLE_DAYS = {
    "mon": {"runs": [{"type": "easy", "minutes": 45}]},
    "tue": {"runs": [{"type": "intervals", "minutes": 60}]},
    "thu": {"runs": [{"type": "tempo", "minutes": 60}]},
    "sat": {"runs": [{"type": "long", "minutes": 100}]},
}
EXAMPLE_BODY: dict[str, Any] = {
    "name": "track and long-run days",
    "examples": [
        {
            "request": {"days": _SAMPLE_DAYS, "athlete": {"phase": "build"}},
            "plan": {
                "tue": [{"session": "bodyweight_circuit"}],
                "sat": [{"session": "strength_control"}],
            },
        },
        {
            "request": {
                "days": {**_SAMPLE_DAYS, "sun": {"runs": [{"type": "recovery", "minutes": 30}]}},
                "athlete": {"phase": "base"},
            },
            "plan": {
                "tue": [{"session": "bodyweight_circuit"}],
                "thu": [{"session": "bodyweight_circuit"}],
                "sat": [{"session": "strength_control"}],
            },
        },
    ],
    "save": False,
}


REFUSALS: tuple[type[Exception], ...] = (
    InvalidField,
    NotAuthenticated,
    NotFound,
    Conflict,
    OverBudget,
)
"""What learning refuses, each with a message for the user: the CLI reports them as bad input
(HTTP answers each with its own status through api/problems.py)."""


class ExampleWeek(BaseModel):
    """A week request and where the coach put its strength sessions."""

    model_config = ConfigDict(extra="forbid")

    request: WeekRequest = Field(description="The week, as posted to /v1/weeks/solve.")
    plan: dict[DayId, Annotated[list[PlannedSession], Field(max_length=MAX_PLANNED_PER_DAY)]] = (
        Field(
            description="The strength sessions the coach placed on each day, keyed mon..sun (as "
            "for /v1/weeks/evaluate); a day left out has none."
        )
    )

    def placement(self) -> Plan:
        """The plan as day id -> session ids."""
        return {day: [entry.session for entry in entries] for day, entries in self.plan.items()}


class LearnBody(BaseModel):
    """Weeks a coach placed, to learn the weights that make the solver place them so."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = Field(
        default=None, description="The new profile's name when `save` is true (needed then)."
    )
    examples: list[ExampleWeek] = Field(
        min_length=1,
        max_length=MAX_EXAMPLES,
        description=f"1 to {MAX_EXAMPLES} weeks the coach placed: each a request and a plan.",
    )
    save: bool = Field(
        default=False, strict=True, description="Save the learned weights as a new profile."
    )
    base: Annotated[int, Field(strict=True)] | PresetName | None = Field(
        default=None,
        description="One of your profile ids or a preset's name: the weights are sought near "
        "these, and goals the weeks never trade off keep them (default: the default weights).",
    )


class ExampleAnswer(BaseModel):
    """How one example week fares under the learned weights."""

    index: int = Field(description="The example's position in `examples`, from 0.")
    reproduced: bool = Field(
        description="Whether the coach's week is optimal under the learned weights (it costs "
        "no more than the optimal week)."
    )
    identical: bool = Field(
        description="Whether the solver returns exactly the coach's week (it also wins the "
        "tie-break among weeks of equal cost)."
    )
    optimal: dict[DayId, list[PlannedSession]] = Field(
        description="The optimal week under the learned weights, mon..sun."
    )
    differences: list[DayDifference] = Field(
        description="The days where the coach's week and the optimal week differ."
    )
    regret: int = Field(
        description="How much more the coach's week costs than the optimal week, in the "
        "learned weights' terms (0 when reproduced)."
    )
    reason: str | None = Field(
        default=None,
        description="When not identical: why (a hard rule the week breaks, a week no worse on "
        "any goal, the examples it contradicts, or a tie lost on the tie-break).",
    )


class Agreement(BaseModel):
    """How many example weeks the learned weights reproduce."""

    examples: int = Field(description="How many examples were given.")
    reproduced: int = Field(description="How many are optimal under the learned weights.")
    identical: int = Field(description="How many the solver returns exactly.")


class LearnAnswer(BaseModel):
    """The learned weights, how each example fares under them, and the saved profile."""

    weights: dict[SoftGoalId, int] = Field(description="Every soft goal's learned weight.")
    agreement: Agreement
    per_example: list[ExampleAnswer] = Field(description="Each example, in the order given.")
    iterations: int = Field(description="Rounds of fitting weights and re-solving the weeks.")
    converged: bool = Field(
        description="True when no example had a better week left to find; false when the "
        "iteration or time budget ended the search first."
    )
    profile: ProfileOut | None = Field(
        default=None, description="The saved profile, when `save` was true."
    )


def learn(
    db: Database, token: str | None, body: LearnBody, budget: SolveBudget | None = None
) -> LearnAnswer:
    """Learn the weights under which the coach's weeks are the solver's, and save them on
    request.

    InvalidField for an unknown session or preset; NotAuthenticated without a valid token;
    NotFound for a base profile not the coach's; OverBudget when the solving budget's seconds do
    not cover one round of solving the weeks; Conflict when `save` names an existing profile.
    """
    examples = _examples(body)
    if body.save and body.name is None:
        raise InvalidField("name", "name is needed when save is true: the new profile's name")
    # The token is checked, and a base profile read, before any solving.
    with db.transaction() as session:
        coach = authenticated(session, token)
        base: dict[SoftGoalId, int] | None
        if isinstance(body.base, int):
            base = resolve_weights(session, coach.id, body.base, {})
        else:
            base = _preset_weights(body.base)
    learned = learn_weights(examples, base, budget=budget or SolveBudget())
    profile = None
    if body.save:
        assert body.name is not None  # checked above, before solving
        description = (
            f"Learned from {learned.examples} placed weeks ({learned.reproduced} reproduced)."
        )
        profile = create_profile(
            db, token, ProfileIn(name=body.name, description=description, weights=learned.weights)
        )
    return _answer(learned, profile)


def learn_unsaved(body: LearnBody, budget: SolveBudget | None = None) -> LearnAnswer:
    """Learn the weights without a coach or a database: the base may be a preset, not a
    profile, and nothing is saved (InvalidField otherwise)."""
    if isinstance(body.base, int):
        raise InvalidField("base", "a profile id as base needs your coach token; or name a preset")
    if body.save:
        raise InvalidField("save", "saving a profile needs your coach token")
    learned = learn_weights(
        _examples(body), _preset_weights(body.base), budget=budget or SolveBudget()
    )
    return _answer(learned, None)


def _examples(body: LearnBody) -> list[Example]:
    examples = []
    for index, example in enumerate(body.examples):
        placement = example.placement()
        try:
            parse_plan(placement)
        except PlanError as error:
            raise InvalidField(
                f"examples[{index}].plan", str(error), title="Unknown id in plan"
            ) from None
        examples.append(Example(request=example.request, plan=placement))
    return examples


def _preset_weights(name: str | None) -> dict[SoftGoalId, int] | None:
    if name is None:
        return None
    _, presets = library()
    if name not in presets:
        raise InvalidField(
            "base", f"unknown preset '{name}'; known: {', '.join(presets)}, or a profile id"
        )
    return {SoftGoalId(goal): weight for goal, weight in presets[name].full_weights.items()}


def _answer(learned: Learned, profile: ProfileOut | None) -> LearnAnswer:
    return LearnAnswer(
        weights=learned.weights,
        agreement=Agreement(
            examples=learned.examples, reproduced=learned.reproduced, identical=learned.identical
        ),
        per_example=[_example_answer(fit) for fit in learned.per_example],
        iterations=learned.iterations,
        converged=learned.converged,
        profile=profile,
    )


def _example_answer(fit: ExampleFit) -> ExampleAnswer:
    return ExampleAnswer(
        index=fit.index,
        reproduced=fit.reproduced,
        identical=fit.identical,
        optimal={
            day: [PlannedSession(session=session_id) for session_id in fit.optimal.get(day, [])]
            for day in DAYS
        },
        differences=fit.differences,
        regret=fit.regret,
        reason=fit.reason,
    )
