"""Score any proposed week against every hard rule and soft goal, in plain Python (no ortools).

The checker does not trust the model: tests run it on every week the model returns, and the
`evaluate` endpoint uses it to score a week a coach or runner proposes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from solver.catalogue import Session, session_by_id
from solver.domain import DAYS, EQUIPMENT_RANK, Day, DayId, WeekRequest
from solver.horizon import LOADING_PHASES, Horizon, HorizonWeek
from solver.result import Conflict, Evaluation, Penalty, Plan
from solver.rules import HARD_RULE_IDS, SOFT_GOAL_IDS, HardRuleId, SoftGoalId
from solver.times import STARTS, DayClock, TimedMiss, day_clock, timed_key_run, timed_misses

# Start minute of each session placed on a day, in the order of the day's sessions; None where
# the start is not given (a day with times then takes the session's best start).
Starts = Sequence[Sequence[int | None]]


class PlanError(ValueError):
    """A proposed plan names a day or a session that does not exist."""


@dataclass(frozen=True)
class Breach:
    """A hard rule broken on some days of the horizon (indexes into its days)."""

    rule: HardRuleId
    message: str
    days: tuple[int, ...]


@dataclass(frozen=True)
class _Week:
    """A horizon (one week, or a plan of weeks) and the sessions placed on each of its days."""

    horizon: Horizon
    days: tuple[Day, ...]
    placed: tuple[tuple[Session, ...], ...]
    starts: Starts | None = None
    # (day, session id) -> its best start, and day -> its clock, shared by the weeks a Scorer
    # scores.
    best_starts: dict[tuple[int, str], int] = field(default_factory=dict, compare=False)
    clocks: dict[int, DayClock] = field(default_factory=dict, compare=False)
    # Rules and goals a best start leaves out: only for an ablated model's answer.
    ignoring: frozenset[HardRuleId | SoftGoalId] = frozenset()

    @property
    def request(self) -> WeekRequest:
        """The settings every week shares (level, equipment, weights, relaxed rules)."""
        return self.horizon.request

    def day(self, day_index: int) -> str:
        """The day as a runner reads it: 'Tue', or 'Tue 2027-03-02' in a plan."""
        return self.horizon.day_name(day_index)

    def start(self, day_index: int, place: int) -> int | None:
        """When the day's session number `place` starts: as given, else (on a day with times)
        its best start; None on a day without times."""
        if not self.days[day_index].is_timed:
            return None
        given = None
        if self.starts is not None and place < len(self.starts[day_index]):
            given = self.starts[day_index][place]
        if given is not None:
            return given
        session = self.placed[day_index][place]
        key = (day_index, session.id)
        if key not in self.best_starts:
            self.best_starts[key] = self._best_start(day_index, session)
        return self.best_starts[key]

    def _best_start(self, day_index: int, session: Session) -> int:
        """The earliest start of the least cost: fewest timed rules broken, then the least
        weighted timed goals missed."""
        # Starts inside a window first: the others break fits_availability, so one of them is
        # the best only when every start inside a window breaks something too.
        windows = self.clock(day_index).windows
        inside = [
            start
            for start in STARTS
            if any(low <= start and start + session.minutes <= high for low, high in windows)
        ]
        best_cost, best = (
            min((self.timing_cost(day_index, session, start), start) for start in inside)
            if inside
            else ((len(HARD_RULE_IDS) + 1, 0), STARTS[0])
        )
        if best_cost[0] > 0:
            best_cost, best = min(
                ((self.timing_cost(day_index, session, start), start) for start in STARTS),
            )
        return best

    def timing_cost(self, day_index: int, session: Session, start: int) -> tuple[int, int]:
        """Timed hard rules broken, and timed goals' weighted misses, of a session at `start`."""
        broken = cost = 0
        for miss in timed_misses(self.clock(day_index), session, start, words=False):
            if miss.rule in self.ignoring:
                continue
            if isinstance(miss.rule, HardRuleId):
                broken += not self.horizon.relaxes(miss.rule)
            else:
                cost += self.horizon.weight(miss.rule)
        return broken, cost

    def timed(self, rule: HardRuleId | SoftGoalId) -> list[TimedMiss]:
        """What the sessions on days with times, at their starts, break or miss of `rule`."""
        return [
            miss
            for i, sessions in enumerate(self.placed)
            if self.days[i].is_timed
            for place, session in enumerate(sessions)
            for miss in timed_misses(self.clock(i), session, self._start(i, place))
            if miss.rule == rule
        ]

    def clock(self, day_index: int) -> DayClock:
        """The day's clock (a day with times), worked out once."""
        if day_index not in self.clocks:
            self.clocks[day_index] = day_clock(self.days, self.names, day_index)
        return self.clocks[day_index]

    def _start(self, day_index: int, place: int) -> int:
        start = self.start(day_index, place)
        assert start is not None, "a day with times gives each session a start"
        return start

    @cached_property
    def names(self) -> list[str]:
        return [self.horizon.day_name(i) for i in range(len(self.days))]

    def heavy(self, day_index: int) -> list[Session]:
        return [s for s in self.placed[day_index] if s.heavy_legs]

    def sessions(self, days: Iterable[int] | None = None) -> Iterator[tuple[int, Session]]:
        """(day index, session) of every placement, on `days` when given."""
        for day_index in range(len(self.placed)) if days is None else days:
            for session in self.placed[day_index]:
                yield day_index, session

    @property
    def count(self) -> int:
        return sum(len(sessions) for sessions in self.placed)

    def count_in(self, week: HorizonWeek) -> int:
        """Sessions placed in one week of the horizon."""
        return sum(len(self.placed[d]) for d in week.day_indexes)

    def heavy_in(self, week: HorizonWeek) -> int:
        """Heavy-leg sessions placed in one week of the horizon."""
        return sum(len(self.heavy(d)) for d in week.day_indexes)


