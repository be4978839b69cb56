"""Fixtures of the importer tests: the synthetic calendars and the calendar-hack plan."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def garmin_ics() -> bytes:
    """An all-day training calendar in the style of Garmin Connect's export."""
    return (FIXTURES / "garmin_all_day.ics").read_bytes()


@pytest.fixture
def google_ics() -> bytes:
    """Timed events in UTC with X-WR-TIMEZONE, a weekly RRULE and a TZID, as Google exports."""
    return (FIXTURES / "google_timed_utc.ics").read_bytes()


@pytest.fixture
def frr_yaml() -> bytes:
    """The structure of Faster Road Racing's 5K Schedule 1 as a calendar-hack YAML plan."""
    return (FIXTURES / "frr_5k_01_structure.yaml").read_bytes()


@pytest.fixture
def work_ics() -> bytes:
    """A work calendar for the week of 2026-03-02 in Europe/Paris: office hours recurring on
    weekdays (one morning taken out by EXDATE), a night shift across midnight, a UTC call, a
    New York call, an all-day family day, and on Sunday a transparent and a cancelled event
    beside a ten-minute coffee."""
    return (FIXTURES / "busy" / "work.ics").read_bytes()


@pytest.fixture
def dst_ics() -> bytes:
    """A daily 07:00 UTC call over the week of 2026-03-23, whose Sunday Europe/Paris moves to
    summer time, and a Sunday lunch at 12:00 Paris time."""
    return (FIXTURES / "busy" / "dst.ics").read_bytes()
