"""The days the model plans over: one week, or a plan of consecutive weeks. No ortools here.

A horizon is a run of days, Monday first, cut into weeks. Every day rule reads the days in one
sequence (so a Sunday and the next Monday are neighbours); the per-week parts of the rule book
(session counts, targets, phases) read each week's own `WeekRequest`. A week is a horizon of one
week; a plan (`solver/plan/`) is a horizon of 1 to 104.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from solver.catalogue import Session
from solver.days import DAY_NAMES, DAYS
from solver.domain import Day, Phase, WeekRequest, race_name
from solver.rules import HardRuleId, SoftGoalId

WEEK_LENGTH = len(DAYS)

# docs/domain.md, "Progression": heavy-leg work builds through the loading phases and must not
# grow in the others (peak holds, taper, race week, deload and post-race drop).
LOADING_PHASES: frozenset[str] = frozenset({"base", "build"})
HOLDING_PHASES: frozenset[str] = frozenset(
    {"peak", "taper", "race_week", "deload", "post_race", "recovery"}
)


@dataclass(frozen=True)
class HorizonWeek:
    """One week of a horizon: its own request (days, phase, session bounds), where it starts."""

    request: WeekRequest
    index: int
    first_day: int

    @property
    def day_indexes(self) -> range:
        """The horizon's indexes of the week's days, Monday to Sunday."""
        return range(self.first_day, self.first_day + WEEK_LENGTH)

    @property
    def phase(self) -> Phase | None:
        """The week's training phase, if known."""
        return self.request.athlete.phase


LegsRest = str
"""What recovering legs forbid on a day: `heavy` (heavy-leg sessions) or `legs` (any leg work)."""


@dataclass(frozen=True)
class Replanning:
    """What a replan (`solver/replan.py`) adds to a lone week: the week the runner holds, which
    days are settled, what stays pinned, and what recovering legs forbid.

    Settled days (before today; today too once its session is reported) hold exactly
    `pinned`: what happened is not up for judgement, so no other rule is checked on them. On an
    open day, `pinned` is what the runner moved there: it stays, and the rules hold around it.
    """

    today: int
    reference: tuple[tuple[str, ...], ...]
    """Session ids per day, Monday first: the week as the runner now holds it."""
    pinned: tuple[tuple[str, ...], ...]
    settled: frozenset[int]
    resting: tuple[tuple[int, LegsRest], ...] = ()
    """(day index, what the legs cannot take that day), from the runner's `legs`."""
    legs: str = ""
    """How the runner reported the legs, in words: 'heavy legs', 'soreness 8/10'."""


