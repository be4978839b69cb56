"""`trainweek solve FILE|-`: a week request in (its windows limited by a busy calendar with
`--busy`), the optimal week (or why none exists) out;
`trainweek replan FILE|-`: a week, what happened since and today in, the rest replanned out;
`trainweek alternatives FILE|-`: a solved week and one of its sessions in, every other day out."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.cli.busy import add_busy_options, week_free_windows
from api.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_OK,
    STDIN,
    InputError,
    console,
    parse_date,
    parse_weights,
    print_json,
    read_json_object,
    validation_message,
)
from api.services.alternatives import AlternativesBody, week_alternatives
from api.services.busy import with_busy_time
from api.services.errors import InvalidField, NoWeek
from api.services.replan import replan_week
from api.services.weeks import solved
from solver import WeekRequest, WeekResult
from solver.alternatives import Alternatives
from solver.domain import DAY_NAMES
from solver.replan import ReplanRequest, ReplanResult
from solver.scenario import SCENARIO_FIELDS


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `solve`, `replan` and `alternatives`."""
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
    solve.add_argument(
        "--busy",
        metavar="ICS",
        help="a calendar of the runner's other commitments (.ics): each day's windows are "
        "limited to its free time, in the week of --week-of or the request's week_of",
    )
    solve.add_argument(
        "--week-of",
        metavar="YYYY-MM-DD",
        help="the week the request is for (sets its week_of; --busy reads that week)",
    )
    add_busy_options(solve)
    solve.set_defaults(handler=solve_command)
    replan = commands.add_parser(
        "replan",
        help="replan the rest of a week from a JSON file (or '-' for stdin)",
        description="Keep the past as it happened and re-solve the rest of the week with as "
        "few changes as possible. The file holds request, week (the solve answer's days), "
        "today, and done, missed, skipped, moved, added, unavailable, legs (see README). Exit "
        "0 replanned, 2 bad input, 3 no week keeps every hard rule.",
    )
    replan.add_argument("file", metavar="FILE", help=f"replan body as JSON; {STDIN} reads stdin")
    replan.add_argument("--json", action="store_true", help="print the result as JSON")
    replan.set_defaults(handler=replan_command)

    moves = commands.add_parser(
        "alternatives",
        help="every other day for one session of a solved week (as POST /v1/weeks/alternatives)",
        description="Score the week with one session moved to each other day (a day with times: "
        "each of its time windows, at the best start there, in an At column): allowed days "
        "with their cost difference (cheapest first), then the days a hard rule forbids, with "
        "the rule. Exit 0 answered, 2 bad input (the session not on that day, an unknown id).",
    )
    moves.add_argument(
        "file",
        metavar="FILE",
        help=f"JSON with request, week (a solve answer's days), day and session; {STDIN} reads "
        "stdin",
    )
    moves.add_argument("--day", help="the day the session is on now (overrides the file's)")
    moves.add_argument("--session", help="the session's catalogue id (overrides the file's)")
    moves.add_argument("--json", action="store_true", help="print the answer as JSON")
    moves.set_defaults(handler=alternatives_command)


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
    week_of = parse_date(args.week_of, "--week-of")
    if week_of is not None:
        request = WeekRequest.model_validate({**request.model_dump(), "week_of": week_of})
    if args.busy is not None:
        if request.week_of is None:
            raise InputError("--busy: give --week-of (or week_of in the request): which week")
        request = with_busy_time(request, week_free_windows(args, request.week_of).days)
    try:
        result = solved(request)
    except NoWeek as no_week:
        return _no_week(no_week, args.json)
    if args.json:
        print_json(result.model_dump_json(indent=2))
    else:
        print_week(result, console())
    return EXIT_OK


def replan_command(args: argparse.Namespace) -> int:
    """Replan the week in the file; print it as a table with its changes, or as JSON."""
    label, data = read_json_object(args.file)
    try:
        body = ReplanRequest.model_validate(data)
        result = replan_week(body)
    except ValidationError as error:
        raise InputError(f"{label}: {validation_message(error)}") from None
    except InvalidField as error:
        raise InputError(f"{label}: {error.field}: {error}") from None
    except NoWeek as no_week:
        return _no_week(no_week, args.json)
    if args.json:
        print_json(result.model_dump_json(indent=2))
        return EXIT_OK
    out = console()
    print_week(result, out)
    print_changes(result, out)
    return EXIT_OK


def print_changes(result: ReplanResult, out: Console) -> None:
    """What the replan changed, each with the rule and goal ids behind it."""
    if not result.changes:
        out.print(f"Replanned from {DAY_NAMES[result.today]}: no session changed.")
        return
    out.print(f"[bold]Replanned from {DAY_NAMES[result.today]}:[/]")
    for change in result.changes:
        reasons = f" ({', '.join(change.reasons)})" if change.reasons else ""
        out.print(f"  [bold]{change.change}[/] {escape(change.because + reasons)}")


def _no_week(no_week: NoWeek, as_json: bool) -> int:
    if as_json:
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


def alternatives_command(args: argparse.Namespace) -> int:
    """Every other day for the file's session; print them as a table or JSON."""
    label, data = read_json_object(args.file)
    for field in ("day", "session"):
        if getattr(args, field) is not None:
            data[field] = getattr(args, field)
    try:
        body = AlternativesBody.model_validate(data)
    except ValidationError as error:
        raise InputError(f"{label}: {validation_message(error)}") from None
    try:
        answer = week_alternatives(body)
    except InvalidField as error:
        raise InputError(f"{label}: {error.field}: {error}") from None
    if args.json:
        print_json(answer.model_dump_json(indent=2))
    else:
        print_alternatives(answer, console())
    return EXIT_OK


def print_alternatives(answer: Alternatives, out: Console) -> None:
    """One row per other day (and time window, with its start): allowed with its cost
    difference, or the rule that forbids it."""
    timed = answer.at is not None or any(option.at for option in answer.alternatives)
    now = DAY_NAMES[answer.day] + (f" {answer.at}" if answer.at else "")
    table = Table(title=f"{answer.session} on {now} (week penalty {answer.objective}): where else?")
    table.add_column("Day")
    if timed:
        table.add_column("At")
    table.add_column("Allowed")
    table.add_column("Cost", justify="right")
    table.add_column("Why")
    for option in answer.alternatives:
        at = [option.at or "-"] if timed else []
        if option.allowed:
            cost = f"{option.cost_delta:+d}" if option.cost_delta else "0"
            table.add_row(DAY_NAMES[option.day], *at, "yes", cost, escape(option.reason))
        else:
            table.add_row(DAY_NAMES[option.day], *at, "[red]no[/]", "-", escape(option.reason))
    out.print(table)
