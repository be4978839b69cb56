"""Score any proposed week against every hard rule and soft goal, in plain Python (no ortools).

The checker does not trust the model: tests run it on every week the model returns, and the
`evaluate` endpoint uses it to score a week a coach or runner proposes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from solver.catalogue import Session, session_by_id
from solver.domain import DAY_NAMES, DAYS, EQUIPMENT_RANK, Day, DayId, WeekRequest
from solver.result import Conflict, Evaluation, Penalty, Plan
from solver.rules import HARD_RULE_IDS, SOFT_GOAL_IDS, HardRuleId, SoftGoalId


class PlanError(ValueError):
    """A proposed plan names a day or a session that does not exist."""


@dataclass(frozen=True)
class _Week:
    """A request and a plan, side by side: the sessions placed on each day."""

    request: WeekRequest
    days: tuple[Day, ...]
    placed: tuple[tuple[Session, ...], ...]

    def heavy(self, day_index: int) -> list[Session]:
        return [s for s in self.placed[day_index] if s.heavy_legs]

    def sessions(self) -> Iterator[tuple[int, Session]]:
        for day_index, sessions in enumerate(self.placed):
            for session in sessions:
                yield day_index, session

    @property
    def count(self) -> int:
        return sum(len(sessions) for sessions in self.placed)


def parse_plan(plan: Mapping[str, Sequence[str]]) -> tuple[tuple[Session, ...], ...]:
    """Turn day id -> session ids into sessions per day, Monday first."""
    unknown_days = sorted(set(plan) - set(DAYS))
    if unknown_days:
        raise PlanError(f"unknown day(s) {', '.join(unknown_days)}; days are {', '.join(DAYS)}")
    by_id = session_by_id()
    placed = []
    for day in DAYS:
        sessions = []
        for index, session_id in enumerate(plan.get(day, [])):
            if session_id not in by_id:
                raise PlanError(
                    f"plan.{day}[{index}]: unknown session '{session_id}'; "
                    f"known: {', '.join(by_id)}"
                )
            sessions.append(by_id[session_id])
        placed.append(tuple(sessions))
    return tuple(placed)


def evaluate(request: WeekRequest, plan: Mapping[str, Sequence[str]]) -> Evaluation:
    """Score the plan: broken hard rules, and the cost of every soft goal with weight > 0."""
    week = _Week(request, tuple(request.week), parse_plan(plan))
    violations = list(_violations(week, HARD_RULE_IDS))
    penalties = []
    for goal_id, weight in _active_weights(request).items():
        details = GOAL_CHECKS[goal_id](week)
        if details:
            penalties.append(
                Penalty(
                    goal=goal_id,
                    weight=weight,
                    count=len(details),
                    cost=weight * len(details),
                    details=details,
                )
            )
    return Evaluation(
        feasible=not violations,
        violations=violations,
        objective=sum(p.cost for p in penalties),
        penalties=penalties,
    )


def goal_details(request: WeekRequest, plan: Plan) -> dict[SoftGoalId, list[str]]:
    """Every soft goal's misses in words, one line per unit of penalty."""
    week = _Week(request, tuple(request.week), parse_plan(plan))
    return {goal_id: check(week) for goal_id, check in GOAL_CHECKS.items()}


class Scorer:
    """Scores many plans of one request fast: for exhaustive search over placements."""

    def __init__(self, request: WeekRequest) -> None:
        self.request = request
        self.days = tuple(request.week)
        self.weights = _active_weights(request)

    def breaks_hard_rule(self, placed: Sequence[Sequence[Session]]) -> bool:
        """Whether sessions per day (Monday first) break any hard rule."""
        week = _Week(self.request, self.days, tuple(tuple(s) for s in placed))
        return any(True for _ in _violations(week, HARD_RULE_IDS))

    def breaks_day_rule(self, placed: Sequence[Sequence[Session]], day_index: int) -> bool:
        """Whether the day's sessions break a rule that concerns that day alone."""
        week = _Week(self.request, self.days, tuple(tuple(s) for s in placed))
        return any(DAYS[day_index] in conflict.days for conflict in _violations(week, DAY_RULES))

    def objective(self, placed: Sequence[Sequence[Session]]) -> int:
        """Total weighted penalty of sessions per day (Monday first)."""
        week = _Week(self.request, self.days, tuple(tuple(s) for s in placed))
        return sum(weight * len(GOAL_CHECKS[goal](week)) for goal, weight in self.weights.items())


