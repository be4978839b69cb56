"""`trainweek learn FILE|-`: weeks a coach placed in, the weights that reproduce them out."""

from __future__ import annotations

import argparse
import os

from pydantic import ValidationError
from rich.markup import escape
from rich.table import Table

from api.cli.common import (
    EXIT_OK,
    STDIN,
    InputError,
    console,
    print_json,
    read_json_object,
    validation_message,
)
from api.services.errors import InvalidField
from api.services.learn import REFUSALS, LearnAnswer, LearnBody, learn, learn_unsaved
from solver.domain import DAY_NAMES

TOKEN_VARIABLE = "TRAINWEEK_TOKEN"
"""Where `--save` finds the coach's token (from `trainweek coach add`): not on the command
line, where other users of the machine could read it."""


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `learn`."""
    learn_parser = commands.add_parser(
        "learn",
        help="learn soft-goal weights from weeks a coach placed (a JSON file, or '-' for stdin)",
        description="Find the weights under which the solver places the example weeks as the "
        "coach did (the body of POST /v1/profiles/learn). Exit 0 learned (even when some "
        f"weeks are not reproduced: see why), 2 bad input. --save needs ${TOKEN_VARIABLE}.",
    )
    learn_parser.add_argument(
        "file", metavar="FILE", help=f"the examples as JSON (see README); {STDIN} reads stdin"
    )
    learn_parser.add_argument(
        "--save",
        action="store_true",
        help=f"save the weights as a new profile of the coach whose token is in ${TOKEN_VARIABLE}",
    )
    learn_parser.add_argument("--name", metavar="N", help="the new profile's name (with --save)")
    learn_parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    learn_parser.set_defaults(handler=learn_command)


def learn_command(args: argparse.Namespace) -> int:
    """Learn the weights from the examples in the file; print them and how each week fares."""
    label, data = read_json_object(args.file)
    if args.save:
        data["save"] = True
    if args.name is not None:
        data["name"] = args.name
    try:
        body = LearnBody.model_validate(data)
    except ValidationError as error:
        raise InputError(f"{label}: {validation_message(error)}") from None
    try:
        answer = _learned(body)
    except InvalidField as error:
        raise InputError(f"{label}: {error.field}: {error}") from None
    except REFUSALS as error:
        raise InputError(str(error)) from None
    if args.json:
        print_json(answer.model_dump_json(indent=2))
    else:
        print_answer(answer)
    return EXIT_OK


def _learned(body: LearnBody) -> LearnAnswer:
    needs_coach = body.save or isinstance(body.base, int)
    if not needs_coach:
        return learn_unsaved(body)
    token = os.environ.get(TOKEN_VARIABLE)
    if not token:
        raise InputError(
            f"saving or a profile as base needs your coach token in ${TOKEN_VARIABLE} "
            "(from `trainweek coach add`)"
        )
    # The app's own database, migrated: the same one `trainweek serve` uses.
    from api.app import create_app
    from api.store import database

    with create_app().app_context():
        try:
            return learn(database(), token, body)
        finally:
            database().dispose()


def print_answer(answer: LearnAnswer) -> None:
    """The weights, the agreement, and each week not reproduced exactly with its reason."""
    out = console()
    weights = Table(title="Learned weights")
    weights.add_column("goal")
    weights.add_column("weight", justify="right")
    for goal, weight in answer.weights.items():
        weights.add_row(str(goal), str(weight))
    out.print(weights)
    agreement = answer.agreement
    out.print(
        f"{agreement.reproduced} of {agreement.examples} weeks optimal under these weights, "
        f"{agreement.identical} placed exactly as given."
    )
    for fit in answer.per_example:
        if fit.identical:
            continue
        changes = ", ".join(
            f"{DAY_NAMES[d.day]} {'+'.join(d.example) or '-'} -> {'+'.join(d.optimal) or '-'}"
            for d in fit.differences
        )
        out.print(f"week {fit.index}: regret {fit.regret}; {escape(changes)}", highlight=False)
        if fit.reason:
            out.print(f"  {escape(fit.reason)}", style="dim", highlight=False)
    if answer.profile is not None:
        out.print(f"saved as profile {answer.profile.id}: {escape(answer.profile.name)}")
