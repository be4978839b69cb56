"""Prometheus metrics: requests, problems and solves counted, /metrics served, several workers
summed through prometheus_client's multiprocess mode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from api.problems import INFEASIBLE, INFEASIBLE_PLAN
from solver import WeekResult
from tests.solver.importers.conftest import FIXTURES

SOLVE = "/v1/weeks/solve"
PLANS = "/v1/plans/solve"
NO_WEEK = {"strength": {"min_sessions": 1}, "days": {"mon": {"runs": [{"type": "race"}]}}}
ALL_BUSY = {
    "strength": {"min_sessions": 1},
    "days": {
        day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    },
}


def value(name: str, **labels: str) -> float:
    """A sample's current value in this process (0 before it was first counted)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


def solves(route: str, status: str) -> float:
    return value("trainweek_solves_total", route=route, status=status)


def test_metrics_answer_prometheus_text_format_0_0_4(client: FlaskClient) -> None:
    """GET /metrics is text/plain version 0.0.4 that Prometheus' own parser reads."""
    client.get("/healthz")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    names = {family.name for family in text_string_to_metric_families(response.text)}
    assert {
        "trainweek_http_requests",
        "trainweek_problems",
        "trainweek_solves",
        "trainweek_solve_duration_seconds",
        "trainweek_week_cache_hits",
    } <= names


def test_metrics_stay_out_of_the_openapi_document(client: FlaskClient) -> None:
    """/metrics is for the scraper, not an API operation: /openapi.json does not list it."""
    assert "/metrics" not in client.get("/openapi.json").get_json()["paths"]


