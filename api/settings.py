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
from limits import parse_many

from api.services.athletes import DEFAULT_HISTORY_LIMIT
from api.services.week_cache import DEFAULT_MB
from solver.budget import DEFAULT_MAX_SECONDS, DEFAULT_MAX_SOLVES, SolveBudget

ENVIRONMENT_PREFIX = "TRAINWEEK_"
SWITCH_WORDS = {"true": True, "1": True, "on": True, "false": False, "0": False, "off": False}


def _positive_int(value: Any) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("must be a whole number of at least 1")
    return number


def _whole_number(value: Any) -> int:
    number = int(value)
    if number < 0:
        raise ValueError("must be a whole number of at least 0")
    return number


def _switch(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in SWITCH_WORDS:
        raise ValueError(f"must be one of {', '.join(SWITCH_WORDS)}")
    return SWITCH_WORDS[text]


def _rate_limits(value: Any) -> str:
    """Limits as Flask-Limiter reads them ('20 per second;600 per minute'), checked now."""
    text = str(value)
    try:
        parse_many(text)
    except ValueError:
        raise ValueError("must read like '20 per second;600 per minute'") from None
    return text


def _positive_seconds(value: Any) -> float:
    seconds = float(value)
    if not seconds > 0 or seconds == float("inf"):
        raise ValueError("must be a number of seconds above 0")
    return seconds


# Key -> (default, or how to work it out from the app; how to read it from the environment's text).
SETTINGS: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    # Solved weeks kept per athlete: storing one more deletes the oldest beyond it.
    "HISTORY_LIMIT": (DEFAULT_HISTORY_LIMIT, _positive_int),
    # MiB of optimal weeks kept in memory by request, per worker, so the same request is not
    # solved twice (api/services/week_cache.py); 0 keeps none.
    "WEEK_CACHE_MB": (DEFAULT_MB, _whole_number),
    # The most solving one request may do (sensitivity, compare): solves, and seconds in all.
    "SOLVE_BUDGET_SOLVES": (DEFAULT_MAX_SOLVES, _positive_int),
    "SOLVE_BUDGET_SECONDS": (DEFAULT_MAX_SECONDS, _positive_seconds),
    # Rate limits (api/limits.py). Off in testing, so tests sign up as often as they like,
    # unless a test turns them on.
    "RATELIMIT_ENABLED": (lambda app: not app.testing, _switch),
    # Where the counts live: memory:// counts per worker; redis://host:6379 shares them.
    "RATELIMIT_STORAGE_URI": ("memory://", str),
    # Every /v1/ request: per coach token on coach routes, per address elsewhere.
    "RATELIMIT_PER_CLIENT": ("20 per second;600 per minute", _rate_limits),
    # POST /v1/coaches, per address.
    "RATELIMIT_SIGNUP": ("10 per hour", _rate_limits),
    # Requests answered 401 (a missing or refused token), per address.
    "RATELIMIT_AUTH_FAILURES": ("30 per minute", _rate_limits),
}


def init_app(app: Flask) -> None:
    """Fill in each setting the app's config leaves out, from the environment or the default.

    A value that does not parse stops the start-up with a message naming it.
    """
    for key, (default, parse) in SETTINGS.items():
        if callable(default):
            default = default(app)
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
