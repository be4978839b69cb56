"""Seeded random weeks, small enough for the brute-force enumerator to try every placement."""

from __future__ import annotations

import random
from typing import Any

from solver import DAYS, SOFT_GOALS, WeekRequest
from solver.rules import RELAXABLE_RULE_IDS

RUN_TYPES = ["easy", "recovery", "long", "tempo", "intervals", "hills", "race", "cross_train"]
DISTANCES: list[Any] = ["5k", "10k", "half", "marathon", "ultra", 15, 30.5]


def random_run(rng: random.Random) -> dict[str, Any]:
    """A run: long runs reach past 2 h now and then, races carry a distance most times."""
    run_type = rng.choice(RUN_TYPES)
    minutes = rng.choice([30, 45, 60, 90, 150] if run_type == "long" else [30, 45, 60, 90])
    run: dict[str, Any] = {"type": run_type, "minutes": minutes}
    if rng.random() < 0.2:
        run["key"] = rng.random() < 0.5
    if run_type == "race" and rng.random() < 0.7:
        run["distance"] = rng.choice(DISTANCES)
    return run


RUN_STARTS = ["05:30", "06:00", "06:30", "07:00", "12:15", "17:30", "18:00", "19:00"]
WINDOWS = [
    [["06:00", "07:30"], ["18:00", "21:00"]],
    [["05:00", "09:00"]],
    [["12:00", "13:30"], ["17:00", "22:00"]],
    [["06:00", "21:00"]],
]


def add_times(days: dict[str, Any], rng: random.Random) -> None:
    """Give most days times: runs a start or a slot, days windows now and then."""
    for entry in days.values():
        if rng.random() < 0.2:
            continue
        for run in entry["runs"]:
            draw = rng.random()
            if draw < 0.6:
                run["at"] = rng.choice(RUN_STARTS)
            elif draw < 0.8:
                run["slot"] = rng.choice(["am", "pm"])
        if rng.random() < 0.5:
            entry["windows"] = rng.choice(WINDOWS)


def random_week(seed: int, *, timed: bool = False) -> WeekRequest:
    """A week with random runs, availability, athlete, session bounds and weights; `timed`
    gives its days times too (from a draw of their own, so the untimed week stays the same)."""
    rng = random.Random(seed)
    days: dict[str, Any] = {}
    open_days = set(rng.sample(DAYS, rng.randint(1, 5)))
    for day in DAYS:
        runs = [random_run(rng) for _ in range(rng.choice([0, 0, 1, 1, 1, 2]))]
        entry: dict[str, Any] = {"runs": runs, "available": day in open_days}
        if rng.random() < 0.3:
            entry["available_minutes"] = sum(r["minutes"] for r in runs) + rng.choice([15, 25, 45])
        if rng.random() < 0.3:
            entry["gym"] = False
        if len(runs) > 1 and rng.random() < 0.5:
            entry["allow_doubles"] = True
        days[day] = entry
    if timed:
        add_times(days, random.Random(f"times-{seed}"))
    extra: dict[str, Any] = {}
    if rng.random() < 0.25:
        extra["relax"] = rng.sample(RELAXABLE_RULE_IDS, rng.randint(1, 2))
    if rng.random() < 0.25:
        extra["previous_race"] = {
            "days_ago": rng.randint(1, 8),
            "distance": rng.choice(DISTANCES),
        }
    athlete: dict[str, Any] = {
        "level": rng.choice(["beginner", "intermediate", "advanced"]),
        "phase": rng.choice(
            [None, "base", "build", "peak", "taper", "race_week", "recovery", "deload"]
        ),
        "equipment": rng.choice(["gym", "gym", "home", "home_weights", "bodyweight"]),
    }
    if rng.random() < 0.2:
        athlete["age"] = rng.choice([35, 52, 67])
    if rng.random() < 0.2:
        athlete["avoid"] = rng.sample(["jumps", "deep_knee_flexion", "spinal_loading"], 1)
    if rng.random() < 0.2:
        athlete["max_strength_minutes"] = rng.choice([20, 45, 70, 100])
    if rng.random() < 0.2:
        athlete["strength_training_age"] = rng.choice([0, 0.3, 1, 4])
    low = rng.randint(0, 3) if rng.random() < 0.1 else rng.randint(1, 3)
    high = rng.randint(max(low, 1), 3)
    return WeekRequest.model_validate(
        {
            "days": days,
            "athlete": athlete,
            "strength": {"min_sessions": low, "max_sessions": high},
            **extra,
            "weights": {
                goal: rng.choice([0, 1, 2, 3, 5, 8, 13])
                for goal in SOFT_GOALS
                if rng.random() < 0.5
            },
        }
    )
