"""Time `solver.solve` of one week here and at another commit, side by side in one run.

Each solve is of a week new to the solver (its model built, not kept from the solve before).
Both versions run in worker processes of their own (two packages named `solver` cannot share
one), fed in alternation, a few solves at a time, so machine noise hits both alike. The ratio
is this checkout's median over the other commit's, in wall time and in CPU time (the process's
own: on a shared, busy machine it moves less than wall time).

Usage: .venv/bin/python benchmarks/bench_against_ref.py [--ref main] [--rounds N] [--scenario PATH]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json"

# Reads a number n per line, solves the week n times, answers with the n wall and CPU times in ms.
# Each solve is of a week new to the solver: week models kept from earlier solves (since
# solver/cpsat/solve.py has WEEK_MODELS) are dropped first, outside the timing.
WORKER = """
import json, sys, time
from solver import WeekRequest, solve
try:
    from solver.cpsat.solve import WEEK_MODELS
    forget = WEEK_MODELS.clear
except ImportError:
    forget = lambda: None
data = json.load(open(sys.argv[1]))
fields = {k: v for k, v in data.items() if k not in ("name", "description", "source", "expect")}
request = WeekRequest.model_validate(fields)
for _ in range(20):
    solve(request)
for line in sys.stdin:
    times = []
    for _ in range(int(line)):
        forget()
        started, cpu = time.perf_counter(), time.process_time()
        solve(request)
        wall_ms = (time.perf_counter() - started) * 1000
        times.append(f"{wall_ms:.4f}/{(time.process_time() - cpu) * 1000:.4f}")
    print(" ".join(times), flush=True)
"""


def export(ref: str, into: Path) -> None:
    """Write the commit's `solver/` package into `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "solver"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def worker(package_root: Path, scenario: Path) -> subprocess.Popen[str]:
    """A process that solves the week on request, importing `solver` from `package_root`."""
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(scenario)],
        cwd=package_root,
        env={"PYTHONPATH": str(package_root), "PATH": ""},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def timed(process: subprocess.Popen[str], solves: int) -> list[tuple[float, float]]:
    """Ask the worker for `solves` solves; their wall and CPU times in ms."""
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{solves}\n")
    process.stdin.flush()
    pairs = [pair.split("/") for pair in process.stdout.readline().split()]
    return [(float(wall), float(cpu)) for wall, cpu in pairs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=60, help="alternations")
    parser.add_argument("--solves", type=int, default=5, help="solves per turn")
    parser.add_argument("--scenario", type=Path, default=TYPICAL, help="week to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as other_root:
        export(args.ref, Path(other_root))
        workers = {
            args.ref: worker(Path(other_root), args.scenario.resolve()),
            "this checkout": worker(ROOT, args.scenario.resolve()),
        }
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in workers}
        for _ in range(args.rounds):
            for name, process in workers.items():
                samples[name] += timed(process, args.solves)
        for process in workers.values():
            assert process.stdin is not None
            process.stdin.close()
            process.wait()
    print(f"week: {args.scenario.name}, {args.rounds * args.solves} solves each, alternating")
    print(f"{'version':<16}{'wall median ms':>15}{'ratio':>8}{'CPU median ms':>15}{'ratio':>8}")
    base_wall = statistics.median(wall for wall, _ in samples[args.ref])
    base_cpu = statistics.median(cpu for _, cpu in samples[args.ref])
    for name, times in samples.items():
        wall = statistics.median(w for w, _ in times)
        cpu = statistics.median(c for _, c in times)
        print(
            f"{name:<16}{wall:>15.3f}{wall / base_wall:>7.2f}x{cpu:>15.3f}{cpu / base_cpu:>7.2f}x"
        )


if __name__ == "__main__":
    main()
