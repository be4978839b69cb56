"""Why no week exists: a minimal set of hard rules that cannot all hold, and what to relax.

Each rule is guarded day by day by its own literal (`Constraints(guarded=True)`). A solve with
every guard assumed true, and no objective, returns a core: guards that together are infeasible.
CP-SAT's core is not always minimal, so it is shrunk by dropping one guard at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.catalogue import Session, catalogue
from solver.cpsat.constraints import Constraints, Guard, SessionBound
from solver.cpsat.engine import Model, new_solver
from solver.cpsat.variables import Variables
from solver.domain import DAY_NAMES, DAYS, WeekRequest
from solver.result import Conflict
from solver.rules import HARD_RULE_IDS, RELAXABLE_RULE_IDS, HardRuleId

EXPLAIN_TIME_LIMIT_S = 5.0


@dataclass
class Explanation:
    """A minimal set of guards that cannot all hold, in words, with relaxations."""

    guards: list[Guard]
    conflicts: list[Conflict]
    suggestions: list[str]


class _GuardedModel:
    """The week's hard rules, each guarded, with no objective: for feasibility questions."""

    def __init__(self, request: WeekRequest) -> None:
        self.model = Model()
        self.variables = Variables.create(self.model)
        constraints = Constraints(self.model, request, self.variables, guarded=True)
        constraints.add_constraints()
        self.guards = constraints.guards
        self.solver = new_solver(EXPLAIN_TIME_LIMIT_S)

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

    def most_sessions(self, enforced: Iterable[Guard]) -> int:
        """The most sessions the week can hold with `enforced` kept."""
        self.model.clear_assumptions()
        self.model.add_assumptions([self.guards[g] for g in enforced])
        self.model.maximize(self.variables.total())
        status = self.solver.solve(self.model)
        self.model.clear_objective()
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return 0
        return int(self.solver.objective_value)


def first_feasible_week(request: WeekRequest) -> list[list[bool]] | None:
    """Any week that keeps the hard rules, found without the objective (fast), or None."""
    return _GuardedModel(request).any_week()


def feasible_under(request: WeekRequest, enforced: Iterable[Guard]) -> bool:
    """Whether some week keeps the `enforced` guards (the other rules switched off)."""
    return _GuardedModel(request).infeasible_core(enforced) is None


def explain(request: WeekRequest) -> Explanation:
    """Explain an infeasible week; an empty explanation when the week is feasible."""
    guarded = _GuardedModel(request)
    core = guarded.infeasible_core(guarded.guards)
    if core is None:
        return Explanation([], [], [])
    index = 0
    while index < len(core):
        smaller = guarded.infeasible_core(core[:index] + core[index + 1 :])
        if smaller is None:
            index += 1  # this guard is needed: keep it
        else:
            core = smaller
            index = min(index, len(core))
    return Explanation(core, _conflicts(request, core), _suggestions(request, core, guarded))


def _day(day_index: int) -> str:
    return DAY_NAMES[DAYS[day_index]]


def _usable_sessions(request: WeekRequest, day_index: int) -> list[Session]:
    """Sessions the day's equipment and the athlete's avoided exercises allow, whatever their
    length."""
    return [
        s
        for s in catalogue()
        if request.equipment_allows(day_index, s) and request.athlete.can_do(s)
    ]


def _fit_reason(request: WeekRequest, day_index: int) -> str:
    day = request.week[day_index]
    if not day.available:
        return f"{_day(day_index)} is marked unavailable"
    usable = _usable_sessions(request, day_index)
    left = day.minutes_left
    fitting = [s for s in usable if left is None or s.minutes <= left]
    if not fitting:
        shortest = min(s.minutes for s in usable)
        return (
            f"{_day(day_index)} has only {left} min left after its runs; "
            f"the shortest session {'without a gym ' if len(usable) < len(catalogue()) else ''}"
            f"takes {shortest} min"
        )
    return f"on {_day(day_index)} only {', '.join(s.name for s in fitting)} fit"


def _key_run(request: WeekRequest, day_index: int) -> str:
    run = next(run for run in request.week[day_index].runs if run.is_key)
    return f"{_day(day_index)}'s key {run.type.replace('_', ' ')} run"


