"""Start and stop the real server for the benchmarks: today's `trainweek serve`, or the old one.

`serve` is `trainweek serve` (gunicorn supervising waitress workers); `gthread` is the setup it
replaced (gunicorn's gthread workers, 2 x 4 threads, recycled), kept here to compare against.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"
BIN = Path(sys.executable).parent
KINDS = ("gthread", "serve")
GTHREAD = [
    *("--workers", "2", "--worker-class", "gthread", "--threads", "4"),
    *("--max-requests", "2000", "--max-requests-jitter", "200", "--timeout", "60"),
    *("--keep-alive", "5", "--no-control-socket"),
]


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def command(kind: str, port: int) -> list[str]:
    """The command line that serves the app on the port."""
    if kind == "serve":
        return [str(BIN / "trainweek"), "serve", "--port", str(port)]
    if kind == "gthread":
        bind = f"{HOST}:{port}"
        return [str(BIN / "gunicorn"), *GTHREAD, "--bind", bind, "api.app:create_app()"]
    raise ValueError(f"unknown server {kind!r}; one of {', '.join(KINDS)}")


def start_server(
    kind: str, port: int, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """The server on the port, once it answers /healthz; without rate limits.

    A benchmark is one address asking hundreds of times a second: it measures the server, not
    the rate limit it would otherwise meet at once.
    """
    environment = {**os.environ, "TRAINWEEK_RATELIMIT_ENABLED": "false", **(env or {})}
    process = subprocess.Popen(command(kind, port), env=environment, stderr=subprocess.DEVNULL)
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
    raise SystemExit(f"{kind} did not answer /healthz within 30 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C, as a person would; killed if it does not stop in 20 s."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
