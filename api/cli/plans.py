"""`trainweek plan FILE|-`: a training plan in, strength placed across all its weeks out."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pydantic import ValidationError
from rich import box
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
from api.services.errors import InvalidField, NoPlan
from api.services.plans import ProfiledPlanRequest, solve_training_plan
from solver import PlanRequest, PlanResult
from solver.domain import DAY_NAMES, DAYS


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `plan`."""
    plan = commands.add_parser(
        "plan",
        help="place strength across a training plan (plan JSON; '-' for stdin)",
        description="Place strength across every week of a training plan as one model. Exit 0 "
        "solved, 2 bad input, 3 no plan keeps every hard rule (the conflicts, with their dates, "
        "and what to relax are printed).",
    )
    plan.add_argument(
        "file", metavar="FILE", help=f"plan as JSON (see README, Plans); {STDIN} reads stdin"
    )
    plan.add_argument("--format", choices=("table", "json"), default="table", help="output")
    plan.add_argument("--preset", metavar="NAME", help="weigh the plan by a shipped preset")
    plan.add_argument(
        "--weights", nargs="+", default=[], metavar="GOAL=N", help="override goal weights"
    )
    plan.add_argument(
        "--level", choices=("beginner", "intermediate", "advanced"), help="athlete.level"
    )
    plan.add_argument("--equipment", choices=("gym", "home"), help="athlete.equipment")
    plan.set_defaults(handler=plan_command)


def load_plan(args: argparse.Namespace) -> ProfiledPlanRequest:
    """Read the plan with the command line's overrides on top."""
    label, fields = read_json_object(args.file)
    weights = fields.get("weights", {})
    if isinstance(weights, dict):
        fields["weights"] = {**weights, **parse_weights(args.weights)}
    athlete = fields.get("athlete", {})
    if isinstance(athlete, dict):
        overrides = {"level": args.level, "equipment": args.equipment}
        fields["athlete"] = {**athlete, **{k: v for k, v in overrides.items() if v is not None}}
    try:
        plan = PlanRequest.model_validate(fields)
    except ValidationError as error:
        raise InputError(f"{label}: {validation_message(error)}") from None
    data: dict[str, Any] = plan.model_dump(exclude_unset=True)
    return ProfiledPlanRequest.model_validate({**data, "preset": args.preset})


def plan_command(args: argparse.Namespace) -> int:
    """Solve the plan in the file; print it as a table or JSON."""
    body = load_plan(args)
    try:
        result = solve_training_plan(None, body)
    except InvalidField as error:
        raise InputError(f"--{error.field}: {error}") from None
    except NoPlan as no_plan:
        if args.format == "json":
            conflicts = [conflict.model_dump(mode="json") for conflict in no_plan.conflicts]
            answer = {
                "status": "infeasible",
                "conflicts": conflicts,
                "suggestions": no_plan.suggestions,
            }
            print_json(json.dumps(answer, indent=2))
        else:
            print_no_plan(no_plan, console())
        return EXIT_INFEASIBLE
    if args.format == "json":
        print_json(result.model_dump_json(indent=2))
    else:
        print_plan(result, console())
    return EXIT_OK


def print_no_plan(no_plan: NoPlan, out: Console) -> None:
    """The conflicting rules, their dates, and what to relax."""
    out.print("[bold red]No plan keeps every hard rule.[/]")
    for conflict in no_plan.conflicts:
        dates = ", ".join(date.isoformat() for date in conflict.dates)
        out.print(f"  [red]{conflict.rule}[/] ({dates}): {escape(conflict.message)}")
    if no_plan.suggestions:
        out.print("[bold]To relax:[/]")
        for suggestion in no_plan.suggestions:
            out.print(f"  - {escape(suggestion)}")


LEG_LOAD_MARKS = {"heavy": "H", "moderate": "M", "plyometric": "P", "light": "L", "none": "U"}
"""One mark per leg load of the catalogue (solver/data/sessions.json)."""


def print_plan(result: PlanResult, out: Console) -> None:
    """One row a week: phase, step, each day's strength as a mark; then the penalties."""
    table = Table(
        title=f"Plan ({result.status}, penalty {result.objective})",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for column in ("Week of", "Phase", "Step", *(DAY_NAMES[day] for day in DAYS), "Cost"):
        table.add_column(column, no_wrap=True)
    for index, week in enumerate(result.weeks):
        days = result.days[index * 7 : index * 7 + 7]
        cells = [
            "".join(LEG_LOAD_MARKS[s.leg_load] for s in day.strength)
            or ("race" if any(run.type == "race" for run in day.runs) else "-")
            for day in days
        ]
        cost = sum(p.cost for p in week.penalties)
        table.add_row(
            week.start.isoformat(), week.phase, str(week.progression_step), *cells, str(cost)
        )
    out.print(table)
    out.print(
        "H heavy, M moderate, P plyometric, L light legs, U upper body, core or mobility "
        "(--format json: sessions and doses)"
    )
    if not result.penalties:
        out.print("No goal missed.")
    for penalty in result.penalties:
        out.print(f"[yellow]{penalty.goal}[/] {penalty.count} x {penalty.weight} = {penalty.cost}")
