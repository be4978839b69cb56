"""Seeded random plans of 2 to 4 weeks, small enough for the exact dynamic program."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from solver.days import DAYS
from solver.plan.domain import PlanRequest
from solver.rules import RELAXABLE_RULE_IDS, SOFT_GOALS
from tests.solver.random_weeks import DISTANCES, random_run

PHASES = [None, None, "base", "build", "peak", "taper", "race_week", "deload", "post_race"]


def random_plan(seed: int) -> PlanRequest:
    """A plan with random runs (the same weekly pattern now and then, so the routine binds),
    availability, phases, races, session bounds and weights."""
    rng = random.Random(seed)
    week_count = rng.randint(2, 4)
    pattern = {day: [random_run(rng) for _ in range(rng.choice([0, 1, 1]))] for day in DAYS}
    weeks = []
    for _ in range(week_count):
        days: dict[str, Any] = {}
        open_days = set(rng.sample(DAYS, rng.randint(2, 5)))
        for day in DAYS:
            runs = (
                pattern[day]
                if rng.random() < 0.6
                else [random_run(rng) for _ in range(rng.choice([0, 1, 1, 2]))]
            )
            entry: dict[str, Any] = {"runs": runs, "available": day in open_days}
            if rng.random() < 0.15:
                entry["available_minutes"] = sum(r["minutes"] for r in runs) + rng.choice([25, 45])
            if rng.random() < 0.2:
                entry["gym"] = False
            days[day] = entry
        week: dict[str, Any] = {"days": days}
        phase = rng.choice(PHASES)
        if phase is not None:
            week["phase"] = phase
        weeks.append(week)
    start = dt.date(2027, 1, 4) + dt.timedelta(weeks=rng.randint(0, 50))
    low = rng.randint(1, 2)
    extra: dict[str, Any] = {}
    if rng.random() < 0.3:
        extra["goal_race"] = {
            "date": (start + dt.timedelta(days=rng.randint(7, 7 * week_count - 1))).isoformat(),
            "distance": rng.choice(DISTANCES),
        }
    if rng.random() < 0.2:
        extra["relax"] = rng.sample(RELAXABLE_RULE_IDS, 1)
    if rng.random() < 0.2:
        extra["previous_race"] = {"days_ago": rng.randint(1, 6), "distance": rng.choice(DISTANCES)}
    athlete: dict[str, Any] = {
        "level": rng.choice(["beginner", "intermediate", "advanced"]),
        "equipment": rng.choice(["gym", "gym", "home"]),
    }
    # The coach's athlete modifiers, drawn apart so the plans above stay as they were.
    modifiers = random.Random(seed + 100_000)
    if modifiers.random() < 0.25:
        athlete["age"] = modifiers.choice([35, 52, 67])
    if modifiers.random() < 0.2:
        athlete["avoid"] = modifiers.sample(["jumps", "deep_knee_flexion", "spinal_loading"], 1)
    if modifiers.random() < 0.25:
        athlete["max_strength_minutes"] = modifiers.choice([45, 70, 100])
    if modifiers.random() < 0.2:
        athlete["strength_training_age"] = modifiers.choice([0, 0.3, 1, 4])
    if modifiers.random() < 0.3:
        athlete["equipment"] = modifiers.choice(["home_weights", "bodyweight"])
    return PlanRequest.model_validate(
        {
            "start": start.isoformat(),
            "weeks": weeks,
            "athlete": athlete,
            "strength": {"min_sessions": low, "max_sessions": rng.randint(low, 3)},
            "weights": {goal: rng.randint(0, 12) for goal in SOFT_GOALS if rng.random() < 0.4},
            "deload_every": rng.choice([3, 4, None]),
            **extra,
        }
    )
