"""`trainweek scenarios`: the scenario library and the weight presets that ship with trainweek."""

from __future__ import annotations

import argparse

from rich.table import Table

from api.cli.common import EXIT_OK, console, print_json
from api.services.scenarios import list_library


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `scenarios`."""
    scenarios = commands.add_parser(
        "scenarios", help="list the scenario library and the weight presets"
    )
    scenarios.add_argument("--json", action="store_true", help="print as JSON")
    scenarios.set_defaults(handler=scenarios_command)


def scenarios_command(args: argparse.Namespace) -> int:
    """Print every scenario and every preset."""
    library = list_library()
    if args.json:
        print_json(library.model_dump_json(indent=2))
        return EXIT_OK
    table = Table(title=f"Scenarios ({len(library.scenarios)})")
    for column in ("name", "expected", "source"):
        table.add_column(column)
    for scenario in library.scenarios:
        table.add_row(scenario.name, scenario.expected_status, scenario.source)
    presets = Table(title=f"Weight presets ({len(library.presets)})")
    presets.add_column("name")
    presets.add_column("for")
    for preset in library.presets:
        presets.add_row(preset.name, preset.description)
    out = console()
    out.print(table)
    out.print(presets)
    return EXIT_OK
