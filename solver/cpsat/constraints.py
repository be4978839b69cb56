"""The hard rules, one method each, in the order of the rule book (`solver/rules.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.cpsat.variables import Variables
from solver.domain import DAYS, WeekRequest


@dataclass(frozen=True)
class Guard:
    """One piece of a hard rule that an explanation can switch off: a rule on some days."""

    rule: str
    days: tuple[int, ...]
    part: str = ""


@dataclass
class Constraints:
    """Adds every hard rule to the model.

    With `guarded=True` each rule, day by day, is enforced only under its own literal, so that
    an infeasible week can be explained by the smallest set of guards that cannot all hold.
    """

    model: cp_model.CpModel
    request: WeekRequest
    variables: Variables
    guarded: bool = False
    guards: dict[Guard, cp_model.IntVar] = field(default_factory=dict)

    def add_constraints(self) -> None:
        """Add the hard rules."""
        self._session_count()
        self._one_session_per_day()
        self._no_heavy_legs_before_key_run()
        self._heavy_legs_48h_apart()
        self._no_strength_on_race_day()
        self._fits_availability()

    def _enforce(self, constraint: cp_model.Constraint, guard: Guard) -> None:
        if not self.guarded:
            return
        if guard not in self.guards:
            self.guards[guard] = self.model.new_bool_var(f"{guard.rule}{guard.days}{guard.part}")
        constraint.only_enforce_if(self.guards[guard])

    def _session_count(self) -> None:
        """Place between min_sessions and max_sessions sessions."""
        total = self.variables.total()
        strength = self.request.strength
        self._enforce(
            self.model.add(total >= strength.min_sessions), Guard("session_count", (), "min")
        )
        self._enforce(
            self.model.add(total <= strength.max_sessions), Guard("session_count", (), "max")
        )

    def _one_session_per_day(self) -> None:
        """At most one strength session on any day."""
        for day_index in range(len(DAYS)):
            constraint = self.model.add(self.variables.on_day(day_index) <= 1)
            self._enforce(constraint, Guard("one_session_per_day", (day_index,)))

    def _no_heavy_legs_before_key_run(self) -> None:
        """No heavy-leg session the day before a key run."""
        week = self.request.week
        for day_index in range(len(DAYS) - 1):
            if week[day_index + 1].has_key_run:
                constraint = self.model.add(self.variables.heavy_day[day_index] == 0)
                guard = Guard("no_heavy_legs_before_key_run", (day_index, day_index + 1))
                self._enforce(constraint, guard)

    def _heavy_legs_48h_apart(self) -> None:
        """Heavy-leg sessions never on consecutive days."""
        heavy = self.variables.heavy_day
        for day_index in range(len(DAYS) - 1):
            constraint = self.model.add(heavy[day_index] + heavy[day_index + 1] <= 1)
            self._enforce(constraint, Guard("heavy_legs_48h_apart", (day_index, day_index + 1)))

    def _no_strength_on_race_day(self) -> None:
        """No strength on a race day."""
        for day_index, day in enumerate(self.request.week):
            if day.is_race_day:
                constraint = self.model.add(self.variables.on_day(day_index) == 0)
                self._enforce(constraint, Guard("no_strength_on_race_day", (day_index,)))

    def _fits_availability(self) -> None:
        """Strength only on available days, within the day's minutes, gym sessions at a gym."""
        home = self.request.athlete.equipment == "home"
        sessions = self.variables.sessions
        for day_index, day in enumerate(self.request.week):
            guard = Guard("fits_availability", (day_index,))
            placed = self.variables.placed[day_index]
            if not day.available:
                self._enforce(self.model.add(self.variables.on_day(day_index) == 0), guard)
                continue
            for var, session in zip(placed, sessions, strict=True):
                if session.needs_gym and (home or not day.gym):
                    self._enforce(self.model.add(var == 0), guard)
            minutes_left = day.minutes_left
            if minutes_left is not None:
                minutes = cp_model.LinearExpr.weighted_sum(placed, [s.minutes for s in sessions])
                self._enforce(self.model.add(minutes <= minutes_left), guard)
