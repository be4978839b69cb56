"""A greedy placer: what a hand-written rules app does, kept as the baseline the solver must beat.

Walk the days Monday to Sunday; on each, place the first catalogue session that breaks no hard
rule given what is already placed; stop at the target count. No lookahead and no weights: it
never breaks a hard rule, but it cannot trade one soft goal against another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from solver.catalogue import catalogue
from solver.checker import evaluate
from solver.domain import DAYS, WeekRequest
from solver.result import Plan
from solver.rules import HardRuleId

GreedyStatus = Literal["found", "failed"]


@dataclass(frozen=True)
class GreedyWeek:
    """The greedy placer's week, its cost under the request's weights, or why it failed."""

    status: GreedyStatus
    plan: Plan
    objective: int | None
    reason: str = ""

    @property
    def session_count(self) -> int:
        """How many sessions the greedy week holds."""
        return sum(len(sessions) for sessions in self.plan.values())


def greedy_week(request: WeekRequest) -> GreedyWeek:
    """Place sessions day by day, first fit, until the target count; score the week."""
    plan: Plan = {day: [] for day in DAYS}
    target = request.target_sessions
    for day in DAYS:
        if _count(plan) == target:
            break
        for session in catalogue():
            candidate = {**plan, day: [session.id]}
            if not _breaks_a_rule_so_far(request, candidate):
                plan = candidate
                break
    placed = _count(plan)
    if placed < request.strength.min_sessions:
        return GreedyWeek(
            status="failed",
            plan=plan,
            objective=None,
            reason=f"placed {placed} session(s); the week asks for at least "
            f"{request.strength.min_sessions}",
        )
    return GreedyWeek(status="found", plan=plan, objective=evaluate(request, plan).objective)


def _count(plan: Plan) -> int:
    return sum(len(sessions) for sessions in plan.values())


def _breaks_a_rule_so_far(request: WeekRequest, plan: Plan) -> bool:
    """Whether the partial week breaks a hard rule (too few sessions is not broken yet)."""
    violations = evaluate(request, plan).violations
    return any(
        violation.rule != HardRuleId.SESSION_COUNT or _count(plan) > request.strength.max_sessions
        for violation in violations
    )
