"""The soft goals, one method each: every goal counts its misses; the objective weighs them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.checker import recovery_day_units
from solver.cpsat.constraints import keep_apart
from solver.cpsat.variables import Variables
from solver.days import DAYS
from solver.horizon import LOADING_PHASES, Horizon, HorizonWeek
from solver.rules import SOFT_GOAL_IDS, SoftGoalId, placement_rank, tie_break_scale
from solver.times import (
    DAY_MINUTES,
    HARD_RUN_GAP_PREFERRED_MINUTES,
    KEY_RUN_CLEAR_PREFERRED_MINUTES,
    timed_key_run,
    timed_runs,
)


@dataclass
class Objective:
    """Builds each goal's count of misses over the horizon and minimises their weighted sum.

    Goals between neighbouring days count across week boundaries; the per-week goals (target,
    spread, lower body, phase fit) count week by week, each week by its own phase; routine and
    progression compare each week with the ones before it.

    Goals in `without` are left out whatever their weight: only the ablation tests do, to show
    that each goal is what keeps weeks from missing it.
    """

    model: cp_model.CpModel
    horizon: Horizon
    variables: Variables
    without: frozenset[SoftGoalId] = frozenset()
    counts: dict[SoftGoalId, cp_model.LinearExpr] = field(default_factory=dict)

    def add_objective(self) -> None:
        """Count the goals of positive weight, and minimise their weighted sum."""
        weights = {goal: self.horizon.weight(goal) for goal in SOFT_GOAL_IDS}
        self.count_goals([goal for goal in SOFT_GOAL_IDS if weights[goal] > 0])
        self.minimize_in(self.model, weights)

    def count_goals(self, goals: Sequence[SoftGoalId] = SOFT_GOAL_IDS) -> None:
        """Build the count of misses of each of `goals` (bar those left out) into `counts`.

        The counts do not depend on the weights: a week model counting every goal serves any
        weights (`solver/cpsat/solve.py`, `WeekModels`).
        """
        builders: dict[SoftGoalId, Callable[[], cp_model.LinearExpr]] = {
            SoftGoalId.TARGET_SESSIONS: self._target_sessions,
            SoftGoalId.KEEP_RECOVERY_DAYS_EASY: self._keep_recovery_days_easy,
            SoftGoalId.STRENGTH_ON_HARD_DAYS: self._strength_on_hard_days,
            SoftGoalId.STRENGTH_ON_EASY_DAYS: self._strength_on_easy_days,
            SoftGoalId.HEAVY_LEGS_48H_BEFORE_KEY_RUN: self._heavy_legs_48h_before_key_run,
            SoftGoalId.NO_HEAVY_LEGS_AFTER_LONG_RUN: self._no_heavy_legs_after_long_run,
            SoftGoalId.HEAVY_LEGS_ON_LONG_RUN_DAY: self._heavy_legs_on_long_run_day,
            SoftGoalId.SPREAD_SESSIONS: self._spread_sessions,
            SoftGoalId.LOWER_BODY_IN_WEEK: self._lower_body_in_week,
            SoftGoalId.PHASE_FIT: self._phase_fit,
            SoftGoalId.LEVEL_FIT: self._level_fit,
            SoftGoalId.VARIETY: self._variety,
            SoftGoalId.FULL_SESSION_WHEN_TIME_ALLOWS: self._full_session_when_time_allows,
            SoftGoalId.ROUTINE: self._routine,
            SoftGoalId.PROGRESSION: self._progression,
            SoftGoalId.HEAVY_LEGS_6H_FROM_HARD_RUN: self._heavy_legs_6h_from_hard_run,
            SoftGoalId.STABILITY: self._stability,
        }
        assert tuple(builders) == SOFT_GOAL_IDS, "every soft goal is modelled, in rule-book order"
        self.counts = {
            goal: builders[goal]()
            for goal in SOFT_GOAL_IDS
            if goal in goals and goal not in self.without
        }

    def minimize_in(self, model: cp_model.CpModel, weights: Mapping[SoftGoalId, int]) -> None:
        """Minimise in `model` (this objective's model, or a copy of it) the weighted sum of the
        counted goals of positive weight, ties broken by `tie_break`."""
        weighted = [goal for goal in self.counts if weights[goal] > 0]
        penalty = cp_model.LinearExpr.weighted_sum(
            [self.counts[goal] for goal in weighted], [weights[goal] for goal in weighted]
        )
        if self.horizon.is_plan:
            # A plan has no tie-break (a rank per day and session would overflow past a few
            # weeks): one worker and a fixed seed make its answer repeatable.
            model.minimize(penalty)
            return
        # The tie-break is a sum over placements: each variable weighs what its placement alone
        # would rank.
        placements = [
            (var, placement_rank(day, session.id))
            for day_index, day in enumerate(DAYS)
            for session, var in self.variables.live(day_index)
        ]
        ranks = cp_model.LinearExpr.weighted_sum(
            [var for var, _ in placements], [rank for _, rank in placements]
        )
        # Scaled past every sum of ranks, the tie-break never outweighs a unit of penalty.
        scale = tie_break_scale(len(self.variables.sessions))
        model.minimize(penalty * scale + ranks)

    def _sessions_on(self, day_indexes: list[int], wanted: str = "any") -> cp_model.LinearExpr:
        # One flat sum: a sum of per-day sums costs CP-SAT more to take apart in the objective.
        return cp_model.LinearExpr.sum(
            [var for d in day_indexes for var in self.variables.matching_vars(d, wanted)]
        )

    @property
    def _all_days(self) -> list[int]:
        return list(range(len(self.horizon.days)))

    def _target_sessions(self) -> cp_model.LinearExpr:
        """Each session above or below the week's target counts."""
        deviations = []
        for week in self.horizon.weeks:
            target = week.request.target_sessions
            total = self.variables.total(week.day_indexes)
            bound = len(DAYS) * len(self.variables.sessions)
            deviation = self.model.new_int_var(0, bound, _name("deviation", week))
            self.model.add(deviation >= total - target)
            self.model.add(deviation >= target - total)
            deviations.append(deviation)
        return cp_model.LinearExpr.sum(deviations)

    def _keep_recovery_days_easy(self) -> cp_model.LinearExpr:
        """Each session on a rest day counts; on a recovery-run day heavy legs count twice,
        light legs once, no legs not at all."""
        days = self.horizon.days
        terms: list[tuple[cp_model.IntVar, int]] = []
        for day_index in self._all_days:
            day = days[day_index]
            if not (day.is_rest_day or day.is_recovery_run_day):
                continue
            for session, var in self.variables.live(day_index):
                units = 1 if day.is_rest_day else recovery_day_units(session)
                if units:
                    terms.append((var, units))
        return _weighted(terms)

    def _strength_on_hard_days(self) -> cp_model.LinearExpr:
        """Each session on a day without a key run counts."""
        days = self.horizon.days
        return self._sessions_on([d for d in self._all_days if not days[d].has_key_run])

    def _strength_on_easy_days(self) -> cp_model.LinearExpr:
        """Each session on a key-run day counts."""
        days = self.horizon.days
        return self._sessions_on([d for d in self._all_days if days[d].has_key_run])

    def _heavy_legs_48h_before_key_run(self) -> cp_model.LinearExpr:
        """Each heavy-leg session two days before a key run counts; where the times are known,
        each ending less than 48 h before a key run's start, once per key run."""
        days = self.horizon.days
        untimed = self._sessions_on(
            [
                d
                for d in self._all_days[:-2]
                if days[d + 2].has_key_run and timed_key_run(days, d, d + 2) is None
            ],
            "heavy",
        )
        misses: list[cp_model.IntVar] = []
        for day_index in self.variables.start:
            for key_day in (day_index, day_index + 1, day_index + 2):
                key_start = timed_key_run(days, day_index, key_day)
                if key_start is not None:
                    misses.append(self._clear_of(day_index, key_start))
        return untimed + cp_model.LinearExpr.sum(misses)

    def _clear_of(self, day_index: int, key_start: int) -> cp_model.IntVar:
        """A miss of the day's heavy legs unless they end 48 h before the key run starting at
        `key_start` (minutes from the day's midnight) or start after that start."""
        heavy = self.variables.heavy_day[day_index]
        start, end = self.variables.start[day_index], self.variables.end[day_index]
        latest_end = key_start - KEY_RUN_CLEAR_PREFERRED_MINUTES
        shortest = min(session.minutes for session in self.variables.sessions)
        if key_start >= DAY_MINUTES and latest_end < shortest:
            return heavy  # it cannot start after it nor end in time: heavy legs miss
        miss = self.model.new_bool_var("within_48h")
        if key_start < DAY_MINUTES:
            self.model.add(start >= key_start).only_enforce_if([heavy, miss.Not()])
        else:
            self.model.add(end <= latest_end).only_enforce_if([heavy, miss.Not()])
        return miss

    def _no_heavy_legs_after_long_run(self) -> cp_model.LinearExpr:
        """Each heavy-leg session the day after a long run counts."""
        days = self.horizon.days
        return self._sessions_on(
            [d for d in self._all_days[1:] if days[d - 1].has_long_run], "heavy"
        )

    def _heavy_legs_on_long_run_day(self) -> cp_model.LinearExpr:
        """Each heavy-leg session on a long-run day counts once per full 30 min of the run."""
        days = self.horizon.days
        return _weighted(
            [
                (var, days[day_index].long_run_units)
                for day_index in self._all_days
                if days[day_index].long_run_units
                for var in self.variables.matching_vars(day_index, "heavy")
            ]
        )

    def _spread_sessions(self) -> cp_model.LinearExpr:
        """Each pair of consecutive days of a week that both hold strength counts."""
        pairs = []
        for week in self.horizon.weeks:
            for day_index in week.day_indexes[:-1]:
                both = self.model.new_bool_var(f"consecutive_{self.horizon.day_key(day_index)}")
                together = self.variables.on_day(day_index) + self.variables.on_day(day_index + 1)
                self.model.add(both >= together - 1)
                pairs.append(both)
        return cp_model.LinearExpr.sum(pairs)

    def _lower_body_in_week(self) -> cp_model.LinearExpr:
        """A week without heavy leg work (light, for a beginner) counts once; not in taper or
        race week."""
        missing_weeks = []
        for week in self.horizon.weeks:
            athlete = week.request.athlete
            if athlete.phase in ("taper", "race_week") or week.request.strength.max_sessions == 0:
                continue
            wanted = "legs" if athlete.lifting_level == "beginner" else "heavy_strength"
            missing = self.model.new_bool_var(_name("no_leg_session", week))
            self.model.add(missing + self._sessions_on(list(week.day_indexes), wanted) >= 1)
            missing_weeks.append(missing)
        return cp_model.LinearExpr.sum(missing_weeks)

    def _phase_fit(self) -> cp_model.LinearExpr:
        """Race week: each leg session counts; taper: each heavy one; peak: each beyond one."""
        misses: list[cp_model.LinearExpr] = []
        for week in self.horizon.weeks:
            days = list(week.day_indexes)
            if week.phase == "race_week":
                misses.append(self._sessions_on(days, "legs"))
            elif week.phase == "taper":
                misses.append(self._sessions_on(days, "heavy"))
            elif week.phase == "peak":
                excess = self.model.new_int_var(0, len(DAYS), _name("heavy_beyond_one", week))
                self.model.add(excess >= self._sessions_on(days, "heavy") - 1)
                misses.append(excess)
        return cp_model.LinearExpr.sum(misses)

    def _level_fit(self) -> cp_model.LinearExpr:
        """For a beginner or new lifter, each heavy session (heavy lifting, high plyometrics)
        counts."""
        if self.horizon.request.athlete.lifting_level != "beginner":
            return cp_model.LinearExpr.sum([])
        return self._sessions_on(self._all_days, "heavy_strength")

    def _variety(self) -> cp_model.LinearExpr:
        """Each heavy-leg session that repeats the previous heavy-leg session counts.

        Inside a week, for every two days and every heavy-leg session: the session on both
        days, and no heavy-leg session between them, makes the later day a repeat (clauses,
        which CP-SAT propagates fastest). Across weeks a state per week and session carries the
        rest, `last[w][s]`: "the last heavy-leg session up to the end of week w was s". So the
        model grows linearly with a plan's weeks, and a lone week's is the clauses alone.
        """
        model = self.model
        placed = self.variables.placed
        heavy_day = self.variables.heavy_day
        # Per day, the heavy-leg sessions that may go there, by catalogue index: a placement
        # a hard rule ruled out cannot repeat nor be repeated, and a day without any cannot be
        # heavy, so it neither repeats nor stands between two that do.
        heavy = self.variables.indexes("heavy")
        live = [[i for i in heavy if i not in self.variables.ruled_out[d]] for d in self._all_days]
        for day_index, day_vars in enumerate(placed):
            # heavy_day is implied by a heavy-leg placement; here it also implies one, so a
            # day cannot pose as heavy to break a run of repeats.
            model.add_bool_or([heavy_day[day_index].Not(), *(day_vars[i] for i in live[day_index])])
        repeats: list[cp_model.IntVar] = []
        last_before: dict[int, cp_model.IntVar] | None = None
        for week in self.horizon.weeks:
            days = week.day_indexes
            for day_index in days:
                if day_index == 0 or not live[day_index]:
                    continue
                now = placed[day_index]
                repeat = model.new_bool_var(f"repeat_{day_index}")
                repeats.append(repeat)
                between: list[cp_model.IntVar] = []
                for earlier in range(day_index - 1, week.first_day - 1, -1):
                    if not live[earlier]:
                        continue
                    was = placed[earlier]
                    for i in live[day_index]:
                        if i in live[earlier]:
                            model.add_bool_or([was[i].Not(), now[i].Not(), repeat, *between])
                    between.append(heavy_day[earlier])
                if last_before is not None:
                    for i in live[day_index]:
                        model.add_bool_or([last_before[i].Not(), now[i].Not(), repeat, *between])
            if week.index == len(self.horizon.weeks) - 1:
                break
            last = {i: model.new_bool_var(f"last_w{week.index}_{i}") for i in heavy}
            after: list[cp_model.IntVar] = []
            for day_index in reversed(days):
                if not live[day_index]:
                    continue
                for i in live[day_index]:
                    model.add_bool_or([placed[day_index][i].Not(), last[i], *after])
                after.append(heavy_day[day_index])
            if last_before is not None:
                for i in heavy:
                    model.add_bool_or([last_before[i].Not(), last[i], *after])
            last_before = last
        return cp_model.LinearExpr.sum(repeats)

    def _full_session_when_time_allows(self) -> cp_model.LinearExpr:
        """Each short session on a day where its full version fits counts."""
        return cp_model.LinearExpr.sum(
            [
                var
                for day_index in self._all_days
                for session, var in self.variables.live(day_index)
                if session.short_of is not None
                and self.horizon.full_version_fits(day_index, session)
            ]
        )

    def _routine(self) -> cp_model.LinearExpr:
        """Each weekday whose strength differs from the week before counts, unless the day's
        runs changed."""
        changes = []
        for before, after in self.horizon.routine_pairs():
            changed = self.model.new_bool_var(f"routine_{self.horizon.day_key(after)}")
            earlier, later = self.variables.on_day(before), self.variables.on_day(after)
            self.model.add(changed >= earlier - later)
            self.model.add(changed >= later - earlier)
            changes.append(changed)
        return cp_model.LinearExpr.sum(changes)

    def _progression(self) -> cp_model.LinearExpr:
        """Base and build: each heavy session fewer than the last loading week counts; taper,
        race week, deload and post-race: each heavy session more than the week before counts."""
        misses = []
        for week, compared in self.horizon.progression_pairs():
            heavy, heavy_before = self._heavy_in(week), self._heavy_in(compared)
            excess = heavy_before - heavy if week.phase in LOADING_PHASES else heavy - heavy_before
            miss = self.model.new_int_var(0, len(DAYS), _name("progression_miss", week))
            self.model.add(miss >= excess)
            misses.append(miss)
        return cp_model.LinearExpr.sum(misses)

    def _heavy_legs_6h_from_hard_run(self) -> cp_model.LinearExpr:
        """Each heavy-leg session less than 6 h from a timed hard run the same day counts, once
        per run."""
        misses: list[cp_model.IntVar] = []
        for day_index in self.variables.start:
            heavy = self.variables.heavy_day[day_index]
            for run, start, end in timed_runs(self.horizon.days[day_index]):
                if not run.is_hard:
                    continue
                miss = self.model.new_bool_var("within_6h")
                span = (start, end)
                gap = HARD_RUN_GAP_PREFERRED_MINUTES
                keep_apart(self.model, self.variables, day_index, span, gap, [heavy, miss.Not()])
                misses.append(miss)
        return cp_model.LinearExpr.sum(misses)

    def _stability(self) -> cp_model.LinearExpr:
        """In a replan, each open day whose strength differs from the runner's week counts.

        At most one session a day: a day that had session r keeps it exactly when r is placed
        there, and a day that had none keeps it when nothing is. An ordinary solve has no
        runner's week to differ from: the count is 0.
        """
        replanning = self.horizon.replanning
        if replanning is None:
            return cp_model.LinearExpr.sum([])
        index_of = {session.id: i for i, session in enumerate(self.variables.sessions)}
        kept_days = 0
        terms: list[tuple[cp_model.IntVar, int]] = []
        for day_index in self.horizon.open_days():
            day_vars = self.variables.placed[day_index]
            had = replanning.reference[day_index]
            if had:
                kept_days += 1
                terms.append((day_vars[index_of[had[0]]], -1))
            else:
                terms += [(var, 1) for var in self.variables.matching_vars(day_index, "any")]
        return _weighted(terms) + kept_days

    def _heavy_in(self, week: HorizonWeek) -> cp_model.LinearExpr:
        return self._sessions_on(list(week.day_indexes), "heavy")


def _name(what: str, week: HorizonWeek) -> str:
    return f"{what}_w{week.index}" if week.index else what


def _weighted(terms: list[tuple[cp_model.IntVar, int]]) -> cp_model.LinearExpr:
    """One flat weighted sum of placements."""
    return cp_model.LinearExpr.weighted_sum([var for var, _ in terms], [w for _, w in terms])
