"""A scenario: a week request from `scenarios/`, with where it comes from and what must hold.

`expect` is what a runner or coach would assert of the answer: the status; facts about days
(`never`: "no heavy legs on Fri"; `must`: "a session on Tue"; no days named means any day; on a
week with times, `between` narrows a fact to sessions starting in a span of the clock); how
many sessions; and, for a week that cannot work, the hard rules its explanation must name.
A fact holds under every weight preset unless it names the presets it is about.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from solver.catalogue import session_by_id
from solver.domain import DAY_NAMES, Clock, DayId, WeekRequest
from solver.result import PlacedSession, WeekResult
from solver.rules import HardRuleId

SCENARIO_FIELDS = ("name", "description", "source", "expect")
NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# What a fact is about: `heavy` for heavy legs as the rules mean it (heavy or moderate lifting,
# or high plyometrics), `heavy_strength` for heavy lifting or high plyometrics (what a beginner
# leaves for later), `legs` for any session that works the legs, or an exact leg load.
LegFilter = Literal["heavy", "heavy_strength", "moderate", "plyometric", "light", "none", "legs"]
ExpectedStatus = Literal["optimal", "infeasible"]


class ScenarioError(ValueError):
    """A scenario file is missing, unreadable or invalid; the message says which and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _PresetScoped(_Strict):
    why: str = Field(min_length=1, description="Why a runner or coach would assert this.")
    presets: list[str] | None = Field(
        default=None,
        description="Only under these weight presets; leave out for every preset.",
    )

    def applies_to(self, preset: str | None) -> bool:
        """Whether the fact is asserted under `preset` (None: solved without a preset)."""
        return self.presets is None or preset in self.presets


class DayFact(_PresetScoped):
    """Sessions of a kind on some days: e.g. heavy legs on Fri, or any session on Tue.

    As a `never` fact: no such session on any of the days. As a `must` fact: at least one.
    """

    days: list[DayId] | None = Field(
        default=None, min_length=1, description="The days; leave out for any day of the week."
    )
    leg_load: LegFilter | None = Field(
        default=None, description="Only sessions with this leg load ('legs': heavy or light)."
    )
    needs_gym: bool | None = Field(
        default=None, description="Only sessions that need a gym (true) or do not (false)."
    )
    session: str | None = Field(default=None, description="Only this catalogue session.")
    between: tuple[Clock, Clock] | None = Field(
        default=None,
        description="Only sessions with a start (on a day with times) from the first HH:MM to "
        "the second, both included.",
    )

    @model_validator(mode="after")
    def _one_filter(self) -> DayFact:
        if self.session is not None and (self.leg_load is not None or self.needs_gym is not None):
            raise ValueError(
                "a session id already fixes leg_load and needs_gym: give one or the other"
            )
        if self.session is not None and self.session not in session_by_id():
            raise ValueError(
                f"unknown session '{self.session}'; known: {', '.join(session_by_id())}"
            )
        return self

    def matches(self, placed: PlacedSession) -> bool:
        """Whether a placed session is the kind this fact is about."""
        if self.between is not None and not (
            placed.at is not None and self.between[0] <= placed.at <= self.between[1]
        ):
            return False
        if self.session is not None:
            return placed.session == self.session
        if self.needs_gym is not None and placed.needs_gym != self.needs_gym:
            return False
        if self.leg_load == "legs":
            return placed.leg_load != "none"
        if self.leg_load == "heavy":
            return session_by_id()[placed.session].heavy_legs
        if self.leg_load == "heavy_strength":
            return session_by_id()[placed.session].heavy_strength
        return self.leg_load is None or placed.leg_load == self.leg_load

    def found(self, result: WeekResult) -> list[str]:
        """Each matching session in the week, as 'Fri: Lower body and core (heavy legs)'."""
        return [
            f"{DAY_NAMES[day]}{f' {placed.at}' if placed.at else ''}: {placed.name} "
            f"({placed.leg_load} legs)"
            for day, day_plan in result.days.items()
            if self.days is None or day in self.days
            for placed in day_plan.strength
            if self.matches(placed)
        ]

    def __str__(self) -> str:
        what = {
            None: "a session",
            "heavy": "heavy legs",
            "heavy_strength": "heavy strength work",
            "moderate": "a moderate (goblet squat, dumbbell) session",
            "plyometric": "plyometrics",
            "light": "light legs",
            "none": "a no-legs session",
            "legs": "leg work",
        }[self.leg_load]
        if self.needs_gym is not None:
            what += " needing a gym" if self.needs_gym else " without a gym"
        if self.session is not None:
            what = session_by_id()[self.session].name
        where = "any day" if self.days is None else "/".join(DAY_NAMES[d] for d in self.days)
        when = "" if self.between is None else f" starting {self.between[0]}-{self.between[1]}"
        return f"{what} on {where}{when}"


class CountFact(_PresetScoped):
    """How many sessions the week holds."""

    min: int = Field(ge=0, le=3, description="Fewest sessions.")
    max: int = Field(ge=0, le=3, description="Most sessions.")

    @model_validator(mode="after")
    def _in_order(self) -> CountFact:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) must be <= max ({self.max})")
        return self


