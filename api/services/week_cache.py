"""Optimal weeks kept by request: the same request again is answered without solving.

A week's answer depends on its request alone: CP-SAT searches with one worker and a fixed
seed, and the objective breaks every tie (`solver.rules.tie_break`), so the same request gives
the same week. The service keeps the latest optimal answers, the least recently asked for
leaving first. A coach moving a slider back, the page reloading, an app asking again, the
sensitivity of the week just solved: each gets its week without solving it again.

Only optimal answers are kept: a week the time limit cut short depends on the machine's load,
and an infeasible week is explained anew each time. A kept answer says so (`solver.cached`);
its `wall_time_ms` is the time the first solve took.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from solver import WeekRequest, WeekResult, solve

DEFAULT_SIZE = 1024
"""Answers kept at most: a week's request and answer take a few kilobytes, so a few MB in all."""


class WeekCache:
    """The latest optimal answers, by request; `size` 0 keeps none."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._answers: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def solve(self, request: WeekRequest) -> WeekResult:
        """The request's answer: the kept one when this request was solved before, or a new
        solve (kept when optimal)."""
        if not self.size:
            return solve(request)
        key = request.model_dump_json()
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None:
                self._answers.move_to_end(key)
        if kept is not None:
            # Each caller gets its own copy, to change as it likes.
            answer = WeekResult.model_validate_json(kept)
            answer.solver.cached = True
            return answer
        result = solve(request)
        if result.status == "optimal":
            with self._lock:
                self._answers[key] = result.model_dump_json()
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return result

    def __len__(self) -> int:
        return len(self._answers)


UNCACHED = WeekCache(0)
"""Solves every request: for the CLI, whose process answers once."""
