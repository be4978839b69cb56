"""Time a replan against a fresh solve of the same week, over the scenario library.

For every library scenario that solves, and for each `today` in --days: the week it solves to is
the held week; the replan misses the first session on or before today (when there is one) and
reports heavy legs. Each case times `replan()` (reading the reports, the model with the past
pinned and the stability goal, the changes with their reasons) and `solve()` of the scenario's
request, alternately in one process, `--rounds` times each; the case's figure is its median.
The answer: p50 over the cases of each, and their ratio (target: replan at most 1.5x a solve).

Usage: .venv/bin/python benchmarks/bench_replan.py [--rounds N] [--days wed,fri]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from solver import DAYS, solve
from solver.library import load_library
from solver.replan import ReplanRequest, replan

TARGET_RATIO = 1.5


def cases(days: list[str]) -> list[tuple[str, ReplanRequest]]:
    """(name, replan body) for every library scenario that solves, from each day in `days`."""
    scenarios, _ = load_library()
    found = []
    for name, scenario in sorted(scenarios.items()):
        held = solve(scenario.request)
        if held.status == "infeasible":
            continue
        for today in days:
            before = DAYS[: DAYS.index(today) + 1]
            placed = [(day, s) for day in before for s in held.plan[day]]
            missed = [{"day": placed[0][0], "session": placed[0][1]}] if placed else []
            body = ReplanRequest.model_validate(
                {
                    "request": scenario.request,
                    "week": held.model_dump(mode="json")["days"],
                    "today": today,
                    "missed": missed,
                    "legs": "heavy",
                }
            )
            found.append((f"{name}@{today}", body))
    return found


def timed_ms(action: Callable[[], object]) -> float:
    """Wall time of one call, in milliseconds."""
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    """Time each case both ways, alternating; print the p50s and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timings per case and way")
    parser.add_argument("--days", default="tue,thu,sat", help="the todays to replan from")
    args = parser.parse_args()
    replans, solves = [], []
    for _, body in cases(args.days.split(",")):
        replan_ms, solve_ms = [], []
        for _ in range(args.rounds):
            replan_ms.append(timed_ms(lambda body=body: replan(body)))
            solve_ms.append(timed_ms(lambda body=body: solve(body.request)))
        replans.append(statistics.median(replan_ms))
        solves.append(statistics.median(solve_ms))
    replan_p50, solve_p50 = statistics.median(replans), statistics.median(solves)
    ratios = [r / s for r, s in zip(replans, solves, strict=True)]
    ratio = replan_p50 / solve_p50
    print(f"{len(replans)} cases ({args.days}), {args.rounds} rounds each, medians per case")
    print(f"solve  p50 {solve_p50:.2f} ms  p90 {statistics.quantiles(solves, n=10)[-1]:.2f} ms")
    print(f"replan p50 {replan_p50:.2f} ms  p90 {statistics.quantiles(replans, n=10)[-1]:.2f} ms")
    print(
        f"replan/solve: p50 ratio {ratio:.2f}x (target <= {TARGET_RATIO}x), per-case ratio "
        f"median {statistics.median(ratios):.2f}x, max {max(ratios):.2f}x"
    )
    if ratio > TARGET_RATIO:
        raise SystemExit(f"replan p50 is {ratio:.2f}x a solve, over {TARGET_RATIO}x")


if __name__ == "__main__":
    main()
