"""A timed week against the same week untimed: solve time of the scenario library, side by side.

Each scenario's week is solved as it is (no times: the model has no interval variables) and
given times: key runs at 06:30, the other runs at 07:00 or in the pm slot (every other day),
and the weekdays availability windows 06:00-07:30 and 17:30-21:00. A library week that has
times of its own is solved as it is beside the same week with its times taken out (no `at`,
`slot` or `windows`). Runs are interleaved so machine noise hits both alike; the ratio is of
the summed medians over the library (and the worst single week's). The issue's target: a timed
week at most 2x an untimed one.

Usage: .venv/bin/python benchmarks/bench_times.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from solver import DAYS, WeekRequest, solve
from solver.cpsat.solve import WEEK_MODELS
from solver.library import load_library

WEEKDAY_WINDOWS = [["06:00", "07:30"], ["17:30", "21:00"]]


def timed(request: WeekRequest) -> WeekRequest:
    """The same week with times: morning or pm runs, windows on the weekdays."""
    body: dict[str, Any] = request.model_dump(mode="json")
    for index, day_id in enumerate(DAYS):
        day = body["days"].setdefault(day_id, {})
        for run in day.get("runs", []):
            is_key = (
                run.get("key")
                if run.get("key") is not None
                else run["type"]
                in {
                    "long",
                    "tempo",
                    "intervals",
                    "hills",
                    "race",
                }
            )
            if is_key:
                run["at"] = "06:30"
            elif index % 2:
                run["slot"] = "pm"
            else:
                run["at"] = "07:00"
        if index < 5:
            day["windows"] = WEEKDAY_WINDOWS
    return WeekRequest.model_validate(body)


def untimed(request: WeekRequest) -> WeekRequest:
    """The same week without times: no run's `at` or `slot`, no day's `windows`."""
    body: dict[str, Any] = request.model_dump(mode="json")
    for day in body["days"].values():
        day.pop("windows", None)
        for run in day.get("runs", []):
            run.pop("at", None)
            run.pop("slot", None)
    return WeekRequest.model_validate(body)


def pair(request: WeekRequest) -> tuple[WeekRequest, WeekRequest]:
    """(the week without times, with times): a timed library week's own times, else made up."""
    if any(day.is_timed for day in request.week):
        return untimed(request), request
    return request, timed(request)


def median_ms(request: WeekRequest, runs: int) -> float:
    times = []
    for _ in range(runs):
        WEEK_MODELS.clear()  # each solve of a week new to the solver: its model built
        started = time.perf_counter()
        result = solve(request)
        times.append((time.perf_counter() - started) * 1000)
        if result.status == "feasible":
            raise RuntimeError("a week ran out of time: the comparison would not be fair")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per week and variant")
    args = parser.parse_args()
    scenarios, _ = load_library()
    pairs = {name: pair(s.request) for name, s in sorted(scenarios.items())}
    for plain, with_times in pairs.values():  # warm up imports and caches
        solve(plain), solve(with_times)
    rows = []
    for name, (plain, with_times) in pairs.items():
        # Interleaved, a few runs at a time, so noise hits both variants alike.
        untimed_ms = timed_ms = 0.0
        untimed_samples, timed_samples = [], []
        for _ in range(args.runs):
            untimed_samples.append(median_ms(plain, 1))
            timed_samples.append(median_ms(with_times, 1))
        untimed_ms = statistics.median(untimed_samples)
        timed_ms = statistics.median(timed_samples)
        rows.append((name, untimed_ms, timed_ms))
    print(f"{len(rows)} library weeks, {args.runs} runs each variant, 1 worker, median ms")
    print(f"{'week':<48}{'untimed':>9}{'timed':>9}{'ratio':>8}")
    for name, untimed_ms, timed_ms in rows:
        print(f"{name:<48}{untimed_ms:>9.2f}{timed_ms:>9.2f}{timed_ms / untimed_ms:>7.2f}x")
    total_untimed = sum(row[1] for row in rows)
    total_timed = sum(row[2] for row in rows)
    worst = max(rows, key=lambda row: row[2] / row[1])
    print(
        f"{'library total':<48}{total_untimed:>9.2f}{total_timed:>9.2f}"
        f"{total_timed / total_untimed:>7.2f}x"
    )
    print(f"worst week: {worst[0]} at {worst[2] / worst[1]:.2f}x")


if __name__ == "__main__":
    main()
