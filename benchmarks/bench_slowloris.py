"""Slow clients against the real server: do half-sent requests stall everyone else?

    .venv/bin/python benchmarks/bench_slowloris.py [--server both|serve|gthread] [--holders 64]

Opens `--holders` connections that each send half a request and then wait: half of them the
headers without the final blank line, half complete headers and a body shorter than its
Content-Length. While they hang, another client asks for /healthz and a solve; each must answer
within 2 s. All on loopback; the clients give up after 4 s.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import time
from pathlib import Path

from servers import HOST, KINDS, free_port, start_server, stop_server

from solver.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json"
DEADLINE_S = 2.0


def hold_half_sent(port: int, count: int) -> list[socket.socket]:
    """`count` connections each holding a half-sent request open."""
    held = []
    for index in range(count):
        sock = socket.create_connection((HOST, port), timeout=5)
        if index % 2:
            sock.sendall(b"POST /v1/weeks/solve HTTP/1.1\r\nHost: x\r\nContent-Type: app")
        else:
            sock.sendall(
                b"POST /v1/weeks/solve HTTP/1.1\r\nHost: x\r\n"
                b'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"days": '
            )
        held.append(sock)
    return held


def timed_call(port: int, method: str, path: str, body: bytes | None) -> tuple[float, int | str]:
    """Seconds a fresh client waits for the answer, and its status (or the error)."""
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=DEADLINE_S * 2)
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        status: int | str = response.status
    except OSError as error:
        status = type(error).__name__
    return time.perf_counter() - started, status


def run(kind: str, holders: int, body: bytes) -> bool:
    """Hold the connections, time the two calls; whether both answered 200 within 2 s."""
    port = free_port()
    server = start_server(kind, port)
    held: list[socket.socket] = []
    try:
        held = hold_half_sent(port, holders)
        time.sleep(0.5)  # let the server take them all in
        healthz = timed_call(port, "GET", "/healthz", None)
        solve = timed_call(port, "POST", "/v1/weeks/solve", body)
    finally:
        for sock in held:
            sock.close()
        stop_server(server)
    ok = all(status == 200 and seconds < DEADLINE_S for seconds, status in (healthz, solve))
    print(f"{kind:<8} {holders} half-sent connections held open:")
    for name, (seconds, status) in (("GET /healthz", healthz), ("POST solve", solve)):
        print(f"  {name:<14} {status!s:<20} {seconds * 1000:8.0f} ms")
    print(f"  {'ok' if ok else 'STALLED'} (each must answer 200 within {DEADLINE_S:.0f} s)")
    return ok


def main() -> None:
    """Run against each server asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=[*KINDS, "both"], default="both")
    parser.add_argument("--holders", type=int, default=64, help="half-sent connections")
    args = parser.parse_args()
    body = Scenario.load(SCENARIO).request.model_dump_json(exclude_defaults=True).encode()
    for kind in KINDS if args.server == "both" else (args.server,):
        run(kind, args.holders, body)


if __name__ == "__main__":
    main()
