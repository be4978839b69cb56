"""What an import hands back beside the plan: each workout as classified, and what went wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from solver.importers.classify import Classification

MAX_WEEKS = 104
# How trainweek marks the strength events it exports (api/plan_ical.py) so that importing its own
# calendar again skips them: this property, and UIDs in this domain.
TRAINWEEK_KIND_PROPERTY = "X-TRAINWEEK-KIND"
STRENGTH_KIND = "strength"
STRENGTH_UID_DOMAIN = "strength.trainweek"


class PlanFileError(ValueError):
    """A plan file that cannot be imported: what is wrong and where ('line 12', 'week 3 day 5')."""

    def __init__(self, what: str, where: str | None = None) -> None:
        self.what = what
        self.where = where
        super().__init__(f"{where}: {what}" if where else what)


@dataclass(frozen=True)
class Workout:
    """One workout read from a file, on its date, before classification."""

    date: dt.date
    title: str
    where: str
    description: str = ""
    source_uid: str | None = None
    distance_km: tuple[float, float] | None = None
    event_minutes: int | None = None
    at: str | None = None
    """A timed event's start, "HH:MM" local; None for an all-day one (and other formats)."""


@dataclass(frozen=True)
class ReportEntry:
    """One workout as the importer read it: what it became and why."""

    date: dt.date
    title: str
    where: str
    classification: Classification

    def as_dict(self) -> dict[str, Any]:
        """The entry as JSON: date, title, where, kind, type, minutes, confidence, reason."""
        entry: dict[str, Any] = {
            "date": self.date.isoformat(),
            "title": self.title,
            "where": self.where,
            "kind": self.classification.kind,
            "type": self.classification.type,
            "minutes": self.classification.minutes,
            "confidence": self.classification.confidence,
            "reason": self.classification.reason,
        }
        if self.classification.race_distance is not None:
            entry["distance"] = self.classification.race_distance
        return entry


@dataclass
class ImportReport:
    """The classification report: every workout read, the unclassified ones, and notes."""

    format: str
    entries: list[ReportEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def unclassified(self) -> list[ReportEntry]:
        """The workouts the classifier could not read with confidence: left out of the plan."""
        return [entry for entry in self.entries if entry.classification.kind == "unclassified"]

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON."""
        return {
            "format": self.format,
            "events": [entry.as_dict() for entry in self.entries],
            "unclassified": [entry.as_dict() for entry in self.unclassified],
            "notes": list(self.notes),
        }


@dataclass
class ImportedPlan:
    """A plan in trainweek's plan JSON (a dict, validated later) and its report."""

    plan: dict[str, Any]
    report: ImportReport
