"""Time alternatives for every placed session against a solve of the same week, per scenario.

Each scenario of the library that has a week is solved (timed), then for every session the
week places, `solver.alternatives.alternatives` scores the six other days (timed); on a week
with times, each time window of a day with times (and the session's own day's other windows),
from the solve's starts. The ratio is one session's alternatives over one solve of the same
week, in the same run; the target is at most 5x (issue 13). The weeks with times are summed up
on their own line too. Exits 1 when a scenario misses it.

Usage: .venv/bin/python benchmarks/bench_alternatives.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from solver import DAYS, solve
from solver.alternatives import alternatives
from solver.cpsat.solve import WEEK_MODELS
from solver.library import load_library

TARGET_RATIO = 5.0


def median_ms(work: Callable[[], object], runs: int) -> float:
    """The median wall time of `work` over `runs` runs, in milliseconds."""
    times = []
    for _ in range(runs):
        WEEK_MODELS.clear()  # a solve is of a week new to the solver: its model built
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each, median kept")
    args = parser.parse_args()
    scenarios, _ = load_library()
    rows = []
    for name, scenario in sorted(scenarios.items()):
        request = scenario.request
        result = solve(request)  # warm up, and the week whose sessions move
        if result.status == "infeasible":
            continue
        plan, starts = result.plan, result.starts
        timed = any(day.is_timed for day in request.week)
        placed = [(day, session) for day in DAYS for session in plan[day]]
        if not placed:
            continue
        solve_ms = median_ms(partial(solve, request), args.runs)
        per_session = [
            median_ms(partial(alternatives, request, plan, day, session, starts), args.runs)
            for day, session in placed
        ]
        ratio = max(per_session) / solve_ms
        rows.append((name, len(placed), solve_ms, max(per_session), ratio, timed))

    print(f"{len(rows)} scenarios with a week, {args.runs} runs each (median), 1 solver worker")
    print(f"{'scenario':<48}{'sessions':>9}{'solve ms':>10}{'alt ms':>8}{'ratio':>7}")
    for name, count, solve_ms, alt_ms, ratio, timed in rows:
        name = f"{name} (timed)" if timed else name
        print(f"{name:<48}{count:>9}{solve_ms:>10.1f}{alt_ms:>8.2f}{ratio:>7.2f}")
    ratios = [row[4] for row in rows]
    print(
        f"alternatives for one session / one solve: median {statistics.median(ratios):.2f}x, "
        f"worst {max(ratios):.2f}x (target <= {TARGET_RATIO:g}x)"
    )
    timed_rows = [row for row in rows if row[5]]
    if timed_rows:
        timed_ratios = [row[4] for row in timed_rows]
        print(
            f"  of which {len(timed_rows)} weeks with times: median "
            f"{statistics.median(timed_ratios):.2f}x, worst {max(timed_ratios):.2f}x, "
            f"alternatives {max(row[3] for row in timed_rows):.1f} ms at most"
        )
    return 0 if max(ratios) <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
