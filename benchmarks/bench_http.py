"""HTTP latency and throughput of the real server (`trainweek serve`), over loopback.

    .venv/bin/python benchmarks/bench_http.py [--server both|serve|gthread] [--rounds 500]
        [--threads 8] [--seconds 5] [--repeat 1]

`--server both` (the default) measures today's `trainweek serve` and the gunicorn gthread setup
it replaced, one after the other in the same run, `--repeat` times each, alternating.

Latency: POST /v1/weeks/solve (the Hansons scenario) interleaved with GET /healthz on one
keep-alive connection, so the ratio of their medians is what a solve costs over plain HTTP.
Three kinds of solve, interleaved:
- the same week posted again: answered from the service's cache of optimal weeks
  (api/services/week_cache.py);
- the week under new weights (three goals' weights stepping through 0..10, as a coach moving
  sliders): solved, on the week's model kept from before (solver/cpsat/solve.py, WeekModels);
- a new week (the same days on another date each time, so neither the answer nor the model
  is kept): built and solved.
"of which solver" is the solver's own wall_time_ms from the answers.
Throughput: several client threads, each on its own keep-alive connection, posting the same
week for a few seconds (so, after the first, from the cache). Client and server share the
machine: the figures are a floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import itertools
import json
import statistics
import threading
import time
from pathlib import Path

from servers import HOST, KINDS, free_port, start_server, stop_server

from solver.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json"
JSON_HEADERS = {"Content-Type": "application/json"}


def timed(
    connection: http.client.HTTPConnection, method: str, path: str, body: bytes | None
) -> tuple[float, bytes]:
    """One request on the connection: its wall time in milliseconds, and the body read in full."""
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=JSON_HEADERS if body else {})
    response = connection.getresponse()
    answer = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise SystemExit(f"{method} {path}: HTTP {response.status}")
    return elapsed, answer


def percentile(samples: list[float], pct: int) -> float:
    """The pct-th percentile (1..99) of the samples."""
    return statistics.quantiles(samples, n=100, method="inclusive")[pct - 1]


SLIDERS = ("spread_sessions", "variety", "strength_on_hard_days")
"""The goals whose weights the reweighted weeks step through."""
FIRST_MONDAY = dt.date(2030, 1, 7)


def reweighted(body: bytes, count: int) -> list[bytes]:
    """The week under `count` weight settings, none the same and none the body's own."""
    week = json.loads(body)
    settings = ((i // 121 % 11, i // 11 % 11, i % 11) for i in range(1, 1331))
    return [
        json.dumps(
            {
                **week,
                "weights": {**week.get("weights", {}), **dict(zip(SLIDERS, weights, strict=True))},
            }
        ).encode()
        for weights in itertools.islice(settings, count)
    ]


def on_new_dates(body: bytes, count: int) -> list[bytes]:
    """The week on `count` dates, one a week from 2030 on: each a request not seen before."""
    week = json.loads(body)
    return [
        json.dumps({**week, "week_of": (FIRST_MONDAY + dt.timedelta(weeks=i)).isoformat()}).encode()
        for i in range(count)
    ]


Samples = dict[str, list[float]]


def latency(port: int, body: bytes, rounds: int) -> Samples:
    """The same week, the week under new weights, a new week, and healthz, interleaved on one
    keep-alive connection; and the solver's times of the last two."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    for _ in range(20):  # warm up both workers' imports and caches
        timed(connection, "POST", "/v1/weeks/solve", body)
        timed(connection, "GET", "/healthz", None)
    samples: Samples = {key: [] for key in ("same", "reweighted", "new", "solver", "healthz")}
    for weights, date in zip(reweighted(body, rounds), on_new_dates(body, rounds), strict=True):
        samples["same"].append(timed(connection, "POST", "/v1/weeks/solve", body)[0])
        for key, week in (("reweighted", weights), ("new", date)):
            elapsed, answer = timed(connection, "POST", "/v1/weeks/solve", week)
            solved = json.loads(answer)["solver"]
            if solved["cached"]:
                raise SystemExit("a week came from the cache: the bench's weeks are not new")
            samples[key].append(elapsed)
            samples["solver"].append(solved["wall_time_ms"])
        samples["healthz"].append(timed(connection, "GET", "/healthz", None)[0])
    connection.close()
    return samples


def throughput(port: int, body: bytes, threads: int, seconds: float) -> tuple[int, float]:
    """Solves completed by `threads` clients in about `seconds`; (count, elapsed seconds)."""
    counts = [0] * threads
    stop_at = time.perf_counter() + seconds
    max_per_thread = 100_000  # a bound, whatever the clock does

    def client(index: int) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        while counts[index] < max_per_thread and time.perf_counter() < stop_at:
            timed(connection, "POST", "/v1/weeks/solve", body)
            counts[index] += 1
        connection.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts), time.perf_counter() - started


def measure(kind: str, body: bytes, args: argparse.Namespace) -> None:
    """Start one server, measure it, print its table, stop it."""
    port = free_port()
    server = start_server(kind, port)
    try:
        samples = latency(port, body, args.rounds)
        count, elapsed = throughput(port, body, args.threads, args.seconds)
    finally:
        stop_server(server)

    print(f"\n{kind}: on {HOST}:{port}; {SCENARIO.name}")
    print(f"{'request':<40}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}")
    for name, key in (
        ("POST /v1/weeks/solve, the same week", "same"),
        ("POST /v1/weeks/solve, new weights", "reweighted"),
        ("POST /v1/weeks/solve, a new week", "new"),
        ("  of which solver (last two)", "solver"),
        ("GET /healthz", "healthz"),
    ):
        print(
            f"{name:<40}{len(samples[key]):>6}{percentile(samples[key], 50):>10.2f}"
            f"{percentile(samples[key], 99):>10.2f}"
        )
    healthz = percentile(samples["healthz"], 50)
    for name, key in (
        ("the same week", "same"),
        ("new weights", "reweighted"),
        ("a new week", "new"),
    ):
        ratio = percentile(samples[key], 50) / healthz
        print(f"solve/healthz p50 ratio, {name}: {ratio:.1f}x (target <= 2.5x)")
    print(
        f"throughput: {count / elapsed:.0f} solves/s with {args.threads} client threads "
        f"over {elapsed:.1f} s (target >= 300)"
    )


def main() -> None:
    """Measure each server asked for, alternating when repeated."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=[*KINDS, "both"], default="both")
    parser.add_argument(
        "--rounds",
        type=int,
        default=500,
        choices=range(1, 1331),
        metavar="1..1330",
        help="rounds timed, each the same week, a new week and healthz",
    )
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=5.0, help="throughput run length")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each server")
    args = parser.parse_args()

    body = Scenario.load(SCENARIO).request.model_dump_json(exclude_defaults=True).encode()
    kinds = KINDS if args.server == "both" else (args.server,)
    for _ in range(args.repeat):
        for kind in kinds:
            measure(kind, body, args)


if __name__ == "__main__":
    main()
