"""A solved plan as a printable HTML overview: one row a week, a column a weekday.

Rendered with Jinja2 (autoescape on: titles come from the runner's calendar). The stylesheet is
inlined so a saved file prints on its own; a route serving it allows exactly that style with
`STYLE_CSP_SOURCE` in its Content-Security-Policy (`style-src 'self' <STYLE_CSP_SOURCE>`).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from api.plan_ical import dose_words
from solver.days import DAY_NAMES, DAYS
from solver.domain import KEY_RUN_TYPES

STYLESHEET = files("api").joinpath("static/plan.css").read_text(encoding="utf-8")
STYLE_CSP_SOURCE = (
    "'sha256-" + base64.b64encode(hashlib.sha256(STYLESHEET.encode()).digest()).decode() + "'"
)
PHASE_NAMES = {
    "base": "Base",
    "build": "Build",
    "peak": "Peak",
    "taper": "Taper",
    "race_week": "Race week",
    "deload": "Deload",
    "post_race": "After the race",
    "recovery": "Recovery",
}


def plan_html(result: Mapping[str, Any]) -> str:
    """The plan as an HTML calendar grid: phases, races and strength sessions marked."""
    template = _environment().get_template("plan.html")
    return template.render(
        stylesheet=STYLESHEET,
        day_names=[DAY_NAMES[day_id] for day_id in DAYS],
        weeks=plan_weeks(result),
        status=result.get("status"),
    )


def plan_weeks(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The plan's days in Monday-Sunday rows, each row with its phase and seven cells."""
    days = {day["date"]: day for day in result.get("days") or []}
    phases = {week.get("start"): week for week in result.get("weeks") or []}
    if not days:
        return []
    first = dt.date.fromisoformat(min(days))
    last = dt.date.fromisoformat(max(days))
    monday = first - dt.timedelta(days=first.weekday())
    rows: list[dict[str, Any]] = []
    while monday <= last:
        week = phases.get(monday.isoformat(), {})
        cells = []
        for offset in range(7):
            date = monday + dt.timedelta(days=offset)
            day = days.get(date.isoformat(), {})
            runs = list(day.get("runs") or [])
            cells.append(
                {
                    "date": date,
                    "in_plan": bool(day),
                    "runs": [_run(run) for run in runs],
                    "strength": [_session(session) for session in day.get("strength") or []],
                    "race": any(run.get("type") == "race" for run in runs),
                }
            )
        phase = week.get("phase")
        rows.append(
            {
                "start": monday,
                "number": len(rows) + 1,
                "phase": phase,
                "phase_name": PHASE_NAMES.get(str(phase), str(phase or "")),
                "sessions": week.get("sessions"),
                "cells": cells,
                "race": any(cell["race"] for cell in cells),
            }
        )
        monday += dt.timedelta(days=7)
    return rows


def _run(run: Mapping[str, Any]) -> dict[str, Any]:
    kind = str(run.get("type", ""))
    key = run.get("key")
    return {
        "type": kind,
        "kind": kind.replace("_", " "),
        "label": run.get("title") or kind.replace("_", " "),
        "minutes": run.get("minutes"),
        "key": key if key is not None else kind in KEY_RUN_TYPES,
    }


def _session(session: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "name": session.get("name", "Strength"),
        "minutes": session.get("minutes"),
        "when": {"after_run": "after the run", "on_its_own": "on its own"}.get(
            str(session.get("position")), ""
        ),
        "dose": dose_words(session),
    }


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("api", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
