"""The decision variables: which catalogue session goes on which day of the horizon."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.catalogue import Session, catalogue
from solver.days import DAYS
from solver.horizon import Horizon
from solver.times import STARTS


@dataclass
class Variables:
    """`placed[day][s]` is true when session `s` of the catalogue goes on `day`.

    On a day with times (solver/times.py) `start[day][s]` is when session `s` starts, in
    minutes from midnight on the 15-minute grid (0 when it is not placed), and
    `interval[day][s]` the time it takes: an optional interval, present when it is placed.
    """

    sessions: tuple[Session, ...]
    placed: list[list[cp_model.IntVar]]
    heavy_day: list[cp_model.IntVar]
    start: dict[int, list[cp_model.IntVar]] = field(default_factory=dict)
    interval: dict[int, list[cp_model.IntervalVar]] = field(default_factory=dict)
    # Which sessions are of each kind (`matching_vars`), worked out once per model.
    kind_indexes: dict[str, list[int]] = field(default_factory=dict, repr=False)

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
        variables = cls(sessions, placed, heavy_day)
        if horizon is not None:
            variables._add_times(model, days, horizon)
        return variables

    def _add_times(self, model: cp_model.CpModel, days: Sequence[str], horizon: Horizon) -> None:
        grid = cp_model.Domain.from_values(STARTS)
        for day_index, day in enumerate(horizon.days):
            if not day.is_timed:
                continue
            starts, intervals = [], []
            for session, placed in zip(self.sessions, self.placed[day_index], strict=True):
                name = f"{days[day_index]}_{session.id}"
                start = model.new_int_var_from_domain(grid, f"{name}_start")
                # Not placed, it starts at 0: no choice left there for the search.
                model.add(start == 0).only_enforce_if(placed.Not())
                starts.append(start)
                intervals.append(
                    model.new_optional_fixed_size_interval_var(
                        start, session.minutes, placed, f"{name}_time"
                    )
                )
            self.start[day_index] = starts
            self.interval[day_index] = intervals

    @property
    def is_timed(self) -> bool:
        """Whether any day of the horizon has times."""
        return bool(self.start)

    def start_total(self) -> cp_model.LinearExpr:
        """The sum of every placed session's start: the last tie-break, earliest first."""
        return cp_model.LinearExpr.sum([var for starts in self.start.values() for var in starts])

    def on_day(self, day_index: int) -> cp_model.LinearExpr:
        """Number of sessions on the day."""
        return cp_model.LinearExpr.sum(self.placed[day_index])

    def total(self, day_indexes: Sequence[int] | None = None) -> cp_model.LinearExpr:
        """Number of sessions on the days (all the horizon's when not given)."""
        if day_indexes is None:
            day_indexes = range(len(self.placed))
        return cp_model.LinearExpr.sum([var for d in day_indexes for var in self.placed[d]])

    def matching(self, day_index: int, wanted: str) -> cp_model.LinearExpr:
        """Sessions on the day whose legs are `heavy` or that work the legs at all (`legs`)."""
        return cp_model.LinearExpr.sum(self.matching_vars(day_index, wanted))

    def matching_vars(self, day_index: int, wanted: str) -> list[cp_model.IntVar]:
        """The day's placements of any session (`any`), heavy-leg ones (`heavy`), ones that
        work the legs (`legs`), plyometric ones (`plyometric`), or heavy strength work
        (`heavy_strength`: heavy lifting or high plyometrics)."""
        if wanted == "any":
            return self.placed[day_index]
        kinds = {
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
        day_vars = self.placed[day_index]
        return [day_vars[index] for index in self.kind_indexes[wanted]]
