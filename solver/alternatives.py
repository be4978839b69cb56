"""Where else one placed session could go: "why not Thursday?", answered by the checker.

Each other day of the week is the week with that one session moved there, scored by the
independent checker (`solver/checker.py`, no ortools): a move that breaks a hard rule the week
keeps is not allowed, with the rule and the checker's own sentence naming the day and the run
that forbids it; an allowed move has the difference in the week's cost and the goals it trades.
The session's current day is left out: its cost difference is 0 by definition, and the answer's
`objective` is the cost of the week as it stands.

On a day with times (`solver/times.py`) a candidate is a **time window** of the day, each its
own alternative with `at`, the best start inside it:

- a day with availability windows: each window;
- a day with times but no windows (a run with `at` or a slot): its morning and its afternoon,
  the run slots `am` (05:00-12:00) and `pm` (12:00-22:00), so "before work or after" reads as
  two entries rather than one of the whole open day; a slot a run of the day takes whole (a
  run in that slot) is left out, as nothing can start there;
- a window no start of the 15-minute grid falls in (21:48-21:51) is left out too.

The best start inside a window is the checker's (`Scorer.best_start_within`: the earliest of
the fewest timed rules broken, then the least timed goals' cost, among the 15-minute grid's
starts in the window); when every start there breaks a rule, that start's breach is the
reason, naming its time and the run's. The session's own day is a candidate too, at its other
windows (the window holding its current start is where it is). A day without times stays one
entry without `at`, so a week without times answers exactly as before times existed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from pydantic import BaseModel, Field

from solver.catalogue import session_by_id
from solver.checker import Scorer, evaluate, horizon_starts, parse_plan
from solver.domain import DAY_NAMES, DAYS, Day, DayId, WeekRequest
from solver.result import Conflict, Evaluation, Plan
from solver.rules import HardRuleId, SoftGoalId
from solver.times import SLOTS, STARTS, clock_of, timed_runs, windows

# A proposed week's starts: day id -> the start minute of each placed session, in the plan's
# order (None: not given; on a day with times the checker then gives its best start).
DayStarts = Mapping[str, Sequence[int | None]]


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
    at: str | None = Field(
        default=None,
        exclude_if=lambda at: at is None,
        description="On a day with times: when the session would start, local time as HH:MM, "
        "the best start inside one of the day's time windows (each window is its own "
        "alternative). Left out on a day without times.",
    )
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
    """Every other day (and time window) for one placed session, allowed ones first by cost."""

    day: DayId = Field(description="The day the session is on now.")
    at: str | None = Field(
        default=None,
        exclude_if=lambda at: at is None,
        description="When the session starts now, on a day with times (as given in the week, "
        "else its best start).",
    )
    session: str = Field(description="Catalogue id of the session being moved.")
    objective: int = Field(description="The week's total penalty as it stands (the checker's).")
    feasible: bool = Field(
        description="Whether the week as it stands keeps every hard rule; when it does not, "
        "a move is allowed when it breaks no rule the week does not already break."
    )
    alternatives: list[Alternative] = Field(
        description="The six other days, a day with times once per time window (its own day "
        "too, at its other windows): allowed ones first, cheapest first (ties in day and time "
        "order), then those not allowed, in day and time order."
    )


def moved(plan: Mapping[str, Sequence[str]], session: str, source: str, target: str) -> Plan:
    """The plan with one `session` taken off `source` and put on `target` (after its others)."""
    week: Plan = {day: list(plan.get(day, [])) for day in DAYS}
    week[source].remove(session)
    week[target].append(session)
    return week


def moved_starts(
    plan: Mapping[str, Sequence[str]],
    starts: DayStarts | None,
    session: str,
    source: str,
    target: str,
    at: int | None,
) -> dict[str, list[int | None]]:
    """The starts of `moved(plan, session, source, target)`: the others' as given, the moved
    session's `at` (None: its best start, or a day without times)."""
    given = starts or {}
    week: dict[str, list[int | None]] = {}
    for day in DAYS:
        day_starts = list(given.get(day, []))
        week[day] = day_starts + [None] * (len(plan.get(day, [])) - len(day_starts))
    week[source].pop(list(plan[source]).index(session))
    week[target].append(at)
    return week


