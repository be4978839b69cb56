"""End to end: `trainweek serve` as `make run` starts it, spoken to over real HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.server import server_options
from solver import WeekRequest

STARTUP_S = 30


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(url: str, body: Any = None, data: bytes | None = None) -> tuple[int, str, Any]:
    """POST JSON (or raw bytes) or GET; return status, content type and the decoded body."""
    if body is not None:
        data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], json.load(error)


@pytest.fixture
def server_log(tmp_path: Path) -> Path:
    """Where the served app's stderr (its log) goes: a file, which never fills up and blocks
    the server as an unread pipe would."""
    return tmp_path / "server.log"


@pytest.fixture
def server(server_log: Path) -> Iterator[str]:
    """`trainweek serve` on a free port (PORT in the environment, as `make run` sets it)."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("trainweek")), "serve"]
    log = server_log.open("wb")
    process = subprocess.Popen(
        command,
        env={**os.environ, "PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            try:
                if call(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, server_log.read_text()
            assert time.monotonic() < deadline, "server did not answer /healthz in time"
            time.sleep(0.1)
        yield base
        # Ctrl-C, as a person stopping `make run` would: a clean exit, not a traceback.
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        assert "Traceback" not in server_log.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


@pytest.mark.slow
def test_served_week_solves_and_evaluates_over_http(server: str, hansons_week: WeekRequest) -> None:
    """The real server solves the Hansons week, evaluate agrees, and bad input is a 4xx problem."""
    body = hansons_week.model_dump(mode="json", exclude_defaults=True)
    status, content_type, week = call(f"{server}/v1/weeks/solve", body)
    assert (status, content_type) == (200, "application/json")
    assert week["status"] == "optimal"
    assert list(week["days"]) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    plan = {
        day: [{"session": s["session"]} for s in day_plan["strength"]]
        for day, day_plan in week["days"].items()
    }
    status, _, scored = call(f"{server}/v1/weeks/evaluate", {"request": body, "plan": plan})
    assert status == 200
    assert scored["objective"] == week["objective"]

    status, content_type, problem = call(f"{server}/v1/weeks/solve", data=b"{not json")
    assert (status, content_type) == (400, "application/problem+json")
    assert "invalid JSON" in problem["detail"]
    status, content_type, _ = call(f"{server}/v1/weeks/solve", data=b"x" * (300 * 1024))
    assert (status, content_type) == (413, "application/problem+json")
    # Still serving after the bad requests.
    assert call(f"{server}/healthz")[2] == {"status": "ok"}


def test_server_runs_threaded_recycled_workers_and_no_solve_in_the_master() -> None:
    """gunicorn is set up with gthread workers, max_requests with jitter and no preloading."""
    options = server_options("127.0.0.1", 8000)
    assert options["bind"] == "127.0.0.1:8000"
    assert options["worker_class"] == "gthread"
    assert options["workers"] == 2
    assert options["threads"] > 1
    assert options["max_requests"] > 0
    assert options["max_requests_jitter"] > 0
    assert options["preload_app"] is False


@pytest.mark.slow
def test_served_logs_are_json_lines_and_metrics_count_every_worker(
    server: str, server_log: Path
) -> None:
    """Every line the server writes is a JSON object; each request has an access line with its
    id; /metrics counts the solves whichever worker answered them."""
    body = {"days": {"sun": {"runs": [{"type": "long", "minutes": 120}]}}}
    for _ in range(6):
        assert call(f"{server}/v1/weeks/solve", body)[0] == 200
    with urllib.request.urlopen(f"{server}/metrics", timeout=10) as response:
        assert response.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
        scraped = response.read().decode()
    assert 'trainweek_solves_total{route="/v1/weeks/solve",status="optimal"} 6.0' in scraped
    lines = [json.loads(line) for line in server_log.read_text().splitlines()]
    access = [line for line in lines if line["logger"] == "trainweek.access"]
    solved = [line for line in access if line["path"] == "/v1/weeks/solve"]
    assert len(solved) == 6
    assert all(line["status"] == 200 and len(line["request_id"]) == 32 for line in solved)
    assert any(line["logger"] == "gunicorn.error" for line in lines)
