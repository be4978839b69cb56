"""Time importing plan files and writing the plan back out, short plan beside long.

An 18-week and a 104-week plan (five runs a week, the longest plan accepted), each as an
iCalendar export and as a calendar-hack YAML plan, imported by `import_plan`; then the 104-week
plan written as a calendar (`plan_calendar`, its source events kept) and as HTML (`plan_html`).
The ratio of the 104-week to the 18-week import says whether the work grows with the plan
(104 / 18 = 5.8 is linear).

Usage: .venv/bin/python benchmarks/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from typing import Any

import yaml

from api.plan_html import plan_html
from api.plan_ical import plan_calendar
from solver.importers import import_plan

WEEK = ["Rest", "Easy 5 mi", "8 x 400", "Easy 4-5 mi", "Rest", "Tempo 40 min", "Long run 12 mi"]
RACE_DAY = dt.date(2027, 10, 10)


def ics(weeks: int) -> bytes:
    """A Garmin-style all-day calendar of `weeks` weeks ending on a Sunday marathon."""
    first = RACE_DAY - dt.timedelta(days=weeks * 7 - 1)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for index in range(weeks * 7):
        date = first + dt.timedelta(days=index)
        title = "Marathon race" if date == RACE_DAY else WEEK[index % 7]
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{index}@example.invalid",
            "DTSTAMP:20270101T000000Z",
            f"DTSTART;VALUE=DATE:{date:%Y%m%d}",
            f"SUMMARY:{title}",
            "END:VEVENT",
        ]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def calendar_hack(weeks: int) -> bytes:
    """The same plan as a calendar-hack YAML file."""
    week = [{"title": title} for title in WEEK]
    schedule = [{"workouts": week} for _ in range(weeks)]
    return yaml.safe_dump({"id": "b", "name": "b", "units": "mi", "schedule": schedule}).encode()


def result_of(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan as a solved answer with a strength session every Tuesday."""
    start = dt.date.fromisoformat(plan["start"])
    days = []
    for week_index, week in enumerate(plan["weeks"]):
        for day_index, day_id in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun")):
            date = start + dt.timedelta(days=week_index * 7 + day_index)
            session = {"name": "Lower body", "minutes": 40, "exercises": ["Squat", "Lunge"]}
            days.append(
                {
                    "date": date.isoformat(),
                    "runs": week["days"].get(day_id, {}).get("runs", []),
                    "strength": [session] if day_id == "tue" else [],
                }
            )
    weeks = [
        {"start": (start + dt.timedelta(days=7 * i)).isoformat()} for i in range(len(plan["weeks"]))
    ]
    return {"days": days, "weeks": weeks}


def median_ms(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per measurement (median)")
    runs = parser.parse_args().runs
    figures: dict[str, float] = {}
    for weeks in (18, 104):
        source = ics(weeks)
        hack = calendar_hack(weeks)
        figures[f"ics {weeks}"] = median_ms(runs, lambda s=source: import_plan(s))
        figures[f"hack {weeks}"] = median_ms(
            runs, lambda h=hack: import_plan(h, race_date=RACE_DAY)
        )
    long_source = ics(104)
    result = result_of(import_plan(long_source).plan)
    figures["calendar out 104"] = median_ms(runs, lambda: plan_calendar(result, long_source))
    figures["html out 104"] = median_ms(runs, lambda: plan_html(result))
    for name, ms in figures.items():
        print(f"{name:>18}: {ms:8.1f} ms (median of {runs})")
    for kind in ("ics", "hack"):
        ratio = figures[f"{kind} 104"] / figures[f"{kind} 18"]
        print(f"{kind} 104 weeks / 18 weeks: {ratio:.1f}x (5.8x is linear)")


if __name__ == "__main__":
    main()
