"""The hard rules, one method each, in the order of the rule book (`solver/rules.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from ortools.sat.python import cp_model

from solver.cpsat.variables import Variables
from solver.horizon import Horizon
from solver.rules import HARD_RULE_IDS, HardRuleId
from solver.times import (
    HARD_RUN_GAP_MINUTES,
    KEY_RUN_CLEAR_MINUTES,
    busy,
    merged,
    runs_end,
    timed_key_run,
    timed_runs,
)


class SessionBound(StrEnum):
    """The two halves of `session_count`: each can be guarded, or left out, on its own."""

    MIN = "min"
    MAX = "max"


@dataclass(frozen=True)
class Guard:
    """One piece of a hard rule that an explanation can switch off: a rule on some days (or,
    for `session_count`, on the week numbered `week` of the horizon)."""

    rule: HardRuleId
    days: tuple[int, ...]
    part: SessionBound | None = None
    week: int = 0


@dataclass
class Constraints:
    """Adds every hard rule to the model, over the horizon's days (one week, or a plan).

    Rules between neighbouring days hold across week boundaries; `session_count` holds week by
    week. In a replan the rules about one day skip its settled days (the past is pinned as it
    happened, whatever it broke) and a rule between two days binds while either is open.

    With `guarded=True` each rule, day by day, is enforced only under its own literal, so that
    an infeasible week can be explained by the smallest set of guards that cannot all hold.
    `without` and `without_bounds` leave rules, or one half of `session_count`, out of the
    model: only the ablation tests do, to show that each rule is what keeps weeks from breaking
    it.
    """

    model: cp_model.CpModel
    horizon: Horizon
    variables: Variables
    guarded: bool = False
    without: frozenset[HardRuleId] = frozenset()
    without_bounds: frozenset[SessionBound] = frozenset()
    guards: dict[Guard, cp_model.IntVar] = field(default_factory=dict)

    def add_constraints(self) -> None:
        """Add the hard rules."""
        rules: dict[HardRuleId, Callable[[], None]] = {
            HardRuleId.SESSION_COUNT: self._session_count,
            HardRuleId.ONE_SESSION_PER_DAY: self._one_session_per_day,
            HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN: self._no_heavy_legs_before_key_run,
            HardRuleId.HEAVY_LEGS_48H_APART: self._heavy_legs_48h_apart,
            HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY: self._no_heavy_legs_on_very_long_run_day,
            HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN: self._no_heavy_legs_after_very_long_run,
            HardRuleId.NO_PLYOMETRICS_AFTER_HARD_RUN: self._no_plyometrics_after_hard_run,
            HardRuleId.NO_STRENGTH_ON_RACE_DAY: self._no_strength_on_race_day,
            HardRuleId.NO_LEGS_BEFORE_RACE: self._no_legs_before_race,
            HardRuleId.NO_HEAVY_LEGS_AFTER_RACE: self._no_heavy_legs_after_race,
            HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY: self._no_strength_on_double_run_day,
            HardRuleId.FITS_AVAILABILITY: self._fits_availability,
            HardRuleId.MASTERS_EXTRA_RECOVERY_DAY: self._masters_extra_recovery_day,
            HardRuleId.AVOIDED_EXERCISES: self._avoided_exercises,
            HardRuleId.MAX_STRENGTH_MINUTES: self._max_strength_minutes,
            HardRuleId.STRENGTH_AFTER_RUN: self._strength_after_run,
            HardRuleId.HEAVY_LEGS_3H_FROM_HARD_RUN: self._heavy_legs_3h_from_hard_run,
            HardRuleId.PAST_AS_IT_HAPPENED: self._past_as_it_happened,
            HardRuleId.LEGS_RECOVERING: self._legs_recovering,
        }
        assert tuple(rules) == HARD_RULE_IDS, "every hard rule is modelled, in rule-book order"
        for rule, add in rules.items():
            if rule not in self.without and not self.horizon.relaxes(rule):
                add()

    def _forbid(self, day_index: int, wanted: str, guard: Guard) -> None:
        """No session of the kind `wanted` (any, heavy, legs, plyometric) on the day."""
        self._forbid_sessions(day_index, self.variables.indexes(wanted), guard)

    def _forbid_sessions(self, day_index: int, indexes: list[int], guard: Guard) -> None:
        """None of the sessions at `indexes` (in the catalogue) on the day.

        Unguarded, the placements are ruled out of the model (`Variables.rule_out`): every
        rule and goal after leaves them out. Guarded, a constraint under the guard forbids them,
        so that an explanation can switch it off.
        """
        if self.horizon.is_settled(day_index) or not indexes:
            return
        if not self.guarded:
            self.variables.rule_out(day_index, indexes)
            return
        day_vars = self.variables.placed[day_index]
        forbidden = cp_model.LinearExpr.sum([day_vars[i] for i in indexes])
        self._enforce(self.model.add(forbidden == 0), guard)

    def _enforce(self, constraint: cp_model.Constraint, guard: Guard) -> None:
        literal = self._guard_literal(guard)
        if literal is not None:
            constraint.only_enforce_if(literal)

    def _guard_literal(self, guard: Guard) -> cp_model.IntVar | None:
        """The guard's literal when the model is guarded, else None."""
        if not self.guarded:
            return None
        if guard not in self.guards:
            part = guard.part or ""
            week = f"w{guard.week}" if guard.week else ""
            self.guards[guard] = self.model.new_bool_var(f"{guard.rule}{guard.days}{part}{week}")
        return self.guards[guard]

    def _session_count(self) -> None:
        """Place between min_sessions and max_sessions sessions each week."""
        for week in self.horizon.weeks:
            total = self.variables.total(week.day_indexes)
            strength = week.request.strength
            if SessionBound.MIN not in self.without_bounds:
                constraint = self.model.add(total >= strength.min_sessions)
                guard = Guard(HardRuleId.SESSION_COUNT, (), SessionBound.MIN, week.index)
                self._enforce(constraint, guard)
            if SessionBound.MAX not in self.without_bounds:
                constraint = self.model.add(total <= strength.max_sessions)
                guard = Guard(HardRuleId.SESSION_COUNT, (), SessionBound.MAX, week.index)
                self._enforce(constraint, guard)

    def _one_session_per_day(self) -> None:
        """At most one strength session on any day."""
        for day_index in self.horizon.open_days():
            placed = self.variables.matching_vars(day_index, "any")
            if not self.guarded:
                # CP-SAT's own at-most-one propagates best, but it takes no guard.
                self.model.add_at_most_one(placed)
                continue
            constraint = self.model.add(cp_model.LinearExpr.sum(placed) <= 1)
            self._enforce(constraint, Guard(HardRuleId.ONE_SESSION_PER_DAY, (day_index,)))

    def _no_heavy_legs_before_key_run(self) -> None:
        """No heavy-leg session the day before a key run; where the times are known, none
        ending less than 24 h before the key run starts."""
        days = self.horizon.days
        for day_index in range(len(days) - 1):
            timed = timed_key_run(days, day_index, day_index + 1) is not None
            settled = self.horizon.is_settled(day_index)
            if days[day_index + 1].has_key_run and not timed and not settled:
                pair = (day_index, day_index + 1)
                self._forbid(
                    day_index, "heavy", Guard(HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN, pair)
                )
        for day_index, start in self.variables.start.items():
            if self.horizon.is_settled(day_index):
                continue
            heavy = self.variables.heavy_day[day_index]
            for key_day in (day_index, day_index + 1):
                key_start = timed_key_run(days, day_index, key_day)
                if key_start is None:
                    continue
                guard = Guard(HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN, (day_index, key_day))
                # Before the key run, heavy legs must end 24 h before it: on the day before
                # that is their end; on the key run's own day they can only come after it.
                if key_day == day_index:
                    constraint = self.model.add(start >= key_start)
                else:
                    end = self.variables.end[day_index]
                    constraint = self.model.add(end <= key_start - KEY_RUN_CLEAR_MINUTES)
                constraint.only_enforce_if(heavy)
                self._enforce(constraint, guard)

    def _heavy_legs_48h_apart(self) -> None:
        """Heavy-leg sessions never on consecutive days."""
        heavy = self.variables.heavy_day
        for day_index in range(len(self.horizon.days) - 1):
            if self.horizon.is_settled(day_index) and self.horizon.is_settled(day_index + 1):
                continue
            constraint = self.model.add(heavy[day_index] + heavy[day_index + 1] <= 1)
            days = (day_index, day_index + 1)
            self._enforce(constraint, Guard(HardRuleId.HEAVY_LEGS_48H_APART, days))

    def _no_heavy_legs_on_very_long_run_day(self) -> None:
        """No heavy legs on the day of a long run of 2 h or more."""
        for day_index, day in enumerate(self.horizon.days):
            if day.has_very_long_run:
                guard = Guard(HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY, (day_index,))
                self._forbid(day_index, "heavy", guard)

    def _no_heavy_legs_after_very_long_run(self) -> None:
        """No heavy legs the day after a long run of 2 h or more."""
        days = self.horizon.days
        for day_index in range(1, len(days)):
            if days[day_index - 1].has_very_long_run:
                pair = (day_index, day_index - 1)
                guard = Guard(HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN, pair)
                self._forbid(day_index, "heavy", guard)

    def _no_plyometrics_after_hard_run(self) -> None:
        """No jumps on the day of a hard run: they need fresh legs."""
        for day_index, day in enumerate(self.horizon.days):
            if day.has_hard_run:
                guard = Guard(HardRuleId.NO_PLYOMETRICS_AFTER_HARD_RUN, (day_index,))
                self._forbid(day_index, "plyometric", guard)

    def _no_strength_on_race_day(self) -> None:
        """No strength on a race day."""
        for day_index, day in enumerate(self.horizon.days):
            if day.is_race_day:
                self._forbid(
                    day_index, "any", Guard(HardRuleId.NO_STRENGTH_ON_RACE_DAY, (day_index,))
                )

    def _no_legs_before_race(self) -> None:
        """No heavy legs in the two days before a race, no leg work the day before."""
        days = self.horizon.days
        for day_index in range(len(days) - 1):
            if days[day_index + 1].is_race_day:
                pair = (day_index, day_index + 1)
                self._forbid(day_index, "legs", Guard(HardRuleId.NO_LEGS_BEFORE_RACE, pair))
            elif day_index + 2 < len(days) and days[day_index + 2].is_race_day:
                pair = (day_index, day_index + 2)
                self._forbid(day_index, "heavy", Guard(HardRuleId.NO_LEGS_BEFORE_RACE, pair))

    def _no_heavy_legs_after_race(self) -> None:
        """No heavy legs while the legs recover from a race (longer after longer races)."""
        for day_index in sorted(self.horizon.races_recovering()):
            guard = Guard(HardRuleId.NO_HEAVY_LEGS_AFTER_RACE, (day_index,))
            self._forbid(day_index, "heavy", guard)

    def _no_strength_on_double_run_day(self) -> None:
        """No strength on a day with two runs, unless the runner allows it that day."""
        for day_index, day in enumerate(self.horizon.days):
            if self.horizon.is_settled(day_index):
                continue
            if day.is_double_run_day and not day.allow_doubles:
                guard = Guard(HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY, (day_index,))
                self._forbid(day_index, "any", guard)

    def _fits_availability(self) -> None:
        """Strength only on available days, within the day's minutes, gym sessions at a gym."""
        sessions = self.variables.sessions
        for day_index, day in enumerate(self.horizon.days):
            if self.horizon.is_settled(day_index):
                continue
            guard = Guard(HardRuleId.FITS_AVAILABILITY, (day_index,))
            if not day.available:
                self._forbid(day_index, "any", guard)
                continue
            minutes_left = day.minutes_left
            self._forbid_sessions(
                day_index,
                [
                    i
                    for i, session in enumerate(sessions)
                    if not self.horizon.equipment_allows(day_index, session)
                    or (minutes_left is not None and session.minutes > minutes_left)
                ],
                guard,
            )
            if minutes_left is not None:
                live = self.variables.live(day_index)
                minutes = cp_model.LinearExpr.weighted_sum(
                    [var for _, var in live], [session.minutes for session, _ in live]
                )
                self._enforce(self.model.add(minutes <= minutes_left), guard)
            if day_index in self.variables.interval:
                self._fits_the_day_s_times(day_index, guard)

    def _fits_the_day_s_times(self, day_index: int, guard: Guard) -> None:
        """On a day with times: strength inside one window, never during a timed run."""
        day = self.horizon.days[day_index]
        # One interval per stretch of taken time: a no-overlap refuses fixed ones that overlap.
        taken = merged(busy(day) + [(start, end) for _, start, end in timed_runs(day)])
        literal = self._guard_literal(guard)
        fixed = []
        for start, end in taken:
            if literal is None:
                fixed.append(self.model.new_fixed_size_interval_var(start, end - start, "taken"))
            else:
                # Guarded, the day's taken times hold only while the guard does.
                fixed.append(
                    self.model.new_optional_fixed_size_interval_var(
                        start, end - start, literal, "taken"
                    )
                )
        self.model.add_no_overlap([self.variables.interval[day_index], *fixed])

    def _masters_extra_recovery_day(self) -> None:
        """For a masters runner, no heavy legs two days before a key run either (a Saturday
        before a Monday key run too)."""
        if not self.horizon.request.athlete.is_masters:
            return
        days = self.horizon.days
        for day_index in range(len(days) - 2):
            if days[day_index + 2].has_key_run:
                pair = (day_index, day_index + 2)
                guard = Guard(HardRuleId.MASTERS_EXTRA_RECOVERY_DAY, pair)
                self._forbid(day_index, "heavy", guard)

    def _avoided_exercises(self) -> None:
        """No session holding an exercise the athlete avoids and cannot swap."""
        athlete = self.horizon.request.athlete
        if not athlete.avoid:
            return
        blocked = [
            i for i, session in enumerate(self.variables.sessions) if not athlete.can_do(session)
        ]
        for day_index in self.horizon.open_days():
            self._forbid_sessions(
                day_index, blocked, Guard(HardRuleId.AVOIDED_EXERCISES, (day_index,))
            )

    def _max_strength_minutes(self) -> None:
        """Each week's strength minutes stay within the athlete's cap."""
        cap = self.horizon.request.athlete.max_strength_minutes
        if cap is None:
            return
        for week in self.horizon.weeks:
            live = [pair for i in week.day_indexes for pair in self.variables.live(i)]
            week_minutes = cp_model.LinearExpr.weighted_sum(
                [var for _, var in live], [session.minutes for session, _ in live]
            )
            guard = Guard(HardRuleId.MAX_STRENGTH_MINUTES, (), week=week.index)
            self._enforce(self.model.add(week_minutes <= cap), guard)

    def _strength_after_run(self) -> None:
        """On a day with times, strength starts after the day's timed runs end."""
        for day_index, start in self.variables.start.items():
            if self.horizon.is_settled(day_index):
                continue
            last_run_end = runs_end(self.horizon.days[day_index])
            if last_run_end:
                constraint = self.model.add(start >= last_run_end)
                constraint.only_enforce_if(self.variables.strength[day_index])
                self._enforce(constraint, Guard(HardRuleId.STRENGTH_AFTER_RUN, (day_index,)))

    def _heavy_legs_3h_from_hard_run(self) -> None:
        """On a day with times, heavy legs at least 3 h from a timed hard run."""
        for day_index in self.variables.start:
            if self.horizon.is_settled(day_index):
                continue
            guard = Guard(HardRuleId.HEAVY_LEGS_3H_FROM_HARD_RUN, (day_index,))
            for run, run_start, run_end in timed_runs(self.horizon.days[day_index]):
                if run.is_hard:
                    apart = keep_apart(
                        self.model,
                        self.variables,
                        day_index,
                        (run_start, run_end),
                        HARD_RUN_GAP_MINUTES,
                        [self.variables.heavy_day[day_index]],
                    )
                    for constraint in apart:
                        self._enforce(constraint, guard)

    def _past_as_it_happened(self) -> None:
        """A replan keeps what happened: a settled day holds exactly what was done, and a
        session the runner moved stays where it was moved."""
        replanning = self.horizon.replanning
        if replanning is None:
            return
        for day_index, day_vars in enumerate(self.variables.placed):
            guard = Guard(HardRuleId.PAST_AS_IT_HAPPENED, (day_index,))
            pinned = replanning.pinned[day_index]
            settled = self.horizon.is_settled(day_index)
            for var, session in zip(day_vars, self.variables.sessions, strict=True):
                if session.id in pinned:
                    self._enforce(self.model.add(var == 1), guard)
                elif settled:
                    self._enforce(self.model.add(var == 0), guard)

    def _legs_recovering(self) -> None:
        """Heavy legs: no heavy-leg session for 48 h; sore legs: no leg work for 72 h."""
        replanning = self.horizon.replanning
        if replanning is None:
            return
        for day_index, rest in replanning.resting:
            self._forbid(day_index, rest, Guard(HardRuleId.LEGS_RECOVERING, (day_index,)))


def keep_apart(
    model: cp_model.CpModel,
    variables: Variables,
    day_index: int,
    span: tuple[int, int],
    gap: int,
    enforced_by: list[cp_model.LiteralT],
) -> list[cp_model.Constraint]:
    """Under `enforced_by`, the day's strength lies `gap` minutes or more after the span, or
    before it: the constraints that say so (one, when no session fits before it)."""
    span_start, span_end = span
    start, end = variables.start[day_index], variables.end[day_index]
    latest_end_before = span_start - gap
    after = model.add(start >= span_end + gap)
    if latest_end_before < min(session.minutes for session in variables.sessions):
        after.only_enforce_if(enforced_by)
        return [after]
    is_after = model.new_bool_var("after")
    before = model.add(end <= latest_end_before)
    after.only_enforce_if([*enforced_by, is_after])
    before.only_enforce_if([*enforced_by, is_after.Not()])
    return [after, before]