def _violations(week: _Week, rules: Iterable[HardRuleId]) -> Iterator[Conflict]:
    """What the week breaks of `rules`, leaving out the rules the request relaxes (as the
    model leaves them out)."""
    for rule in rules:
        if not week.request.relaxes(rule):
            yield from HARD_RULE_CHECKS[rule](week)


def _active_weights(request: WeekRequest) -> dict[SoftGoalId, int]:
    weights = {goal_id: request.weight(goal_id) for goal_id in SOFT_GOAL_IDS}
    return {goal_id: weight for goal_id, weight in weights.items() if weight > 0}


# --- hard rules ------------------------------------------------------------------------------


def _day(day_index: int) -> str:
    return DAY_NAMES[DAYS[day_index]]


def _ids(*day_indexes: int) -> list[DayId]:
    return [DAYS[i] for i in day_indexes]  # type: ignore[misc]


def _key_run_name(day: Day) -> str:
    key_run = next(run for run in day.runs if run.is_key)
    return f"key {key_run.type.replace('_', ' ')} run"


EQUIPMENT_NAMES = {
    "gym": "a gym",
    "home_weights": "dumbbells or a kettlebell",
    "bodyweight": "bodyweight only",
    "home": "bodyweight only",
}


def _session_count(week: _Week) -> list[Conflict]:
    low, high = week.request.strength.min_sessions, week.request.strength.max_sessions
    if low <= week.count <= high:
        return []
    with_sessions = [i for i, sessions in enumerate(week.placed) if sessions]
    return [
        Conflict(
            rule=HardRuleId.SESSION_COUNT,
            message=f"{week.count} session(s) placed; the week asks for {low} to {high}",
            days=_ids(*with_sessions),
        )
    ]


def _one_session_per_day(week: _Week) -> list[Conflict]:
    return [
        Conflict(
            rule=HardRuleId.ONE_SESSION_PER_DAY,
            message=f"{_day(i)}: {len(sessions)} strength sessions on one day",
            days=_ids(i),
        )
        for i, sessions in enumerate(week.placed)
        if len(sessions) > 1
    ]


def _no_heavy_legs_before_key_run(week: _Week) -> list[Conflict]:
    return [
        Conflict(
            rule=HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN,
            message=f"{_day(i)}: {session.name} loads the legs heavily the day before "
            f"{_day(i + 1)}'s {_key_run_name(week.days[i + 1])}",
            days=_ids(i, i + 1),
        )
        for i in range(len(DAYS) - 1)
        if week.days[i + 1].has_key_run
        for session in week.heavy(i)
    ]


def _heavy_legs_48h_apart(week: _Week) -> list[Conflict]:
    return [
        Conflict(
            rule=HardRuleId.HEAVY_LEGS_48H_APART,
            message=f"{_day(i)} and {_day(i + 1)}: heavy-leg sessions on consecutive days",
            days=_ids(i, i + 1),
        )
        for i in range(len(DAYS) - 1)
        if week.heavy(i) and week.heavy(i + 1)
    ]


def _no_heavy_legs_on_very_long_run_day(week: _Week) -> list[Conflict]:
    return [
        Conflict(
            rule=HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY,
            message=f"{_day(i)}: {session.name} loads the legs heavily on the day of a "
            f"{week.days[i].long_run_minutes}-min long run",
            days=_ids(i),
        )
        for i in range(len(DAYS))
        if week.days[i].has_very_long_run
        for session in week.heavy(i)
    ]


def _no_heavy_legs_after_very_long_run(week: _Week) -> list[Conflict]:
    return [
        Conflict(
            rule=HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN,
            message=f"{_day(i)}: {session.name} loads the legs heavily the day after "
            f"{_day(i - 1)}'s {week.days[i - 1].long_run_minutes}-min long run",
            days=_ids(i, i - 1),
        )
        for i in range(1, len(DAYS))
        if week.days[i - 1].has_very_long_run
        for session in week.heavy(i)
    ]


def _no_plyometrics_after_hard_run(week: _Week) -> list[Conflict]:
    return [
        Conflict(
            rule=HardRuleId.NO_PLYOMETRICS_AFTER_HARD_RUN,
            message=f"{_day(i)}: {session.name} on the day of a hard "
            f"{_hard_run_name(week.days[i])} run; jumps need fresh legs",
            days=_ids(i),
        )
        for i, session in week.sessions()
        if session.plyometric and week.days[i].has_hard_run
    ]


def _hard_run_name(day: Day) -> str:
    return next(run for run in day.runs if run.is_hard).type.replace("_", " ")


def _no_strength_on_race_day(week: _Week) -> list[Conflict]:
    return [
        Conflict(
            rule=HardRuleId.NO_STRENGTH_ON_RACE_DAY,
            message=f"{_day(i)}: strength on a race day",
            days=_ids(i),
        )
        for i, sessions in enumerate(week.placed)
        if sessions and week.days[i].is_race_day
    ]


