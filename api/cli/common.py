"""What every command shares: exit codes, bad input as one line, reading JSON from a file or
stdin, weight overrides, writing a file whole or not at all, and leaving quietly when the
reader closes the pipe."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.console import Console

from api.validation import field_errors
from solver.importers import json_number

EXIT_OK, EXIT_BAD_INPUT, EXIT_INFEASIBLE = 0, 2, 3
# What a shell reports for a process ended by SIGPIPE (128 + 13).
EXIT_PIPE_CLOSED = 141
STDIN = "-"


class InputError(Exception):
    """Bad input from the user: one line says what to fix."""


def console() -> Console:
    """Rich output on stdout."""
    return Console()


def validation_message(error: ValidationError) -> str:
    """Each field error of a pydantic error as 'where: what', joined by '; '."""
    return "; ".join(
        f"{e.field}: {e.message}" if e.field else e.message for e in field_errors(error)
    )


def read_json_object(path: str) -> tuple[str, dict[str, Any]]:
    """The JSON object in the file at `path`, or on stdin for '-'; with the name to report."""
    label = "stdin" if path == STDIN else path
    try:
        text = sys.stdin.read() if path == STDIN else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        raise InputError(f"{label}: cannot read: {error}") from None
    try:
        data = json.loads(text, parse_float=json_number)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{label}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise InputError(f"{label}: invalid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError(f"{label}: expected a JSON object, got {type(data).__name__}")
    return label, data


def parse_weights(pairs: Sequence[str]) -> dict[str, int]:
    """`['spread_sessions=5']` -> `{'spread_sessions': 5}`; the goal ids are checked by the
    request's own validation, with the same message as the API's."""
    weights = {}
    for pair in pairs:
        goal, sep, value = pair.partition("=")
        if not sep or not value.strip().isdigit():
            raise InputError(f"--weights {pair}: expected GOAL=N with N a whole number >= 0")
        weights[goal.strip()] = int(value)
    return weights


def print_json(text: str) -> None:
    """Print JSON text on stdout."""
    print(text)


def stdout_closed() -> int:
    """Silence stdout after the reader closed it, so exit does not fail flushing it again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_PIPE_CLOSED


def read_bytes(path: str) -> bytes:
    """The file's bytes, or stdin's for '-'."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (IsADirectoryError, PermissionError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None


def parse_date(value: str | None, option: str = "--race-date") -> dt.date | None:
    """A date option (--race-date, --week-of, ...) as a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value}: expected a date as YYYY-MM-DD") from None


def parse_paces(pairs: list[str]) -> dict[str, Any]:
    """--paces easy=5.5 ... as {kind: min/km}."""
    paces: dict[str, Any] = {}
    for pair in pairs:
        kind, sep, value = pair.partition("=")
        try:
            paces[kind.strip()] = float(value)
        except ValueError:
            raise InputError(f"--paces {pair}: expected KIND=MIN_PER_KM, e.g. easy=5.5") from None
        if not sep:
            raise InputError(f"--paces {pair}: expected KIND=MIN_PER_KM, e.g. easy=5.5")
    return paces


def write_atomically(path: Path, data: bytes) -> None:
    """Write the file whole or not at all: a temporary file beside it, renamed over it."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise InputError(f"--out {path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"--out {path}: cannot write: {error.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
