"""Solve one week under two sets of weights and say what moved and what each goal costs.

A coach tuning weights wants to see the consequence of a change, not two weeks to diff by eye.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, Field

from solver.catalogue import session_by_id
from solver.checker import evaluate, goal_details
from solver.cpsat.solve import solve
from solver.domain import DAY_NAMES, DAYS, DayId, WeekRequest
from solver.result import Plan, WeekResult
from solver.rules import SOFT_GOAL_IDS, SoftGoalId

DayChangeKind = Literal["added", "removed", "changed"]


class DayChange(BaseModel):
    """One day whose strength differs between the two weeks."""

    day: DayId = Field(description="The day, mon..sun.")
    kind: DayChangeKind = Field(
        description="added: only the second week has strength here; removed: only the first "
        "does; changed: both do, with different sessions."
    )
    before: list[str] = Field(description="Session ids on this day in the first week.")
    after: list[str] = Field(description="Session ids on this day in the second week.")
    summary: str = Field(description="The change in words, e.g. 'Thu: Plyometrics added'.")


class GoalCostChange(BaseModel):
    """One soft goal's weight, misses and cost in each week."""

    goal: SoftGoalId = Field(description="Soft goal id (see GET /v1/rules).")
    weights: tuple[int, int] = Field(description="The goal's weight under each set of weights.")
    counts: tuple[int, int] = Field(
        description="How often each week misses the goal (counted even at weight 0)."
    )
    costs: tuple[int, int] = Field(description="weight x count in each week.")
    delta: int = Field(description="Second cost minus first: what the change costs (or saves).")


class WeekDiff(BaseModel):
    """What differs between the first and the second week."""

    same_week: bool = Field(
        description="Whether both weights give the same sessions on the same days."
    )
    days: list[DayChange] = Field(description="Each day whose strength differs, Monday first.")
    moves: list[str] = Field(
        description="The week's changes in words; a session taken off one day and put on "
        "another reads as a move, e.g. 'Lower body and core moves from Tue to Thu'."
    )
    goals: list[GoalCostChange] = Field(
        description="Every soft goal, in rule-book order, with its cost in each week."
    )
    objectives: tuple[int | None, int | None] = Field(
        description="Each week's total penalty under its own weights (null: no week exists)."
    )
    cross_objectives: tuple[int | None, int | None] = Field(
        description="Each week scored under the other's weights: the first week under the "
        "second weights, then the second week under the first weights. Shows how much each "
        "set of weights dislikes the other's choice."
    )


class Comparison(BaseModel):
    """Two optimal weeks for one request, under two sets of weights, and their difference."""

    plans: tuple[WeekResult, WeekResult] = Field(
        description="The optimal week under the first weights, then under the second."
    )
    diff: WeekDiff = Field(description="What moved between them and how each goal's cost changed.")


def with_weights(request: WeekRequest, weights: Mapping[SoftGoalId, int]) -> WeekRequest:
    """The request with `weights` laid over its own weights, goal by goal."""
    merged = {**request.weights, **weights}
    # Validated again (unknown goal ids, range) and as the request's own class, so a subclass
    # with fields of its own survives the round trip.
    return type(request).model_validate(
        {**request.model_dump(exclude={"weights"}), "weights": merged}
    )


def compare(
    request: WeekRequest, weights_a: Mapping[SoftGoalId, int], weights_b: Mapping[SoftGoalId, int]
) -> Comparison:
    """Solve the week under each set of weights (each laid over the request's own) and diff."""
    request_a, request_b = with_weights(request, weights_a), with_weights(request, weights_b)
    result_a, result_b = solve(request_a), solve(request_b)
    return Comparison(
        plans=(result_a, result_b), diff=diff_weeks(request_a, result_a, request_b, result_b)
    )


