"""HTTP latency and throughput of the real server (`trainweek serve`), over loopback.

    .venv/bin/python benchmarks/bench_http.py [--rounds 500] [--threads 8] [--seconds 5]

Latency: POST /v1/weeks/solve (the Hansons scenario) interleaved with GET /healthz on one
keep-alive connection, so the ratio of their medians is what a solve costs over plain HTTP;
"of which solver" is the solver's own wall_time_ms from each answer.
Throughput: several client threads, each on its own keep-alive connection, posting the same
week for a few seconds. Client and server share the machine: the figures are a floor.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from solver.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json"
HOST = "127.0.0.1"
JSON_HEADERS = {"Content-Type": "application/json"}


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    """`trainweek serve` on the port, once it answers /healthz."""
    command = [str(Path(sys.executable).with_name("trainweek")), "serve"]
    # The bench is one address asking hundreds of times a second: measure the server, not the
    # rate limit it would otherwise meet at once.
    environment = {**os.environ, "PORT": str(port), "TRAINWEEK_RATELIMIT_ENABLED": "false"}
    process = subprocess.Popen(command, env=environment, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not answer /healthz within 30 s")


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


def latency(port: int, body: bytes, rounds: int) -> tuple[list[float], list[float], list[float]]:
    """Solve and healthz latencies interleaved on one keep-alive connection, and solver times."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    for _ in range(20):  # warm up both workers' imports and caches
        timed(connection, "POST", "/v1/weeks/solve", body)
        timed(connection, "GET", "/healthz", None)
    solves, healthz, solver = [], [], []
    for _ in range(rounds):
        elapsed, answer = timed(connection, "POST", "/v1/weeks/solve", body)
        solves.append(elapsed)
        solver.append(json.loads(answer)["solver"]["wall_time_ms"])
        healthz.append(timed(connection, "GET", "/healthz", None)[0])
    connection.close()
    return solves, healthz, solver


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


def main() -> None:
    """Start the server, measure, print the table, stop the server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500, help="solve+healthz pairs timed")
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=5.0, help="throughput run length")
    args = parser.parse_args()

    body = Scenario.load(SCENARIO).request.model_dump_json(exclude_defaults=True).encode()
    port = free_port()
    server = start_server(port)
    try:
        solves, healthz, solver = latency(port, body, args.rounds)
        count, elapsed = throughput(port, body, args.threads, args.seconds)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)

    print(f"trainweek serve on {HOST}:{port} (gunicorn, 2 gthread workers); {SCENARIO.name}")
    print(f"{'request':<22}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}")
    for name, samples in (
        ("POST /v1/weeks/solve", solves),
        ("  of which solver", solver),
        ("GET /healthz", healthz),
    ):
        print(
            f"{name:<22}{len(samples):>6}{percentile(samples, 50):>10.2f}"
            f"{percentile(samples, 99):>10.2f}"
        )
    ratio = percentile(solves, 50) / percentile(healthz, 50)
    print(f"solve/healthz p50 ratio: {ratio:.1f}x (target <= 2.5x)")
    print(
        f"throughput: {count / elapsed:.0f} solves/s with {args.threads} client threads "
        f"over {elapsed:.1f} s (target >= 300)"
    )


if __name__ == "__main__":
    main()