def parse_plan(plan: Mapping[str, Sequence[str]]) -> tuple[tuple[Session, ...], ...]:
    """Turn day id -> session ids into sessions per day, Monday first."""
    unknown_days = sorted(set(plan) - set(DAYS))
    if unknown_days:
        raise PlanError(f"unknown day(s) {', '.join(unknown_days)}; days are {', '.join(DAYS)}")
    return parse_days(plan, DAYS)


def parse_days(
    plan: Mapping[str, Sequence[str]], day_keys: Sequence[str], where: str = "plan"
) -> tuple[tuple[Session, ...], ...]:
    """Turn day key -> session ids into sessions per day, in the order of `day_keys`."""
    by_id = session_by_id()
    placed = []
    for day in day_keys:
        sessions = []
        for index, session_id in enumerate(plan.get(day, [])):
            if session_id not in by_id:
                raise PlanError(
                    f"{where}.{day}[{index}]: unknown session '{session_id}'; "
                    f"known: {', '.join(by_id)}"
                )
            sessions.append(by_id[session_id])
        placed.append(tuple(sessions))
    return tuple(placed)


def evaluate(
    request: WeekRequest,
    plan: Mapping[str, Sequence[str]],
    starts: Mapping[str, Sequence[int | None]] | None = None,
) -> Evaluation:
    """Score the plan: broken hard rules, and the cost of every soft goal with weight > 0.

    `starts` gives the start minute of each placed session by day, in the plan's order; a
    session on a day with times without one takes its best start.
    """
    horizon = Horizon.of_week(request)
    week = _Week(horizon, horizon.days, parse_plan(plan), _day_starts(starts, DAYS))
    violations = [
        Conflict(rule=breach.rule, message=breach.message, days=_ids(*breach.days))
        for breach in _violations(week, HARD_RULE_IDS)
    ]
    penalties = penalties_of(week)
    return Evaluation(
        feasible=not violations,
        violations=violations,
        objective=sum(p.cost for p in penalties),
        penalties=penalties,
    )


def _day_starts(
    starts: Mapping[str, Sequence[int | None]] | None, day_keys: Sequence[str]
) -> Starts | None:
    if starts is None:
        return None
    return [list(starts.get(day, [])) for day in day_keys]


