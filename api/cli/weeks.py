"""`trainweek solve FILE|-`: a week request in, the optimal week (or why none exists) out."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_OK,
    STDIN,
    InputError,
    console,
    parse_weights,
    print_json,
    read_json_object,
    validation_message,
)
from api.services.errors import NoWeek
from api.services.weeks import solved
from solver import WeekRequest, WeekResult
from solver.domain import DAY_NAMES
from solver.scenario import SCENARIO_FIELDS


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `solve`."""
    solve = commands.add_parser(
        "solve",
        help="solve a week from a JSON file (or '-' for stdin)",
        description="Place the week's strength sessions. Exit 0 solved, 2 bad input, 3 no "
        "week keeps every hard rule (the conflicts and what to relax are printed).",
    )
    solve.add_argument(
        "file", metavar="FILE", help=f"week request as JSON (see README); {STDIN} reads stdin"
    )
    solve.add_argument(
        "--weights", nargs="+", default=[], metavar="GOAL=N", help="override soft goal weights"
    )
    solve.add_argument("--json", action="store_true", help="print the result as JSON")
    solve.set_defaults(handler=solve_command)


def load_request(path: str, weight_overrides: list[str]) -> WeekRequest:
    """Read a week request (a scenario file will do) with `GOAL=N` weight overrides on top."""
    label, data = read_json_object(path)
    # A scenario file carries its name, source and expectations beside the request: accept it.
    fields: dict[str, Any] = {k: v for k, v in data.items() if k not in SCENARIO_FIELDS}
    weights = fields.get("weights", {})
    if isinstance(weights, dict):
        fields["weights"] = {**weights, **parse_weights(weight_overrides)}
    try:
        return WeekRequest.model_validate(fields)
    except ValidationError as error:
        raise InputError(f"{label}: {validation_message(error)}") from None


def solve_command(args: argparse.Namespace) -> int:
    """Solve the week in the file; print it as a table or JSON."""
    request = load_request(args.file, args.weights)
    try:
        result = solved(request)
    except NoWeek as no_week:
        if args.json:
            conflicts = [conflict.model_dump(mode="json") for conflict in no_week.conflicts]
            answer = {
                "status": "infeasible",
                "conflicts": conflicts,
                "suggestions": no_week.suggestions,
            }
            print_json(json.dumps(answer, indent=2))
        else:
            print_no_week(no_week, console())
        return EXIT_INFEASIBLE
    if args.json:
        print_json(result.model_dump_json(indent=2))
    else:
        print_week(result, console())
    return EXIT_OK


def print_no_week(no_week: NoWeek, out: Console) -> None:
    """The conflicting rules and what to relax."""
    out.print("[bold red]No week keeps every hard rule.[/]")
    for conflict in no_week.conflicts:
        out.print(f"  [red]{conflict.rule}[/]: {escape(conflict.message)}")
    if no_week.suggestions:
        out.print("[bold]To relax:[/]")
        for suggestion in no_week.suggestions:
            out.print(f"  - {escape(suggestion)}")


def print_week(result: WeekResult, out: Console) -> None:
    """The week as a table, then the penalty breakdown."""
    table = Table(title=f"Week ({result.status}, penalty {result.objective})")
    table.add_column("Day")
    table.add_column("Runs")
    table.add_column("Strength")
    for day_id, day in result.days.items():
        runs = ", ".join(
            (f"{run.at} " if run.at else f"{run.slot} " if run.slot else "")
            + f"{run.type.replace('_', ' ')} {run.minutes}'"
            + (" (key)" if run.is_key else "")
            for run in day.runs
        )
        strength = ", ".join(
            (f"{s.at} " if s.at else "")
            + escape(f"{s.name} [{s.leg_load} legs, {s.minutes}']")
            + (" after the run" if s.position == "after_run" else "")
            + (escape(f": {s.dose}") if s.dose else "")
            for s in day.strength
        )
        table.add_row(DAY_NAMES[day_id], runs or "rest", strength or "-")
    out.print(table)
    if not result.penalties:
        out.print("No soft goal missed.")
    for penalty in result.penalties:
        out.print(f"[yellow]{penalty.goal}[/] {penalty.count} x {penalty.weight} = {penalty.cost}")
        for detail in penalty.details:
            out.print(f"    {escape(detail)}")
