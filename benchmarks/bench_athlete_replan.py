"""What replanning an athlete's stored week costs against solving it, over HTTP in process, on
SQLite.

    .venv/bin/python benchmarks/bench_athlete_replan.py [--rounds 30]

An athlete with a three-run default week (week_of set, so the feed would show it). Alternating
in the same run: POST .../solve (the default week solved and kept) and, right after it,
POST .../replan (that newest week replanned from Wednesday with Tuesday's session missed and
heavy legs, and kept). Both read the athlete, solve once and write one history row; the replan
also reads the newest row and words its changes. The figures are the medians of `--rounds`
requests each and their ratio (the week replan's target: at most 1.5x a solve).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from flask.testing import FlaskClient

from api.app import create_app
from api.store import EXTENSION

DAYS = {
    "tue": {"runs": [{"type": "intervals", "minutes": 60}]},
    "thu": {"runs": [{"type": "tempo", "minutes": 50}]},
    "sat": {"runs": [{"type": "long", "minutes": 120}]},
}
TARGET_RATIO = 1.5


def main() -> None:
    """Time solve and replan alternately; print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # TESTING: no rate limits, which two requests a round would soon meet.
        app = create_app(
            {"TESTING": True, "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}"}
        )
        solve_ms, replan_ms = timed_pairs(app.test_client(), args.rounds)
        app.extensions[EXTENSION].dispose()
    print(f"athlete solve  p50 {solve_ms:.2f} ms over {args.rounds} requests")
    print(f"athlete replan p50 {replan_ms:.2f} ms over {args.rounds} requests")
    print(f"ratio {replan_ms / solve_ms:.2f}x (target at most {TARGET_RATIO}x)")


def timed_pairs(client: FlaskClient, rounds: int) -> tuple[float, float]:
    """The median milliseconds of a solve and of the replan right after it."""
    token = client.post("/v1/coaches", json={"name": "Ana"}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    athlete = client.post(
        "/v1/athletes",
        json={"name": "Mia", "default_week": {"week_of": "2025-03-03", "days": DAYS}},
        headers=headers,
    ).get_json()["id"]
    solves, replans = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        solved = client.post(f"/v1/athletes/{athlete}/solve", headers=headers)
        solves.append((time.perf_counter() - started) * 1000)
        assert solved.status_code == 201, solved.get_data(as_text=True)
        tuesday = solved.get_json()["result"]["days"]["tue"]["strength"]
        missed = [{"day": "tue", "session": placed["session"]} for placed in tuesday]
        body = {"today": "wed", "missed": missed, "legs": "heavy"}
        started = time.perf_counter()
        replanned = client.post(f"/v1/athletes/{athlete}/replan", json=body, headers=headers)
        replans.append((time.perf_counter() - started) * 1000)
        assert replanned.status_code == 201, replanned.get_data(as_text=True)
    return statistics.median(solves), statistics.median(replans)


if __name__ == "__main__":
    main()