def horizon_starts(
    horizon: Horizon,
    placed: Sequence[Sequence[Session]],
    starts: Starts | None = None,
    ignoring: frozenset[HardRuleId | SoftGoalId] = frozenset(),
) -> list[list[int | None]]:
    """Each placed session's start over the horizon: as given, else (on a day with times) its
    best start; None on the days without times. `ignoring` leaves rules and goals out of the
    choice (an ablated model's answer)."""
    week = _Week(horizon, horizon.days, tuple(tuple(s) for s in placed), starts, ignoring=ignoring)
    return [
        [week.start(d, place) for place in range(len(week.placed[d]))]
        for d in range(len(week.placed))
    ]


def check_horizon(
    horizon: Horizon, placed: Sequence[Sequence[Session]], starts: Starts | None = None
) -> tuple[list[Breach], list[Penalty]]:
    """Every hard rule the horizon's placement breaks, and every goal it misses with a cost."""
    week = _Week(horizon, horizon.days, tuple(tuple(s) for s in placed), starts)
    return list(_violations(week, HARD_RULE_IDS)), penalties_of(week)


def penalties_of(week: _Week) -> list[Penalty]:
    """The cost of every soft goal with weight > 0 that the placement misses."""
    penalties = []
    for goal_id, weight in _active_weights(week.horizon).items():
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
    return penalties


def goal_details(
    request: WeekRequest,
    plan: Plan,
    starts: Mapping[str, Sequence[int | None]] | None = None,
) -> dict[SoftGoalId, list[str]]:
    """Every soft goal's misses in words, one line per unit of penalty."""
    horizon = Horizon.of_week(request)
    return horizon_goal_details(horizon, parse_plan(plan), _day_starts(starts, DAYS))


def horizon_goal_details(
    horizon: Horizon, placed: Sequence[Sequence[Session]], starts: Starts | None = None
) -> dict[SoftGoalId, list[str]]:
    """Every soft goal's misses over the horizon in words, one line per unit of penalty."""
    week = _Week(horizon, horizon.days, tuple(tuple(s) for s in placed), starts)
    return {goal_id: check(week) for goal_id, check in GOAL_CHECKS.items()}


class Scorer:
    """Scores many plans of one request fast: for exhaustive search over placements."""

    def __init__(self, request: WeekRequest | Horizon) -> None:
        self.horizon = request if isinstance(request, Horizon) else Horizon.of_week(request)
        self.days = self.horizon.days
        self.weights = _active_weights(self.horizon)
        self.best_starts: dict[tuple[int, str], int] = {}
        self.clocks: dict[int, DayClock] = {}

    def _week(self, placed: Sequence[Sequence[Session]]) -> _Week:
        placed_days = tuple(tuple(s) for s in placed)
        return _Week(
            self.horizon,
            self.days,
            placed_days,
            best_starts=self.best_starts,
            clocks=self.clocks,
        )

    def breaks_hard_rule(self, placed: Sequence[Sequence[Session]]) -> bool:
        """Whether sessions per day (Monday first) break any hard rule."""
        return any(True for _ in _violations(self._week(placed), HARD_RULE_IDS))

    def breaks_day_rule(self, placed: Sequence[Sequence[Session]], day_index: int) -> bool:
        """Whether the day's sessions break a rule that concerns that day alone."""
        breaches = _violations(self._week(placed), DAY_RULES)
        return any(day_index in breach.days for breach in breaches)

    def objective(self, placed: Sequence[Sequence[Session]]) -> int:
        """Total weighted penalty of sessions per day (Monday first)."""
        week = self._week(placed)
        return sum(weight * len(GOAL_CHECKS[goal](week)) for goal, weight in self.weights.items())

    def best_start_within(self, day_index: int, session: Session, low: int, high: int) -> int:
        """The session's best start on a day with times among the grid's starts from `low` up
        to (not including) `high`: the earliest of the fewest timed rules broken, then the least
        weighted timed goals missed (a start where it does not fit breaks fits_availability)."""
        week = self._week([[] for _ in self.days])
        return min(
            (week.timing_cost(day_index, session, start), start)
            for start in STARTS
            if low <= start < high
        )[1]