def _no_legs_before_race(week: _Week) -> list[Conflict]:
    conflicts = []
    for i, session in week.sessions():
        if i + 1 < len(DAYS) and week.days[i + 1].is_race_day and session.works_legs:
            conflicts.append(
                Conflict(
                    rule=HardRuleId.NO_LEGS_BEFORE_RACE,
                    message=f"{_day(i)}: {session.name} works the legs the day before "
                    f"{_day(i + 1)}'s race",
                    days=_ids(i, i + 1),
                )
            )
        elif i + 2 < len(DAYS) and week.days[i + 2].is_race_day and session.heavy_legs:
            conflicts.append(
                Conflict(
                    rule=HardRuleId.NO_LEGS_BEFORE_RACE,
                    message=f"{_day(i)}: {session.name} loads the legs heavily two days "
                    f"before {_day(i + 2)}'s race",
                    days=_ids(i, i + 2),
                )
            )
    return conflicts


def _no_heavy_legs_after_race(week: _Week) -> list[Conflict]:
    recovering = week.request.races_recovering()
    return [
        Conflict(
            rule=HardRuleId.NO_HEAVY_LEGS_AFTER_RACE,
            message=f"{_day(i)}: {session.name} loads the legs heavily while still "
            f"recovering from {recovering[i]}",
            days=_ids(i),
        )
        for i, session in week.sessions()
        if session.heavy_legs and i in recovering
    ]


def _no_strength_on_double_run_day(week: _Week) -> list[Conflict]:
    return [
        Conflict(
            rule=HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY,
            message=f"{_day(i)}: strength on a day with {len(week.days[i].runs)} runs "
            "(allow_doubles is not set)",
            days=_ids(i),
        )
        for i, sessions in enumerate(week.placed)
        if sessions and week.days[i].is_double_run_day and not week.days[i].allow_doubles
    ]


def _fits_availability(week: _Week) -> list[Conflict]:
    conflicts = []
    athlete_equipment = week.request.athlete.equipment
    for i, sessions in enumerate(week.placed):
        if not sessions:
            continue
        day = week.days[i]
        reasons = []
        if not day.available:
            reasons.append("the day is marked unavailable")
        for session in sessions:
            if not week.request.equipment_allows(i, session):
                needs = EQUIPMENT_NAMES[session.equipment]
                if EQUIPMENT_RANK[athlete_equipment] < EQUIPMENT_RANK[session.equipment]:
                    where = f"the athlete has {EQUIPMENT_NAMES[athlete_equipment]}"
                else:
                    where = "there is no gym access"
                reasons.append(f"{session.name} needs {needs} and {where}")
        minutes_left = day.minutes_left
        strength_minutes = sum(session.minutes for session in sessions)
        if minutes_left is not None and strength_minutes > minutes_left:
            reasons.append(
                f"{strength_minutes} min of strength with only {minutes_left} min "
                "left after the runs"
            )
        if reasons:
            conflicts.append(
                Conflict(
                    rule=HardRuleId.FITS_AVAILABILITY,
                    message=f"{_day(i)}: " + "; ".join(reasons),
                    days=_ids(i),
                )
            )
    return conflicts


def _masters_extra_recovery_day(week: _Week) -> list[Conflict]:
    if not week.request.athlete.is_masters:
        return []
    return [
        Conflict(
            rule=HardRuleId.MASTERS_EXTRA_RECOVERY_DAY,
            message=f"{_day(i)}: {session.name} loads the legs heavily two days before "
            f"{_day(i + 2)}'s {_key_run_name(week.days[i + 2])}; a masters runner "
            f"(age {week.request.athlete.age}) gets one more day",
            days=_ids(i, i + 2),
        )
        for i, session in week.sessions()
        if session.heavy_legs and i + 2 < len(week.days) and week.days[i + 2].has_key_run
    ]


def _avoided_exercises(week: _Week) -> list[Conflict]:
    avoid = week.request.athlete.avoid
    return [
        Conflict(
            rule=HardRuleId.AVOIDED_EXERCISES,
            message=f"{_day(i)}: {session.name} holds {', '.join(blocked)}, which the athlete "
            f"avoids ({', '.join(avoid)}) and which has no swap",
            days=_ids(i),
        )
        for i, session in week.sessions()
        if (blocked := session.blocked_by(avoid))
    ]


