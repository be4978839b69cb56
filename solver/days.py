"""The days of the week, Monday first: the one order every part of trainweek reads a week in."""

from __future__ import annotations

from typing import Literal

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES: dict[str, str] = {
    "mon": "Mon",
    "tue": "Tue",
    "wed": "Wed",
    "thu": "Thu",
    "fri": "Fri",
    "sat": "Sat",
    "sun": "Sun",
}
DayId = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
