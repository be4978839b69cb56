"""The `trainweek` command line: solve a week file, list sessions and rules, serve the API.

Exit codes: 0 solved, 2 bad input (missing or invalid file, bad option), 3 no week exists.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.bench.cli import add_bench_command
from api.validation import field_errors
from solver import HARD_RULES, SOFT_GOALS, WeekRequest, WeekResult, catalogue, solve
from solver.domain import DAY_NAMES
from solver.scenario import SCENARIO_FIELDS

EXIT_OK, EXIT_BAD_INPUT, EXIT_INFEASIBLE = 0, 2, 3


class InputError(Exception):
    """Bad input from the user: one line says what to fix."""


def validation_message(error: ValidationError) -> str:
    """Each field error of a pydantic error as 'where: what', joined by '; '."""
    return "; ".join(
        f"{e.field}: {e.message}" if e.field else e.message for e in field_errors(error)
    )


def load_request(path: str, weight_overrides: Sequence[str] = ()) -> WeekRequest:
    """Read a week request from a JSON file, with `id=N` weight overrides on top."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object with 'days', got {type(data).__name__}")
    # A scenario file carries its name, source and expectations beside the request: accept it.
    data = {**data, "weights": {**data.get("weights", {}), **parse_weights(weight_overrides)}}
    try:
        return WeekRequest.model_validate(
            {key: value for key, value in data.items() if key not in SCENARIO_FIELDS}
        )
    except ValidationError as error:
        raise InputError(f"{path}: {validation_message(error)}") from None


def parse_weights(pairs: Sequence[str]) -> dict[str, int]:
    """`['spread_sessions=5']` -> `{'spread_sessions': 5}`; anything else is an InputError."""
    weights = {}
    for pair in pairs:
        goal, sep, value = pair.partition("=")
        if not sep or not value.strip().isdigit():
            raise InputError(f"--weights {pair}: expected GOAL=N with N a whole number >= 0")
        weights[goal.strip()] = int(value)
    return weights


def print_week(result: WeekResult, console: Console) -> None:
    """The week as a table, then the penalty breakdown (or the explanation)."""
    if result.status == "infeasible":
        console.print("[bold red]No week keeps every hard rule.[/]")
        for conflict in result.conflicts:
            console.print(f"  [red]{conflict.rule}[/]: {conflict.message}")
        if result.suggestions:
            console.print("[bold]To relax:[/]")
            for suggestion in result.suggestions:
                console.print(f"  - {suggestion}")
        return
    table = Table(title=f"Week ({result.status}, penalty {result.objective})")
    table.add_column("Day")
    table.add_column("Runs")
    table.add_column("Strength")
    for day_id, day in result.days.items():
        runs = ", ".join(
            f"{run.type.replace('_', ' ')} {run.minutes}'" + (" (key)" if run.is_key else "")
            for run in day.runs
        )
        strength = ", ".join(
            escape(f"{s.name} [{s.leg_load} legs, {s.minutes}']")
            + (" after the run" if s.position == "after_run" else "")
            for s in day.strength
        )
        table.add_row(DAY_NAMES[day_id], runs or "rest", strength or "-")
    console.print(table)
    if not result.penalties:
        console.print("No soft goal missed.")
    for penalty in result.penalties:
        console.print(
            f"[yellow]{penalty.goal}[/] {penalty.count} x {penalty.weight} = {penalty.cost}"
        )
        for detail in penalty.details:
            console.print(f"    {detail}")


def _solve(args: argparse.Namespace, console: Console) -> int:
    request = load_request(args.file, args.weights or [])
    result = solve(request)
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        print_week(result, console)
    return EXIT_INFEASIBLE if result.status == "infeasible" else EXIT_OK


def _sessions(args: argparse.Namespace, console: Console) -> int:
    sessions = [session.model_dump(mode="json") for session in catalogue()]
    if args.json:
        print(json.dumps({"sessions": sessions}, indent=2))
        return EXIT_OK
    table = Table(title="Session catalogue")
    for column in ("id", "name", "legs", "gym", "min"):
        table.add_column(column)
    for s in catalogue():
        table.add_row(s.id, s.name, s.leg_load, "yes" if s.needs_gym else "no", str(s.minutes))
    console.print(table)
    return EXIT_OK