def _max_strength_minutes(week: _Week) -> list[Conflict]:
    cap = week.request.athlete.max_strength_minutes
    minutes = sum(session.minutes for _, session in week.sessions())
    if cap is None or minutes <= cap:
        return []
    return [
        Conflict(
            rule=HardRuleId.MAX_STRENGTH_MINUTES,
            message=f"{minutes} min of strength in the week; the athlete's cap is {cap} min",
            days=_ids(*(i for i, sessions in enumerate(week.placed) if sessions)),
        )
    ]


# Rules that one day's sessions break or keep whatever the other days hold.
DAY_RULES = (
    HardRuleId.ONE_SESSION_PER_DAY,
    HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY,
    HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN,
    HardRuleId.NO_PLYOMETRICS_AFTER_HARD_RUN,
    HardRuleId.NO_STRENGTH_ON_RACE_DAY,
    HardRuleId.NO_LEGS_BEFORE_RACE,
    HardRuleId.NO_HEAVY_LEGS_AFTER_RACE,
    HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY,
    HardRuleId.FITS_AVAILABILITY,
    HardRuleId.AVOIDED_EXERCISES,
)

HARD_RULE_CHECKS: dict[HardRuleId, Callable[[_Week], list[Conflict]]] = {
    HardRuleId.SESSION_COUNT: _session_count,
    HardRuleId.ONE_SESSION_PER_DAY: _one_session_per_day,
    HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN: _no_heavy_legs_before_key_run,
    HardRuleId.HEAVY_LEGS_48H_APART: _heavy_legs_48h_apart,
    HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY: _no_heavy_legs_on_very_long_run_day,
    HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN: _no_heavy_legs_after_very_long_run,
    HardRuleId.NO_PLYOMETRICS_AFTER_HARD_RUN: _no_plyometrics_after_hard_run,
    HardRuleId.NO_STRENGTH_ON_RACE_DAY: _no_strength_on_race_day,
    HardRuleId.NO_LEGS_BEFORE_RACE: _no_legs_before_race,
    HardRuleId.NO_HEAVY_LEGS_AFTER_RACE: _no_heavy_legs_after_race,
    HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY: _no_strength_on_double_run_day,
    HardRuleId.FITS_AVAILABILITY: _fits_availability,
    HardRuleId.MASTERS_EXTRA_RECOVERY_DAY: _masters_extra_recovery_day,
    HardRuleId.AVOIDED_EXERCISES: _avoided_exercises,
    HardRuleId.MAX_STRENGTH_MINUTES: _max_strength_minutes,
}
assert tuple(HARD_RULE_CHECKS) == HARD_RULE_IDS, "every hard rule is checked, in rule-book order"


# --- soft goals: each returns one line of detail per unit of penalty ------------------------


def _target_sessions(week: _Week) -> list[str]:
    target = week.request.target_sessions
    missed = abs(week.count - target)
    return [f"{week.count} session(s) placed; the target is {target}"] * missed


def _keep_recovery_days_easy(week: _Week) -> list[str]:
    details = []
    for i, session in week.sessions():
        day = week.days[i]
        if day.is_rest_day:
            details.append(f"{_day(i)}: {session.name} lands on a rest day")
        elif day.is_recovery_run_day:
            units = recovery_day_units(session)
            details += [
                f"{_day(i)}: {session.name} works the legs on a recovery-run day"
                f"{f' ({n} of {units}: heavy legs count twice)' if units > 1 else ''}"
                for n in range(1, units + 1)
            ]
    return details


def recovery_day_units(session: Session) -> int:
    """What a session costs a recovery-run day: heavy legs 2, other leg work 1, no legs 0."""
    if session.heavy_legs:
        return 2
    return 1 if session.works_legs else 0


def _strength_on_hard_days(week: _Week) -> list[str]:
    return [
        f"{_day(i)}: {session.name} is not stacked on a key-run day"
        for i, session in week.sessions()
        if not week.days[i].has_key_run
    ]


def _strength_on_easy_days(week: _Week) -> list[str]:
    return [
        f"{_day(i)}: {session.name} shares the day with a {_key_run_name(week.days[i])}"
        for i, session in week.sessions()
        if week.days[i].has_key_run
    ]


def _heavy_legs_48h_before_key_run(week: _Week) -> list[str]:
    return [
        f"{_day(i)}: {session.name} is 48 h before {_day(i + 2)}'s "
        f"{_key_run_name(week.days[i + 2])}"
        for i, session in week.sessions()
        if session.heavy_legs and i + 2 < len(DAYS) and week.days[i + 2].has_key_run
    ]