def test_a_solve_counts_its_status_its_latency_and_its_request(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """An optimal week adds one optimal solve, one latency observation and one 200 request."""
    before = (
        solves(SOLVE, "optimal"),
        value("trainweek_solve_duration_seconds_count", route=SOLVE),
        value("trainweek_http_requests_total", method="POST", route=SOLVE, status="200"),
    )
    assert client.post(SOLVE, json=hansons_body).status_code == 200
    after = (
        solves(SOLVE, "optimal"),
        value("trainweek_solve_duration_seconds_count", route=SOLVE),
        value("trainweek_http_requests_total", method="POST", route=SOLVE, status="200"),
    )
    assert [b - a for a, b in zip(before, after, strict=True)] == [1, 1, 1]


def test_a_week_from_the_cache_counts_as_a_solve_and_a_cache_hit(
    client: FlaskClient, hansons_body: dict[str, Any]
) -> None:
    """The same week twice: two optimal solves, the second also a cache hit."""
    before = solves(SOLVE, "optimal"), value("trainweek_week_cache_hits_total", route=SOLVE)
    for _ in range(2):
        assert client.post(SOLVE, json=hansons_body).status_code == 200
    after = solves(SOLVE, "optimal"), value("trainweek_week_cache_hits_total", route=SOLVE)
    assert [b - a for a, b in zip(before, after, strict=True)] == [2, 1]


def test_a_week_cut_short_counts_as_feasible(
    client: FlaskClient, hansons_body: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A week the time limit cut short is counted by the status it came back with."""
    from api.routes import weeks

    solve_week = weeks.solve_week

    def cut_short(*args: Any) -> WeekResult:
        return solve_week(*args).model_copy(update={"status": "feasible"})

    monkeypatch.setattr(weeks, "solve_week", cut_short)
    before = solves(SOLVE, "feasible")
    assert client.post(SOLVE, json=hansons_body).get_json()["status"] == "feasible"
    assert solves(SOLVE, "feasible") == before + 1


def test_no_week_counts_an_infeasible_solve_and_its_problem_type(client: FlaskClient) -> None:
    """The 422 for a week that cannot exist is an infeasible solve and an infeasible problem."""
    before = (
        solves(SOLVE, "infeasible"),
        value("trainweek_problems_total", type=INFEASIBLE, status="422"),
        value("trainweek_solve_duration_seconds_count", route=SOLVE),
    )
    assert client.post(SOLVE, json=ALL_BUSY).status_code == 422
    after = (
        solves(SOLVE, "infeasible"),
        value("trainweek_problems_total", type=INFEASIBLE, status="422"),
        value("trainweek_solve_duration_seconds_count", route=SOLVE),
    )
    assert [b - a for a, b in zip(before, after, strict=True)] == [1, 1, 1]


def test_problems_are_counted_by_type_and_unknown_paths_by_one_label(
    client: FlaskClient,
) -> None:
    """A 404 for any unknown path is one about:blank problem under the route 'unmatched', and
    an invalid request is counted by its own type; neither is a solve."""
    requests = {"method": "GET", "route": "unmatched", "status": "404"}
    before = (
        value("trainweek_http_requests_total", **requests),
        value("trainweek_problems_total", type="about:blank", status="404"),
        value("trainweek_problems_total", type="urn:trainweek:problem:invalid-json", status="400"),
        value("trainweek_solve_duration_seconds_count", route=SOLVE),
    )
    client.get("/no/such/page")
    client.get("/nor/this/one")
    client.post(SOLVE, data="{not json", content_type="application/json")
    after = (
        value("trainweek_http_requests_total", **requests),
        value("trainweek_problems_total", type="about:blank", status="404"),
        value("trainweek_problems_total", type="urn:trainweek:problem:invalid-json", status="400"),
        value("trainweek_solve_duration_seconds_count", route=SOLVE),
    )
    assert [b - a for a, b in zip(before, after, strict=True)] == [2, 2, 1, 0]


def test_every_solving_route_counts_its_weeks(
    client: FlaskClient, ana: dict[str, str], hansons_body: dict[str, Any]
) -> None:
    """An athlete's solve, a scenario's, compare (two weeks) and sensitivity are counted under
    their own route templates."""
    athlete = client.post("/v1/athletes", json={"name": "Mia"}, headers=ana).get_json()
    routes = {
        "/v1/athletes/<int:athlete_id>/solve": 1,
        "/v1/scenarios/<name>/solve": 1,
        "/v1/weeks/compare": 2,
        "/v1/weeks/sensitivity": 1,
    }
    before = {route: solves(route, "optimal") for route in routes}
    assert client.post(f"/v1/athletes/{athlete['id']}/solve", headers=ana).status_code == 201
    assert (
        client.post("/v1/scenarios/hansons-beginner-10-weeks-out/solve", json={}).status_code == 200
    )
    compare = {"request": hansons_body, "weights": [{}, {"spread_sessions": 5}]}
    assert client.post("/v1/weeks/compare", json=compare).status_code == 200
    sensitivity = {"request": hansons_body}
    assert client.post("/v1/weeks/sensitivity", json=sensitivity).status_code == 200
    assert {route: solves(route, "optimal") - before[route] for route in routes} == routes


def test_importing_the_server_leaves_prometheus_client_unloaded() -> None:
    """The server's master imports the app but not prometheus_client, which picks multiprocess
    mode once, on import: only the workers load it, after the folder is set."""
    probe = "import sys, api.server; print('prometheus_client' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


WORKERS = """
import os, sys
from api.app import create_app

def solve(times):
    client = create_app({"DATABASE_URL": sys.argv[1]}).test_client()
    body = {"days": {"sun": {"runs": [{"type": "long", "minutes": 120}]}}}
    for _ in range(times):
        assert client.post("/v1/weeks/solve", json=body).status_code == 200
    return client

# Forked after the import and before any app, as gunicorn's workers are.
workers = []
for times in (2, 3):
    worker = os.fork()
    if worker == 0:
        solve(times)
        os._exit(0)
    workers.append(worker)
assert all(os.waitpid(worker, 0)[1] == 0 for worker in workers)
print(solve(1).get("/metrics").text)
"""


def test_metrics_sum_over_worker_processes(tmp_path: Path) -> None:
    """With PROMETHEUS_MULTIPROC_DIR set, /metrics in one process counts the solves of every
    process that wrote there, as gunicorn's workers do."""
    folder = tmp_path / "metrics"
    folder.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", WORKERS, f"sqlite:///{tmp_path / 'workers.sqlite3'}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    families = {family.name: family for family in text_string_to_metric_families(done.stdout)}
    [optimal] = [
        sample.value
        for sample in families["trainweek_solves"].samples
        if sample.name == "trainweek_solves_total" and sample.labels["status"] == "optimal"
    ]
    assert optimal == 2 + 3 + 1


SERVER_MASTER = """
import os, sys
from api.metrics import MULTIPROCESS_DIR, shared_across_workers
with shared_across_workers() as folder:
    assert os.environ[MULTIPROCESS_DIR] == str(folder) and folder.is_dir()
    worker = os.fork()
    if worker == 0:
        sys.exit(0)  # a worker leaving, as gunicorn's do, through the with block
    os.waitpid(worker, 0)
    print(folder.is_dir())
print(folder.exists(), MULTIPROCESS_DIR in os.environ)
"""


def test_the_master_sets_up_a_metrics_folder_only_it_removes() -> None:
    """shared_across_workers() gives the workers a fresh folder; a worker leaving keeps it, the
    master stopping removes it."""
    env = {key: val for key, val in os.environ.items() if key != "PROMETHEUS_MULTIPROC_DIR"}
    done = subprocess.run(
        [sys.executable, "-c", SERVER_MASTER], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "False", "False"]


def test_a_given_metrics_folder_is_kept_but_emptied_of_the_last_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PROMETHEUS_MULTIPROC_DIR set by the operator is used, its old counts removed, and kept."""
    from api.metrics import shared_across_workers

    (tmp_path / "counter_123.db").write_bytes(b"stale")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    with shared_across_workers() as folder:
        assert folder == tmp_path
        assert list(folder.iterdir()) == []
    assert tmp_path.is_dir()


def test_metrics_refuse_to_start_when_each_worker_would_count_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once prometheus_client is loaded without the folder set, it is too late: say so."""
    from api.metrics import shared_across_workers

    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    with pytest.raises(RuntimeError, match="imported before"), shared_across_workers():
        pass


def test_plan_routes_count_their_solves_and_no_plan_as_infeasible(
    client: FlaskClient, ana: dict[str, str]
) -> None:
    """A calendar solved by /v1/plans/solve, an athlete's stored plan solved, and a plan that
    cannot exist (its 422 is an infeasible solve and an infeasible-plan problem)."""
    calendar = (FIXTURES / "garmin_all_day.ics").read_bytes()
    athlete = client.post("/v1/athletes", json={"name": "Mia"}, headers=ana).get_json()["id"]
    plan = {"start": "2027-03-01", "weeks": [{}]}
    assert client.put(f"/v1/athletes/{athlete}/plan", json=plan, headers=ana).status_code == 201
    closed = {d: {"available": False} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    no_plan = {"start": "2027-03-01", "weeks": [{"days": closed}]}
    athlete_route = "/v1/athletes/<int:athlete_id>/plan/solve"
    before = (
        solves(PLANS, "optimal"),
        solves(athlete_route, "optimal"),
        solves(PLANS, "infeasible"),
        value("trainweek_problems_total", type=INFEASIBLE_PLAN, status="422"),
    )
    solved = client.post(PLANS, data=calendar, content_type="text/calendar")
    assert solved.status_code == 200
    assert client.post(f"/v1/athletes/{athlete}/plan/solve", headers=ana).status_code == 200
    assert client.post(PLANS, json=no_plan).status_code == 422
    after = (
        solves(PLANS, "optimal"),
        solves(athlete_route, "optimal"),
        solves(PLANS, "infeasible"),
        value("trainweek_problems_total", type=INFEASIBLE_PLAN, status="422"),
    )
    assert [b - a for a, b in zip(before, after, strict=True)] == [1, 1, 1, 1]
