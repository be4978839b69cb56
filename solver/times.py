"""Times of day: when runs happen, when strength can start, and the timed rules. No ortools here.

Inside the model and the checker a time is minutes from the day's midnight. A day **has times**
when it has availability windows or a run with a start (`at`) or a slot (`am`/`pm`); every
strength session placed on such a day gets a start on a 15-minute grid. A day without times
is read exactly as before times existed.

- A run with `at` takes `at` to `at + minutes`; a run with a slot may take any of its slot, so
  it is read as taking all of it (am 05:00-12:00, pm 12:00-22:00, longer if the run is longer).
  A run with neither, on a day with times, has no time: the same-day timed rules leave it out.
- A day with times but no windows is open 05:00-22:00.
- A session without a given start takes its **best start**: the earliest start of the least
  cost that keeps the timed rules. The model decides which sessions go where with its interval
  variables; the answer then gives each session its best start (the timed goals depend on one
  session's start alone, so that costs what the model's own start does), and the checker
  scoring a proposed week without `at`, and the brute-force referee, read starts the same way.

The rules between times, read the same by the model (`solver/cpsat/`) and the checker:
`strength_after_run`, `heavy_legs_3h_from_hard_run`, the timed reading of
`no_heavy_legs_before_key_run` (24 h) and of the goal `heavy_legs_48h_before_key_run` (48 h),
and the goal `heavy_legs_6h_from_hard_run`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from solver.catalogue import Session
from solver.domain import Day, Run
from solver.rules import HardRuleId, SoftGoalId

GRID_MINUTES = 15
"""Strength starts on this grid: the model's start variables and the checker's best start."""
DAY_MINUTES = 24 * 60
SLOTS: dict[str, tuple[int, int]] = {"am": (5 * 60, 12 * 60), "pm": (12 * 60, 22 * 60)}
OPEN_DAY: tuple[int, int] = (5 * 60, 22 * 60)
"""The window of a day with times but no windows of its own."""
HARD_RUN_GAP_MINUTES = 3 * 60
HARD_RUN_GAP_PREFERRED_MINUTES = 6 * 60
KEY_RUN_CLEAR_MINUTES = 24 * 60
KEY_RUN_CLEAR_PREFERRED_MINUTES = 48 * 60
STARTS: tuple[int, ...] = tuple(range(0, DAY_MINUTES, GRID_MINUTES))


def minutes_of(clock: str) -> int:
    """'07:30' -> 450."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def clock_of(minutes: int) -> str:
    """450 -> '07:30'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def run_span(run: Run) -> tuple[int, int] | None:
    """When the run happens, in minutes of its day: from its start, or all of its slot."""
    if run.at is not None:
        start = minutes_of(run.at)
        return start, start + run.minutes
    if run.slot is not None:
        start, end = SLOTS[run.slot]
        return start, max(end, start + run.minutes)
    return None


def timed_runs(day: Day) -> list[tuple[Run, int, int]]:
    """The day's runs with a time, each with its span."""
    spans = [(run, run_span(run)) for run in day.runs]
    return [(run, span[0], span[1]) for run, span in spans if span is not None]


def windows(day: Day) -> list[tuple[int, int]]:
    """When strength can happen on a day with times, in minutes (05:00-22:00 without windows)."""
    if day.windows:
        return [(minutes_of(start), minutes_of(end)) for start, end in day.windows]
    return [OPEN_DAY]


def busy(day: Day) -> list[tuple[int, int]]:
    """The parts of a day with times outside its windows, up to the next day's end."""
    gaps = []
    free_from = 0
    for start, end in windows(day):
        if start > free_from:
            gaps.append((free_from, start))
        free_from = end
    gaps.append((free_from, 2 * DAY_MINUTES))
    return gaps


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans' union, as spans apart from each other, in order."""
    union: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if union and start <= union[-1][1]:
            union[-1] = (union[-1][0], max(union[-1][1], end))
        else:
            union.append((start, end))
    return union


def fits_the_clock(day: Day, minutes: int) -> bool:
    """Whether a session of `minutes` has a start on the grid inside one of the day's windows
    and clear of its timed runs (`fits_availability` by the clock)."""
    runs = [(start, end) for _, start, end in timed_runs(day)]
    return any(
        low <= start
        and start + minutes <= high
        and all(gap(start, start + minutes, run_start, run_end) >= 0 for run_start, run_end in runs)
        for low, high in windows(day)
        for start in STARTS
    )


def runs_end(day: Day) -> int:
    """When the day's last timed run ends (0 without one)."""
    return max((end for _, _, end in timed_runs(day)), default=0)


def key_run_start(day: Day) -> int | None:
    """When the day's first key run starts, if every key run of the day has a time."""
    first = first_key_run(day)
    return None if first is None else first[1]


def first_key_run(day: Day) -> tuple[Run, int] | None:
    """The day's first key run and its start, if every key run of the day has a time."""
    key_runs = [run for run in day.runs if run.is_key]
    spans = [run_span(run) for run in key_runs]
    if not key_runs or any(span is None for span in spans):
        return None
    return min(
        ((run, span[0]) for run, span in zip(key_runs, spans, strict=True) if span is not None),
        key=lambda pair: pair[1],
    )