def _no_heavy_legs_after_long_run(week: _Week) -> list[str]:
    return [
        f"{_day(i)}: {session.name} comes the day after {_day(i - 1)}'s long run"
        for i, session in week.sessions()
        if session.heavy_legs and i > 0 and week.days[i - 1].has_long_run
    ]


def _heavy_legs_on_long_run_day(week: _Week) -> list[str]:
    details = []
    for i, session in week.sessions():
        units = week.days[i].long_run_units
        if not session.heavy_legs or not units:
            continue
        minutes = week.days[i].long_run_minutes
        details += [
            f"{_day(i)}: {session.name} on the day of a {minutes}-min long run ({n} of {units})"
            for n in range(1, units + 1)
        ]
    return details


def _spread_sessions(week: _Week) -> list[str]:
    return [
        f"{_day(i)} and {_day(i + 1)}: strength on consecutive days"
        for i in range(len(DAYS) - 1)
        if week.placed[i] and week.placed[i + 1]
    ]


def _lower_body_in_week(week: _Week) -> list[str]:
    request = week.request
    if request.athlete.phase in ("taper", "race_week") or request.strength.max_sessions == 0:
        return []
    if request.athlete.lifting_level == "beginner":
        if any(session.works_legs for _, session in week.sessions()):
            return []
        return ["no session works the legs this week"]
    if any(session.heavy_strength for _, session in week.sessions()):
        return []
    return ["no heavy strength session this week"]


def _phase_fit(week: _Week) -> list[str]:
    phase = week.request.athlete.phase
    if phase == "race_week":
        return [
            f"{_day(i)}: {session.name} works the legs in race week (mobility and core only)"
            for i, session in week.sessions()
            if session.works_legs
        ]
    if phase == "taper":
        return [
            f"{_day(i)}: {session.name} is heavy legs in a taper week"
            for i, session in week.sessions()
            if session.heavy_legs
        ]
    if phase == "peak":
        heavy = [(i, s) for i, s in week.sessions() if s.heavy_legs]
        return [
            f"{_day(i)}: {session.name} is heavy session {n} at peak; one keeps the gains"
            for n, (i, session) in enumerate(heavy[1:], start=2)
        ]
    return []


def _level_fit(week: _Week) -> list[str]:
    athlete = week.request.athlete
    if athlete.lifting_level != "beginner":
        return []
    who = "someone new to lifting" if athlete.new_to_lifting else "a beginner"
    return [
        f"{_day(i)}: {session.name} is heavy work for {who}"
        for i, session in week.sessions()
        if session.heavy_strength
    ]


def _variety(week: _Week) -> list[str]:
    details = []
    previous: tuple[int, Session] | None = None
    for i, session in week.sessions():
        if not session.heavy_legs:
            continue
        if previous is not None and previous[1].id == session.id:
            details.append(f"{_day(i)}: {session.name} repeats {_day(previous[0])}'s heavy session")
        previous = (i, session)
    return details


def _full_session_when_time_allows(week: _Week) -> list[str]:
    by_id = session_by_id()
    return [
        f"{_day(i)}: {session.name} where {by_id[session.short_of].name} fits"
        for i, session in week.sessions()
        if session.short_of is not None and week.request.full_version_fits(i, session)
    ]


GOAL_CHECKS: dict[SoftGoalId, Callable[[_Week], list[str]]] = {
    SoftGoalId.TARGET_SESSIONS: _target_sessions,
    SoftGoalId.KEEP_RECOVERY_DAYS_EASY: _keep_recovery_days_easy,
    SoftGoalId.STRENGTH_ON_HARD_DAYS: _strength_on_hard_days,
    SoftGoalId.STRENGTH_ON_EASY_DAYS: _strength_on_easy_days,
    SoftGoalId.HEAVY_LEGS_48H_BEFORE_KEY_RUN: _heavy_legs_48h_before_key_run,
    SoftGoalId.NO_HEAVY_LEGS_AFTER_LONG_RUN: _no_heavy_legs_after_long_run,
    SoftGoalId.HEAVY_LEGS_ON_LONG_RUN_DAY: _heavy_legs_on_long_run_day,
    SoftGoalId.SPREAD_SESSIONS: _spread_sessions,
    SoftGoalId.LOWER_BODY_IN_WEEK: _lower_body_in_week,
    SoftGoalId.PHASE_FIT: _phase_fit,
    SoftGoalId.LEVEL_FIT: _level_fit,
    SoftGoalId.VARIETY: _variety,
    SoftGoalId.FULL_SESSION_WHEN_TIME_ALLOWS: _full_session_when_time_allows,
}
assert tuple(GOAL_CHECKS) == SOFT_GOAL_IDS, "every soft goal is checked, in rule-book order"
