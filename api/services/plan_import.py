"""Import a training plan file: the use case behind `trainweek import` (and the plan routes).

Bytes in (a plan file as uploaded or read), trainweek's plan JSON and the classification report
out; a file that cannot be a plan raises `PlanFileError` (what and where), which the CLI answers
with exit 2 and the HTTP API with a 400.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from solver.importers import ImportedPlan, PlanFileError, import_plan
from solver.importers.importer import Format

__all__ = ["ImportedPlan", "PlanFileError", "import_plan_file"]


def import_plan_file(
    data: bytes,
    *,
    format: Format = "auto",
    race_date: dt.date | None = None,
    mapping: Iterable[str] | dict[str, str] | None = None,
    paces: dict[str, float] | None = None,
) -> ImportedPlan:
    """Read the plan file into plan JSON and a classification report."""
    return import_plan(data, format=format, race_date=race_date, mapping=mapping, paces=paces)
