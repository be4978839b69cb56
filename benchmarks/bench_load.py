"""A mixed load of reads and writes against the real server, over loopback.

    .venv/bin/python benchmarks/bench_load.py [--clients 16] [--seconds 60] [--server serve]

Each client signs up a coach, then until time is up picks a request by weight: solve the
Hansons week, create, list and update profiles and athletes, solve an athlete's week, read the
catalogue lists, now and then sign up another coach. The server runs on a fresh SQLite database
in a temporary folder. Reports requests, statuses and p50/p99 per kind; exits 1 on any 5xx,
unexpected status or connection error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from servers import HOST, KINDS, free_port, start_server, stop_server

from solver.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json"
# (kind, weight): how often each request is picked.
MIX = [
    ("solve week", 30),
    ("solve athlete", 15),
    ("list profiles", 8),
    ("list athletes", 8),
    ("get lists", 10),
    ("create profile", 6),
    ("update profile", 6),
    ("create athlete", 6),
    ("update athlete", 6),
    ("sign up coach", 2),
]


@dataclass
class Tally:
    """What every client saw, merged under a lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[tuple[str, int | str]] = field(default_factory=Counter)
    unexpected: Counter[tuple[str, int | str]] = field(default_factory=Counter)

    def add(self, kind: str, elapsed_ms: float, status: int | str, expected: int) -> None:
        with self.lock:
            self.times[kind].append(elapsed_ms)
            self.statuses[(kind, status)] += 1
            if status != expected:
                self.unexpected[(kind, status)] += 1


class Client:
    """One coach on one keep-alive connection."""

    def __init__(self, port: int, index: int, week: dict[str, Any], tally: Tally) -> None:
        self.port, self.index, self.week, self.tally = port, index, week, tally
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.random = random.Random(index)
        self.token = ""
        self.profiles: list[int] = []
        self.athletes: list[int] = []
        self.made = 0

    def call(self, kind: str, method: str, path: str, body: Any = None, expected: int = 200) -> Any:
        """One request, timed and tallied; the decoded JSON answer when it is the expected one."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            answer = response.read()
            status: int | str = response.status
        except (OSError, http.client.HTTPException) as error:
            status, answer = type(error).__name__, b""
            self.connection.close()  # http.client reconnects on the next request
        self.tally.add(kind, (time.perf_counter() - started) * 1000, status, expected)
        return json.loads(answer) if status == expected and answer else None

    def name(self) -> str:
        self.made += 1
        return f"c{self.index}-{self.made}"

    def sign_up(self) -> None:
        self.token = ""
        coach = self.call("sign up coach", "POST", "/v1/coaches", {"name": self.name()}, 201)
        if coach:
            self.token, self.profiles, self.athletes = coach["token"], [], []

    def step(self) -> None:
        """One request picked from the mix."""
        kinds, weights = zip(*MIX, strict=True)
        kind = self.random.choices(kinds, weights)[0]
        profile = {"name": self.name(), "weights": {"spread_sessions": self.random.randint(0, 9)}}
        default_week = {"days": self.week["days"]}  # level, phase and equipment: on the athlete
        athlete = {"name": self.name(), "phase": "build", "default_week": default_week}
        if kind == "solve week":
            self.call(kind, "POST", "/v1/weeks/solve", self.week)
        elif kind == "solve athlete" and self.athletes:
            athlete_id = self.random.choice(self.athletes)
            self.call(kind, "POST", f"/v1/athletes/{athlete_id}/solve", {}, 201)
        elif kind == "list profiles":
            self.call(kind, "GET", "/v1/profiles")
        elif kind == "list athletes":
            self.call(kind, "GET", "/v1/athletes")
        elif kind == "get lists":
            self.call(
                kind, "GET", self.random.choice(["/v1/rules", "/v1/sessions", "/v1/scenarios"])
            )
        elif kind == "update profile" and self.profiles:
            self.call(kind, "PUT", f"/v1/profiles/{self.random.choice(self.profiles)}", profile)
        elif kind == "update athlete" and self.athletes:
            self.call(kind, "PUT", f"/v1/athletes/{self.random.choice(self.athletes)}", athlete)
        elif kind == "sign up coach":
            self.sign_up()
        elif kind in ("create profile", "update profile"):
            made = self.call("create profile", "POST", "/v1/profiles", profile, 201)
            self.profiles += [made["id"]] if made else []
        else:  # create athlete, or an update or solve with no athlete yet
            made = self.call("create athlete", "POST", "/v1/athletes", athlete, 201)
            self.athletes += [made["id"]] if made else []

    def run(self, stop_at: float) -> None:
        self.sign_up()
        steps = 0
        while time.perf_counter() < stop_at and steps < 1_000_000:
            self.step()
            steps += 1
        self.connection.close()


def percentile(samples: list[float], pct: int) -> float:
    """The pct-th percentile (1..99); the one sample when there is only one."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[pct - 1]


def main() -> int:
    """Run the load, print the report; 1 if anything unexpected came back."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run")
    parser.add_argument("--server", choices=KINDS, default="serve")
    args = parser.parse_args()

    week = Scenario.load(SCENARIO).request.model_dump(mode="json", exclude_defaults=True)
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        database = f"sqlite:///{folder}/load.sqlite3"
        server = start_server(args.server, port, env={"DATABASE_URL": database})
        try:
            stop_at = time.perf_counter() + args.seconds
            started = time.perf_counter()
            clients = [Client(port, i, week, tally) for i in range(args.clients)]
            threads = [threading.Thread(target=c.run, args=(stop_at,)) for c in clients]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            stop_server(server)

    total = sum(tally.statuses.values())
    print(f"{args.server}: {args.clients} clients for {elapsed:.1f} s on {HOST}:{port}")
    print(f"{total} requests, {total / elapsed:.0f}/s")
    print(f"{'kind':<16}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}  statuses")
    for kind, _ in MIX:
        samples = tally.times.get(kind)
        if not samples:
            continue
        statuses = ", ".join(
            f"{status}: {count}"
            for (k, status), count in sorted(tally.statuses.items(), key=str)
            if k == kind
        )
        print(
            f"{kind:<16}{len(samples):>7}{percentile(samples, 50):>9.1f}"
            f"{percentile(samples, 99):>9.1f}  {statuses}"
        )
    server_errors = sum(
        n for (_, s), n in tally.statuses.items() if isinstance(s, int) and s >= 500
    )
    unexpected = sum(tally.unexpected.values())
    print(f"5xx: {server_errors}; unexpected (4xx, 5xx or connection errors): {unexpected}")
    for (kind, status), count in sorted(tally.unexpected.items(), key=str):
        print(f"  {kind}: {status} x {count}")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