class Expect(_Strict):
    """What the answer to a scenario must hold."""

    status: ExpectedStatus = Field(description="optimal, or infeasible: no week keeps the rules.")
    never: list[DayFact] = Field(default_factory=list, description="Sessions that must not occur.")
    must: list[DayFact] = Field(default_factory=list, description="Sessions that must occur.")
    sessions: list[CountFact] = Field(default_factory=list, description="Session-count ranges.")
    conflicts: list[HardRuleId] = Field(
        default_factory=list,
        description="Infeasible: hard rules the explanation must name (it may name more).",
    )

    @model_validator(mode="after")
    def _facts_fit_status(self) -> Expect:
        if self.status == "infeasible":
            if not self.conflicts:
                raise ValueError("an infeasible scenario must name the rules in conflict")
            if self.never or self.must or self.sessions:
                raise ValueError("an infeasible scenario has no week to state facts about")
        elif self.conflicts:
            raise ValueError("conflicts are only for infeasible scenarios")
        return self

    @property
    def presets_named(self) -> set[str]:
        """Every preset a fact is scoped to."""
        facts: list[_PresetScoped] = [*self.never, *self.must, *self.sessions]
        return {name for fact in facts for name in fact.presets or []}

    def check(self, result: WeekResult, preset: str | None = None) -> list[str]:
        """What the result gets wrong, one sentence per failed expectation; empty when all hold."""
        if result.status == "feasible":
            return [f"status: expected {self.status}, got feasible (time limit hit before proof)"]
        if result.status != self.status:
            return [f"status: expected {self.status}, got {result.status}"]
        failures = []
        named = {conflict.rule for conflict in result.conflicts}
        for rule in self.conflicts:
            if rule not in named:
                failures.append(
                    f"conflicts: the explanation does not name {rule} "
                    f"(it names {', '.join(sorted(named)) or 'nothing'})"
                )
        for fact in self.never:
            if fact.applies_to(preset) and (found := fact.found(result)):
                failures.append(f"never {fact} ({fact.why}): found {'; '.join(found)}")
        for fact in self.must:
            if fact.applies_to(preset) and not fact.found(result):
                failures.append(f"must have {fact} ({fact.why}): none in {_week(result)}")
        count = result.session_count
        for count_fact in self.sessions:
            if count_fact.applies_to(preset) and not count_fact.min <= count <= count_fact.max:
                failures.append(
                    f"sessions {count_fact.min}..{count_fact.max} ({count_fact.why}): "
                    f"{count} placed in {_week(result)}"
                )
        return failures


def _week(result: WeekResult) -> str:
    placed = [
        f"{DAY_NAMES[day]} {session.session}"
        for day, day_plan in result.days.items()
        for session in day_plan.strength
    ]
    return "[" + ", ".join(placed) + "]"


class Scenario(BaseModel):
    """A named week and the facts its answer must satisfy."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME_PATTERN, description="Short id of the scenario, its file name.")
    description: str = Field(min_length=1, description="What the week is, for a runner or coach.")
    source: str = Field(
        min_length=1,
        description="Where the week comes from; 'constructed: ...' for a week made up to test.",
    )
    expect: Expect = Field(description="What the answer must hold.")
    request: WeekRequest

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scenario:
        """Split a scenario file's object into its own fields and the week request."""
        own = {key: data[key] for key in SCENARIO_FIELDS if key in data}
        request = {key: value for key, value in data.items() if key not in SCENARIO_FIELDS}
        return cls(**own, request=WeekRequest.model_validate(request))

    @classmethod
    def load(cls, path: Path) -> Scenario:
        """Read a scenario file; its `name` must match the file name."""
        try:
            scenario = cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError, ValidationError, TypeError) as error:
            raise ScenarioError(f"{path.name}: {error}") from None
        if scenario.name != path.stem:
            raise ScenarioError(f"{path.name}: name '{scenario.name}' must match the file name")
        return scenario

    def to_dict(self) -> dict[str, Any]:
        """The scenario as its file holds it: own fields beside the week request."""
        return {
            "name": self.name,
            "description": self.description,
            "source": self.source,
            "expect": self.expect.model_dump(mode="json", exclude_defaults=True),
            **self.request.model_dump(mode="json", exclude_defaults=True),
        }


def load_scenarios(
    folder: Path, pattern: str = "*.json", presets: Iterable[str] | None = None
) -> dict[str, Scenario]:
    """Every scenario in the folder matching the glob, by name, in file-name order.

    With `presets`, a fact scoped to a preset that does not exist is an error: a typo there
    would silently switch the fact off.
    """
    scenarios = {path.stem: Scenario.load(path) for path in sorted(folder.glob(pattern))}
    if presets is not None:
        known = set(presets)
        for scenario in scenarios.values():
            unknown = sorted(scenario.expect.presets_named - known)
            if unknown:
                raise ScenarioError(
                    f"{scenario.name}.json: expect names unknown preset(s) {', '.join(unknown)}"
                )
    return scenarios
