"""How much solving one request may cost: a number of solves and seconds of solver time.

A week solves in milliseconds, but one request can ask for many solves (sensitivity follows
each goal's weight up and down) and each may run up to the week's `time_limit_s`. A budget
bounds both: what a request would need is estimated before solving where it can be, and the
spending is checked as it goes, each solve's time limit cut to what is left.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

# Sensitivity follows each of the 13 goals up and down: about 3 solves a goal, with room.
DEFAULT_MAX_SOLVES = 48
DEFAULT_MAX_SECONDS = 10.0


@dataclass(frozen=True)
class SolveBudget:
    """The most solving one request may do."""

    max_solves: int = DEFAULT_MAX_SOLVES
    max_seconds: float = DEFAULT_MAX_SECONDS


class OverBudget(Exception):
    """A request needs more solving than its budget: the message says why and what to send
    instead."""

    def __init__(self, message: str, budget: SolveBudget) -> None:
        super().__init__(message)
        self.budget = budget


@dataclass
class BudgetMeter:
    """What a request has spent of its budget so far, and the time limit of its next solve."""

    budget: SolveBudget
    # Says what to send instead, for the refusal's message ("send fewer goals ...").
    advice: str
    solves: int = 0
    started: float = field(default_factory=time.perf_counter)

    def require(self, solves: int, what: str) -> None:
        """Refuse now, before solving, when `what` needs more than `solves` allow in all."""
        if self.solves + solves > self.budget.max_solves:
            raise OverBudget(
                f"{what} needs more than {self.budget.max_solves} solves; {self.advice}",
                self.budget,
            )

    def next_time_limit(self, wanted_s: float, what: str) -> float:
        """Count one more solve and give its time limit: `wanted_s`, cut to the seconds left.

        OverBudget when no solve or no time is left.
        """
        self.require(1, what)
        left = self.budget.max_seconds - self.elapsed()
        if left <= 0:
            raise self.out_of_time(what)
        self.solves += 1
        return min(wanted_s, left)

    def out_of_time(self, what: str) -> OverBudget:
        """The refusal for a request whose solving ran past the budget's seconds."""
        return OverBudget(
            f"{what} needs more than {self.budget.max_seconds:g} s of solving; {self.advice}",
            self.budget,
        )

    def elapsed(self) -> float:
        """Seconds since the meter started."""
        return time.perf_counter() - self.started
