"""Prometheus metrics at `GET /metrics` (text format 0.0.4), summed over every worker process.

- `trainweek_http_requests_total{method, route, status}`: requests answered, by route template.
- `trainweek_problems_total{type, status}`: problem+json answers, by their `type`.
- `trainweek_solves_total{route, status}`: weeks solved over HTTP, by the week's status
  (`optimal`, `feasible`, `infeasible`; compare answers two weeks, so counts two).
- `trainweek_solve_duration_seconds{route}`: how long a request that solved took to answer.
- `trainweek_week_cache_hits{route}`: of those solves, the weeks answered from the worker's
  cache (`api/services/week_cache.py`): with `trainweek_solves` it says how well
  `WEEK_CACHE_MB` serves.

The routes that solve say so with `solved(status, cached=...)`; a 422 for a week that cannot
exist counts as an `infeasible` solve of its route. Everything else is read off the request and
the response.

Several processes: gunicorn's workers each count in their own memory unless prometheus_client
runs in multiprocess mode, which it picks once, when first imported, from
`PROMETHEUS_MULTIPROC_DIR`. So this module imports prometheus_client only inside functions that
run in a worker, and the server calls `shared_across_workers()` in its master before any worker
starts: the folder is set by then, each worker writes its own files there, and `/metrics` in any
worker sums them all (workers recycled by `max_requests` included).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, Response, g, request

from api.problems import INFEASIBLE, INFEASIBLE_PLAN, PROBLEM_MIMETYPE

if TYPE_CHECKING:
    from prometheus_client import Counter, Histogram

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# From a few milliseconds (most weeks) to the 30 s cap on time_limit_s.
SOLVE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Labels come from a short fixed list, whatever a client sends: unknown paths and methods
# would otherwise each start a new time series.
UNMATCHED_ROUTE = "unmatched"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class Metrics:
    """The service's metrics, created once per process."""

    requests: Counter
    problems: Counter
    solves: Counter
    solve_seconds: Histogram
    cache_hits: Counter


@functools.cache
def metrics() -> Metrics:
    """This process's metrics (imports prometheus_client: call it in a worker, not the master)."""
    from prometheus_client import Counter, Histogram, disable_created_metrics

    # `_created` timestamps double the series, and multiprocess mode leaves them out anyway.
    disable_created_metrics()
    return Metrics(
        requests=Counter(
            "trainweek_http_requests",
            "HTTP requests answered, by method, route template and status code.",
            ["method", "route", "status"],
        ),
        problems=Counter(
            "trainweek_problems",
            "application/problem+json answers, by problem type and status code.",
            ["type", "status"],
        ),
        solves=Counter(
            "trainweek_solves",
            "Weeks solved over HTTP, by route and the week's status.",
            ["route", "status"],
        ),
        solve_seconds=Histogram(
            "trainweek_solve_duration_seconds",
            "Time to answer a request that solved a week, by route.",
            ["route"],
            buckets=SOLVE_BUCKETS,
        ),
        cache_hits=Counter(
            "trainweek_week_cache_hits",
            "Weeks answered from the worker's cache of optimal weeks, by route.",
            ["route"],
        ),
    )


def init_app(app: Flask) -> None:
    """Count every request and serve `/metrics` (a plain route, outside the OpenAPI document)."""
    metrics()
    app.before_request(_start)
    app.after_request(_count)
    app.add_url_rule("/metrics", "metrics", exposition, methods=["GET"])


def solved(status: str, *, cached: bool = False) -> None:
    """Count a week the current request solved, with its status, and whether the cache answered
    it; the request's time to answer goes into the solve latency histogram."""
    g.metrics_solved = True
    metrics().solves.labels(route=_route(), status=status).inc()
    if cached:
        metrics().cache_hits.labels(route=_route()).inc()


def exposition() -> Response:
    """Every metric in Prometheus' text format, summed over the worker processes."""
    from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess

    if os.environ.get(MULTIPROCESS_DIR):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return Response(generate_latest(registry), content_type=CONTENT_TYPE)


@contextmanager
def shared_across_workers() -> Iterator[Path]:
    """Set up multiprocess metrics for the server's workers, in the master before they start.

    Uses `PROMETHEUS_MULTIPROC_DIR` when it is set (emptied of the last run's files, which would
    be summed in), else a temporary folder removed when the server stops.
    """
    if "prometheus_client" in sys.modules and not os.environ.get(MULTIPROCESS_DIR):
        raise RuntimeError(
            "prometheus_client was imported before PROMETHEUS_MULTIPROC_DIR was set: "
            "each worker would count only its own requests"
        )
    given = os.environ.get(MULTIPROCESS_DIR)
    folder = Path(given) if given else Path(tempfile.mkdtemp(prefix="trainweek-metrics-"))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()
    os.environ[MULTIPROCESS_DIR] = str(folder)
    master = os.getpid()
    try:
        yield folder
    finally:
        # gunicorn's workers are forks of the master and leave through here too: only the
        # master, once every worker is gone, removes the folder.
        if os.getpid() == master and not given:
            os.environ.pop(MULTIPROCESS_DIR, None)
            shutil.rmtree(folder, ignore_errors=True)


def _start() -> None:
    g.metrics_started = time.perf_counter()


def _count(response: Response) -> Response:
    route = _route()
    status = str(response.status_code)
    method = request.method if request.method in METHODS else "other"
    found = metrics()
    found.requests.labels(method=method, route=route, status=status).inc()
    if response.mimetype == PROBLEM_MIMETYPE:
        problem_type = _problem_type(response)
        found.problems.labels(type=problem_type, status=status).inc()
        if problem_type in (INFEASIBLE, INFEASIBLE_PLAN):
            solved("infeasible")
    if g.get("metrics_solved"):
        started = g.get("metrics_started", time.perf_counter())
        found.solve_seconds.labels(route=route).observe(time.perf_counter() - started)
    return response


def _route() -> str:
    return request.url_rule.rule if request.url_rule is not None else UNMATCHED_ROUTE


def _problem_type(response: Response) -> str:
    try:
        problem = json.loads(response.get_data())
    except ValueError:
        return "unreadable"
    kind = problem.get("type") if isinstance(problem, dict) else None
    return kind if isinstance(kind, str) else "unreadable"
