"""Shaping answers: a model as JSON, which of JSON, iCalendar or HTML the client asked for, and a
solved plan in each."""

from __future__ import annotations

from typing import Any

from flask import Response, request
from pydantic import BaseModel

from api.headers import strict_csp_with_style
from api.plan_html import STYLE_CSP_SOURCE, plan_html
from api.plan_ical import plan_calendar
from solver import PlanResult

JSON = "application/json"
CALENDAR = "text/calendar"
HTML = "text/html"


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


def plan_response(
    solved: PlanResult, source_ics: bytes | None, wanted: str, timezone: str | None = None
) -> Response:
    """The solved plan as JSON, iCalendar (the source calendar's events kept; timed events in
    `timezone`, the plan's, when known) or HTML."""
    result: dict[str, Any] = solved.model_dump(mode="json")
    if wanted == CALENDAR:
        first = result["days"][0]["date"]
        ics = plan_calendar(result, source_ics, timezone=timezone)
        return calendar_response(ics, f"plan-{first}.ics")
    if wanted == HTML:
        return Response(
            plan_html(result),
            mimetype=HTML,
            headers={
                "Vary": "Accept",
                "Content-Security-Policy": strict_csp_with_style(STYLE_CSP_SOURCE),
            },
        )
    return Response(solved.model_dump_json(), mimetype=JSON, headers={"Vary": "Accept"})