@dataclass(frozen=True)
class Horizon:
    """Consecutive weeks, read as one sequence of days.

    The settings every week shares (level, equipment, weights, relaxed rules) are the first
    week's. `start` is the first Monday's date for a plan; a lone week has none and names its
    days Mon..Sun, as it always has.
    """

    weeks: tuple[HorizonWeek, ...]
    start: dt.date | None = None
    replanning: Replanning | None = None
    """A lone week being replanned: its settled days, pins and the legs' rest (else None)."""
    days: tuple[Day, ...] = field(init=False)

    def __post_init__(self) -> None:
        days = tuple(day for week in self.weeks for day in week.request.week)
        object.__setattr__(self, "days", days)

    @classmethod
    def of_week(cls, request: WeekRequest, replanning: Replanning | None = None) -> Horizon:
        """A lone week (being replanned, with `replanning`)."""
        return cls((HorizonWeek(request, 0, 0),), replanning=replanning)

    @classmethod
    def of_weeks(cls, requests: Sequence[WeekRequest], start: dt.date) -> Horizon:
        """Consecutive weeks from the Monday `start`; the first carries any previous race."""
        weeks = tuple(
            HorizonWeek(request, index, index * WEEK_LENGTH)
            for index, request in enumerate(requests)
        )
        return cls(weeks, start)

    @property
    def request(self) -> WeekRequest:
        """The first week's request: the settings every week shares."""
        return self.weeks[0].request

    @property
    def is_plan(self) -> bool:
        """Whether the horizon is a dated plan (rather than a lone week)."""
        return self.start is not None

    def relaxes(self, rule: HardRuleId) -> bool:
        """Whether the rule is switched off."""
        return self.request.relaxes(rule)

    def weight(self, goal: SoftGoalId) -> int:
        """The goal's weight."""
        return self.request.weight(goal)

    def is_settled(self, day_index: int) -> bool:
        """Whether the day's strength is what happened (a replan's past): no rule judges it."""
        return self.replanning is not None and day_index in self.replanning.settled

    def open_days(self) -> list[int]:
        """The days whose strength is still to be decided: all of them, but in a replan."""
        return [d for d in range(len(self.days)) if not self.is_settled(d)]

    def week_of_day(self, day_index: int) -> HorizonWeek:
        """The week the day falls in."""
        return self.weeks[day_index // WEEK_LENGTH]

    def equipment_allows(self, day_index: int, session: Session) -> bool:
        """Whether the day's equipment allows the session."""
        return self.week_of_day(day_index).request.equipment_allows(
            day_index % WEEK_LENGTH, session
        )

    def full_version_fits(self, day_index: int, session: Session) -> bool:
        """For a short session: whether its full version could go on the day instead."""
        return self.week_of_day(day_index).request.full_version_fits(
            day_index % WEEK_LENGTH, session
        )

    def date(self, day_index: int) -> dt.date:
        """The day's date (plans only)."""
        assert self.start is not None, "a lone week has no dates"
        return self.start + dt.timedelta(days=day_index)

    def day_key(self, day_index: int) -> str:
        """The day's id: mon..sun in a lone week, its ISO date in a plan."""
        if self.start is None:
            return DAYS[day_index]
        return self.date(day_index).isoformat()

    def day_name(self, day_index: int) -> str:
        """What a runner calls the day: 'Tue' in a lone week, 'Tue 2027-03-02' in a plan."""
        name = DAY_NAMES[DAYS[day_index % WEEK_LENGTH]]
        if self.start is None:
            return name
        return f"{name} {self.date(day_index).isoformat()}"

    def in_week(self, week: HorizonWeek, text: str) -> str:
        """A per-week detail: as it is in a lone week, prefixed with the week in a plan."""
        if self.start is None:
            return text
        return f"week {week.index + 1} ({self.date(week.first_day).isoformat()}): {text}"

    def routine_pairs(self) -> list[tuple[int, int]]:
        """(day, same weekday a week later) wherever the runs of that weekday did not move.

        The runs stay put when the later day holds runs of the same types, key or not, and the
        same availability: minutes may change. Where they moved, a new strength day is no break
        of routine.
        """
        return [
            (day_index - WEEK_LENGTH, day_index)
            for day_index in range(WEEK_LENGTH, len(self.days))
            if _run_pattern(self.days[day_index - WEEK_LENGTH])
            == _run_pattern(self.days[day_index])
        ]

    def progression_pairs(self) -> list[tuple[HorizonWeek, HorizonWeek]]:
        """(week, the week its heavy-leg work is compared with) for the progression goal.

        A base or build week is compared with the last base or build week before it (deload
        and other weeks in between are skipped); a week of a holding phase with the week just
        before it. Weeks with no phase, and the first of each kind, have nothing to compare.
        """
        pairs = []
        last_loading: HorizonWeek | None = None
        for week in self.weeks:
            if week.phase in LOADING_PHASES:
                if last_loading is not None:
                    pairs.append((week, last_loading))
                last_loading = week
            elif week.phase in HOLDING_PHASES and week.index > 0:
                pairs.append((week, self.weeks[week.index - 1]))
        return pairs

    def races_recovering(self) -> dict[int, str]:
        """Days inside a race's recovery period, each with the race that protects it.

        A race on day r with a recovery of n days protects days r+1..r+n, across week
        boundaries; the previous race, `days_ago` before the first Monday, protects the first
        days. Where two recoveries overlap the later race names the day.
        """
        protected: dict[int, str] = {}
        first = self.request
        days_ago = first.previous_race_days_ago
        if first.previous_race is not None and days_ago is not None:
            name = race_name(first.previous_race.distance)
            reach = min(first.previous_race.recovery_days - days_ago + 1, len(self.days))
            for day_index in range(reach):
                protected[day_index] = f"the {name} {days_ago + day_index} days earlier"
        for race_day, day in enumerate(self.days):
            for run in day.runs:
                if run.type != "race":
                    continue
                for after in range(1, run.recovery_days + 1):
                    if race_day + after < len(self.days):
                        protected[race_day + after] = (
                            f"{self.day_name(race_day)}'s {race_name(run.distance)}"
                        )
        return protected


def _run_pattern(day: Day) -> tuple[tuple[tuple[str, bool], ...], bool]:
    """What a day's routine hangs on: its runs' types and key flags, and its availability."""
    return tuple(sorted((run.type, run.is_key) for run in day.runs)), day.available
