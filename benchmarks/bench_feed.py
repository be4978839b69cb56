"""What an athlete's calendar feed costs against reading their history, in process, on SQLite.

    .venv/bin/python benchmarks/bench_feed.py [--weeks 50] [--solves 10] [--rounds 30]

An athlete gets `--weeks` weeks (consecutive Mondays) solved `--solves` times each, the tempo a
minute longer each time, so every week's events have revisions to count: weeks x solves rows of
history (50 x 10 = 500, the default HISTORY_LIMIT). Then, alternating in the same run:
GET .../calendar.ics (the feed: every row read, grouped by week, revisions counted, the newest
solve of each week drawn) and GET .../history?limit=100 (one page of the same rows as JSON).
The figures are medians of `--rounds` requests each and their ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from api.app import create_app
from api.store import EXTENSION

DAYS = {
    "tue": {"runs": [{"type": "intervals", "minutes": 60}]},
    "thu": {"runs": [{"type": "tempo", "minutes": 50}]},
    "sat": {"runs": [{"type": "long", "minutes": 120}]},
}


def fill(client: FlaskClient, weeks: int, solves: int) -> tuple[str, dict[str, str], str]:
    """A coach, an athlete with weeks x solves solved weeks, and the athlete's feed URL."""
    token = client.post("/v1/coaches", json={"name": "Ana"}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    athlete = client.post(
        "/v1/athletes", json={"name": "Mia", "timezone": "Europe/Paris"}, headers=headers
    ).get_json()
    base = f"/v1/athletes/{athlete['id']}"
    monday = dt.date(2025, 1, 6)
    for week in range(weeks):
        week_of = (monday + dt.timedelta(weeks=week)).isoformat()
        for solve in range(solves):
            days: dict[str, Any] = {
                **DAYS,
                "thu": {"runs": [{"type": "tempo", "minutes": 50 + solve}]},
            }
            answer = client.post(
                f"{base}/solve", json={"week_of": week_of, "days": days}, headers=headers
            )
            if answer.status_code != 201:
                raise SystemExit(f"solve: HTTP {answer.status_code}")
    url = client.post(f"{base}/calendar/rotate", headers=headers).get_json()["calendar_url"]
    return base, headers, url


def timed(client: FlaskClient, path: str, headers: dict[str, str]) -> float:
    """One GET's wall time in milliseconds (200 expected)."""
    started = time.perf_counter()
    response = client.get(path, headers=headers)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {path}: HTTP {response.status_code}")
    return elapsed


def main() -> None:
    """Fill the history, then time the feed and a history page side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=50)
    parser.add_argument("--solves", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=30)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TESTING": True,
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                "HISTORY_LIMIT": options.weeks * options.solves,
            }
        )
        client = app.test_client()
        started = time.perf_counter()
        base, headers, url = fill(client, options.weeks, options.solves)
        filled_s = time.perf_counter() - started
        rows = options.weeks * options.solves
        print(f"history: {options.weeks} weeks x {options.solves} solves = {rows} rows", end="")
        print(f" (filled in {filled_s:.0f} s)")
        feed, page = [], []
        for _ in range(3):  # warm up
            timed(client, url, {})
            timed(client, f"{base}/history?limit=100", headers)
        for _ in range(options.rounds):
            feed.append(timed(client, url, {}))
            page.append(timed(client, f"{base}/history?limit=100", headers))
        events = client.get(url).get_data().count(b"BEGIN:VEVENT")
        app.extensions[EXTENSION].dispose()
    feed_ms, page_ms = statistics.median(feed), statistics.median(page)
    print(f"feed ({events} events):        median {feed_ms:8.1f} ms")
    print(f"history page (100 rows): median {page_ms:8.1f} ms")
    print(f"ratio feed / history page: {feed_ms / page_ms:.2f}")


if __name__ == "__main__":
    main()
