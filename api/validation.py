"""Pydantic validation errors as 'where: what' a user can act on, for the API and the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from pydantic import ValidationError


class FieldError(NamedTuple):
    """One invalid field: where it is (`days.tue.runs[0].minutes`, '' for the whole input),
    what is wrong, and pydantic's error type."""

    field: str
    message: str
    kind: str


def field_path(loc: Sequence[int | str]) -> str:
    """`('days', 'tue', 'runs', 0, 'type')` -> `'days.tue.runs[0].type'`."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def field_errors(error: ValidationError) -> list[FieldError]:
    """Each field error of a pydantic error, located and worded for a user."""
    return [
        FieldError(
            # pydantic marks a bad dict key with a '[key]' step: the path to the key says it.
            field=field_path([part for part in item["loc"] if part != "[key]"]),
            message=item["msg"].removeprefix("Value error, "),
            kind=item["type"],
        )
        for item in error.errors()
    ]
