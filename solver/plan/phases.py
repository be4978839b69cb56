"""Each week's phase, derived from the goal race, and its progression step (docs/domain.md,
"Plans: phases")."""

from __future__ import annotations

from collections.abc import Sequence

from solver.domain import Phase
from solver.horizon import LOADING_PHASES

PEAK_WEEKS = 2
"""Weeks of peak before the taper."""
MARATHON_KM = 21.5
"""Races longer than this (marathon, ultra) taper two weeks; shorter ones one."""


def taper_weeks(race_km: float) -> int:
    """Weeks of taper before race week: two before a marathon or longer, else one."""
    return 2 if race_km > MARATHON_KM else 1


def derive_phases(
    named: Sequence[Phase | None],
    goal_week: int | None,
    goal_km: float | None,
    deload_every: int | None,
) -> list[Phase]:
    """Each week's phase: as named, else counted back from the goal race's week.

    Race week is the week of the goal race; before it come the taper (two weeks before a
    marathon or longer, one otherwise), then two weeks of peak; the weeks before the peak are
    split in two, the later half (the larger, when odd) build and the earlier base. The week
    after race week is post-race, and any later week base. Without a goal race every week is
    base. Counting the base and build weeks from the first, every `deload_every`-th becomes a
    deload week unless its phase is named (never, when `deload_every` is None); a named deload
    week, and race week, start the count again.
    """
    derived = [_by_position(week, goal_week, goal_km) for week in range(len(named))]
    phases: list[Phase] = []
    loading_in_a_row = 0
    for name, phase in zip(named, derived, strict=True):
        if name is not None:
            phase = name
            if name in ("deload", "recovery", "race_week"):
                loading_in_a_row = 0
            elif name in LOADING_PHASES and deload_every is not None:
                # A named week in the deload's place keeps its phase; the count goes on.
                loading_in_a_row = (loading_in_a_row + 1) % deload_every
        elif phase in LOADING_PHASES and deload_every is not None:
            loading_in_a_row += 1
            if loading_in_a_row == deload_every:
                phase, loading_in_a_row = "deload", 0
        elif phase == "race_week":
            loading_in_a_row = 0
        phases.append(phase)
    return phases


def _by_position(week: int, goal_week: int | None, goal_km: float | None) -> Phase:
    if goal_week is None or goal_km is None:
        return "base"
    if week == goal_week:
        return "race_week"
    if week == goal_week + 1:
        return "post_race"
    if week > goal_week:
        return "base"
    weeks_out = goal_week - week
    taper = taper_weeks(goal_km)
    if weeks_out <= taper:
        return "taper"
    if weeks_out <= taper + PEAK_WEEKS:
        return "peak"
    before_peak = goal_week - taper - PEAK_WEEKS
    return "base" if week < before_peak // 2 else "build"


def progression_steps(phases: Sequence[Phase]) -> list[int]:
    """Each week's step of progression: 1, 2, 3... through the base and build weeks.

    A deload week, and every week after the loading ones (peak, taper, race week, post-race),
    keeps the step last reached: a deload is a lighter week, not a restart, so the next base or
    build week goes on from where the block left off. Weeks before the first base or build week
    are step 1, as is that week: step 1 is the dose as written (`WeekRequest.progression_step`,
    the same step for a lone week).
    """
    steps = []
    step = 0
    for phase in phases:
        if phase in LOADING_PHASES:
            step += 1
        steps.append(max(step, 1))
    return steps
