"""Shaping answers: a model as JSON, and which of JSON or iCalendar the client asked for."""

from __future__ import annotations

from flask import Response, request
from pydantic import BaseModel

JSON = "application/json"
CALENDAR = "text/calendar"


def json_response(
    model: BaseModel, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """The model as an `application/json` response."""
    return Response(model.model_dump_json(), status=status, mimetype=JSON, headers=headers)


def wanted_type(*offered: str) -> str | None:
    """The media type of `offered` the client prefers; the first when it sent no Accept."""
    accept = request.accept_mimetypes
    return accept.best_match(offered) if accept else offered[0]


def calendar_response(
    ics: bytes,
    filename: str | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """An iCalendar file; with `filename`, offered as a download of that name."""
    answer_headers = {"Vary": "Accept", **(headers or {})}
    if filename is not None:
        answer_headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(ics, status=status, mimetype=CALENDAR, headers=answer_headers)