def _violations(week: _Week, rules: Iterable[HardRuleId]) -> Iterator[Breach]:
    """What the placement breaks of `rules`, leaving out the rules the request relaxes (as the
    model leaves them out)."""
    for rule in rules:
        if not week.horizon.relaxes(rule):
            for breach in HARD_RULE_CHECKS[rule](week):
                if not _excused(week.horizon, breach):
                    yield breach


# Rules over a whole week, and the pin itself: a replan's settled days count in them.
_NEVER_EXCUSED = frozenset(
    {HardRuleId.SESSION_COUNT, HardRuleId.MAX_STRENGTH_MINUTES, HardRuleId.PAST_AS_IT_HAPPENED}
)


def _excused(horizon: Horizon, breach: Breach) -> bool:
    """In a replan what happened is not judged: a breach blaming a settled day's strength (both
    days', for heavy legs two days running) is none, as the model leaves settled days alone."""
    if horizon.replanning is None or breach.rule in _NEVER_EXCUSED or not breach.days:
        return False
    both = breach.rule == HardRuleId.HEAVY_LEGS_48H_APART
    blamed = breach.days if both else breach.days[:1]
    return all(horizon.is_settled(day_index) for day_index in blamed)


def _active_weights(horizon: Horizon) -> dict[SoftGoalId, int]:
    weights = {goal_id: horizon.weight(goal_id) for goal_id in SOFT_GOAL_IDS}
    return {goal_id: weight for goal_id, weight in weights.items() if weight > 0}


# --- hard rules ------------------------------------------------------------------------------


def _ids(*day_indexes: int) -> list[DayId]:
    return [DAYS[i] for i in day_indexes]  # type: ignore[misc]


def _at(*day_indexes: int) -> tuple[int, ...]:
    return day_indexes


def _key_run_name(day: Day) -> str:
    key_run = next(run for run in day.runs if run.is_key)
    return f"key {key_run.type.replace('_', ' ')} run"


EQUIPMENT_NAMES = {
    "gym": "a gym",
    "home_weights": "dumbbells or a kettlebell",
    "bodyweight": "bodyweight only",
    "home": "bodyweight only",
}


def _session_count(week: _Week) -> list[Breach]:
    breaches = []
    for part in week.horizon.weeks:
        strength = part.request.strength
        low, high, count = strength.min_sessions, strength.max_sessions, week.count_in(part)
        if low <= count <= high:
            continue
        with_sessions = [i for i in part.day_indexes if week.placed[i]]
        message = f"{count} session(s) placed; the week asks for {low} to {high}"
        breaches.append(
            Breach(
                rule=HardRuleId.SESSION_COUNT,
                message=week.horizon.in_week(part, message),
                days=_at(*with_sessions),
            )
        )
    return breaches


def _one_session_per_day(week: _Week) -> list[Breach]:
    return [
        Breach(
            rule=HardRuleId.ONE_SESSION_PER_DAY,
            message=f"{week.day(i)}: {len(sessions)} strength sessions on one day",
            days=_at(i),
        )
        for i, sessions in enumerate(week.placed)
        if len(sessions) > 1
    ]


def _no_heavy_legs_before_key_run(week: _Week) -> list[Breach]:
    # Where the times are known the 24 h reading replaces the day before's.
    return _timed_breaches(week, HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN) + [
        Breach(
            rule=HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN,
            message=f"{week.day(i)}: {session.name} loads the legs heavily the day before "
            f"{week.day(i + 1)}'s {_key_run_name(week.days[i + 1])}",
            days=_at(i, i + 1),
        )
        for i in range(len(week.days) - 1)
        if week.days[i + 1].has_key_run and timed_key_run(week.days, i, i + 1) is None
        for session in week.heavy(i)
    ]


def _timed_breaches(week: _Week, rule: HardRuleId) -> list[Breach]:
    return [Breach(rule, miss.message, miss.days) for miss in week.timed(rule)]