def timed_key_run(days: tuple[Day, ...], day_index: int, key_day: int) -> int | None:
    """When the key run of `key_day` starts, in minutes from `day_index`'s midnight, if the
    times of both are known (`day_index` has times, every key run of `key_day` a time)."""
    if not days[day_index].is_timed or key_day >= len(days):
        return None
    start = key_run_start(days[key_day])
    return None if start is None else (key_day - day_index) * DAY_MINUTES + start


def gap(start: int, end: int, other_start: int, other_end: int) -> int:
    """Minutes between two spans of one day (negative when they overlap)."""
    return max(start - other_end, other_start - end)


@dataclass(frozen=True)
class TimedMiss:
    """A timed rule broken, or a timed goal missed, by one session at one start."""

    rule: HardRuleId | SoftGoalId
    message: str
    days: tuple[int, ...]


@dataclass(frozen=True)
class DayClock:
    """What the timed rules read of one day with times, worked out once: its windows, its
    timed runs, when they end, and the key runs within 48 h whose start is known."""

    index: int
    name: str
    windows: tuple[tuple[int, int], ...]
    runs: tuple[tuple[Run, int, int], ...]
    runs_end: int
    key_runs: tuple[tuple[int, int, str], ...]
    """(key run's day, its start in minutes from this day's midnight, the run in words:
    "Fri's 07:00 key tempo run")."""


def day_clock(days: tuple[Day, ...], names: list[str], day_index: int) -> DayClock:
    """The day's clock, for a day with times."""
    day = days[day_index]
    key_runs = []
    for key_day in (day_index, day_index + 1, day_index + 2):
        key_start = timed_key_run(days, day_index, key_day)
        if key_start is not None:
            first = first_key_run(days[key_day])
            assert first is not None, "a key run with a start"
            run_words = _run_words(first[0])
            key_runs.append(
                (key_day, key_start, f"{names[key_day]}'s {clock_of(first[1])} key {run_words}")
            )
    return DayClock(
        day_index,
        names[day_index],
        tuple(windows(day)),
        tuple(timed_runs(day)),
        runs_end(day),
        tuple(key_runs),
    )


def timed_misses(
    clock: DayClock, session: Session, start: int, *, words: bool = True
) -> Iterator[TimedMiss]:
    """What the session, starting at `start` on a day with times, breaks or misses of the timed
    rules and goals; each in words unless `words` is false (a best start's search)."""
    day_index, end = clock.index, start + session.minutes
    at = f"{clock.name} {clock_of(start)}: {session.name}" if words else ""
    if not any(low <= start and end <= high for low, high in clock.windows):
        yield TimedMiss(
            HardRuleId.FITS_AVAILABILITY,
            f"{at} ({session.minutes} min) does not fit in a window ({_window_list(clock)})"
            if words
            else "",
            (day_index,),
        )
    for run, run_start, run_end in clock.runs:
        if gap(start, end, run_start, run_end) < 0:
            yield TimedMiss(
                HardRuleId.FITS_AVAILABILITY,
                f"{at} overlaps the {_run_words(run)} ({clock_of(run_start)}-"
                f"{clock_of(run_end % DAY_MINUTES)})"
                if words
                else "",
                (day_index,),
            )
    if start < clock.runs_end:
        yield TimedMiss(
            HardRuleId.STRENGTH_AFTER_RUN,
            f"{at} starts before the day's run ends ({clock_of(clock.runs_end % DAY_MINUTES)})"
            if words
            else "",
            (day_index,),
        )
    if not session.heavy_legs:
        return
    for run, run_start, run_end in clock.runs:
        if not run.is_hard:
            continue
        apart = gap(start, end, run_start, run_end)
        heavily = (
            f"{at} loads the legs heavily {max(apart, 0)} min from the {_run_words(run)}"
            if words
            else ""
        )
        if apart < HARD_RUN_GAP_MINUTES:
            yield TimedMiss(HardRuleId.HEAVY_LEGS_3H_FROM_HARD_RUN, heavily, (day_index,))
        if apart < HARD_RUN_GAP_PREFERRED_MINUTES:
            yield TimedMiss(
                SoftGoalId.HEAVY_LEGS_6H_FROM_HARD_RUN,
                f"{heavily} (6 h preferred)" if words else "",
                (day_index,),
            )
    for key_day, key_start, key_run in clock.key_runs:
        if start >= key_start:
            continue
        before = key_start - end
        ends = f"{at} ends {duration(before)} before {key_run}" if words else ""
        if before < KEY_RUN_CLEAR_MINUTES:
            yield TimedMiss(
                HardRuleId.NO_HEAVY_LEGS_BEFORE_KEY_RUN,
                f"{ends} (24 h needed)" if words else "",
                (day_index, key_day),
            )
        if before < KEY_RUN_CLEAR_PREFERRED_MINUTES:
            yield TimedMiss(
                SoftGoalId.HEAVY_LEGS_48H_BEFORE_KEY_RUN,
                f"{ends} (48 h preferred)" if words else "",
                (day_index, key_day),
            )


def _window_list(clock: DayClock) -> str:
    return ", ".join(f"{clock_of(start)}-{clock_of(end)}" for start, end in clock.windows)


def duration(minutes: int) -> str:
    """1510 -> '25 h 10 min'; 1440 -> '24 h'."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _run_words(run: Run) -> str:
    return f"{run.type.replace('_', ' ')} run"
