"""`trainweek rules` and `trainweek sessions`: the rule book and the session catalogue."""

from __future__ import annotations

import argparse

from rich.table import Table

from api.cli.common import EXIT_OK, console, print_json
from api.services.catalogue import rule_book, session_catalogue


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `rules` and `sessions`."""
    rules = commands.add_parser("rules", help="list hard rules and soft goals")
    rules.add_argument("--json", action="store_true", help="print as JSON")
    rules.set_defaults(handler=rules_command)
    sessions = commands.add_parser("sessions", help="list the session catalogue")
    sessions.add_argument("--json", action="store_true", help="print as JSON")
    sessions.set_defaults(handler=sessions_command)


def rules_command(args: argparse.Namespace) -> int:
    """Print the hard rules and the soft goals with their default weights."""
    book = rule_book()
    if args.json:
        print_json(book.model_dump_json(indent=2))
        return EXIT_OK
    hard = Table(title="Hard rules")
    hard.add_column("id")
    hard.add_column("rule")
    for rule in book.hard:
        hard.add_row(rule.id, rule.description)
    soft = Table(title="Soft goals")
    soft.add_column("id")
    soft.add_column("weight", justify="right")
    soft.add_column("goal")
    for goal in book.soft:
        soft.add_row(goal.id, str(goal.default_weight), goal.description)
    out = console()
    out.print(hard)
    out.print(soft)
    return EXIT_OK


def sessions_command(args: argparse.Namespace) -> int:
    """Print the session catalogue."""
    listed = session_catalogue()
    if args.json:
        print_json(listed.model_dump_json(indent=2))
        return EXIT_OK
    table = Table(title="Session catalogue")
    for column in ("id", "name", "legs", "equipment", "min"):
        table.add_column(column)
    for s in listed.sessions:
        table.add_row(s.id, s.name, s.leg_load, s.equipment, str(s.minutes))
    console().print(table)
    return EXIT_OK