def _heavy_legs_48h_apart(week: _Week) -> list[Breach]:
    return [
        Breach(
            rule=HardRuleId.HEAVY_LEGS_48H_APART,
            message=f"{week.day(i)} and {week.day(i + 1)}: heavy-leg sessions on consecutive days",
            days=_at(i, i + 1),
        )
        for i in range(len(week.days) - 1)
        if week.heavy(i) and week.heavy(i + 1)
    ]


def _no_heavy_legs_on_very_long_run_day(week: _Week) -> list[Breach]:
    return [
        Breach(
            rule=HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY,
            message=f"{week.day(i)}: {session.name} loads the legs heavily on the day of a "
            f"{week.days[i].long_run_minutes}-min long run",
            days=_at(i),
        )
        for i in range(len(week.days))
        if week.days[i].has_very_long_run
        for session in week.heavy(i)
    ]


def _no_heavy_legs_after_very_long_run(week: _Week) -> list[Breach]:
    return [
        Breach(
            rule=HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN,
            message=f"{week.day(i)}: {session.name} loads the legs heavily the day after "
            f"{week.day(i - 1)}'s {week.days[i - 1].long_run_minutes}-min long run",
            days=_at(i, i - 1),
        )
        for i in range(1, len(week.days))
        if week.days[i - 1].has_very_long_run
        for session in week.heavy(i)
    ]


def _no_plyometrics_after_hard_run(week: _Week) -> list[Breach]:
    return [
        Breach(
            rule=HardRuleId.NO_PLYOMETRICS_AFTER_HARD_RUN,
            message=f"{week.day(i)}: {session.name} on the day of a hard "
            f"{_hard_run_name(week.days[i])} run; jumps need fresh legs",
            days=_at(i),
        )
        for i, session in week.sessions()
        if session.plyometric and week.days[i].has_hard_run
    ]


def _hard_run_name(day: Day) -> str:
    return next(run for run in day.runs if run.is_hard).type.replace("_", " ")


def _no_strength_on_race_day(week: _Week) -> list[Breach]:
    return [
        Breach(
            rule=HardRuleId.NO_STRENGTH_ON_RACE_DAY,
            message=f"{week.day(i)}: strength on a race day",
            days=_at(i),
        )
        for i, sessions in enumerate(week.placed)
        if sessions and week.days[i].is_race_day
    ]


def _no_legs_before_race(week: _Week) -> list[Breach]:
    conflicts: list[Breach] = []
    for i, session in week.sessions():
        if i + 1 < len(week.days) and week.days[i + 1].is_race_day and session.works_legs:
            conflicts.append(
                Breach(
                    rule=HardRuleId.NO_LEGS_BEFORE_RACE,
                    message=f"{week.day(i)}: {session.name} works the legs the day before "
                    f"{week.day(i + 1)}'s race",
                    days=_at(i, i + 1),
                )
            )
        elif i + 2 < len(week.days) and week.days[i + 2].is_race_day and session.heavy_legs:
            conflicts.append(
                Breach(
                    rule=HardRuleId.NO_LEGS_BEFORE_RACE,
                    message=f"{week.day(i)}: {session.name} loads the legs heavily two days "
                    f"before {week.day(i + 2)}'s race",
                    days=_at(i, i + 2),
                )
            )
    return conflicts


def _no_heavy_legs_after_race(week: _Week) -> list[Breach]:
    recovering = week.horizon.races_recovering()
    return [
        Breach(
            rule=HardRuleId.NO_HEAVY_LEGS_AFTER_RACE,
            message=f"{week.day(i)}: {session.name} loads the legs heavily while still "
            f"recovering from {recovering[i]}",
            days=_at(i),
        )
        for i, session in week.sessions()
        if session.heavy_legs and i in recovering
    ]


def _no_strength_on_double_run_day(week: _Week) -> list[Breach]:
    return [
        Breach(
            rule=HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY,
            message=f"{week.day(i)}: strength on a day with {len(week.days[i].runs)} runs "
            "(allow_doubles is not set)",
            days=_at(i),
        )
        for i, sessions in enumerate(week.placed)
        if sessions and week.days[i].is_double_run_day and not week.days[i].allow_doubles
    ]


