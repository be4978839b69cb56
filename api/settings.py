"""The service's own settings: Flask config keys, their defaults, and the environment variables
(`TRAINWEEK_<KEY>`) that set them.

A value passed to `create_app(config)` wins over the environment, which wins over the default.
The routes read them here and hand them to the services as plain values.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

from api.services.athletes import DEFAULT_HISTORY_LIMIT
from solver.budget import DEFAULT_MAX_SECONDS, DEFAULT_MAX_SOLVES, SolveBudget

ENVIRONMENT_PREFIX = "TRAINWEEK_"


def _positive_int(value: Any) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("must be a whole number of at least 1")
    return number


def _positive_seconds(value: Any) -> float:
    seconds = float(value)
    if not seconds > 0 or seconds == float("inf"):
        raise ValueError("must be a number of seconds above 0")
    return seconds


# Key -> (default, how to read it from the environment's text).
SETTINGS: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    # Solved weeks kept per athlete: storing one more deletes the oldest beyond it.
    "HISTORY_LIMIT": (DEFAULT_HISTORY_LIMIT, _positive_int),
    # The most solving one request may do (sensitivity, compare): solves, and seconds in all.
    "SOLVE_BUDGET_SOLVES": (DEFAULT_MAX_SOLVES, _positive_int),
    "SOLVE_BUDGET_SECONDS": (DEFAULT_MAX_SECONDS, _positive_seconds),
}


def init_app(app: Flask) -> None:
    """Fill in each setting the app's config leaves out, from the environment or the default.

    A value that does not parse stops the start-up with a message naming it.
    """
    for key, (default, parse) in SETTINGS.items():
        source, raw = (
            (key, app.config[key])
            if key in app.config
            else (ENVIRONMENT_PREFIX + key, os.environ.get(ENVIRONMENT_PREFIX + key, default))
        )
        try:
            app.config[key] = parse(raw)
        except (TypeError, ValueError) as error:
            raise ValueError(f"{source}={raw!r}: {error}") from None


def history_limit() -> int:
    """How many solved weeks each athlete keeps."""
    limit: int = current_app.config["HISTORY_LIMIT"]
    return limit


def solve_budget() -> SolveBudget:
    """The most solving one request may do."""
    return SolveBudget(
        max_solves=current_app.config["SOLVE_BUDGET_SOLVES"],
        max_seconds=current_app.config["SOLVE_BUDGET_SECONDS"],
    )
