"""GET /v1/scenarios, GET /v1/scenarios/<name>, POST /v1/scenarios/<name>/solve: the library.

The scenarios and weight presets are the library `solver.library` serves (or the folder named by
the app's `SCENARIO_DIR` setting), read once per folder and kept: data that ships with the service.
"""

from __future__ import annotations

from typing import Literal

from flask import Response, current_app
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.problems import INVALID_REQUEST, problem, problem_responses
from solver import WeekResult, solve
from solver.domain import MAX_WEIGHT, GoalWeights
from solver.library import load_library
from solver.presets import Preset
from solver.rules import SOFT_GOAL_IDS
from solver.scenario import Scenario

JSON = "application/json"
UNKNOWN_SCENARIO = "urn:trainweek:problem:unknown-scenario"

blueprint = APIBlueprint(
    "scenarios",
    __name__,
    url_prefix="/v1/scenarios",
    abp_tags=[Tag(name="scenarios", description="Real and hard weeks, and weight presets.")],
)


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


class ScenarioPath(BaseModel):
    """Which scenario."""

    name: str = Field(description="The scenario's name, as GET /v1/scenarios lists it.")


class SolveScenarioBody(BaseModel):
    """How to weigh the scenario's week: its own weights, a preset, or weights of your own."""

    model_config = ConfigDict(extra="forbid")

    weights: GoalWeights | None = Field(
        default=None,
        description="Soft-goal weights to put over the scenario's own, by goal id "
        f"(0 to {MAX_WEIGHT}; see GET /v1/rules).",
    )
    preset: str | None = Field(
        default=None, description="A preset's name: its weights replace the scenario's."
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
    result: WeekResult = Field(
        description="The week, or (status infeasible) the rules in conflict."
    )


def library() -> tuple[dict[str, Scenario], dict[str, Preset]]:
    """The scenarios and presets of the app's scenario folder."""
    return load_library(current_app.config.get("SCENARIO_DIR"))


def _unknown(name: str) -> Response:
    return problem(
        404,
        f"no scenario named '{name}'; GET /v1/scenarios lists them",
        title="Unknown scenario",
        type=UNKNOWN_SCENARIO,
    )


@blueprint.get("", responses={200: ScenarioList})
def list_scenarios() -> Response:
    """List the scenarios (name, description, source) and the weight presets."""
    scenarios, presets = library()
    body = ScenarioList(
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
    return Response(body.model_dump_json(), mimetype=JSON)


@blueprint.get("/<name>", responses={200: Scenario, **problem_responses(404)})
def get_scenario(path: ScenarioPath) -> Response:
    """One scenario: its week request, where it comes from, and what its answer must hold."""
    scenarios, _ = library()
    scenario = scenarios.get(path.name)
    if scenario is None:
        return _unknown(path.name)
    return Response(scenario.model_dump_json(), mimetype=JSON)


@blueprint.post(
    "/<name>/solve",
    responses={200: ScenarioSolved, **problem_responses(400, 404, 413, 415)},
)
def solve_scenario(path: ScenarioPath, body: SolveScenarioBody) -> Response:
    """Solve a scenario as written, under a preset, or with weights of your own.

    Send `{}` for the scenario as written. Unlike POST /v1/weeks/solve, a scenario built to
    have no week answers 200: the explanation is the answer, checked like any other.
    """
    scenarios, presets = library()
    scenario = scenarios.get(path.name)
    if scenario is None:
        return _unknown(path.name)
    request = scenario.request
    if body.preset is not None:
        if body.preset not in presets:
            detail = f"unknown preset '{body.preset}'; known: {', '.join(presets)}"
            return problem(
                400,
                detail,
                title="Invalid request",
                type=INVALID_REQUEST,
                errors=[{"field": "preset", "message": detail}],
            )
        request = presets[body.preset].apply(request)
    elif body.weights:
        request = request.model_copy(update={"weights": {**request.weights, **body.weights}})
    result = solve(request)
    failures = scenario.expect.check(result, body.preset)
    answer = ScenarioSolved(
        scenario=scenario.name,
        preset=body.preset,
        weights={goal: request.weight(goal) for goal in SOFT_GOAL_IDS},
        expectations_met=not failures,
        failures=failures,
        result=result,
    )
    return Response(answer.model_dump_json(), mimetype=JSON)