def _fits_availability(week: _Week) -> list[Breach]:
    conflicts: list[Breach] = []
    athlete_equipment = week.request.athlete.equipment
    for i, sessions in enumerate(week.placed):
        if not sessions:
            continue
        day = week.days[i]
        reasons = []
        if not day.available:
            reasons.append("the day is marked unavailable")
        for session in sessions:
            if not week.horizon.equipment_allows(i, session):
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
                Breach(
                    rule=HardRuleId.FITS_AVAILABILITY,
                    message=f"{week.day(i)}: " + "; ".join(reasons),
                    days=_at(i),
                )
            )
    return conflicts + _timed_breaches(week, HardRuleId.FITS_AVAILABILITY)


def _masters_extra_recovery_day(week: _Week) -> list[Breach]:
    if not week.request.athlete.is_masters:
        return []
    return [
        Breach(
            rule=HardRuleId.MASTERS_EXTRA_RECOVERY_DAY,
            message=f"{week.day(i)}: {session.name} loads the legs heavily two days before "
            f"{week.day(i + 2)}'s {_key_run_name(week.days[i + 2])}; a masters runner "
            f"(age {week.request.athlete.age}) gets one more day",
            days=_at(i, i + 2),
        )
        for i, session in week.sessions()
        if session.heavy_legs and i + 2 < len(week.days) and week.days[i + 2].has_key_run
    ]


def _avoided_exercises(week: _Week) -> list[Breach]:
    avoid = week.request.athlete.avoid
    return [
        Breach(
            rule=HardRuleId.AVOIDED_EXERCISES,
            message=f"{week.day(i)}: {session.name} holds {', '.join(blocked)}, which the athlete "
            f"avoids ({', '.join(avoid)}) and which has no swap",
            days=_at(i),
        )
        for i, session in week.sessions()
        if (blocked := session.blocked_by(avoid))
    ]


def _max_strength_minutes(week: _Week) -> list[Breach]:
    cap = week.request.athlete.max_strength_minutes
    if cap is None:
        return []
    breaches = []
    for part in week.horizon.weeks:
        minutes = sum(session.minutes for _, session in week.sessions(part.day_indexes))
        if minutes <= cap:
            continue
        message = f"{minutes} min of strength in the week; the athlete's cap is {cap} min"
        breaches.append(
            Breach(
                rule=HardRuleId.MAX_STRENGTH_MINUTES,
                message=week.horizon.in_week(part, message),
                days=_at(*(i for i in part.day_indexes if week.placed[i])),
            )
        )
    return breaches


def _strength_after_run(week: _Week) -> list[Breach]:
    return _timed_breaches(week, HardRuleId.STRENGTH_AFTER_RUN)


def _heavy_legs_3h_from_hard_run(week: _Week) -> list[Breach]:
    return _timed_breaches(week, HardRuleId.HEAVY_LEGS_3H_FROM_HARD_RUN)


def _past_as_it_happened(week: _Week) -> list[Breach]:
    replanning = week.horizon.replanning
    if replanning is None:
        return []
    breaches = []
    for i, sessions in enumerate(week.placed):
        placed = {session.id for session in sessions}
        pinned = set(replanning.pinned[i])
        if week.horizon.is_settled(i) and placed != pinned:
            happened = _names(pinned) or "no strength"
            message = f"{week.day(i)}: {_names(placed) or 'no strength'}, where {happened} happened"
        elif pinned - placed:
            message = f"{week.day(i)}: {_names(pinned - placed)}, moved here by the runner, is gone"
        else:
            continue
        breaches.append(Breach(rule=HardRuleId.PAST_AS_IT_HAPPENED, message=message, days=_at(i)))
    return breaches


def _names(session_ids: Iterable[str]) -> str:
    by_id = session_by_id()
    return ", ".join(by_id[session_id].name for session_id in sorted(session_ids))


