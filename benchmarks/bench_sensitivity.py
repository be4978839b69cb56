"""Time weight sensitivity (every soft goal's range) for a week, against plain bisection.

Sensitivity re-solves the week to find where each goal's range ends; the lines of the competing
weeks say where to look. Plain bisection over 0..MAX_WEIGHT, the obvious alternative, is timed
beside it on the same week, and both must find the same ranges.

Usage: .venv/bin/python benchmarks/bench_sensitivity.py [--runs N] [--scenario PATH]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from solver import SOFT_GOALS, WeekRequest, solve
from solver.compare import with_weights
from solver.domain import MAX_WEIGHT
from solver.scenario import Scenario
from solver.sensitivity import sensitivity

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json"


def bisection_ranges(request: WeekRequest) -> tuple[list[tuple[int, int]], int]:
    """Each goal's range by bisection on both sides; and how many solves that took."""
    solves = 0

    def plan_at(goal: str, weight: int) -> dict[str, list[str]]:
        nonlocal solves
        solves += 1
        return solve(with_weights(request, {goal: weight})).plan

    current = solve(request).plan
    ranges = []
    for goal in SOFT_GOALS:
        weight = request.weight(goal)
        ends = []
        for end in (0, MAX_WEIGHT):
            if plan_at(goal, end) == current:
                ends.append(end)
                continue
            inside, outside = weight, end
            while abs(outside - inside) > 1:
                middle = (inside + outside) // 2
                if plan_at(goal, middle) == current:
                    inside = middle
                else:
                    outside = middle
            ends.append(inside)
        ranges.append((ends[0], ends[1]))
    return ranges, solves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each")
    parser.add_argument("--scenario", type=Path, default=TYPICAL, help="week to time")
    args = parser.parse_args()
    request = Scenario.load(args.scenario).request
    solve(request)  # warm up imports and caches

    ours, theirs = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        report = sensitivity(request)
        ours.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        ranges, bisection_solves = bisection_ranges(request)
        theirs.append((time.perf_counter() - started) * 1000)
    if ranges != [(g.low, g.high) for g in report.goals]:
        raise RuntimeError("sensitivity and bisection disagree on the ranges")

    print(f"week: {args.scenario.name}, {len(SOFT_GOALS)} goals, {args.runs} runs each, 1 worker")
    print(f"{'method':<22}{'solves':>7}{'median ms':>11}{'p90 ms':>9}")
    for name, solves, times in (
        ("trainweek sensitivity", report.solves, ours),
        ("plain bisection", bisection_solves, theirs),
    ):
        p90 = sorted(times)[int(len(times) * 0.9)]
        print(f"{name:<22}{solves:>7}{statistics.median(times):>11.1f}{p90:>9.1f}")


if __name__ == "__main__":
    main()
