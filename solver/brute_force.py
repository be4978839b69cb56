"""Exhaustive search over every placement of a week, scored by the checker: the model's referee.

No ortools here. A placement puts at most one session on a day (two on a day always break
`one_session_per_day`) and at most `max_sessions` in the week. Days are first filtered by the
rules that concern one day alone (availability, race day), which no other day can change.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, product

from solver.catalogue import Session, catalogue
from solver.checker import Scorer
from solver.domain import DAYS, WeekRequest
from solver.horizon import Horizon, Replanning
from solver.result import Plan
from solver.rules import tie_break


@dataclass(frozen=True)
class BruteForceOptimum:
    """The best week found by trying them all, or `plan=None` when none keeps the hard rules."""

    plan: Plan | None
    objective: int | None
    tie_break: int | None
    placements_tried: int


def day_options(request: WeekRequest, scorer: Scorer) -> list[list[Session]]:
    """Per day, the sessions that break no rule on that day alone."""
    options = []
    for day_index in range(len(DAYS)):
        alone: list[list[Session]] = [[] for _ in DAYS]
        fitting = []
        for session in catalogue():
            alone[day_index] = [session]
            if not scorer.breaks_day_rule(alone, day_index):
                fitting.append(session)
        options.append(fitting)
    return options


def brute_force_optimum(
    request: WeekRequest, replanning: Replanning | None = None
) -> BruteForceOptimum:
    """Try every placement; the lowest (objective, tie-break) among those keeping the rules wins.

    With `replanning`, the week is scored as a replan (pinned past, stability goal).
    """
    scorer = Scorer(Horizon.of_week(request, replanning))
    options = day_options(request, scorer)
    open_days = [d for d in range(len(DAYS)) if options[d]]
    best: tuple[int, int] | None = None
    best_placed: list[list[Session]] | None = None
    tried = 0
    for count in range(request.strength.min_sessions, request.strength.max_sessions + 1):
        for days in combinations(open_days, count):
            for sessions in product(*(options[d] for d in days)):
                tried += 1
                placed: list[list[Session]] = [[] for _ in DAYS]
                for day_index, session in zip(days, sessions, strict=True):
                    placed[day_index] = [session]
                if scorer.breaks_hard_rule(placed):
                    continue
                plan = {DAYS[d]: [s.id] for d, s in zip(days, sessions, strict=True)}
                score = (scorer.objective(placed), tie_break(plan))
                if best is None or score < best:
                    best, best_placed = score, placed
    if best is None or best_placed is None:
        return BruteForceOptimum(None, None, None, tried)
    plan = {day: [s.id for s in best_placed[d]] for d, day in enumerate(DAYS)}
    return BruteForceOptimum(plan, best[0], best[1], tried)
