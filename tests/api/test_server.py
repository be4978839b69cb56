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

from api.problems import PLAN_FILE_MAX_BYTES
from api.server import MAX_HEADER_BYTES, WaitressWorker, server_options, waitress_settings
from solver import WeekRequest

STARTUP_S = 30


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(
    url: str, body: Any = None, data: bytes | None = None, timeout: float = 10
) -> tuple[int, str, Any]:
    """POST JSON (or raw bytes) or GET; return status, content type and the decoded body."""
    if body is not None:
        data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
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


def raw(base: str, data: bytes) -> tuple[int, str, dict[str, Any]]:
    """Send bytes as they are and read the answer: status, content type, JSON body.

    waitress closes without reading what is left of a request it refuses, which resets the
    connection and can drop its answer: the oversized cases are exactly the limit long, so the
    refusal comes on the last bytes read.
    """
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers["Content-Type"], json.loads(body)


def exactly(size: int, template: bytes, filler: bytes = b"a") -> bytes:
    """`template` with `{}` filled by repeats of `filler` (cut short) to exactly `size` bytes."""
    room = size - len(template) + 2
    return template.replace(b"{}", (filler * (room // len(filler) + 1))[:room])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("data", "status"),
    [
        pytest.param(b"GARBAGE\r\n\r\n", 400, id="bad request line"),
        pytest.param(exactly(MAX_HEADER_BYTES, b"GET /{} HTTP/1.1\r\n\r\n"), 431, id="long URI"),
        pytest.param(
            exactly(MAX_HEADER_BYTES, b"GET / HTTP/1.1\r\n{}\r\n", b"X-Header: value\r\n"),
            431,
            id="too many headers",
        ),
        pytest.param(
            b"POST /v1/weeks/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            400,
            id="malformed chunked body",
        ),
        pytest.param(
            b"POST /v1/weeks/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 999999999\r\n\r\n{}",
            413,
            id="declared body far too large",
        ),
    ],
)
def test_the_servers_own_refusals_are_problems(server: str, data: bytes, status: int) -> None:
    """What the server refuses before the app sees it is still problem+json, never a trace."""
    answer = raw(server, data)
    assert answer[:2] == (status, "application/problem+json")
    assert answer[2]["status"] == status
    assert call(f"{server}/healthz")[0] == 200


@pytest.mark.slow
def test_half_sent_requests_do_not_stall_healthz_or_a_solve(
    server: str, hansons_week: WeekRequest
) -> None:
    """With 64 connections holding half-sent requests, /healthz and a solve answer within 2 s."""
    host, port = server.removeprefix("http://").split(":")
    held = []
    try:
        for index in range(64):
            sock = socket.create_connection((host, int(port)), timeout=5)
            if index % 2:  # headers without the final blank line
                sock.sendall(b"POST /v1/weeks/solve HTTP/1.1\r\nHost: x\r\nContent-Type: app")
            else:  # a body shorter than its Content-Length
                sock.sendall(
                    b"POST /v1/weeks/solve HTTP/1.1\r\nHost: x\r\n"
                    b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
                )
            held.append(sock)
        time.sleep(0.5)
        body = hansons_week.model_dump(mode="json", exclude_defaults=True)
        for url, payload in ((f"{server}/healthz", None), (f"{server}/v1/weeks/solve", body)):
            started = time.monotonic()
            assert call(url, payload, timeout=2)[0] == 200
            assert time.monotonic() - started < 2
    finally:
        for sock in held:
            sock.close()


def test_server_runs_waitress_in_recycled_workers_and_no_solve_in_the_master() -> None:
    """gunicorn supervises two waitress workers, recycled with jitter, app not preloaded."""
    options = server_options("127.0.0.1", 8000)
    assert options["bind"] == "127.0.0.1:8000"
    assert options["worker_class"] is WaitressWorker
    assert options["workers"] == 2
    assert options["threads"] > 1
    assert options["max_requests"] > 0
    assert options["max_requests_jitter"] > 0
    assert options["preload_app"] is False


def test_waitress_reads_requests_with_limits_and_a_timeout() -> None:
    """Idle or half-sent connections are dropped, and headers and bodies are bounded."""
    settings = waitress_settings(4)
    assert 0 < settings["channel_timeout"] <= 60
    assert settings["max_request_header_size"] <= 64 * 1024
    assert PLAN_FILE_MAX_BYTES < settings["max_request_body_size"] <= 4 * PLAN_FILE_MAX_BYTES
    assert settings["connection_limit"] >= 500


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
