"""`trainweek coach add NAME`: register a coach and print the token, once."""

from __future__ import annotations

import argparse

from pydantic import ValidationError
from rich.markup import escape

from api.cli.common import EXIT_OK, InputError, console, print_json, validation_message
from api.services.coaches import CoachIn, register_coach


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `coach add`."""
    coach = commands.add_parser("coach", help="manage coaches of the HTTP API")
    coach_commands = coach.add_subparsers(dest="coach_command", required=True, metavar="COMMAND")
    add = coach_commands.add_parser(
        "add", help="register a coach; prints the id and the API token (shown once)"
    )
    add.add_argument("name", metavar="NAME", help="the coach's name")
    add.add_argument("--json", action="store_true", help="print as JSON")
    add.set_defaults(handler=coach_add_command)


def coach_add_command(args: argparse.Namespace) -> int:
    """Register the coach in the service's own database."""
    try:
        data = CoachIn(name=args.name)
    except ValidationError as error:
        raise InputError(validation_message(error)) from None
    # The app's own database, migrated: the same one `trainweek serve` uses.
    from api.app import create_app
    from api.store import database

    with create_app().app_context():
        coach = register_coach(database(), data)
        database().dispose()
    if args.json:
        print_json(coach.model_dump_json(indent=2))
        return EXIT_OK
    out = console()
    out.print(f"coach {coach.id}: {escape(coach.name)}")
    out.print(f"token: {coach.token}", highlight=False, soft_wrap=True)
    out.print("Shown only now: only its hash is kept.", style="dim")
    return EXIT_OK
