"""Time the plan front door against the solve behind it: what reading the file and writing the
answer add.

For an 18-week and a 52-week calendar export (the shape of bench_import.py's), side by side in
one run: the solve alone (`solve_plan` on the plan already imported), and `POST /v1/plans/solve`
through the app in process (Flask's test client: no network) with the calendar as the body,
answered as JSON and as iCalendar (the posted events kept). The ratio says what share of a
request the front door is.

Usage: .venv/bin/python benchmarks/bench_plan_doors.py [--runs N]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from collections.abc import Callable

from bench_import import ics  # beside this file: run as a script

from api.app import create_app
from solver import PlanRequest, solve_plan
from solver.importers import import_plan


def median_ms(runs: int, work: Callable[[], object]) -> float:
    """The median wall time of `work`, in ms."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per measurement (median)")
    runs = parser.parse_args().runs
    logging.disable(logging.INFO)  # the access log line per request is not what is measured
    client = create_app({"TESTING": True, "DATABASE_URL": "sqlite://"}).test_client()
    for weeks in (18, 52):
        source = ics(weeks)
        request = PlanRequest.model_validate(import_plan(source).plan)

        def post(accept: str, body: bytes = source) -> None:
            answer = client.post(
                "/v1/plans/solve",
                data=body,
                content_type="text/calendar",
                headers={"Accept": accept},
            )
            assert answer.status_code == 200, answer.get_data(as_text=True)

        alone = median_ms(runs, lambda r=request: solve_plan(r))
        as_json = median_ms(runs, lambda: post("application/json"))
        as_ics = median_ms(runs, lambda: post("text/calendar"))
        print(
            f"{weeks:>3} weeks ({len(source) // 1024} KiB): solve alone {alone:7.1f} ms, "
            f"POST -> JSON {as_json:7.1f} ms ({as_json / alone:.2f}x), "
            f"POST -> iCalendar {as_ics:7.1f} ms ({as_ics / alone:.2f}x) (medians of {runs})"
        )


if __name__ == "__main__":
    main()
