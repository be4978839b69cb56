"""Structured logs: one JSON object per line, each line tagged with its request's id.

Every request gets an id: the client's `X-Request-Id` when it is a sane token (1 to 128 letters,
digits and `. _ : -`, starting with a letter or digit), else a fresh one. The response echoes it
in `X-Request-Id`, and every line logged while the request runs carries it, so one request's lines
can be found among many workers'. After each request one access line (logger `trainweek.access`)
says method, path, status and duration_ms.

What is never logged: a request body, a query string, a header (so no bearer token), and the
message of an exception. A crash logs its stack (file, line, function, code) and each exception's
type; a message may quote the request (pydantic quotes input values, a database error its
parameters, our own code anything), so it stays out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import time
import traceback
import uuid
from typing import Any

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-Id"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
ACCESS_FIELDS = ("method", "path", "status", "duration_ms")

access_log = logging.getLogger("trainweek.access")

CAUSED = "\nThe above exception was the direct cause of the following exception:\n\n"
DURING = "\nDuring handling of the above exception, another exception occurred:\n\n"


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message, request_id, and the
    access fields or the exception's trace where the record has them."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for field in ACCESS_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = exception_trace(record.exc_info[1])
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, default=str)


def exception_trace(error: BaseException) -> str:
    """The stack trace of `error` and the exceptions chained to it, each exception by its type
    only: its message is left out, as it may quote the request."""
    # Newest first, each with how the newer one led to it (the words Python prints between).
    chain: list[tuple[BaseException, str]] = []
    current: BaseException | None = error
    link = ""
    while current is not None and all(current is not seen for seen, _ in chain):
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, CAUSED
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, DURING
        else:
            current = None
    lines: list[str] = []
    for exception, link in reversed(chain):
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(exception.__traceback__))
        kind = type(exception)
        module = "" if kind.__module__ == "builtins" else f"{kind.__module__}."
        lines.append(f"{module}{kind.__qualname__} (message not logged)\n")
        lines.append(link)
    return "".join(lines)


def current_request_id() -> str | None:
    """The id of the request being handled, or None outside one."""
    if not has_request_context():
        return None
    request_id: str | None = g.get("request_id")
    return request_id


def init_app(app: Flask) -> None:
    """Give each request an id, log one access line per request, and log JSON to stderr.

    Register it first: its before_request must run before any other can refuse the request.
    """
    install()
    app.before_request(_start)
    app.after_request(_finish)


def install() -> None:
    """Tag every log record with the current request's id, and, when nothing else configured
    logging (the root logger has no handler, as `logging.basicConfig` checks), log JSON lines to
    stderr. Safe to call again."""
    global _previous_factory
    if _previous_factory is None:
        _previous_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_record_with_request_id)
    root = logging.getLogger()
    if not root.handlers:
        handler = StderrHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    trainweek = logging.getLogger("trainweek")
    if trainweek.level == logging.NOTSET:
        trainweek.setLevel(logging.INFO)


_previous_factory: Any = None


def _record_with_request_id(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record: logging.LogRecord = _previous_factory(*args, **kwargs)
    record.request_id = current_request_id()
    return record


class StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the time (a test's captured stream, say)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def gunicorn_logging() -> dict[str, Any]:
    """gunicorn's `logconfig_dict`: its own lines as JSON too, and no access log of its own
    (the app writes one, with the request id)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "handlers": {"stderr": {"()": f"{__name__}.StderrHandler", "formatter": "json"}},
        "root": {"level": "WARNING", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }


def _start() -> None:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = offered if SANE_REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started", time.perf_counter())
    duration_ms = round((time.perf_counter() - started) * 1000, 2)
    access_log.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
        },
    )
    return response
