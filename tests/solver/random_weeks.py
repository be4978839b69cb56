"""Seeded random weeks, small enough for the brute-force enumerator to try every placement."""

from __future__ import annotations

import random
from typing import Any

from solver import DAYS, SOFT_GOALS, WeekRequest

RUN_TYPES = ["easy", "recovery", "long", "tempo", "intervals", "hills", "race", "cross_train"]


def random_week(seed: int) -> WeekRequest:
    """A week with random runs, availability, athlete, session bounds and weights."""
    rng = random.Random(seed)
    days: dict[str, Any] = {}
    open_days = set(rng.sample(DAYS, rng.randint(1, 5)))
    for day in DAYS:
        runs = [
            {
                "type": rng.choice(RUN_TYPES),
                "minutes": rng.choice([30, 45, 60, 90]),
                **({"key": rng.random() < 0.5} if rng.random() < 0.2 else {}),
            }
            for _ in range(rng.choice([0, 0, 1, 1, 1, 2]))
        ]
        entry: dict[str, Any] = {"runs": runs, "available": day in open_days}
        if rng.random() < 0.3:
            entry["available_minutes"] = sum(r["minutes"] for r in runs) + rng.choice([15, 25, 45])
        if rng.random() < 0.3:
            entry["gym"] = False
        days[day] = entry
    low = rng.randint(1, 3)
    high = rng.randint(low, 3)
    return WeekRequest.model_validate(
        {
            "days": days,
            "athlete": {
                "level": rng.choice(["beginner", "intermediate", "advanced"]),
                "phase": rng.choice(
                    [None, "base", "build", "peak", "taper", "race_week", "recovery"]
                ),
                "equipment": rng.choice(["gym", "gym", "home"]),
            },
            "strength": {"min_sessions": low, "max_sessions": high},
            "weights": {
                goal: rng.choice([0, 1, 2, 3, 5, 8, 13])
                for goal in SOFT_GOALS
                if rng.random() < 0.5
            },
        }
    )
