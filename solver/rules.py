"""The rule book: every hard rule and soft goal, with the one id that names it everywhere.

The model (`solver/cpsat/`), the checker (`solver/checker.py`), the penalty breakdown, the
infeasibility explanation, the HTTP API and the README all use these ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from solver.catalogue import catalogue
from solver.days import DAYS


class HardRuleId(StrEnum):
    """The id of a hard rule, in rule-book order."""

    SESSION_COUNT = "session_count"
    ONE_SESSION_PER_DAY = "one_session_per_day"
    NO_HEAVY_LEGS_BEFORE_KEY_RUN = "no_heavy_legs_before_key_run"
    HEAVY_LEGS_48H_APART = "heavy_legs_48h_apart"
    NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY = "no_heavy_legs_on_very_long_run_day"
    NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN = "no_heavy_legs_after_very_long_run"
    NO_PLYOMETRICS_AFTER_HARD_RUN = "no_plyometrics_after_hard_run"
    NO_STRENGTH_ON_RACE_DAY = "no_strength_on_race_day"
    NO_LEGS_BEFORE_RACE = "no_legs_before_race"
    NO_HEAVY_LEGS_AFTER_RACE = "no_heavy_legs_after_race"
    NO_STRENGTH_ON_DOUBLE_RUN_DAY = "no_strength_on_double_run_day"
    FITS_AVAILABILITY = "fits_availability"
    MASTERS_EXTRA_RECOVERY_DAY = "masters_extra_recovery_day"
    AVOIDED_EXERCISES = "avoided_exercises"
    MAX_STRENGTH_MINUTES = "max_strength_minutes"
    STRENGTH_AFTER_RUN = "strength_after_run"
    HEAVY_LEGS_3H_FROM_HARD_RUN = "heavy_legs_3h_from_hard_run"
    PAST_AS_IT_HAPPENED = "past_as_it_happened"
    LEGS_RECOVERING = "legs_recovering"


class SoftGoalId(StrEnum):
    """The id of a soft goal, in rule-book order."""

    TARGET_SESSIONS = "target_sessions"
    KEEP_RECOVERY_DAYS_EASY = "keep_recovery_days_easy"
    STRENGTH_ON_HARD_DAYS = "strength_on_hard_days"
    STRENGTH_ON_EASY_DAYS = "strength_on_easy_days"
    HEAVY_LEGS_48H_BEFORE_KEY_RUN = "heavy_legs_48h_before_key_run"
    NO_HEAVY_LEGS_AFTER_LONG_RUN = "no_heavy_legs_after_long_run"
    HEAVY_LEGS_ON_LONG_RUN_DAY = "heavy_legs_on_long_run_day"
    SPREAD_SESSIONS = "spread_sessions"
    LOWER_BODY_IN_WEEK = "lower_body_in_week"
    PHASE_FIT = "phase_fit"
    LEVEL_FIT = "level_fit"
    VARIETY = "variety"
    FULL_SESSION_WHEN_TIME_ALLOWS = "full_session_when_time_allows"
    ROUTINE = "routine"
    PROGRESSION = "progression"
    HEAVY_LEGS_6H_FROM_HARD_RUN = "heavy_legs_6h_from_hard_run"
    STABILITY = "stability"


@dataclass(frozen=True)
class HardRule:
    """A rule no week may break."""

    id: HardRuleId
    description: str
    relaxable: bool = False
    """Whether a request may switch the rule off by naming it in `relax`."""


@dataclass(frozen=True)
class SoftGoal:
    """A goal traded off against the others by its weight; each unit missed costs `weight`."""

    id: SoftGoalId
    description: str
    default_weight: int


HARD_RULES: dict[HardRuleId, HardRule] = {
    rule.id: rule
    for rule in (
        HardRule(
            HardRuleId.SESSION_COUNT,
            "Place between min_sessions and max_sessions strength sessions.",
        ),
        HardRule(HardRuleId.ONE_SESSION_PER_DAY, "At most one strength session on any day."),
        HardRule(
            HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN,
            "No heavy-leg session the day before a key run: legs stay fresh for it. Where the "
            "times are known (the session's day has times, the key run a start or a slot): no "
            "heavy-leg session ending less than 24 h before the key run's start.",
        ),
        HardRule(
            HardRuleId.HEAVY_LEGS_48H_APART,
            "Heavy-leg sessions at least 48 h apart: never on consecutive days.",
        ),
        HardRule(
            HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY,
            "No heavy-leg session on the day of a long run of 2 h or more: the run is "
            "enough for the legs that day. Relaxable.",
            relaxable=True,
        ),
        HardRule(
            HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN,
            "No heavy-leg session the day after a long run of 2 h or more. Relaxable.",
            relaxable=True,
        ),
        HardRule(
            HardRuleId.NO_PLYOMETRICS_AFTER_HARD_RUN,
            "No plyometrics on the day of a hard run (long, tempo, intervals, hills or race): "
            "jumps need fresh legs.",
        ),
        HardRule(HardRuleId.NO_STRENGTH_ON_RACE_DAY, "No strength session on a race day."),
        HardRule(
            HardRuleId.NO_LEGS_BEFORE_RACE,
            "No heavy legs in the two days before a race, and no leg work at all the day "
            "before. Relaxable.",
            relaxable=True,
        ),
        HardRule(
            HardRuleId.NO_HEAVY_LEGS_AFTER_RACE,
            "No heavy legs after a race (this week's or previous_race) for a period that grows "
            "with the distance: 2 days up to 10 km, 4 up to a half marathon, 7 beyond. "
            "Relaxable.",
            relaxable=True,
        ),
        HardRule(
            HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY,
            "No strength on a day with two runs or more, unless the day sets allow_doubles.",
        ),
        HardRule(
            HardRuleId.FITS_AVAILABILITY,
            "Strength only on available days, within the day's minutes, and gym sessions only "
            "where there is a gym.",
        ),
        HardRule(
            HardRuleId.MASTERS_EXTRA_RECOVERY_DAY,
            "For a masters runner (age 50 or more): no heavy legs two days before a key run "
            "either, one more day than for younger runners. Relaxable.",
            relaxable=True,
        ),
        HardRule(
            HardRuleId.AVOIDED_EXERCISES,
            "No session holding an exercise the athlete avoids (athlete.avoid) that has no swap: "
            "e.g. no plyometrics for an athlete who avoids jumps.",
        ),
        HardRule(
            HardRuleId.MAX_STRENGTH_MINUTES,
            "The week's strength minutes stay within athlete.max_strength_minutes.",
        ),
        HardRule(
            HardRuleId.STRENGTH_AFTER_RUN,
            "On a day with times, strength starts after the day's timed runs end (a run with "
            "a slot ends at the slot's end: am 12:00, pm 22:00). Relaxable.",
            relaxable=True,
        ),
        HardRule(
            HardRuleId.HEAVY_LEGS_3H_FROM_HARD_RUN,
            "On a day with times, at least 3 h between a timed hard run (long, tempo, "
            "intervals, hills or race) and a heavy-leg session.",
        ),
        HardRule(
            HardRuleId.PAST_AS_IT_HAPPENED,
            "A replan keeps what happened: the days before today (and today, once its session "
            "is reported) hold exactly the strength that was done, and a session the runner moved "
            "stays on the day it was moved to.",
        ),
        HardRule(
            HardRuleId.LEGS_RECOVERING,
            "When the runner reports heavy legs, no heavy-leg session for 48 h (today and "
            "tomorrow); sore legs (or soreness 7 of 10 or more): no leg work but mobility for "
            "72 h (today and the next two days).",
        ),
    )
}

SOFT_GOALS: dict[SoftGoalId, SoftGoal] = {
    goal.id: goal
    for goal in (
        SoftGoal(
            SoftGoalId.TARGET_SESSIONS,
            "Place the target number of sessions: each session above or below it counts.",
            10,
        ),
        SoftGoal(
            SoftGoalId.KEEP_RECOVERY_DAYS_EASY,
            "Keep rest and recovery days easy: each session on a rest day counts once; on a "
            "recovery-run day heavy legs count twice, light legs once, upper body or mobility "
            "not at all.",
            4,
        ),
        SoftGoal(
            SoftGoalId.STRENGTH_ON_HARD_DAYS,
            "Stack strength after a key run ('hard days hard'): each session on a day "
            "without a key run counts.",
            3,
        ),
        SoftGoal(
            SoftGoalId.STRENGTH_ON_EASY_DAYS,
            "Put strength on easy days so key runs stay focused: each session on a key-run "
            "day counts.",
            1,
        ),
        SoftGoal(
            SoftGoalId.HEAVY_LEGS_48H_BEFORE_KEY_RUN,
            "Keep heavy legs 48 h clear of key runs: each heavy-leg session two days before "
            "a key run counts; where the times are known (the session's day has times, the "
            "key run a start or a slot), each heavy-leg session ending less than 48 h before "
            "a key run's start counts, once per key run.",
            5,
        ),
        SoftGoal(
            SoftGoalId.NO_HEAVY_LEGS_AFTER_LONG_RUN,
            "No heavy legs the day after a long run: each such session counts.",
            4,
        ),
        SoftGoal(
            SoftGoalId.HEAVY_LEGS_ON_LONG_RUN_DAY,
            "Keep heavy legs off long-run days, more so the longer the run: each heavy-leg "
            "session on a long-run day counts once per full 30 min of the run (at least once).",
            2,
        ),
        SoftGoal(
            SoftGoalId.SPREAD_SESSIONS,
            "Spread strength through the week: each pair of sessions on consecutive days counts.",
            2,
        ),
        SoftGoal(
            SoftGoalId.LOWER_BODY_IN_WEEK,
            "Work the legs each week, except in taper, race week and a week off (max_sessions "
            "0): heavy strength work (heavy lifting or high plyometrics; the moderate goblet-"
            "squat session is not) for intermediate and advanced lifters (what improves running "
            "economy; one heavy session keeps the gains), any leg work for beginners and new "
            "lifters. A week without it counts once.",
            6,
        ),
        SoftGoal(
            SoftGoalId.PHASE_FIT,
            "Fit the training phase: in race week only mobility and core (each leg session "
            "counts), in taper no heavy legs (each counts), at peak one heavy session is enough "
            "(each beyond one counts).",
            8,
        ),
        SoftGoal(
            SoftGoalId.LEVEL_FIT,
            "Beginners and athletes new to lifting (strength_training_age under 0.5) start "
            "with bodyweight and light loads: each heavy session (heavy lifting or high "
            "plyometrics) counts.",
            6,
        ),
        SoftGoal(
            SoftGoalId.VARIETY,
            "Alternate heavy sessions (A/B) instead of repeating one: each heavy-leg session "
            "that is the same session as the previous heavy-leg one, in day order, counts.",
            3,
        ),
        SoftGoal(
            SoftGoalId.FULL_SESSION_WHEN_TIME_ALLOWS,
            "Short versions are for tight days: each short session on a day with time and "
            "equipment for its full version counts.",
            2,
        ),
        SoftGoal(
            SoftGoalId.ROUTINE,
            "Across a plan, keep the same strength weekdays from week to week: each weekday "
            "that holds strength one week and not the next (or the other way round) counts, "
            "unless that weekday's runs changed (their types, key flags or availability).",
            2,
        ),
        SoftGoal(
            SoftGoalId.PROGRESSION,
            "Across a plan, heavy-leg work builds through base and build, holds at peak and "
            "drops in taper, race week, deload and post-race weeks: each heavy session fewer "
            "than the last base or build week counts in a base or build week, each heavy "
            "session more than the week before counts in any other phase.",
            3,
        ),
        SoftGoal(
            SoftGoalId.HEAVY_LEGS_6H_FROM_HARD_RUN,
            "On a day with times, 6 h or more between a timed hard run and heavy legs: each "
            "heavy-leg session less than 6 h from a hard run the same day counts.",
            3,
        ),
        SoftGoal(
            SoftGoalId.STABILITY,
            "When a week is replanned, change as little as possible: each day still open "
            "whose strength differs from the week the runner holds counts (a session moved "
            "to another day changes two days).",
            5,
        ),
    )
}

assert tuple(HARD_RULES) == tuple(HardRuleId), "the rule book describes every rule, in order"
assert tuple(SOFT_GOALS) == tuple(SoftGoalId), "the rule book describes every goal, in order"

HARD_RULE_IDS: tuple[HardRuleId, ...] = tuple(HardRuleId)
SOFT_GOAL_IDS: tuple[SoftGoalId, ...] = tuple(SoftGoalId)
PLAN_GOAL_IDS: tuple[SoftGoalId, ...] = (SoftGoalId.ROUTINE, SoftGoalId.PROGRESSION)
"""Goals between the weeks of a plan: a lone week never misses them."""
REPLAN_RULE_IDS: tuple[HardRuleId, ...] = (
    HardRuleId.PAST_AS_IT_HAPPENED,
    HardRuleId.LEGS_RECOVERING,
)
"""Rules of a replan (`solver/replan.py`): an ordinary solve never meets them."""
REPLAN_GOAL_IDS: tuple[SoftGoalId, ...] = (SoftGoalId.STABILITY,)
"""Goals of a replan: an ordinary solve never misses them (the count is 0, whatever the weight)."""
RELAXABLE_RULE_IDS: tuple[HardRuleId, ...] = tuple(
    rule.id for rule in HARD_RULES.values() if rule.relaxable
)
DEFAULT_WEIGHTS: dict[SoftGoalId, int] = {
    goal.id: goal.default_weight for goal in SOFT_GOALS.values()
}


def tie_break_rank(session_index: int, day_index: int, session_count: int) -> int:
    """Among weeks of equal penalty the lowest sum of ranks wins: one answer for a request.

    Each day is one digit of a number in base `session_count + 1`: 0 for no session, i + 1 for
    catalogue session i, Sunday the most significant. With at most one session a day no two
    weeks share a sum, so the optimal week is unique. In words: a later day left empty beats one
    with a session, and an earlier session in the catalogue beats a later one.
    """
    return (session_index + 1) * (session_count + 1) ** day_index


def tie_break(plan: Mapping[str, Sequence[str]]) -> int:
    """The week's tie-break: the sum of its placements' ranks (`tie_break_rank`), lowest wins.

    The sum is over placements, so the model weighs each day-and-session variable by the
    tie-break of the one-placement week it stands for.
    """
    return sum(
        placement_rank(day, session_id)
        for day, session_ids in plan.items()
        for session_id in session_ids
    )


@cache
def placement_rank(day: str, session_id: str) -> int:
    """The tie-break rank of one session on one day (`tie_break` of that one-placement week)."""
    index_of = {session.id: index for index, session in enumerate(catalogue())}
    return tie_break_rank(index_of[session_id], DAYS.index(day), len(index_of))


def tie_break_scale(session_count: int, max_sessions: int = 3) -> int:
    """A multiplier for the penalty that no week's sum of tie-break ranks reaches."""
    last_days = range(7 - max_sessions, 7)
    return sum(tie_break_rank(session_count - 1, day, session_count) for day in last_days) + 1
