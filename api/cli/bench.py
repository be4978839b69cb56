"""The `trainweek bench` subcommand: arguments, a progress bar, the three files, a summary.

Exit codes: 0 every expectation held, 1 some expectation failed (the report lists which),
2 bad options (no scenario matches, unknown preset, invalid scenario or preset file).
"""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from solver.bench.runner import (
    DEFAULT_BRUTE_FORCE_LIMIT,
    BenchConfig,
    BenchError,
    run_bench,
    select,
)
from solver.presets import PresetError
from solver.scenario import ScenarioError

EXIT_OK, EXIT_EXPECTATIONS_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_SEEDS = 2
DEFAULT_REPEAT = 1
DEFAULT_OUT = "bench-out"


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bench` on the `trainweek` command line."""
    bench = commands.add_parser(
        "bench",
        help="solve the scenario library under weight presets and write a report",
        description="Solve scenarios x presets x seeds; write results.csv, results.json "
        "and a self-contained report.html.",
    )
    bench.add_argument(
        "--scenarios",
        default="*",
        metavar="GLOB",
        help="scenario file names to run, e.g. 'higdon-*' (default: all)",
    )
    bench.add_argument(
        "--presets",
        nargs="+",
        metavar="NAMES",
        help="weight presets, space- or comma-separated (default: all in scenarios/presets)",
    )
    bench.add_argument(
        "--seeds",
        type=_positive,
        default=DEFAULT_SEEDS,
        metavar="N",
        help=f"CP-SAT random seeds per week (default {DEFAULT_SEEDS})",
    )
    bench.add_argument(
        "--repeat",
        type=_positive,
        default=DEFAULT_REPEAT,
        metavar="N",
        help=f"solves per seed, for the median and max time (default {DEFAULT_REPEAT})",
    )
    bench.add_argument(
        "--out",
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"where to write the three files (default {DEFAULT_OUT}/)",
    )
    bench.add_argument(
        "--brute-force-limit",
        type=int,
        default=DEFAULT_BRUTE_FORCE_LIMIT,
        metavar="N",
        help="also enumerate weeks with at most N placements (0: never; "
        f"default {DEFAULT_BRUTE_FORCE_LIMIT})",
    )
    bench.add_argument(
        "--scenario-dir", default=None, metavar="DIR", help=argparse.SUPPRESS
    )  # tests point the bench at a folder of their own
    bench.set_defaults(handler=bench_command)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def config_from(args: argparse.Namespace) -> BenchConfig:
    """The bench settings the arguments ask for."""
    names = [name for item in args.presets or [] for name in item.split(",") if name]
    config = BenchConfig(
        scenarios=args.scenarios,
        presets=names or None,
        seeds=args.seeds,
        repeat=args.repeat,
        brute_force_limit=args.brute_force_limit,
    )
    if args.scenario_dir:
        folder = Path(args.scenario_dir)
        config = BenchConfig(**{**config.__dict__, "scenario_dir": folder})
    return config


def command_line(config: BenchConfig, out: str) -> str:
    """The full command that reproduces this run, defaults spelt out."""
    parts = ["trainweek", "bench", "--scenarios", config.scenarios]
    if config.presets:
        parts += ["--presets", ",".join(config.presets)]
    parts += ["--seeds", str(config.seeds), "--repeat", str(config.repeat), "--out", out]
    if config.brute_force_limit != DEFAULT_BRUTE_FORCE_LIMIT:
        parts += ["--brute-force-limit", str(config.brute_force_limit)]
    return shlex.join(parts)


def bench_command(args: argparse.Namespace) -> int:
    """Run the bench with a progress bar, write the files, print the summary."""
    console = Console()
    from solver.bench.report import summary, write_outputs  # matplotlib only when benching

    config = config_from(args)
    try:
        scenarios, presets = select(config)
    except (BenchError, ScenarioError, PresetError) as error:
        console.print(f"[red]trainweek bench: {error}[/]", highlight=False)
        return EXIT_BAD_INPUT
    command = command_line(config, args.out)
    with Progress(
        TextColumn("[bold]bench[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(scenarios) * len(presets))
        run = run_bench(config, lambda label: progress.update(task, advance=1, description=label))
    paths = write_outputs(run, Path(args.out), command)
    totals = summary(run.rows)
    table = Table(title=f"trainweek bench: {len(scenarios)} scenarios x {len(presets)} presets")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row(
        "weeks found where one should exist",
        f"{totals.solved} / {totals.solves - totals.expected_infeasible}",
    )
    table.add_row("proven optimal", f"{totals.optimal} / {totals.solved}")
    table.add_row(
        "infeasible as expected",
        f"{totals.infeasible_as_expected} / {totals.expected_infeasible}",
    )
    table.add_row("expectations met", f"{totals.expectations_met} / {totals.solves}")
    table.add_row("median solve time", f"{totals.median_time_ms:.1f} ms")
    table.add_row("slowest solve", f"{totals.max_time_ms:.1f} ms")
    table.add_row("same week every seed", f"{totals.same_week_all_seeds} / {totals.solves}")
    table.add_row("greedy costs more", f"{totals.greedy_worse} / {totals.solved}")
    table.add_row("brute force agrees", f"{totals.brute_force_agrees} / {totals.brute_force_runs}")
    table.add_row("bench wall time", f"{run.wall_time_s:.1f} s")
    console.print(table)
    for path in paths:
        console.print(f"wrote {path}", highlight=False)
    return EXIT_OK if totals.expectations_met == totals.solves else EXIT_EXPECTATIONS_FAILED