def _legs_recovering(week: _Week) -> list[Breach]:
    replanning = week.horizon.replanning
    if replanning is None:
        return []
    today = week.day(replanning.today)
    return [
        Breach(
            rule=HardRuleId.LEGS_RECOVERING,
            message=f"{week.day(i)}: {session.name} works the legs, "
            f"{'heavily ' if rest == 'heavy' else ''}within "
            f"{'48' if rest == 'heavy' else '72'} h of {replanning.legs} reported on {today}",
            days=_at(i),
        )
        for i, rest in replanning.resting
        for session in week.placed[i]
        if (session.heavy_legs if rest == "heavy" else session.works_legs)
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
    HardRuleId.STRENGTH_AFTER_RUN,
    HardRuleId.HEAVY_LEGS_3H_FROM_HARD_RUN,
)

HARD_RULE_CHECKS: dict[HardRuleId, Callable[[_Week], list[Breach]]] = {
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
    HardRuleId.STRENGTH_AFTER_RUN: _strength_after_run,
    HardRuleId.HEAVY_LEGS_3H_FROM_HARD_RUN: _heavy_legs_3h_from_hard_run,
    HardRuleId.PAST_AS_IT_HAPPENED: _past_as_it_happened,
    HardRuleId.LEGS_RECOVERING: _legs_recovering,
}
assert tuple(HARD_RULE_CHECKS) == HARD_RULE_IDS, "every hard rule is checked, in rule-book order"


# --- soft goals: each returns one line of detail per unit of penalty ------------------------


def _target_sessions(week: _Week) -> list[str]:
    details = []
    for part in week.horizon.weeks:
        target, count = part.request.target_sessions, week.count_in(part)
        detail = week.horizon.in_week(part, f"{count} session(s) placed; the target is {target}")
        details += [detail] * abs(count - target)
    return details


def _keep_recovery_days_easy(week: _Week) -> list[str]:
    details = []
    for i, session in week.sessions():
        day = week.days[i]
        if day.is_rest_day:
            details.append(f"{week.day(i)}: {session.name} lands on a rest day")
        elif day.is_recovery_run_day:
            units = recovery_day_units(session)
            details += [
                f"{week.day(i)}: {session.name} works the legs on a recovery-run day"
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
        f"{week.day(i)}: {session.name} is not stacked on a key-run day"
        for i, session in week.sessions()
        if not week.days[i].has_key_run
    ]


def _strength_on_easy_days(week: _Week) -> list[str]:
    return [
        f"{week.day(i)}: {session.name} shares the day with a {_key_run_name(week.days[i])}"
        for i, session in week.sessions()
        if week.days[i].has_key_run
    ]


def _heavy_legs_48h_before_key_run(week: _Week) -> list[str]:
    # Where the times are known the 48 h reading replaces the two days before's.
    return [miss.message for miss in week.timed(SoftGoalId.HEAVY_LEGS_48H_BEFORE_KEY_RUN)] + [
        f"{week.day(i)}: {session.name} is 48 h before {week.day(i + 2)}'s "
        f"{_key_run_name(week.days[i + 2])}"
        for i, session in week.sessions()
        if session.heavy_legs
        and i + 2 < len(week.days)
        and week.days[i + 2].has_key_run
        and timed_key_run(week.days, i, i + 2) is None
    ]


def _no_heavy_legs_after_long_run(week: _Week) -> list[str]:
    return [
        f"{week.day(i)}: {session.name} comes the day after {week.day(i - 1)}'s long run"
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
            f"{week.day(i)}: {session.name} on the day of a {minutes}-min long run ({n} of {units})"
            for n in range(1, units + 1)
        ]
    return details


def _spread_sessions(week: _Week) -> list[str]:
    return [
        f"{week.day(i)} and {week.day(i + 1)}: strength on consecutive days"
        for part in week.horizon.weeks
        for i in part.day_indexes[:-1]
        if week.placed[i] and week.placed[i + 1]
    ]


def _lower_body_in_week(week: _Week) -> list[str]:
    details = []
    for part in week.horizon.weeks:
        request = part.request
        sessions = [session for _, session in week.sessions(part.day_indexes)]
        if request.athlete.phase in ("taper", "race_week") or request.strength.max_sessions == 0:
            continue
        if request.athlete.lifting_level == "beginner":
            if not any(session.works_legs for session in sessions):
                details.append(week.horizon.in_week(part, "no session works the legs this week"))
        elif not any(session.heavy_strength for session in sessions):
            details.append(week.horizon.in_week(part, "no heavy strength session this week"))
    return details


