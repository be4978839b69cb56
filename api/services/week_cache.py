"""Optimal weeks kept by request: the same request again is answered without solving.

A week's answer depends on its request alone: CP-SAT searches with one worker and a fixed
seed, and the objective breaks every tie (`solver.rules.tie_break`), so the same request gives
the same week. The service keeps the latest optimal answers, the least recently asked for
leaving first. A coach moving a slider back, the page reloading, an app asking again, an
athlete's week solved again: each gets its week without solving it again. (Sensitivity and
compare solve on their own, within their budget.)

Only optimal answers are kept: a week the time limit cut short depends on the machine's load,
and an infeasible week is explained anew each time. A kept answer says so (`solver.cached`);
its `wall_time_ms` is the time the first solve took.

The cache is bounded by the size of what it keeps, requests and answers as JSON, not by their
number: a week and its answer take 2 to 5 kB, but a client posting large weeks (up to the body
limit) must not grow a worker's memory past the bound.
"""

from __future__ import annotations

from solver import WeekRequest, WeekResult, solve
from solver.recent import Recent

DEFAULT_MB = 8
"""The cache's bound, in MiB of JSON: some two thousand weeks."""


class WeekCache:
    """The latest optimal answers, by request, within `max_bytes` of JSON; 0 keeps none."""

    def __init__(self, max_bytes: int = DEFAULT_MB * 2**20) -> None:
        self.max_bytes = max_bytes
        self._answers: Recent[str, str] = Recent(
            max_bytes, lambda key, answer: len(key) + len(answer)
        )

    @property
    def nbytes(self) -> int:
        """The bytes of JSON kept, requests and answers."""
        return self._answers.used

    def solve(self, request: WeekRequest) -> WeekResult:
        """The request's answer: the kept one when this request was solved before, or a new
        solve (kept when optimal)."""
        if not self.max_bytes:
            return solve(request)
        key = request.model_dump_json()
        kept = self._answers.get(key)
        if kept is not None:
            # Each caller gets its own copy, to change as it likes.
            answer = WeekResult.model_validate_json(kept)
            answer.solver.cached = True
            return answer
        result = solve(request)
        if result.status == "optimal":
            self._answers.put(key, result.model_dump_json())
        return result

    def __len__(self) -> int:
        return len(self._answers)


UNCACHED = WeekCache(0)
"""Solves every request: for the CLI, whose process answers once."""
