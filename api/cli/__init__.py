"""The `trainweek` command line, one module per command group; `main()` is the entry point.

Exit codes: 0 done, 2 bad input (the one-line message says what and where), 3 no week (or
plan) exists;
`bench` adds 1 for a failed expectation.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import version

from api.cli import bench, busy, catalogue, coaches, imports, learn, plans, scenarios, serve, weeks
from api.cli.common import EXIT_BAD_INPUT, InputError, stdout_closed


def build_parser() -> argparse.ArgumentParser:
    """The `trainweek` argument parser, each command group adding its own commands."""
    parser = argparse.ArgumentParser(
        prog="trainweek",
        description="Place strength sessions in a runner's week: optimal, explained.",
    )
    parser.add_argument("--version", action="version", version=f"trainweek {version('trainweek')}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (weeks, busy, plans, imports, catalogue, scenarios, bench, serve, coaches, learn):
        group.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except InputError as error:
        print(f"trainweek: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (`trainweek sessions --json | head -1`): stop quietly.
        return stdout_closed()
