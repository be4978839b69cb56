"""The decision variables: which catalogue session goes on which day of the horizon."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.catalogue import Session, catalogue
from solver.days import DAYS
from solver.horizon import Horizon
from solver.times import DAY_MINUTES, STARTS

# The domain of a placement that cannot be: fixed there, no constraint needed.
_FALSE = cp_model.Domain(0, 0)


@dataclass
class Variables:
    """`placed[day][s]` is true when session `s` of the catalogue goes on `day`.

    On an available day with times (solver/times.py) `strength[day]` is true when the day
    holds strength, `start[day]` and `end[day]` are when it starts and ends, in minutes from
    midnight (the start on the 15-minute grid, 0 without strength), and `interval[day]` the
    time it takes: an optional interval, present when the day holds strength. One a day, as
    the day holds one session (`one_session_per_day`): two would run back to back in it.

    A placement a hard rule forbids on its own (a gym session on a day without a gym, heavy
    legs the day before a key run) is `ruled_out` by the unguarded model: fixed false and left
    out of every sum built after, so the rules and goals that follow, and CP-SAT, never see it.
    """

    sessions: tuple[Session, ...]
    placed: list[list[cp_model.IntVar]]
    heavy_day: list[cp_model.IntVar]
    strength: dict[int, cp_model.IntVar] = field(default_factory=dict)
    start: dict[int, cp_model.IntVar] = field(default_factory=dict)
    end: dict[int, cp_model.IntVar] = field(default_factory=dict)
    interval: dict[int, cp_model.IntervalVar] = field(default_factory=dict)
    # Which sessions are of each kind (`matching_vars`), worked out once per model.
    kind_indexes: dict[str, list[int]] = field(default_factory=dict, repr=False)
    # Per day, the sessions a hard rule rules out there (`rule_out`).
    ruled_out: list[set[int]] = field(default_factory=list, repr=False)

    @classmethod
    def create(
        cls, model: cp_model.CpModel, days: Sequence[str] = DAYS, horizon: Horizon | None = None
    ) -> Variables:
        """One boolean per day and session, and one per day for 'heavy legs today'; on the
        horizon's days with times, a start and an optional interval per session.

        `days` names the horizon's days: mon..sun for a week, dates for a plan.
        """
        sessions = catalogue()
        placed = [
            [model.new_bool_var(f"{day}_{session.id}") for session in sessions] for day in days
        ]
        heavy_day = [model.new_bool_var(f"{day}_heavy") for day in days]
        for day_index in range(len(days)):
            for session_index, session in enumerate(sessions):
                if session.heavy_legs:
                    model.add_implication(placed[day_index][session_index], heavy_day[day_index])
        variables = cls(sessions, placed, heavy_day, ruled_out=[set() for _ in days])
        if horizon is not None:
            variables._add_times(model, days, horizon)
        return variables

    def _add_times(self, model: cp_model.CpModel, days: Sequence[str], horizon: Horizon) -> None:
        grid = cp_model.Domain.from_values(STARTS)
        minutes = [session.minutes for session in self.sessions]
        for day_index, day in enumerate(horizon.days):
            if not (day.is_timed and day.available):
                continue  # strength cannot go there: nothing to time
            name, placed = days[day_index], self.placed[day_index]
            strength = model.new_bool_var(f"{name}_strength")
            for var in placed:
                model.add_implication(var, strength)
            model.add_bool_or([strength.Not(), *placed])
            start = model.new_int_var_from_domain(grid, f"{name}_start")
            # Without strength it starts at 0: no choice left there for the search.
            model.add(start == 0).only_enforce_if(strength.Not())
            end = model.new_int_var(0, 2 * DAY_MINUTES, f"{name}_end")
            # How long the day's strength takes (an interval's size is one variable).
            size = model.new_int_var(0, sum(minutes), f"{name}_minutes")
            model.add(size == cp_model.LinearExpr.weighted_sum(placed, minutes))
            self.strength[day_index] = strength
            self.start[day_index] = start
            self.end[day_index] = end
            self.interval[day_index] = model.new_optional_interval_var(
                start, size, end, strength, f"{name}_time"
            )

    @property
    def is_timed(self) -> bool:
        """Whether any day of the horizon has times."""
        return bool(self.start)

    def rule_out(self, day_index: int, indexes: Sequence[int]) -> None:
        """Fix the day's placements of the sessions at `indexes` false, for good: the sums built
        from now on leave them out."""
        out = self.ruled_out[day_index]
        new = [i for i in indexes if i not in out]
        if new:
            out.update(new)
            for i in new:
                self.placed[day_index][i].with_domain(_FALSE)

    def live(self, day_index: int) -> list[tuple[Session, cp_model.IntVar]]:
        """The day's sessions that are not ruled out, each with its placement."""
        out = self.ruled_out[day_index]
        day_vars = self.placed[day_index]
        return [(s, day_vars[i]) for i, s in enumerate(self.sessions) if i not in out]

    def on_day(self, day_index: int) -> cp_model.LinearExpr:
        """Number of sessions on the day."""
        return cp_model.LinearExpr.sum(self.matching_vars(day_index, "any"))

    def total(self, day_indexes: Sequence[int] | None = None) -> cp_model.LinearExpr:
        """Number of sessions on the days (all the horizon's when not given)."""
        if day_indexes is None:
            day_indexes = range(len(self.placed))
        return cp_model.LinearExpr.sum(
            [var for d in day_indexes for var in self.matching_vars(d, "any")]
        )

    def matching(self, day_index: int, wanted: str) -> cp_model.LinearExpr:
        """Sessions on the day whose legs are `heavy` or that work the legs at all (`legs`)."""
        return cp_model.LinearExpr.sum(self.matching_vars(day_index, wanted))

    def matching_vars(self, day_index: int, wanted: str) -> list[cp_model.IntVar]:
        """The day's placements of any session (`any`), heavy-leg ones (`heavy`), ones that
        work the legs (`legs`), plyometric ones (`plyometric`), or heavy strength work
        (`heavy_strength`: heavy lifting or high plyometrics). Ruled-out placements are left
        out."""
        out = self.ruled_out[day_index]
        day_vars = self.placed[day_index]
        return [day_vars[index] for index in self.indexes(wanted) if index not in out]

    def indexes(self, wanted: str) -> list[int]:
        """The catalogue indexes of the sessions of a kind (see `matching_vars`)."""
        kinds = {
            "any": lambda session: True,
            "heavy": lambda session: session.heavy_legs,
            "legs": lambda session: session.works_legs,
            "plyometric": lambda session: session.plyometric,
            "heavy_strength": lambda session: session.heavy_strength,
        }
        if wanted not in self.kind_indexes:
            wanted_kind = kinds[wanted]
            self.kind_indexes[wanted] = [
                index for index, session in enumerate(self.sessions) if wanted_kind(session)
            ]
        return self.kind_indexes[wanted]
