"""The rule book: every hard rule and soft goal, with the one id that names it everywhere.

The model (`solver/cpsat/`), the checker (`solver/checker.py`), the penalty breakdown, the
infeasibility explanation, the HTTP API and the README all use these ids.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HardRule:
    """A rule no week may break."""

    id: str
    description: str


@dataclass(frozen=True)
class SoftGoal:
    """A goal traded off against the others by its weight; each unit missed costs `weight`."""

    id: str
    description: str
    default_weight: int


HARD_RULES: dict[str, HardRule] = {
    rule.id: rule
    for rule in (
        HardRule("session_count", "Place between min_sessions and max_sessions strength sessions."),
        HardRule("one_session_per_day", "At most one strength session on any day."),
        HardRule(
            "no_heavy_legs_before_key_run",
            "No heavy-leg session the day before a key run: legs stay fresh for it.",
        ),
        HardRule(
            "heavy_legs_48h_apart",
            "Heavy-leg sessions at least 48 h apart: never on consecutive days.",
        ),
        HardRule("no_strength_on_race_day", "No strength session on a race day."),
        HardRule(
            "fits_availability",
            "Strength only on available days, within the day's minutes, and gym sessions only "
            "where there is a gym.",
        ),
    )
}

SOFT_GOALS: dict[str, SoftGoal] = {
    goal.id: goal
    for goal in (
        SoftGoal(
            "target_sessions",
            "Place the target number of sessions: each session above or below it counts.",
            10,
        ),
        SoftGoal(
            "keep_recovery_days_easy",
            "Keep rest and recovery days easy: each session on one counts.",
            4,
        ),
        SoftGoal(
            "strength_on_hard_days",
            "Stack strength after a key run ('hard days hard'): each session on a day "
            "without a key run counts.",
            3,
        ),
        SoftGoal(
            "strength_on_easy_days",
            "Put strength on easy days so key runs stay focused: each session on a key-run "
            "day counts.",
            1,
        ),
        SoftGoal(
            "heavy_legs_48h_before_key_run",
            "Keep heavy legs 48 h clear of key runs: each heavy-leg session two days before "
            "a key run counts.",
            5,
        ),
        SoftGoal(
            "no_heavy_legs_after_long_run",
            "No heavy legs the day after a long run: each such session counts.",
            4,
        ),
        SoftGoal(
            "spread_sessions",
            "Spread strength through the week: each pair of sessions on consecutive days counts.",
            2,
        ),
        SoftGoal(
            "lower_body_in_week",
            "Work the legs each week, except in taper and race week: heavy lower-body work for "
            "intermediate and advanced runners (what improves running economy; one heavy "
            "session keeps the gains), light work is enough for beginners. A week without it "
            "counts once.",
            6,
        ),
        SoftGoal(
            "phase_fit",
            "Fit the training phase: in race week only mobility and core (each leg session "
            "counts), in taper no heavy legs (each counts), at peak one heavy session is enough "
            "(each beyond one counts).",
            8,
        ),
        SoftGoal(
            "level_fit",
            "Beginners start with bodyweight and light loads: each heavy-leg session counts.",
            6,
        ),
    )
}

HARD_RULE_IDS: tuple[str, ...] = tuple(HARD_RULES)
SOFT_GOAL_IDS: tuple[str, ...] = tuple(SOFT_GOALS)
DEFAULT_WEIGHTS: dict[str, int] = {goal.id: goal.default_weight for goal in SOFT_GOALS.values()}


def tie_break_rank(session_index: int, day_index: int, session_count: int) -> int:
    """Among weeks of equal penalty the lowest sum of ranks wins: one answer for a request.

    Each day is one digit of a number in base `session_count + 1`: 0 for no session, i + 1 for
    catalogue session i, Sunday the most significant. With at most one session a day no two
    weeks share a sum, so the optimal week is unique. In words: a later day left empty beats one
    with a session, and an earlier session in the catalogue beats a later one.
    """
    return (session_index + 1) * (session_count + 1) ** day_index


def tie_break_scale(session_count: int, max_sessions: int = 3) -> int:
    """A multiplier for the penalty that no week's sum of tie-break ranks reaches."""
    last_days = range(7 - max_sessions, 7)
    return sum(tie_break_rank(session_count - 1, day, session_count) for day in last_days) + 1