def _describe(request: WeekRequest, guard: Guard) -> str:
    strength = request.strength
    match guard.rule, guard.part:
        case HardRuleId.SESSION_COUNT, SessionBound.MIN:
            return f"the week asks for at least {strength.min_sessions} session(s)"
        case HardRuleId.SESSION_COUNT, _:
            return f"the week allows at most {strength.max_sessions} session(s)"
        case HardRuleId.ONE_SESSION_PER_DAY, _:
            return f"{_day(guard.days[0])} can hold only one session"
        case HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN, _:
            return (
                f"no heavy legs on {_day(guard.days[0])}, before {_key_run(request, guard.days[1])}"
            )
        case HardRuleId.HEAVY_LEGS_48H_APART, _:
            return f"no heavy legs on both {_day(guard.days[0])} and {_day(guard.days[1])}"
        case HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY, _:
            minutes = request.week[guard.days[0]].long_run_minutes
            return f"no heavy legs on {_day(guard.days[0])}, with its {minutes}-min long run"
        case HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN, _:
            minutes = request.week[guard.days[1]].long_run_minutes
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
            recovering = request.races_recovering()[guard.days[0]]
            return f"no heavy legs on {_day(guard.days[0])}, recovering from {recovering}"
        case HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY, _:
            return f"{_day(guard.days[0])} already holds two runs: no strength"
        case HardRuleId.FITS_AVAILABILITY, _:
            return _fit_reason(request, guard.days[0])
        case HardRuleId.MASTERS_EXTRA_RECOVERY_DAY, _:
            before, run_day = guard.days
            return (
                f"no heavy legs on {_day(before)}, two days before {_key_run(request, run_day)} "
                f"(masters, age {request.athlete.age})"
            )
        case HardRuleId.AVOIDED_EXERCISES, _:
            avoid = ", ".join(request.athlete.avoid)
            return f"on {_day(guard.days[0])} no session the athlete can do without {avoid}"
        case HardRuleId.MAX_STRENGTH_MINUTES, _:
            cap = request.athlete.max_strength_minutes
            return f"the athlete caps strength at {cap} min a week"
    raise ValueError(f"unknown rule {guard.rule}")


def _conflicts(request: WeekRequest, core: list[Guard]) -> list[Conflict]:
    conflicts = []
    for rule in HARD_RULE_IDS:
        guards = [g for g in core if g.rule == rule]
        if not guards:
            continue
        day_indexes = sorted({d for g in guards for d in g.days})
        conflicts.append(
            Conflict(
                rule=rule,
                message="; ".join(_describe(request, g) for g in guards),
                days=[DAYS[d] for d in day_indexes],
            )
        )
    return conflicts


def _suggestions(request: WeekRequest, core: list[Guard], guarded: _GuardedModel) -> list[str]:
    suggestions = []
    if Guard(HardRuleId.SESSION_COUNT, (), SessionBound.MIN) in core:
        others = [
            g for g in guarded.guards if g != Guard(HardRuleId.SESSION_COUNT, (), SessionBound.MIN)
        ]
        most = guarded.most_sessions(others)
        if most >= 1:
            suggestions.append(f"ask for {most} session(s): set min_sessions to {most}")
    for guard in core:
        day_index = guard.days[0] if guard.days else 0
        day, name = request.week[day_index], _day(day_index)
        if guard.rule == HardRuleId.FITS_AVAILABILITY:
            if not day.available:
                suggestions.append(f"allow strength on {name}")
                continue
            usable = _usable_sessions(request, day_index)
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
                f"mark {_key_run(request, run_day)} as not key (key: false) to allow heavy legs "
                f"on {name}"
            )
        elif guard.rule == HardRuleId.ONE_SESSION_PER_DAY:
            suggestions.append(f"make another day available so {name} need not hold two")
        elif guard.rule == HardRuleId.NO_STRENGTH_ON_DOUBLE_RUN_DAY:
            suggestions.append(f"allow strength on {name}'s double-run day (allow_doubles: true)")
        elif guard.rule == HardRuleId.MAX_STRENGTH_MINUTES:
            shortest = min(s.minutes for s in catalogue())
            needed = request.strength.min_sessions * shortest
            suggestions.append(
                f"raise max_strength_minutes to at least {needed} "
                f"({request.strength.min_sessions} session(s) of {shortest} min or more)"
            )
        elif guard.rule in RELAXABLE_RULE_IDS:
            suggestions.append(f'relax the rule for this week ("relax": ["{guard.rule}"])')
    return list(dict.fromkeys(suggestions))
