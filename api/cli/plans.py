"""`trainweek plan FILE|-`: a training plan in (plan JSON, iCalendar or a calendar-hack plan),
strength placed across all its weeks out, as a table, JSON, iCalendar or an HTML overview."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.cli.busy import add_busy_options, busy_calendar, busy_input_error
from api.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_OK,
    STDIN,
    InputError,
    console,
    parse_date,
    parse_paces,
    parse_weights,
    read_bytes,
    validation_message,
    write_atomically,
)
from api.plan_html import plan_html
from api.plan_ical import plan_calendar
from api.services.busy import BusyFileError
from api.services.errors import InvalidField, InvalidPlan, NoPlan
from api.services.plan_import import (
    PlanFileError,
    PlanOverrides,
    SolvedPlanFile,
    solve_plan_file,
)
from api.services.plans import ProfiledPlanRequest
from solver import PlanResult
from solver.domain import DAY_NAMES, DAYS
from solver.importers import FORMATS

OUTPUTS = ("table", "json", "ics", "html")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `plan`."""
    plan = commands.add_parser(
        "plan",
        help="place strength across a training plan (plan JSON, iCalendar, calendar-hack)",
        description="Place strength across every week of a training plan as one model. The "
        "file is trainweek's plan JSON, an iCalendar export or a calendar-hack plan (JSON or "
        "YAML), told apart by its content unless --input-format says. Exit 0 solved, 2 bad "
        "input, 3 no plan keeps every hard rule (the conflicts, with their dates, and what to "
        "relax are printed).",
    )
    plan.add_argument("file", metavar="FILE", help=f"the plan file; {STDIN} reads stdin")
    plan.add_argument(
        "--input-format", choices=FORMATS, default="auto", help="the file's format (default: auto)"
    )
    plan.add_argument(
        "--race-date", metavar="YYYY-MM-DD", help="the goal race's day (calendar-hack: required)"
    )
    plan.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="PATTERN=TYPE",
        help="a title containing PATTERN is TYPE (a run type, rest or skip); repeatable",
    )
    plan.add_argument(
        "--paces",
        nargs="+",
        default=[],
        metavar="KIND=MIN_PER_KM",
        help="the athlete's paces (easy, long, tempo, interval), e.g. easy=5.5",
    )
    plan.add_argument("--format", choices=OUTPUTS, default="table", help="output")
    plan.add_argument(
        "--out", metavar="PATH", help="write the output to PATH (all or nothing) instead of stdout"
    )
    plan.add_argument("--preset", metavar="NAME", help="weigh the plan by a shipped preset")
    plan.add_argument(
        "--weights", nargs="+", default=[], metavar="GOAL=N", help="override goal weights"
    )
    plan.add_argument(
        "--level", choices=("beginner", "intermediate", "advanced"), help="athlete.level"
    )
    plan.add_argument("--equipment", choices=("gym", "home"), help="athlete.equipment")
    plan.add_argument(
        "--tz",
        metavar="ZONE",
        help="the runner's IANA time zone: a calendar's timed events start at their local time "
        "there, and --format ics writes timed events in it (and --busy is read in it)",
    )
    plan.add_argument(
        "--busy",
        metavar="ICS",
        help="a calendar of the runner's other commitments (.ics): each day's windows are "
        "limited to its free time",
    )
    add_busy_options(plan, with_zone=False)
    plan.set_defaults(handler=plan_command)


def plan_command(args: argparse.Namespace) -> int:
    """Import the file, solve the plan, and print or write it in the asked format."""
    label = "stdin" if args.file == STDIN else args.file
    data = read_bytes(args.file)
    overrides = PlanOverrides(
        level=args.level,
        equipment=args.equipment,
        preset=args.preset,
        weights=parse_weights(args.weights),
    )
    busy = busy_calendar(args)
    progress = Console(stderr=True)
    try:
        with _solving(progress) as on_solve:
            solved = solve_plan_file(
                None,
                data,
                format=args.input_format,
                race_date=parse_date(args.race_date),
                mapping=args.map,
                paces=parse_paces(args.paces) if args.paces else None,
                overrides=overrides,
                on_solve=on_solve,
                timezone=args.tz,
                busy=busy,
            )
    except BusyFileError as error:
        raise busy_input_error(error, args.busy) from None
    except PlanFileError as error:
        raise InputError(f"{label}: {error}") from None
    except InvalidPlan as error:
        raise InputError(f"{label}: {validation_message(error.error)}") from None
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
            print(json.dumps(answer, indent=2))
        else:
            print_no_plan(no_plan, console())
        return EXIT_INFEASIBLE
    output = rendered(solved, args.format, args.tz)
    if args.out:
        write_atomically(Path(args.out), output)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(output)
        sys.stdout.flush()
    return EXIT_OK


@contextlib.contextmanager
def _solving(out: Console) -> Iterator[Callable[[ProfiledPlanRequest], None] | None]:
    """A spinner on stderr naming the weeks being solved, when stderr is a terminal."""
    if not out.is_terminal:
        yield None
        return
    with out.status("Reading the plan...") as status:

        def on_solve(plan: ProfiledPlanRequest) -> None:
            last = plan.start + dt.timedelta(days=7 * len(plan.weeks) - 1)
            status.update(
                f"Solving {len(plan.weeks)} weeks, {plan.start.isoformat()} to "
                f"{last.isoformat()}, as one model..."
            )

        yield on_solve


def rendered(solved: SolvedPlanFile, format: str, timezone: str | None = None) -> bytes:
    """The solved plan in the asked format, as bytes (timed calendar events in `timezone`)."""
    result = solved.result
    if format == "json":
        return (result.model_dump_json(indent=2) + "\n").encode()
    if format == "ics":
        return plan_calendar(result.model_dump(mode="json"), solved.source_ics, timezone=timezone)
    if format == "html":
        return plan_html(result.model_dump(mode="json")).encode()
    buffer = io.StringIO()
    print_plan(result, Console(file=buffer, width=120, force_terminal=False))
    return buffer.getvalue().encode()


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
    """One row a week: phase, step, each day's strength as a mark; then the penalties and the
    events the importer could not classify."""
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
    if result.unclassified:
        out.print(
            f"[bold yellow]{len(result.unclassified)} unclassified[/] (left out of the plan; "
            "add --map PATTERN=TYPE):"
        )
        for event in result.unclassified:
            out.print(f"  - {escape(event)}")
