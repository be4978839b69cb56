"""Where else one placed session could go: "why not Thursday?", answered by the checker.

Each other day of the week is the week with that one session moved there, scored by the
independent checker (`solver/checker.py`, no ortools): a move that breaks a hard rule the week
keeps is not allowed, with the rule and the checker's own sentence naming the day and the run
that forbids it; an allowed move has the difference in the week's cost and the goals it trades.
The session's current day is left out: its cost difference is 0 by definition, and the answer's
`objective` is the cost of the week as it stands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from pydantic import BaseModel, Field

from solver.checker import evaluate
from solver.domain import DAY_NAMES, DAYS, DayId, WeekRequest
from solver.result import Conflict, Evaluation, Plan
from solver.rules import HardRuleId, SoftGoalId


class NotPlaced(ValueError):
    """The session to move is not on the day the question names."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class GoalTrade(BaseModel):
    """A soft goal whose cost a move changes."""

    goal: SoftGoalId = Field(description="Soft goal id (see GET /v1/rules).")
    before: int = Field(description="The goal's cost in the week as it stands.")
    after: int = Field(description="The goal's cost with the session moved.")
    details: list[str] = Field(
        description="The goal's misses with the session moved, in words (empty: none left)."
    )


class Alternative(BaseModel):
    """One other day for the session: allowed with what it costs, or the rule that forbids it."""

    day: DayId = Field(description="The day the session would move to.")
    allowed: bool = Field(description="Whether the moved week still keeps every hard rule.")
    cost_delta: int | None = Field(
        default=None,
        description="When allowed: the moved week's objective minus the week's (negative: "
        "cheaper).",
    )
    goals: list[GoalTrade] | None = Field(
        default=None,
        description="When allowed: each soft goal whose cost the move changes, before and after.",
    )
    rule: HardRuleId | None = Field(
        default=None,
        description="When not allowed: the first hard rule the move breaks, in rule-book order.",
    )
    conflicts: list[Conflict] | None = Field(
        default=None,
        description="When not allowed: every hard rule the move breaks, each with the checker's "
        "sentence naming the days and the run involved.",
    )
    reason: str = Field(description="The verdict in a runner's words.")


class Alternatives(BaseModel):
    """Every other day for one placed session, allowed ones first by cost."""

    day: DayId = Field(description="The day the session is on now.")
    session: str = Field(description="Catalogue id of the session being moved.")
    objective: int = Field(description="The week's total penalty as it stands (the checker's).")
    feasible: bool = Field(
        description="Whether the week as it stands keeps every hard rule; when it does not, "
        "a move is allowed when it breaks no rule the week does not already break."
    )
    alternatives: list[Alternative] = Field(
        description="The six other days: allowed ones first, cheapest first (ties in day "
        "order), then those not allowed, in day order."
    )


def moved(plan: Mapping[str, Sequence[str]], session: str, source: str, target: str) -> Plan:
    """The plan with one `session` taken off `source` and put on `target` (after its others)."""
    week: Plan = {day: list(plan.get(day, [])) for day in DAYS}
    week[source].remove(session)
    week[target].append(session)
    return week


def alternatives(
    request: WeekRequest, plan: Mapping[str, Sequence[str]], day: DayId, session: str
) -> Alternatives:
    """Every other day for `session` (placed on `day` in `plan`), scored by the checker.

    Raises NotPlaced when `day` does not hold `session`, and the checker's PlanError for a day
    or session id that does not exist.
    """
    placed = list(plan.get(day, []))
    if session not in placed:
        holds = f"it holds {', '.join(placed)}" if placed else "it holds no strength"
        raise NotPlaced("session", f"week.{day} has no session '{session}'; {holds}")
    current = evaluate(request, plan)
    known = {_key(conflict) for conflict in current.violations}
    options = [
        _alternative(
            cast(DayId, target),
            current,
            evaluate(request, moved(plan, session, day, target)),
            known,
        )
        for target in DAYS
        if target != day
    ]
    allowed = sorted((o for o in options if o.allowed), key=lambda o: o.cost_delta or 0)
    return Alternatives(
        day=day,
        session=session,
        objective=current.objective,
        feasible=current.feasible,
        alternatives=allowed + [o for o in options if not o.allowed],
    )


def _key(conflict: Conflict) -> tuple[HardRuleId, str]:
    # A breach the week already has reads the same after the move: same rule, same sentence.
    return conflict.rule, conflict.message


def _alternative(
    target: DayId, current: Evaluation, after: Evaluation, known: set[tuple[HardRuleId, str]]
) -> Alternative:
    name = DAY_NAMES[target]
    broken = [conflict for conflict in after.violations if _key(conflict) not in known]
    if broken:
        return Alternative(
            day=target,
            allowed=False,
            rule=broken[0].rule,
            conflicts=broken,
            reason=f"{'; '.join(c.message for c in broken)} ({broken[0].rule})",
        )
    delta = after.objective - current.objective
    trades = _trades(current, after)
    return Alternative(
        day=target,
        allowed=True,
        cost_delta=delta,
        goals=trades,
        reason=f"{name}: {_cost_words(delta)}"
        + (f" ({', '.join(_trade_words(t) for t in trades)})" if trades else ""),
    )


def _trades(current: Evaluation, after: Evaluation) -> list[GoalTrade]:
    """The goals whose cost differs between the two weeks, in rule-book order."""
    before = {p.goal: p.cost for p in current.penalties}
    moved_penalties = {p.goal: p for p in after.penalties}
    trades = []
    for goal in SoftGoalId:
        cost_before = before.get(goal, 0)
        penalty = moved_penalties.get(goal)
        cost_after = penalty.cost if penalty else 0
        if cost_before != cost_after:
            trades.append(
                GoalTrade(
                    goal=goal,
                    before=cost_before,
                    after=cost_after,
                    details=penalty.details if penalty else [],
                )
            )
    return trades


def _cost_words(delta: int) -> str:
    if delta > 0:
        return f"costs {delta} more"
    if delta < 0:
        return f"saves {-delta}"
    return "costs the same"


def _trade_words(trade: GoalTrade) -> str:
    change = trade.after - trade.before
    return f"{trade.goal} {'+' if change > 0 else ''}{change}"
