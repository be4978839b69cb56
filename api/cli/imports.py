"""`trainweek import FILE|-`: a plan file in, trainweek's plan JSON and the classification report
out (the report as a table on stderr, or as JSON with --report PATH)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.cli.common import (
    EXIT_OK,
    STDIN,
    InputError,
    parse_date,
    parse_paces,
    print_json,
    read_bytes,
)
from api.services.plan_import import PlanFileError, import_plan_file
from solver.importers import FORMATS, ImportReport


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `import`."""
    command = commands.add_parser(
        "import",
        help="import a training plan file (iCalendar, calendar-hack, plan JSON) as plan JSON",
        description="Read a plan file and print trainweek's plan JSON; the classification "
        "report (every event, what it became and why, and the unclassified ones) goes to "
        "stderr as a table, or to --report as JSON. Exit 0 read, 2 bad input.",
    )
    command.add_argument("file", metavar="FILE", help=f"the plan file; {STDIN} reads stdin")
    command.add_argument(
        "--format", choices=FORMATS, default="auto", help="the file's format (default: auto)"
    )
    command.add_argument(
        "--race-date", metavar="YYYY-MM-DD", help="the goal race's day (calendar-hack: required)"
    )
    command.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="PATTERN=TYPE",
        help="a title containing PATTERN is TYPE (a run type, rest or skip); repeatable",
    )
    command.add_argument(
        "--paces",
        nargs="+",
        default=[],
        metavar="KIND=MIN_PER_KM",
        help="the athlete's paces (easy, long, tempo, interval), e.g. easy=5.5",
    )
    command.add_argument(
        "--report", metavar="PATH", help="write the report as JSON to PATH instead of stderr"
    )
    command.set_defaults(handler=import_command)


def import_command(args: argparse.Namespace) -> int:
    """Print the plan JSON; the report on stderr or in --report."""
    data = read_bytes(args.file)
    try:
        imported = import_plan_file(
            data,
            format=args.format,
            race_date=parse_date(args.race_date),
            mapping=args.map,
            paces=parse_paces(args.paces) if args.paces else None,
        )
    except PlanFileError as error:
        label = "stdin" if args.file == STDIN else args.file
        raise InputError(f"{label}: {error}") from None
    if args.report:
        Path(args.report).write_text(
            json.dumps(imported.report.as_dict(), indent=2) + "\n", encoding="utf-8"
        )
    else:
        print_report(imported.report, Console(stderr=True))
    print_json(json.dumps(imported.plan, indent=2))
    return EXIT_OK


def print_report(report: ImportReport, out: Console) -> None:
    """The classification report as a table, then the unclassified events and the notes."""
    table = Table(title=f"Classification ({report.format})", title_justify="left")
    for column in ("date", "title", "became", "min", "confidence", "why"):
        table.add_column(column)
    for entry in report.entries:
        found = entry.classification
        became = found.type.replace("_", " ") if found.kind == "run" and found.type else found.kind
        table.add_row(
            entry.date.isoformat(),
            escape(entry.title),
            became,
            str(found.minutes or ""),
            found.confidence,
            escape(found.reason),
        )
    out.print(table)
    unclassified = report.unclassified
    if unclassified:
        out.print(
            f"{len(unclassified)} unclassified (left out; add --map PATTERN=TYPE): "
            + "; ".join(
                f"{e.date.isoformat()} {escape(e.title)!r} ({e.where})" for e in unclassified
            )
        )
    for note in report.notes:
        out.print(escape(note))