def diff_weeks(
    request_a: WeekRequest, result_a: WeekResult, request_b: WeekRequest, result_b: WeekResult
) -> WeekDiff:
    """What moved from week a to week b, and each goal's cost in both."""
    plan_a, plan_b = result_a.plan, result_b.plan
    day_changes = _day_changes(plan_a, plan_b)
    solved = result_a.objective is not None and result_b.objective is not None
    return WeekDiff(
        same_week=not day_changes,
        days=day_changes,
        moves=describe_changes(plan_a, plan_b),
        goals=_goal_costs(request_a, result_a, request_b, result_b),
        objectives=(result_a.objective, result_b.objective),
        cross_objectives=(
            evaluate(request_b, plan_a).objective if solved else None,
            evaluate(request_a, plan_b).objective if solved else None,
        ),
    )


def _names(session_ids: list[str]) -> str:
    by_id = session_by_id()
    return " + ".join(by_id[session_id].name for session_id in session_ids)


def _day_changes(plan_a: Plan, plan_b: Plan) -> list[DayChange]:
    changes = []
    for day in DAYS:
        before, after = plan_a.get(day, []), plan_b.get(day, [])
        if before == after:
            continue
        label = DAY_NAMES[day]
        if not before:
            kind: DayChangeKind = "added"
            summary = f"{label}: {_names(after)} added"
        elif not after:
            kind = "removed"
            summary = f"{label}: {_names(before)} removed"
        else:
            kind = "changed"
            summary = f"{label}: {_names(before)} becomes {_names(after)}"
        changes.append(DayChange(day=day, kind=kind, before=before, after=after, summary=summary))
    return changes


def describe_changes(plan_a: Plan, plan_b: Plan) -> list[str]:
    """Pair each session taken off a day with the same session put on another: a move."""
    removed = [
        (day, s) for day in DAYS for s in plan_a.get(day, []) if s not in plan_b.get(day, [])
    ]
    added = [(day, s) for day in DAYS for s in plan_b.get(day, []) if s not in plan_a.get(day, [])]
    by_id = session_by_id()
    lines = []
    for day_from, session_id in list(removed):
        to = next((pair for pair in added if pair[1] == session_id), None)
        if to is None:
            continue
        removed.remove((day_from, session_id))
        added.remove(to)
        name = by_id[session_id].name
        lines.append(f"{name} moves from {DAY_NAMES[day_from]} to {DAY_NAMES[to[0]]}")
    # What is left on the same day is a swap; otherwise a plain addition or removal.
    for day, session_id in removed:
        swap = next((pair for pair in added if pair[0] == day), None)
        if swap is not None:
            added.remove(swap)
            lines.append(
                f"{DAY_NAMES[day]}: {by_id[session_id].name} becomes {by_id[swap[1]].name}"
            )
        else:
            lines.append(f"{DAY_NAMES[day]}: {by_id[session_id].name} removed")
    lines.extend(f"{DAY_NAMES[day]}: {by_id[session_id].name} added" for day, session_id in added)
    return lines


def _goal_counts(request: WeekRequest, result: WeekResult) -> dict[SoftGoalId, int]:
    """Each goal's misses in the week, counted even where its weight is 0 (no week: none)."""
    if result.objective is None:
        return {}
    return {goal: len(lines) for goal, lines in goal_details(request, result.plan).items()}


def _goal_costs(
    request_a: WeekRequest, result_a: WeekResult, request_b: WeekRequest, result_b: WeekResult
) -> list[GoalCostChange]:
    counts_a, counts_b = _goal_counts(request_a, result_a), _goal_counts(request_b, result_b)
    changes = []
    for goal in SOFT_GOAL_IDS:
        weight_a, weight_b = request_a.weight(goal), request_b.weight(goal)
        count_a, count_b = counts_a.get(goal, 0), counts_b.get(goal, 0)
        cost_a, cost_b = weight_a * count_a, weight_b * count_b
        changes.append(
            GoalCostChange(
                goal=goal,
                weights=(weight_a, weight_b),
                counts=(count_a, count_b),
                costs=(cost_a, cost_b),
                delta=cost_b - cost_a,
            )
        )
    return changes
