"""The scenario library: list it, read a scenario, solve one as written, under a preset, or
with weights of one's own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from api.services.errors import CalendarNeedsWeekOf, InvalidField, NoWeek, UnknownScenario
from api.services.fields import PresetName
from api.services.week_cache import UNCACHED, WeekCache
from api.validation import field_errors
from solver import WeekRequest, WeekResult
from solver.domain import MAX_WEIGHT, CalendarDate, GoalWeights
from solver.library import load_library
from solver.presets import Preset
from solver.rules import SOFT_GOAL_IDS
from solver.scenario import Scenario


class ScenarioSummary(BaseModel):
    """A scenario in the library, without its week."""

    name: str = Field(description="The scenario's id, used in its URL.")
    description: str = Field(description="What the week is, for a runner or coach.")
    source: str = Field(description="Where the week comes from; 'constructed: ...' if made up.")
    expected_status: Literal["optimal", "infeasible"] = Field(
        description="optimal, or infeasible: a week built to have no solution."
    )


class PresetSummary(BaseModel):
    """A weight preset: a coaching philosophy that ships with trainweek."""

    name: str = Field(description="The preset's id, for POST .../solve {'preset': name}.")
    description: str = Field(description="Who the preset is for.")
    weights: dict[str, int] = Field(description="Every soft goal's weight under this preset.")


class ScenarioList(BaseModel):
    """The scenario library and the weight presets it can be solved under."""

    scenarios: list[ScenarioSummary] = Field(description="Every scenario, by name.")
    presets: list[PresetSummary] = Field(description="Every weight preset, by name.")


class SolveScenarioBody(BaseModel):
    """How to weigh the scenario's week: its own weights, a preset, or weights of your own."""

    model_config = ConfigDict(extra="forbid")

    weights: GoalWeights | None = Field(
        default=None,
        description="Soft-goal weights to put over the scenario's own, by goal id "
        f"(0 to {MAX_WEIGHT}; see GET /v1/rules).",
    )
    preset: PresetName | None = Field(
        default=None, description="A preset's name: its weights replace the scenario's."
    )
    week_of: CalendarDate | None = Field(
        default=None,
        description="A day of the week to solve the scenario for, as YYYY-MM-DD, in place of "
        "its own: the week that holds it, Monday to Sunday (for `Accept: text/calendar`).",
    )

    @model_validator(mode="after")
    def _one_way_to_weigh(self) -> SolveScenarioBody:
        if self.weights is not None and self.preset is not None:
            raise ValueError("give weights or preset, not both")
        return self


class ScenarioSolved(BaseModel):
    """The scenario's week as solved, and whether the scenario's expectations hold."""

    scenario: str = Field(description="The scenario's name.")
    preset: str | None = Field(description="The preset used, if any.")
    weights: dict[str, int] = Field(description="Every soft goal's weight the solve used.")
    expectations_met: bool = Field(description="Whether every expectation that applies holds.")
    failures: list[str] = Field(
        description="Each expectation that does not hold, in words. Facts scoped to presets "
        "are checked only under those presets."
    )
    week_of: dt.date | None = Field(
        default=None, description="The Monday the week starts on, when the body or scenario says."
    )
    result: WeekResult = Field(
        description="The week, or (status infeasible) the rules in conflict."
    )


def library(folder: Path | None = None) -> tuple[dict[str, Scenario], dict[str, Preset]]:
    """The scenarios and presets of a library folder (None: the library trainweek ships)."""
    return load_library(folder)


def list_library(folder: Path | None = None) -> ScenarioList:
    """Every scenario (name, description, source) and every preset."""
    scenarios, presets = library(folder)
    return ScenarioList(
        scenarios=[
            ScenarioSummary(
                name=s.name,
                description=s.description,
                source=s.source,
                expected_status=s.expect.status,
            )
            for s in scenarios.values()
        ],
        presets=[
            PresetSummary(name=p.name, description=p.description, weights=p.full_weights)
            for p in presets.values()
        ],
    )


def get_scenario(name: str, folder: Path | None = None) -> Scenario:
    """One scenario; UnknownScenario when the library has none by that name."""
    scenario = library(folder)[0].get(name)
    if scenario is None:
        raise UnknownScenario(name)
    return scenario


def solve_scenario(
    name: str,
    body: SolveScenarioBody,
    folder: Path | None = None,
    needs_week: bool = False,
    cache: WeekCache = UNCACHED,
) -> ScenarioSolved:
    """Solve a scenario (or find it in `cache`) and check its expectations; an infeasible
    scenario is an answer too.

    With `needs_week` (a calendar is wanted) the week must have a week_of (CalendarNeedsWeekOf,
    before solving) and exist (NoWeek).
    """
    scenario = get_scenario(name, folder)
    presets = library(folder)[1]
    request = _on_week_of(scenario.request, body.week_of)
    if needs_week and request.week_of is None:
        raise CalendarNeedsWeekOf()
    if body.preset is not None:
        if body.preset not in presets:
            raise InvalidField(
                "preset", f"unknown preset '{body.preset}'; known: {', '.join(presets)}"
            )
        request = presets[body.preset].apply(request)
    elif body.weights:
        request = request.model_copy(update={"weights": {**request.weights, **body.weights}})
    result = cache.solve(request)
    if needs_week and result.status == "infeasible":
        raise NoWeek(result.conflicts, result.suggestions)
    failures = scenario.expect.check(result, body.preset)
    return ScenarioSolved(
        scenario=scenario.name,
        preset=body.preset,
        weights={goal: request.weight(goal) for goal in SOFT_GOAL_IDS},
        expectations_met=not failures,
        failures=failures,
        week_of=request.week_of,
        result=result,
    )


def _on_week_of(request: WeekRequest, week_of: dt.date | None) -> WeekRequest:
    """The scenario's week starting on `week_of`, checked like any request (a Monday, and a
    previous race's date before it); InvalidField naming week_of otherwise."""
    if week_of is None:
        return request
    fields = {**request.model_dump(mode="json", exclude_unset=True), "week_of": week_of}
    try:
        return WeekRequest.model_validate(fields)
    except ValidationError as error:
        raise InvalidField("week_of", "; ".join(e.message for e in field_errors(error))) from None
