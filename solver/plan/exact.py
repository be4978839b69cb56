"""An exact dynamic program over the days of a plan: the CP-SAT plan model's referee.

No ortools, and neither the model nor the checker: it reads the rule book from the domain and
counts every rule and goal its own way, day by day. After each day the state holds what the
days ahead can still depend on: this week's strength days so far (and last week's, for the
routine), this week's heavy-leg count, whether legs and heavy strength were worked, this
week's strength minutes (for the weekly cap), whether yesterday was heavy, the last heavy-leg
session (for variety), and the heavy-leg counts of last week and of the last base or build week
(for progression).
Of all placements reaching the same state only the cheapest is kept, so the optimum is exact.
The states grow with the open days and the session bounds: meant for plans of a few weeks.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.catalogue import Session, catalogue
from solver.domain import Day
from solver.horizon import HOLDING_PHASES, LOADING_PHASES, WEEK_LENGTH, Horizon, HorizonWeek
from solver.rules import HardRuleId, SoftGoalId


@dataclass(frozen=True)
class ExactOptimum:
    """The cheapest placement (sessions per day), or `placed=None` when none keeps the rules."""

    placed: list[list[Session]] | None
    objective: int | None
    states: int


@dataclass(frozen=True)
class _State:
    last_week_days: int  # bit per weekday: strength last week
    week_days: int  # bit per weekday: strength this week so far
    week_heavy: int
    week_legs: bool
    week_strong: bool  # heavy strength work (heavy lifting, high plyometrics) this week
    week_minutes: int
    heavy_yesterday: bool
    last_heavy: str | None  # the last heavy-leg session so far, across weeks
    last_week_heavy: int  # -1: no week before
    last_loading_heavy: int  # -1: no base or build week yet


def exact_optimum(horizon: Horizon) -> ExactOptimum:
    """The optimal placement of the plan, by dynamic programming over its days."""
    referee = _Referee(horizon)
    start = _State(0, 0, 0, False, False, 0, False, None, -1, -1)
    layer: dict[_State, int] = {start: 0}
    parents: list[dict[_State, tuple[_State, Session | None]]] = []
    states = 1
    for day_index in range(len(horizon.days)):
        following: dict[_State, int] = {}
        back: dict[_State, tuple[_State, Session | None]] = {}
        for state, cost in layer.items():
            for session in [None, *referee.options[day_index]]:
                step = referee.step(state, day_index, session)
                if step is None:
                    continue
                after, extra = step
                if after not in following or cost + extra < following[after]:
                    following[after] = cost + extra
                    back[after] = (state, session)
        layer = following
        parents.append(back)
        states += len(layer)
    if not layer:
        return ExactOptimum(None, None, states)
    best_state = min(layer, key=lambda s: (layer[s], _order(s)))
    placed: list[list[Session]] = [[] for _ in horizon.days]
    state = best_state
    for day_index in range(len(horizon.days) - 1, -1, -1):
        state, session = parents[day_index][state]
        if session is not None:
            placed[day_index] = [session]
    return ExactOptimum(placed, layer[best_state], states)


def _order(state: _State) -> tuple[int, ...]:
    return (
        state.last_week_days,
        state.week_days,
        state.week_heavy,
        state.week_minutes,
        state.last_week_heavy,
    )


class _Referee:
    """The rule book, read day by day."""

    def __init__(self, horizon: Horizon) -> None:
        self.horizon = horizon
        self.days = horizon.days
        self.weights = {goal: horizon.weight(goal) for goal in SoftGoalId}
        self.recovering = set(horizon.races_recovering())
        self.athlete = horizon.request.athlete
        self.options = [self._allowed(d) for d in range(len(self.days))]

    def _day(self, day_index: int) -> Day | None:
        return self.days[day_index] if 0 <= day_index < len(self.days) else None

    def _on(self, rule: HardRuleId) -> bool:
        return not self.horizon.relaxes(rule)

    def _allowed(self, day_index: int) -> list[Session]:
        """Sessions that no rule about this day alone forbids."""
        day = self.days[day_index]
        if not day.available or day.is_race_day:
            return []
        if day.is_double_run_day and not day.allow_doubles:
            return []
        yesterday, tomorrow = self._day(day_index - 1), self._day(day_index + 1)
        in_two_days = self._day(day_index + 2)
        allowed = []
        for session in catalogue():
            if not self.horizon.equipment_allows(day_index, session):
                continue
            if session.blocked_by(self.athlete.avoid) and self._on(HardRuleId.AVOIDED_EXERCISES):
                continue
            if day.minutes_left is not None and session.minutes > day.minutes_left:
                continue
            if session.plyometric and day.has_hard_run:
                continue
            race_tomorrow = tomorrow is not None and tomorrow.is_race_day
            if session.works_legs and race_tomorrow and self._on(HardRuleId.NO_LEGS_BEFORE_RACE):
                continue
            if session.heavy_legs and self._heavy_forbidden(day_index, day, yesterday, tomorrow):
                continue
            if (
                session.heavy_legs
                and in_two_days is not None
                and in_two_days.is_race_day
                and self._on(HardRuleId.NO_LEGS_BEFORE_RACE)
            ):
                continue
            if (
                session.heavy_legs
                and self.athlete.is_masters
                and in_two_days is not None
                and in_two_days.has_key_run
                and self._on(HardRuleId.MASTERS_EXTRA_RECOVERY_DAY)
            ):
                continue
            allowed.append(session)
        return allowed

    def _heavy_forbidden(
        self, day_index: int, day: Day, yesterday: Day | None, tomorrow: Day | None
    ) -> bool:
        if tomorrow is not None and tomorrow.has_key_run:
            return True
        if day.has_very_long_run and self._on(HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY):
            return True
        if (
            yesterday is not None
            and yesterday.has_very_long_run
            and self._on(HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN)
        ):
            return True
        return day_index in self.recovering and self._on(HardRuleId.NO_HEAVY_LEGS_AFTER_RACE)

    def _placement_cost(self, day_index: int, session: Session) -> int:
        """What one session costs on the day, whatever the other days hold."""
        day, w = self.days[day_index], self.weights
        two_days_on, yesterday = self._day(day_index + 2), self._day(day_index - 1)
        week = self.horizon.week_of_day(day_index)
        cost = 0
        if day.is_rest_day:
            cost += w[SoftGoalId.KEEP_RECOVERY_DAYS_EASY]
        elif day.is_recovery_run_day:
            units = 2 if session.heavy_legs else 1 if session.leg_load != "none" else 0
            cost += w[SoftGoalId.KEEP_RECOVERY_DAYS_EASY] * units
        cost += w[
            SoftGoalId.STRENGTH_ON_EASY_DAYS
            if day.has_key_run
            else SoftGoalId.STRENGTH_ON_HARD_DAYS
        ]
        if session.heavy_legs:
            if two_days_on is not None and two_days_on.has_key_run:
                cost += w[SoftGoalId.HEAVY_LEGS_48H_BEFORE_KEY_RUN]
            if yesterday is not None and yesterday.has_long_run:
                cost += w[SoftGoalId.NO_HEAVY_LEGS_AFTER_LONG_RUN]
            cost += w[SoftGoalId.HEAVY_LEGS_ON_LONG_RUN_DAY] * day.long_run_units
            if week.phase == "taper":
                cost += w[SoftGoalId.PHASE_FIT]
        if week.phase == "race_week" and session.works_legs:
            cost += w[SoftGoalId.PHASE_FIT]
        strong = session.leg_load == "heavy" or session.plyometric_intensity == "high"
        if strong and self.athlete.lifting_level == "beginner":
            cost += w[SoftGoalId.LEVEL_FIT]
        if session.short_of is not None and self.horizon.full_version_fits(day_index, session):
            cost += w[SoftGoalId.FULL_SESSION_WHEN_TIME_ALLOWS]
        return cost

    def step(
        self, state: _State, day_index: int, session: Session | None
    ) -> tuple[_State, int] | None:
        """The state after the day with `session` (or none), and what it adds; None if a rule
        breaks."""
        weekday = day_index % WEEK_LENGTH
        week = self.horizon.week_of_day(day_index)
        strength = week.request.strength
        placed = session is not None
        heavy = session is not None and session.heavy_legs
        if heavy and state.heavy_yesterday:
            return None  # heavy_legs_48h_apart
        week_days = state.week_days | (placed << weekday)
        count = bin(week_days).count("1")
        if count > strength.max_sessions:
            return None
        w = self.weights
        cost = self._placement_cost(day_index, session) if session is not None else 0
        if placed and weekday > 0 and state.week_days >> (weekday - 1) & 1:
            cost += w[SoftGoalId.SPREAD_SESSIONS]
        routine_holds = week.index > 0 and self._same_runs(day_index - WEEK_LENGTH, day_index)
        if routine_holds and bool(state.last_week_days >> weekday & 1) != placed:
            cost += w[SoftGoalId.ROUTINE]
        last_heavy = state.last_heavy
        if session is not None and heavy:
            if session.id == last_heavy:
                cost += w[SoftGoalId.VARIETY]
            last_heavy = session.id
        week_minutes = state.week_minutes + (session.minutes if session is not None else 0)
        cap = self.athlete.max_strength_minutes
        if cap is not None and week_minutes > cap and self._on(HardRuleId.MAX_STRENGTH_MINUTES):
            return None
        week_heavy = state.week_heavy + heavy
        week_legs = state.week_legs or (session is not None and session.works_legs)
        week_strong = state.week_strong or (
            session is not None
            and (session.leg_load == "heavy" or session.plyometric_intensity == "high")
        )
        if weekday < WEEK_LENGTH - 1:
            after = _State(
                state.last_week_days,
                week_days,
                week_heavy,
                week_legs,
                week_strong,
                week_minutes if cap is not None else 0,
                heavy,
                last_heavy,
                state.last_week_heavy,
                state.last_loading_heavy,
            )
            return after, cost
        if count < strength.min_sessions:
            return None
        cost += self._week_end_cost(week, count, week_heavy, week_legs, week_strong, state)
        last_loading = week_heavy if week.phase in LOADING_PHASES else state.last_loading_heavy
        after = _State(
            week_days, 0, 0, False, False, 0, heavy, last_heavy, week_heavy, last_loading
        )
        return after, cost

    def _week_end_cost(
        self,
        week: HorizonWeek,
        count: int,
        heavy: int,
        legs: bool,
        strong: bool,
        state: _State,
    ) -> int:
        """The week's own goals, and progression against the weeks before it."""
        w, phase = self.weights, week.phase
        cost = w[SoftGoalId.TARGET_SESSIONS] * abs(count - week.request.target_sessions)
        week_off = week.request.strength.max_sessions == 0
        if phase not in ("taper", "race_week") and not week_off:
            beginner = self.athlete.lifting_level == "beginner"
            if not (legs if beginner else strong):
                cost += w[SoftGoalId.LOWER_BODY_IN_WEEK]
        if phase == "peak":
            cost += w[SoftGoalId.PHASE_FIT] * max(0, heavy - 1)
        if phase in LOADING_PHASES and state.last_loading_heavy >= 0:
            cost += w[SoftGoalId.PROGRESSION] * max(0, state.last_loading_heavy - heavy)
        elif phase in HOLDING_PHASES and state.last_week_heavy >= 0:
            cost += w[SoftGoalId.PROGRESSION] * max(0, heavy - state.last_week_heavy)
        return cost

    def _same_runs(self, before: int, after: int) -> bool:
        """Whether a weekday's runs stayed put from one week to the next (types, key flags,
        availability)."""
        earlier, later = self.days[before], self.days[after]
        return (
            sorted((r.type, r.is_key) for r in earlier.runs)
            == sorted((r.type, r.is_key) for r in later.runs)
            and earlier.available == later.available
        )
