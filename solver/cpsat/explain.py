"""Why no week exists: a minimal set of hard rules that cannot all hold, and what to relax.

Each rule is guarded day by day by its own literal (`Constraints(guarded=True)`). A solve with
every guard assumed true, and no objective, returns a core: guards that together are infeasible.
CP-SAT's core is not always minimal, so it is shrunk by dropping one guard at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.catalogue import Session, catalogue, session_by_id
from solver.checker import Breach
from solver.cpsat.constraints import Constraints, Guard, SessionBound
from solver.cpsat.engine import Model, new_solver
from solver.cpsat.variables import Variables
from solver.domain import DAYS, WeekRequest
from solver.horizon import Horizon, Replanning
from solver.result import Conflict
from solver.rules import HARD_RULE_IDS, RELAXABLE_RULE_IDS, HardRuleId
from solver.times import DAY_MINUTES, clock_of, runs_end, timed_key_run, windows

EXPLAIN_TIME_LIMIT_S = 5.0


@dataclass
class Explanation:
    """A minimal set of guards that cannot all hold, in words, with relaxations."""

    guards: list[Guard]
    conflicts: list[Conflict]
    suggestions: list[str]


@dataclass
class HorizonExplanation:
    """The same over a horizon: each conflict names days by their index in the horizon."""

    guards: list[Guard]
    conflicts: list[Breach]
    suggestions: list[str]


class _GuardedModel:
    """The horizon's hard rules, each guarded, with no objective: for feasibility questions."""

    def __init__(self, horizon: Horizon, time_limit_s: float = EXPLAIN_TIME_LIMIT_S) -> None:
        self.model = Model()
        days = [horizon.day_key(d) for d in range(len(horizon.days))]
        self.variables = Variables.create(self.model, days, horizon)
        constraints = Constraints(self.model, horizon, self.variables, guarded=True)
        constraints.add_constraints()
        self.guards = constraints.guards
        self.solver = new_solver(time_limit_s)

    def infeasible_core(self, enforced: Iterable[Guard]) -> list[Guard] | None:
        """A core of `enforced` when they cannot all hold, else None."""
        enforced = list(enforced)
        self.model.clear_assumptions()
        self.model.add_assumptions([self.guards[g] for g in enforced])
        if self.solver.solve(self.model) != cp_model.INFEASIBLE:
            return None
        in_core = set(self.solver.sufficient_assumptions_for_infeasibility())
        core = [g for g in enforced if self.guards[g].index in in_core]
        return core or enforced

    def any_week(self) -> list[list[bool]] | None:
        """Some week keeping every hard rule, as placed[day][session], or None when none does."""
        self.model.clear_assumptions()
        self.model.add_assumptions(list(self.guards.values()))
        if self.solver.solve(self.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return [[self.solver.boolean_value(var) for var in day] for day in self.variables.placed]

    def most_sessions(self, enforced: Iterable[Guard], day_indexes: range | None = None) -> int:
        """The most sessions the week (or these days) can hold with `enforced` kept."""
        self.model.clear_assumptions()
        self.model.add_assumptions([self.guards[g] for g in enforced])
        self.model.maximize(self.variables.total(day_indexes))
        status = self.solver.solve(self.model)
        self.model.clear_objective()
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return 0
        return int(self.solver.objective_value)


def first_feasible_week(
    request: WeekRequest, replanning: Replanning | None = None
) -> list[list[bool]] | None:
    """Any week that keeps the hard rules, found without the objective (fast), or None."""
    return _GuardedModel(Horizon.of_week(request, replanning)).any_week()


def feasible_under(request: WeekRequest, enforced: Iterable[Guard]) -> bool:
    """Whether some week keeps the `enforced` guards (the other rules switched off)."""
    return _GuardedModel(Horizon.of_week(request)).infeasible_core(enforced) is None


def first_feasible_placement(horizon: Horizon) -> list[list[bool]] | None:
    """Any placement over the horizon keeping the hard rules, as placed[day][session], or None."""
    return _GuardedModel(horizon).any_week()


def explain(request: WeekRequest, replanning: Replanning | None = None) -> Explanation:
    """Explain an infeasible week (being replanned, with `replanning`); an empty explanation
    when the week is feasible."""
    explanation = explain_horizon(Horizon.of_week(request, replanning))
    conflicts = [
        Conflict(
            rule=breach.rule,
            message=breach.message,
            days=[DAYS[d] for d in breach.days],
        )
        for breach in explanation.conflicts
    ]
    return Explanation(explanation.guards, conflicts, explanation.suggestions)


def explain_horizon(horizon: Horizon) -> HorizonExplanation:
    """Explain an infeasible horizon (a week or a plan); empty when it is feasible."""
    guarded = _GuardedModel(horizon)
    core = guarded.infeasible_core(guarded.guards)
    if core is None:
        return HorizonExplanation([], [], [])
    index = 0
    while index < len(core):
        smaller = guarded.infeasible_core(core[:index] + core[index + 1 :])
        if smaller is None:
            index += 1  # this guard is needed: keep it
        else:
            core = smaller
            index = min(index, len(core))
    return HorizonExplanation(core, _conflicts(horizon, core), _suggestions(horizon, core, guarded))


def _usable_sessions(horizon: Horizon, day_index: int) -> list[Session]:
    """Sessions the day's equipment and the athlete's avoided exercises allow, whatever their
    length."""
    athlete = horizon.request.athlete
    return [s for s in catalogue() if horizon.equipment_allows(day_index, s) and athlete.can_do(s)]


def _fit_reason(horizon: Horizon, day_index: int) -> str:
    day, name = horizon.days[day_index], horizon.day_name(day_index)
    if not day.available:
        return f"{name} is marked unavailable"
    if day.is_timed:
        spans = ", ".join(f"{clock_of(start)}-{clock_of(end)}" for start, end in windows(day))
        return f"on {name} strength must fit in {spans}, clear of the timed runs"
    usable = _usable_sessions(horizon, day_index)
    left = day.minutes_left
    fitting = [s for s in usable if left is None or s.minutes <= left]
    if not fitting:
        shortest = min(s.minutes for s in usable)
        return (
            f"{name} has only {left} min left after its runs; "
            f"the shortest session {'without a gym ' if len(usable) < len(catalogue()) else ''}"
            f"takes {shortest} min"
        )
    return f"on {name} only {', '.join(s.name for s in fitting)} fit"


def _key_run(horizon: Horizon, day_index: int) -> str:
    run = next(run for run in horizon.days[day_index].runs if run.is_key)
    return f"{horizon.day_name(day_index)}'s key {run.type.replace('_', ' ')} run"


def _describe(horizon: Horizon, guard: Guard) -> str:
    strength = horizon.weeks[guard.week].request.strength
    _day = horizon.day_name
    match guard.rule, guard.part:
        case HardRuleId.SESSION_COUNT, SessionBound.MIN:
            text = f"the week asks for at least {strength.min_sessions} session(s)"
            return horizon.in_week(horizon.weeks[guard.week], text)
        case HardRuleId.SESSION_COUNT, _:
            text = f"the week allows at most {strength.max_sessions} session(s)"
            return horizon.in_week(horizon.weeks[guard.week], text)
        case HardRuleId.ONE_SESSION_PER_DAY, _:
            return f"{_day(guard.days[0])} can hold only one session"
        case HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN, _:
            before, run_day = guard.days
            key_start = timed_key_run(horizon.days, before, run_day)
            if key_start is not None:
                return (
                    f"no heavy legs on {_day(before)} within 24 h before "
                    f"{_key_run(horizon, run_day)} at {clock_of(key_start % DAY_MINUTES)}"
                )
            return f"no heavy legs on {_day(before)}, before {_key_run(horizon, run_day)}"
        case HardRuleId.HEAVY_LEGS_48H_APART, _:
            return f"no heavy legs on both {_day(guard.days[0])} and {_day(guard.days[1])}"
        case HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY, _:
            minutes = horizon.days[guard.days[0]].long_run_minutes
            return f"no heavy legs on {_day(guard.days[0])}, with its {minutes}-min long run"
        case HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN, _:
            minutes = horizon.days[guard.days[1]].long_run_minutes
            return (
                f"no heavy legs on {_day(guard.days[0])}, the day after "
                f"{_day(guard.days[1])}'s {minutes}-min long run"
            )
        case HardRuleId.NO_PLYOMETRICS_AFTER_HARD_RUN, _:
            return f"no plyometrics on {_day(guard.days[0])}, after its hard run"
        case HardRuleId.NO_STRENGTH_ON_RACE_DAY, _:
            return f"{_day(guard.days[0])} is race day: no strength"
        case HardRuleId.NO_LEGS_BEFORE_RACE, _:
            before, race = guard.days
            what = "no leg work" if race - before == 1 else "no heavy legs"
            return f"{what} on {_day(before)}, before {_day(race)}'s race"
        case HardRuleId.NO_HEAVY_LEGS_AFTER_RACE, _:
            recovering = horizon.races_recovering()[guard.days[0]]
            return f"no heavy legs on {_day(guard.days[0])}, recovering from {recovering}"
        case HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY, _:
            return f"{_day(guard.days[0])} already holds two runs: no strength"
        case HardRuleId.FITS_AVAILABILITY, _:
            return _fit_reason(horizon, guard.days[0])
        case HardRuleId.MASTERS_EXTRA_RECOVERY_DAY, _:
            before, run_day = guard.days
            return (
                f"no heavy legs on {_day(before)}, two days before {_key_run(horizon, run_day)} "
                f"(masters, age {horizon.request.athlete.age})"
            )
        case HardRuleId.AVOIDED_EXERCISES, _:
            avoid = ", ".join(horizon.request.athlete.avoid)
            return f"on {_day(guard.days[0])} no session the athlete can do without {avoid}"
        case HardRuleId.MAX_STRENGTH_MINUTES, _:
            cap = horizon.request.athlete.max_strength_minutes
            text = f"the athlete caps strength at {cap} min a week"
            return horizon.in_week(horizon.weeks[guard.week], text)
        case HardRuleId.STRENGTH_AFTER_RUN, _:
            day = horizon.days[guard.days[0]]
            return (
                f"on {_day(guard.days[0])} strength starts after the run, from "
                f"{clock_of(runs_end(day) % DAY_MINUTES)}"
            )
        case HardRuleId.HEAVY_LEGS_3H_FROM_HARD_RUN, _:
            return f"on {_day(guard.days[0])} heavy legs only 3 h or more from the hard run"
        case HardRuleId.PAST_AS_IT_HAPPENED, _:
            return _as_it_happened(horizon, guard.days[0])
        case HardRuleId.LEGS_RECOVERING, _:
            return _legs_rest(horizon, guard.days[0])
    raise ValueError(f"unknown rule {guard.rule}")


def _as_it_happened(horizon: Horizon, day_index: int) -> str:
    assert horizon.replanning is not None, "only a replan pins days"
    by_id = session_by_id()
    pinned = ", ".join(by_id[s].name for s in horizon.replanning.pinned[day_index])
    name = horizon.day_name(day_index)
    if horizon.is_settled(day_index):
        return f"{name} is past: it holds {pinned or 'no strength'}, as it happened"
    return f"{name} holds {pinned}, where the runner moved it"


def _legs_rest(horizon: Horizon, day_index: int) -> str:
    assert horizon.replanning is not None, "only a replan reports the legs"
    replanning = horizon.replanning
    rest = dict(replanning.resting)[day_index]
    what = "no heavy legs" if rest == "heavy" else "no leg work but mobility"
    today = horizon.day_name(replanning.today)
    return f"{what} on {horizon.day_name(day_index)}: {replanning.legs} reported on {today}"


def _guard_days(horizon: Horizon, guard: Guard) -> tuple[int, ...]:
    """The days a guard is about; a plan's session count names its week's days."""
    if guard.rule == HardRuleId.SESSION_COUNT and horizon.is_plan:
        return tuple(horizon.weeks[guard.week].day_indexes)
    return guard.days


def _conflicts(horizon: Horizon, core: list[Guard]) -> list[Breach]:
    conflicts = []
    for rule in HARD_RULE_IDS:
        guards = [g for g in core if g.rule == rule]
        if not guards:
            continue
        day_indexes = sorted({d for g in guards for d in _guard_days(horizon, g)})
        conflicts.append(
            Breach(
                rule=rule,
                message="; ".join(_describe(horizon, g) for g in guards),
                days=tuple(day_indexes),
            )
        )
    return conflicts


def _suggestions(horizon: Horizon, core: list[Guard], guarded: _GuardedModel) -> list[str]:
    suggestions = []
    scope = "plan" if horizon.is_plan else "week"
    for guard in core:
        if guard.rule != HardRuleId.SESSION_COUNT or guard.part != SessionBound.MIN:
            continue
        others = [g for g in guarded.guards if g != guard]
        week = horizon.weeks[guard.week]
        most = guarded.most_sessions(others, week.day_indexes if horizon.is_plan else None)
        if most >= 1:
            suggestions.append(
                horizon.in_week(week, f"ask for {most} session(s): set min_sessions to {most}")
            )
    for guard in core:
        day_index = guard.days[0] if guard.days else 0
        day, name = horizon.days[day_index], horizon.day_name(day_index)
        if guard.rule == HardRuleId.FITS_AVAILABILITY:
            if not day.available:
                suggestions.append(f"allow strength on {name}")
                continue
            usable = _usable_sessions(horizon, day_index)
            shortest = min((s.minutes for s in usable), default=0)
            left = day.minutes_left
            if (
                usable
                and day.available_minutes is not None
                and left is not None
                and left < shortest
            ):
                more = shortest - left
                suggestions.append(
                    f"free {more} more min on {name} "
                    f"(available_minutes {day.available_minutes + more})"
                )
        elif guard.rule == HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN:
            run_day = guard.days[1]
            suggestions.append(
                f"mark {_key_run(horizon, run_day)} as not key (key: false) to allow heavy legs "
                f"on {name}"
            )
        elif guard.rule == HardRuleId.PAST_AS_IT_HAPPENED and not horizon.is_settled(day_index):
            suggestions.append(f"move the session the runner put on {name} to another day")
        elif guard.rule == HardRuleId.LEGS_RECOVERING:
            suggestions.append(
                f"let the legs rest: move what was pinned on {name} to a later day, or lower "
                "min_sessions"
            )
        elif guard.rule == HardRuleId.ONE_SESSION_PER_DAY:
            suggestions.append(f"make another day available so {name} need not hold two")
        elif guard.rule == HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY:
            suggestions.append(f"allow strength on {name}'s double-run day (allow_doubles: true)")
        elif guard.rule == HardRuleId.MAX_STRENGTH_MINUTES:
            shortest = min(s.minutes for s in catalogue())
            low = horizon.weeks[guard.week].request.strength.min_sessions
            suggestions.append(
                f"raise max_strength_minutes to at least {low * shortest} "
                f"({low} session(s) of {shortest} min or more)"
            )
        elif guard.rule in RELAXABLE_RULE_IDS:
            suggestions.append(f'relax the rule for this {scope} ("relax": ["{guard.rule}"])')
    return list(dict.fromkeys(suggestions))