def _phase_fit(week: _Week) -> list[str]:
    details: list[str] = []
    for part in week.horizon.weeks:
        sessions = list(week.sessions(part.day_indexes))
        if part.phase == "race_week":
            details += [
                f"{week.day(i)}: {session.name} works the legs in race week "
                "(mobility and core only)"
                for i, session in sessions
                if session.works_legs
            ]
        elif part.phase == "taper":
            details += [
                f"{week.day(i)}: {session.name} is heavy legs in a taper week"
                for i, session in sessions
                if session.heavy_legs
            ]
        elif part.phase == "peak":
            heavy = [(i, s) for i, s in sessions if s.heavy_legs]
            details += [
                f"{week.day(i)}: {session.name} is heavy session {n} at peak; one keeps the gains"
                for n, (i, session) in enumerate(heavy[1:], start=2)
            ]
    return details


def _level_fit(week: _Week) -> list[str]:
    athlete = week.request.athlete
    if athlete.lifting_level != "beginner":
        return []
    who = "someone new to lifting" if athlete.new_to_lifting else "a beginner"
    return [
        f"{week.day(i)}: {session.name} is heavy work for {who}"
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
            details.append(
                f"{week.day(i)}: {session.name} repeats {week.day(previous[0])}'s heavy session"
            )
        previous = (i, session)
    return details


def _full_session_when_time_allows(week: _Week) -> list[str]:
    by_id = session_by_id()
    return [
        f"{week.day(i)}: {session.name} where {by_id[session.short_of].name} fits"
        for i, session in week.sessions()
        if session.short_of is not None and week.horizon.full_version_fits(i, session)
    ]


def _routine(week: _Week) -> list[str]:
    details = []
    for before, after in week.horizon.routine_pairs():
        if bool(week.placed[before]) != bool(week.placed[after]):
            had = "strength" if week.placed[before] else "no strength"
            details.append(
                f"{week.day(after)}: {'strength' if week.placed[after] else 'no strength'}, "
                f"where {week.day(before)} had {had} with the same runs"
            )
    return details


def _progression(week: _Week) -> list[str]:
    details = []
    for part, compared in week.horizon.progression_pairs():
        heavy, before = week.heavy_in(part), week.heavy_in(compared)
        if part.phase in LOADING_PHASES:
            text = f"{heavy} heavy-leg session(s) in {part.phase}, fewer than {before} in " + (
                f"week {compared.index + 1}" if week.horizon.is_plan else "the week before"
            )
            details += [week.horizon.in_week(part, text)] * max(0, before - heavy)
        else:
            text = (
                f"{heavy} heavy-leg session(s) in {part.phase}, more than {before} the week before"
            )
            details += [week.horizon.in_week(part, text)] * max(0, heavy - before)
    return details


def _heavy_legs_6h_from_hard_run(week: _Week) -> list[str]:
    return [miss.message for miss in week.timed(SoftGoalId.HEAVY_LEGS_6H_FROM_HARD_RUN)]


def _stability(week: _Week) -> list[str]:
    replanning = week.horizon.replanning
    if replanning is None:
        return []
    details = []
    for i in week.horizon.open_days():
        placed = tuple(session.id for session in week.placed[i])
        had = replanning.reference[i]
        if placed != had:
            now = _names(placed) or "no strength"
            details.append(f"{week.day(i)}: {now}, where the week had {_names(had) or 'none'}")
    return details


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
    SoftGoalId.ROUTINE: _routine,
    SoftGoalId.PROGRESSION: _progression,
    SoftGoalId.HEAVY_LEGS_6H_FROM_HARD_RUN: _heavy_legs_6h_from_hard_run,
    SoftGoalId.STABILITY: _stability,
}
assert tuple(GOAL_CHECKS) == SOFT_GOAL_IDS, "every soft goal is checked, in rule-book order"