def time_windows(day: Day) -> list[tuple[int, int]]:
    """A day with times' candidate windows, in minutes: its availability windows, else its
    morning and afternoon (the run slots) less a slot a run of the day takes whole. A window
    no start of the 15-minute grid falls in (21:48-21:51) is left out: nothing starts there."""
    if day.windows:
        candidates = windows(day)
    else:
        runs = [(start, end) for _, start, end in timed_runs(day)]
        candidates = [
            (low, high)
            for low, high in SLOTS.values()
            if not any(start <= low and high <= end for start, end in runs)
        ]
    return [(low, high) for low, high in candidates if any(low <= s < high for s in STARTS)]


def alternatives(
    request: WeekRequest,
    plan: Mapping[str, Sequence[str]],
    day: DayId,
    session: str,
    starts: DayStarts | None = None,
) -> Alternatives:
    """Every other day (and time window) for `session` (placed on `day` in `plan`, starting as
    `starts` gives), scored by the checker.

    Raises NotPlaced when `day` does not hold `session`, and the checker's PlanError for a day
    or session id that does not exist.
    """
    placed = list(plan.get(day, []))
    if session not in placed:
        holds = f"it holds {', '.join(placed)}" if placed else "it holds no strength"
        raise NotPlaced("session", f"week.{day} has no session '{session}'; {holds}")
    current = evaluate(request, plan, starts)
    known = {_key(conflict) for conflict in current.violations}
    scorer = Scorer(request)
    now = _start_now(scorer, request, plan, starts, day, placed.index(session))
    moving = session_by_id()[session]
    options: list[tuple[DayId, int | None]] = []
    for index, target in enumerate(DAYS):
        target_day = request.day(target)
        if not target_day.is_timed:
            if target != day:
                options.append((cast(DayId, target), None))
            continue
        for low, high in time_windows(target_day):
            if target == day and now is not None and low <= now < high:
                continue  # where it is
            options.append(
                (cast(DayId, target), scorer.best_start_within(index, moving, low, high))
            )
    scored = [
        _alternative(
            target,
            at,
            current,
            evaluate(
                request,
                moved(plan, session, day, target),
                moved_starts(plan, starts, session, day, target, at),
            ),
            known,
        )
        for target, at in options
    ]
    allowed = sorted((o for o in scored if o.allowed), key=lambda o: o.cost_delta or 0)
    return Alternatives(
        day=day,
        at=None if now is None else clock_of(now),
        session=session,
        objective=current.objective,
        feasible=current.feasible,
        alternatives=allowed + [o for o in scored if not o.allowed],
    )


def _start_now(
    scorer: Scorer,
    request: WeekRequest,
    plan: Mapping[str, Sequence[str]],
    starts: DayStarts | None,
    day: DayId,
    place: int,
) -> int | None:
    """When the session starts in the week as it stands: as given, else its best start."""
    if not request.day(day).is_timed:
        return None
    day_index = DAYS.index(day)
    given = list((starts or {}).get(day, []))
    if place < len(given) and given[place] is not None:
        return given[place]
    week = parse_plan(plan)
    return horizon_starts(scorer.horizon, week)[day_index][place]


def _key(conflict: Conflict) -> tuple[HardRuleId, str]:
    # A breach the week already has reads the same after the move: same rule, same sentence.
    return conflict.rule, conflict.message


def _alternative(
    target: DayId,
    at: int | None,
    current: Evaluation,
    after: Evaluation,
    known: set[tuple[HardRuleId, str]],
) -> Alternative:
    name = DAY_NAMES[target] if at is None else f"{DAY_NAMES[target]} {clock_of(at)}"
    clock = None if at is None else clock_of(at)
    broken = [conflict for conflict in after.violations if _key(conflict) not in known]
    if broken:
        return Alternative(
            day=target,
            at=clock,
            allowed=False,
            rule=broken[0].rule,
            conflicts=broken,
            reason=f"{'; '.join(c.message for c in broken)} ({broken[0].rule})",
        )
    delta = after.objective - current.objective
    trades = _trades(current, after)
    return Alternative(
        day=target,
        at=clock,
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
