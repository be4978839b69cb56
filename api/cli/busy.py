"""`trainweek busy FILE|-`: a calendar of the runner's other commitments in (a work calendar's
.ics), the free windows of a week or of a range of dates out, as a table or JSON; and the
options that let `trainweek solve` and `trainweek plan` fill their windows from such a file."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TypedDict, TypeVar

from rich.console import Console
from rich.table import Table

from api.cli.common import EXIT_OK, STDIN, InputError, console, parse_date, read_bytes
from api.services.busy import (
    DEFAULT_DAY_BOUNDS,
    BusyCalendar,
    BusyFileError,
    DateWindows,
    WeekWindows,
    busy_dates,
    busy_week,
)
from solver.domain import DAY_NAMES
from solver.importers.busy import MIN_WINDOW_MINUTES, day_bounds

Answer = TypeVar("Answer", WeekWindows, DateWindows, tuple[str, str])


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `busy`."""
    busy = commands.add_parser(
        "busy",
        help="free windows of a week (or dates) from a calendar of busy time (.ics)",
        description="Read a calendar of the runner's other commitments (a work calendar's "
        ".ics export) and print each day's free windows, in the runner's time zone, as a week "
        "request's `windows` takes them. Exit 0 answered, 2 bad input (not a calendar, an "
        "unknown time zone, bad dates, a day that ends before it starts).",
    )
    busy.add_argument("file", metavar="FILE", help=f"the .ics file; {STDIN} reads stdin")
    which = busy.add_mutually_exclusive_group(required=True)
    which.add_argument("--week-of", metavar="YYYY-MM-DD", help="a day of the week to answer")
    which.add_argument("--start", metavar="YYYY-MM-DD", help="the first date (with --end)")
    busy.add_argument("--end", metavar="YYYY-MM-DD", help="the last date, included")
    add_busy_options(busy)
    busy.add_argument("--json", action="store_true", help="print the windows as JSON")
    busy.set_defaults(handler=busy_command)


def add_busy_options(parser: argparse.ArgumentParser, *, with_zone: bool = True) -> None:
    """--tz, --day and --min-minutes: how to read a busy calendar (here and on --busy; a
    command that has its own --tz leaves it out)."""
    if with_zone:
        parser.add_argument(
            "--tz",
            default="UTC",
            metavar="ZONE",
            help="the runner's IANA time zone, e.g. Europe/Paris (default: UTC)",
        )
    parser.add_argument(
        "--day",
        default=DEFAULT_DAY_BOUNDS,
        metavar="HH:MM-HH:MM",
        help=f"the part of each day that can hold training (default: {DEFAULT_DAY_BOUNDS})",
    )
    parser.add_argument(
        "--min-minutes",
        type=int,
        default=MIN_WINDOW_MINUTES,
        metavar="N",
        help=f"free time shorter than N minutes is no window (default: {MIN_WINDOW_MINUTES})",
    )


def busy_command(args: argparse.Namespace) -> int:
    """Print the free windows of the week, or of each date from --start to --end."""
    if args.start is not None and args.end is None:
        raise InputError("--start needs --end: the last date, included")
    if args.end is not None and args.start is None:
        raise InputError("--end needs --start (or give --week-of)")
    data = read_bytes(args.file)
    answer: WeekWindows | DateWindows
    if args.week_of is not None:
        week_of = parse_date(args.week_of, "--week-of")
        assert week_of is not None
        answer = read_busy(args, lambda: busy_week(data, week_of, **options(args)))
    else:
        start = parse_date(args.start, "--start")
        end = parse_date(args.end, "--end")
        assert start is not None and end is not None
        answer = read_busy(args, lambda: busy_dates(data, start, end, **options(args)))
    if args.json:
        print(answer.model_dump_json(indent=2))
    else:
        print_windows(answer, console())
    return EXIT_OK


class Options(TypedDict):
    """The service's keyword arguments from --tz, --day and --min-minutes."""

    timezone: str
    day: str
    min_minutes: int


def options(args: argparse.Namespace) -> Options:
    """The service's keyword arguments from --tz, --day and --min-minutes."""
    return {"timezone": args.tz or "UTC", "day": args.day, "min_minutes": args.min_minutes}


def busy_calendar(args: argparse.Namespace) -> BusyCalendar | None:
    """The calendar of --busy and how to read it (for `trainweek plan --busy`); its day bounds
    checked here, so that a bad --day is named as such."""
    if args.busy is None:
        return None
    read_busy(args, lambda: day_bounds(args.day), args.busy)
    return BusyCalendar(read_bytes(args.busy), **options(args))


def week_free_windows(args: argparse.Namespace, week_of: dt.date) -> WeekWindows:
    """The free windows of the week in `args.busy` (for `trainweek solve --busy`)."""
    data = read_bytes(args.busy)
    return read_busy(args, lambda: busy_week(data, week_of, **options(args)), args.busy)


def dates_free_windows(args: argparse.Namespace, start: dt.date, end: dt.date) -> DateWindows:
    """The free windows of each date in `args.busy` (for `trainweek plan --busy`)."""
    data = read_bytes(args.busy)
    return read_busy(args, lambda: busy_dates(data, start, end, **options(args)), args.busy)


def read_busy(
    args: argparse.Namespace, read: Callable[[], Answer], path: str | None = None
) -> Answer:
    """Call the service; a BusyFileError is bad input, named by the option or the file."""
    try:
        return read()
    except BusyFileError as error:
        raise busy_input_error(error, path if path is not None else args.file) from None


def busy_input_error(error: BusyFileError, path: str) -> InputError:
    """The one line for a busy calendar that cannot be read: named by the option it came from,
    or by the file."""
    option = {
        "timezone": "--tz",
        "day": "--day",
        "end": "--end",
        "min_minutes": "--min-minutes",
    }.get(error.where or "")
    if option is not None:
        return InputError(f"{option}: {error.what}")
    return InputError(f"{'stdin' if path == STDIN else path}: {error}")


def print_windows(answer: WeekWindows | DateWindows, out: Console) -> None:
    """One row a day (or date): its free windows, or 'busy' when none is long enough."""
    day = "-".join(answer.day)
    if isinstance(answer, WeekWindows):
        title = f"Free windows, week of {answer.week_of.isoformat()} ({answer.timezone}, {day})"
        rows = [(DAY_NAMES[day_id], windows) for day_id, windows in answer.days.items()]
    else:
        title = (
            f"Free windows, {answer.start.isoformat()} to {answer.end.isoformat()} "
            f"({answer.timezone}, {day})"
        )
        rows = [
            (f"{dt.date.fromisoformat(date):%a} {date}", windows)
            for date, windows in answer.dates.items()
        ]
    table = Table(title=title)
    table.add_column("Day")
    table.add_column("Free")
    for name, windows in rows:
        free = ", ".join(f"{start}-{end}" for start, end in windows) or "busy all day"
        table.add_row(name, free)
    out.print(table)
