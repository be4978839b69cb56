"""Time the plan model: an 18-week marathon plan, a 52-week and a 104-week one, one worker.

- 18 weeks: Hal Higdon's Marathon Novice 1 as trainweek plan JSON
  (scenarios/plans/higdon-marathon-novice1.json: run types, minutes and dates, no prose),
  built (the model) and solved to proven optimality: median of `--runs` solves.
- 52 and 104 weeks: the same plan's first 17 weeks cycled before the full 18 (a half marathon
  tune-up in every cycle), ending on the marathon: median solve time; the 104-week plan's peak
  memory is measured in a fresh subprocess (resource.getrusage: the whole process, Python and
  OR-Tools included).
- Side by side on the last 4 weeks of the 18 (peak to race): the whole-plan model, week by week
  (the old way, each week alone), and the exact dynamic program (the tests' referee), with
  each one's objective under the plan checker and the rules week by week breaks.

Usage: .venv/bin/python benchmarks/bench_plan.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from solver import PlanRequest, evaluate_plan, solve_plan
from solver.plan.baseline import week_by_week
from solver.plan.checker import evaluate_horizon
from solver.plan.exact import exact_optimum
from solver.plan.horizon import plan_horizon

ROOT = Path(__file__).resolve().parent.parent
HIGDON = ROOT / "scenarios" / "plans" / "higdon-marathon-novice1.json"
TARGET_18_MS = 250
TARGET_52_MS = 2000
TARGET_104_MB = 300


def higdon() -> dict[str, Any]:
    """The 18-week plan as JSON."""
    return json.loads(HIGDON.read_text(encoding="utf-8"))


def cycled(week_count: int) -> PlanRequest:
    """`week_count` weeks: the plan's first 17 weeks cycled, then its full 18, same start."""
    plan = higdon()
    weeks = plan["weeks"]
    lead_in = [weeks[index % 17] for index in range(week_count - len(weeks))]
    return PlanRequest.model_validate({**plan, "weeks": [*lead_in, *weeks]})


def last_weeks(count: int) -> PlanRequest:
    """The plan's last `count` weeks, from their own Monday."""
    plan = higdon()
    first = len(plan["weeks"]) - count
    start = PlanRequest.model_validate(plan).start + dt.timedelta(weeks=first)
    weeks = plan["weeks"][first:]
    return PlanRequest.model_validate({**plan, "start": start.isoformat(), "weeks": weeks})


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `action` in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def solve_optimal(request: PlanRequest) -> None:
    """Build and solve; the benchmark only counts proven optima."""
    result = solve_plan(request)
    if result.status != "optimal":
        raise SystemExit(f"not proven optimal: {result.status}")


PEAK_MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, {root!r})
from benchmarks.bench_plan import cycled, solve_optimal
solve_optimal(cycled(104))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory_mb() -> float:
    """Peak resident memory of a fresh process solving the 104-week plan, in MB."""
    child = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY_CHILD.format(root=str(ROOT))],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux


def side_by_side(runs: int) -> None:
    """Whole-plan model, week by week and the exact method on the last 4 weeks."""
    request = last_weeks(4)
    horizon = plan_horizon(request).horizon
    whole = solve_plan(request)
    baseline = week_by_week(horizon)
    exact = exact_optimum(horizon)
    assert exact.placed is not None and whole.status == "optimal"
    rows = [
        ("whole-plan model", median_ms(lambda: solve_plan(request), runs), whole.objective, 0),
        (
            "week by week",
            median_ms(lambda: week_by_week(horizon), runs),
            baseline.evaluation.objective,
            len(baseline.evaluation.violations),
        ),
        (
            "exact (DP over days)",
            median_ms(lambda: exact_optimum(horizon), max(1, runs // 10)),
            evaluate_horizon(horizon, exact.placed).objective,
            0,
        ),
    ]
    print(f"\n4-week plan ({request.start} .. {request.end}), {exact.states} DP states:")
    print(f"{'method':24} {'median ms':>10} {'objective':>10} {'rules broken':>13}")
    for name, ms, objective, broken in rows:
        print(f"{name:24} {ms:10.1f} {objective:10} {broken:13}")
    for violation in baseline.evaluation.violations:
        print(f"  week by week breaks {violation.rule}: {violation.message}")


def random_breaks(count: int) -> None:
    """How often week by week breaks a rule on the tests' random plans (2-4 weeks) that have
    a plan (a week with no placement of its own makes the whole plan infeasible too)."""
    sys.path.insert(0, str(ROOT))
    from tests.solver.plan.random_plans import random_plan

    broken: dict[str, int] = {}
    feasible = plans_broken = model_broken = 0
    for seed in range(count):
        request = random_plan(seed)
        result = solve_plan(request)
        if result.status == "infeasible":
            continue
        feasible += 1
        model_broken += not evaluate_plan(request, result.placement).feasible
        evaluation = week_by_week(plan_horizon(request).horizon).evaluation
        plans_broken += not evaluation.feasible
        for violation in evaluation.violations:
            broken[violation.rule] = broken.get(violation.rule, 0) + 1
    print(
        f"\n{feasible} of {count} random plans of 2-4 weeks have a plan: week by week breaks "
        f"hard rules in {plans_broken} of them "
        f"({', '.join(f'{rule} {n}' for rule, n in sorted(broken.items()))}); "
        f"the whole-plan model in {model_broken}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="solves per median (default 21)")
    args = parser.parse_args()

    eighteen = PlanRequest.model_validate(higdon())
    fifty_two, hundred_four = cycled(52), cycled(104)
    solve_optimal(eighteen)  # warm up imports and caches
    ms_18 = median_ms(lambda: solve_optimal(eighteen), args.runs)
    ms_52 = median_ms(lambda: solve_optimal(fifty_two), max(3, args.runs // 3))
    ms_104 = median_ms(lambda: solve_optimal(hundred_four), max(3, args.runs // 5))
    memory = peak_memory_mb()
    baseline = week_by_week(plan_horizon(eighteen).horizon).evaluation
    print("plan, built and solved to proven optimality, one worker (median):")
    print(f"  18 weeks (Higdon Novice 1): {ms_18:8.1f} ms   target <= {TARGET_18_MS} ms")
    print(f"  52 weeks:                   {ms_52:8.1f} ms   target <= {TARGET_52_MS} ms")
    print(f"  104 weeks:                  {ms_104:8.1f} ms")
    print(f"  104 weeks, peak memory:     {memory:8.1f} MB   target < {TARGET_104_MB} MB")
    print(
        f"  18 weeks week by week: {len(baseline.violations)} hard rule(s) broken across "
        f"week boundaries, objective {baseline.objective} under the plan checker"
    )
    side_by_side(args.runs)
    random_breaks(100)


if __name__ == "__main__":
    main()
