"""Importers of training plans: trainweek's plan JSON, iCalendar, calendar-hack plans (JSON or
YAML), and the run classifier that reads their titles. Pure parsing: no ortools, no Flask.

`import_plan(data, ...)` is the one entry: bytes in, `ImportedPlan(plan, report)` out, or
`PlanFileError` saying what is wrong and where.
"""

from solver.importers.classify import Classification, Classifier, parse_mapping
from solver.importers.importer import FORMATS, import_plan, json_number
from solver.importers.report import (
    MAX_WEEKS,
    STRENGTH_KIND,
    STRENGTH_UID_DOMAIN,
    TRAINWEEK_KIND_PROPERTY,
    ImportedPlan,
    ImportReport,
    PlanFileError,
    ReportEntry,
)

__all__ = [
    "FORMATS",
    "MAX_WEEKS",
    "STRENGTH_KIND",
    "STRENGTH_UID_DOMAIN",
    "TRAINWEEK_KIND_PROPERTY",
    "Classification",
    "Classifier",
    "ImportReport",
    "ImportedPlan",
    "PlanFileError",
    "ReportEntry",
    "import_plan",
    "json_number",
    "parse_mapping",
]