def _rules(args: argparse.Namespace, console: Console) -> int:
    if args.json:
        print(
            json.dumps(
                {
                    "hard": [
                        {"id": r.id, "description": r.description} for r in HARD_RULES.values()
                    ],
                    "soft": [
                        {
                            "id": g.id,
                            "description": g.description,
                            "default_weight": g.default_weight,
                        }
                        for g in SOFT_GOALS.values()
                    ],
                },
                indent=2,
            )
        )
        return EXIT_OK
    hard = Table(title="Hard rules")
    hard.add_column("id")
    hard.add_column("rule")
    for rule in HARD_RULES.values():
        hard.add_row(rule.id, rule.description)
    soft = Table(title="Soft goals")
    soft.add_column("id")
    soft.add_column("weight", justify="right")
    soft.add_column("goal")
    for goal in SOFT_GOALS.values():
        soft.add_row(goal.id, str(goal.default_weight), goal.description)
    console.print(hard)
    console.print(soft)
    return EXIT_OK


def _serve(args: argparse.Namespace, console: Console) -> int:
    # Imported here: solving from the command line needs neither Flask nor gunicorn.
    from api.server import serve

    serve(args.host, args.port)
    return EXIT_OK


def _coach_add(args: argparse.Namespace, console: Console) -> int:
    # Imported here: solving from the command line needs neither Flask nor a database.
    from api.app import create_app
    from api.storage.coaches import CoachIn, register_coach
    from api.store import transaction

    try:
        data = CoachIn(name=args.name)
    except ValidationError as error:
        raise InputError(validation_message(error)) from None
    # The app's own database, migrated: the same one `trainweek serve` uses.
    app = create_app()
    with app.app_context(), transaction() as session:
        coach = register_coach(session, data)
    if args.json:
        print(coach.model_dump_json(indent=2))
    else:
        console.print(f"coach {coach.id}: {escape(coach.name)}")
        console.print(f"token: {coach.token}", highlight=False, soft_wrap=True)
        console.print("Shown only now: only its hash is kept.", style="dim")
    return EXIT_OK


def _port(text: str) -> int:
    """A TCP port number, for argparse."""
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The `trainweek` argument parser."""
    parser = argparse.ArgumentParser(
        prog="trainweek",
        description="Place strength sessions in a runner's week: optimal, explained.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    solve_cmd = commands.add_parser("solve", help="solve a week from a JSON file")
    solve_cmd.add_argument("file", help="week request as JSON (see README)")
    solve_cmd.add_argument(
        "--weights", nargs="+", metavar="GOAL=N", help="override soft goal weights"
    )
    solve_cmd.add_argument("--json", action="store_true", help="print the result as JSON")
    solve_cmd.set_defaults(handler=_solve)

    sessions_cmd = commands.add_parser("sessions", help="list the session catalogue")
    sessions_cmd.add_argument("--json", action="store_true", help="print as JSON")
    sessions_cmd.set_defaults(handler=_sessions)

    rules_cmd = commands.add_parser("rules", help="list hard rules and soft goals")
    rules_cmd.add_argument("--json", action="store_true", help="print as JSON")
    rules_cmd.set_defaults(handler=_rules)

    serve_cmd = commands.add_parser("serve", help="serve the HTTP API with gunicorn")
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    serve_cmd.add_argument(
        "--port",
        type=_port,
        default=os.environ.get("PORT", "8000"),
        help="port to bind (default: $PORT, else 8000)",
    )
    serve_cmd.set_defaults(handler=_serve)

    coach_cmd = commands.add_parser("coach", help="manage coaches of the HTTP API")
    coach_commands = coach_cmd.add_subparsers(dest="coach_command", required=True)
    coach_add = coach_commands.add_parser(
        "add", help="register a coach; prints the id and the API token (shown once)"
    )
    coach_add.add_argument("name", metavar="NAME", help="the coach's name")
    coach_add.add_argument("--json", action="store_true", help="print as JSON")
    coach_add.set_defaults(handler=_coach_add)

    add_bench_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console()
    try:
        return int(args.handler(args, console))
    except InputError as error:
        print(f"trainweek: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
