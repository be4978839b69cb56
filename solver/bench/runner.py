"""Solve scenarios x presets x seeds, beside the greedy baseline and, for small weeks, brute force.

One `Row` per scenario and preset: the week, its cost per goal, how long the solver took
(median and max over seeds x repeats), whether every seed gave the same week, whether the
scenario's expectations hold, and what greedy and brute force made of the same week.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from solver import SEED, SOFT_GOALS, WeekResult, evaluate, solve
from solver.brute_force import brute_force_optimum, day_options
from solver.checker import Scorer
from solver.domain import WeekRequest
from solver.greedy import greedy_week
from solver.library import library_dir, presets_dir
from solver.presets import Preset, load_presets
from solver.scenario import Scenario, load_scenarios
from solver.times import clock_of

DEFAULT_BRUTE_FORCE_LIMIT = 3000
"""Weeks with at most this many placements to try are also solved by brute force (~0.1 ms each)."""


class BenchError(ValueError):
    """Bad bench options: no scenario matches, or an unknown preset name."""


@dataclass(frozen=True)
class BenchConfig:
    """What to run: which scenarios and presets, how many seeds and repeats."""

    scenarios: str = "*.json"
    presets: Sequence[str] | None = None
    seeds: int = 1
    repeat: int = 1
    brute_force_limit: int = DEFAULT_BRUTE_FORCE_LIMIT
    scenario_dir: Path | None = None
    """Where the scenarios are; None: the library (`solver.library.library_dir()`)."""
    preset_dir: Path | None = None
    """Where the presets are; None: the library's, even when `scenario_dir` is set."""

    @property
    def seed_values(self) -> list[int]:
        """The seeds to solve with, the service's own fixed seed first."""
        return [SEED + offset for offset in range(self.seeds)]


@dataclass
class SeedRun:
    """One seed's week and its solve times over the repeats."""

    seed: int
    week: str
    times_ms: list[float]


@dataclass
class Row:
    """A scenario under a preset: the solver's answer, checked, beside the baselines."""

    scenario: str
    preset: str
    kind: str
    expected_status: str
    status: str
    expectations_met: bool
    failures: list[str]
    objective: int | None
    bound: int | None
    gap: int | None
    time_median_ms: float
    time_max_ms: float
    sessions: int
    plan: dict[str, list[str]]
    week: str
    cost_per_goal: dict[str, int]
    conflicts: list[str]
    same_week_all_seeds: bool
    seeds: list[SeedRun]
    checker_agrees: bool | None
    greedy_status: str
    greedy_objective: int | None
    greedy_extra_cost: int | None
    greedy_week: str
    brute_force_placements: int | None = None
    brute_force_ms: float | None = None
    brute_force_agrees: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        """The row as plain JSON-ready data."""
        return asdict(self)


@dataclass
class BenchRun:
    """Everything one `trainweek bench` run measured."""

    config: BenchConfig
    scenarios: dict[str, Scenario]
    presets: dict[str, Preset]
    rows: list[Row] = field(default_factory=list)
    wall_time_s: float = 0.0
    ortools_version: str = ""


def select(config: BenchConfig) -> tuple[dict[str, Scenario], dict[str, Preset]]:
    """The scenarios matching the glob and the named presets (all when none are named)."""
    all_presets = load_presets(config.preset_dir or presets_dir())
    if config.presets:
        unknown = [name for name in config.presets if name not in all_presets]
        if unknown:
            raise BenchError(
                f"unknown preset(s) {', '.join(unknown)}; known: {', '.join(all_presets)}"
            )
        presets = {name: all_presets[name] for name in config.presets}
    else:
        # The default preset first: it is the product's own answer and brute force's referee.
        order = sorted(all_presets, key=lambda name: (name != "default", name))
        presets = {name: all_presets[name] for name in order}
    pattern = config.scenarios if config.scenarios.endswith(".json") else config.scenarios + ".json"
    folder = config.scenario_dir or library_dir()
    scenarios = load_scenarios(folder, pattern, presets=all_presets)
    if not scenarios:
        raise BenchError(f"no scenario in {folder} matches '{config.scenarios}'")
    return scenarios, presets


def run_bench(config: BenchConfig, progress: Callable[[str], None] | None = None) -> BenchRun:
    """Solve every selected scenario under every selected preset; `progress` is told each one."""
    started = time.perf_counter()
    scenarios, presets = select(config)
    run = BenchRun(config, scenarios, presets)
    first_preset = next(iter(presets))
    for scenario in scenarios.values():
        for preset in presets.values():
            row = _solve_row(scenario, preset, config)
            if preset.name == first_preset:
                _brute_force(row, preset.apply(scenario.request), config.brute_force_limit)
            run.rows.append(row)
            if progress is not None:
                progress(f"{scenario.name} @ {preset.name}")
    run.wall_time_s = time.perf_counter() - started
    run.ortools_version = version("ortools")
    return run


def _solve_row(scenario: Scenario, preset: Preset, config: BenchConfig) -> Row:
    request = preset.apply(scenario.request)
    seed_runs: list[SeedRun] = []
    result: WeekResult | None = None
    for seed in config.seed_values:
        times = []
        for _ in range(config.repeat):
            answer = solve(request, seed=seed)
            times.append(answer.solver.wall_time_ms)
        seed_runs.append(SeedRun(seed, describe_plan(answer.plan, answer.starts), times))
        result = result or answer
    assert result is not None  # at least one seed and one repeat
    all_times = [t for seed_run in seed_runs for t in seed_run.times_ms]
    failures = scenario.expect.check(result, preset.name)
    checker_agrees = None
    if result.status != "infeasible":
        scored = evaluate(request, result.plan)
        checker_agrees = scored.feasible and scored.objective == result.objective
    cost = {penalty.goal: penalty.cost for penalty in result.penalties}
    greedy = greedy_week(request)
    extra = None
    if greedy.objective is not None and result.objective is not None:
        extra = greedy.objective - result.objective
    return Row(
        scenario=scenario.name,
        preset=preset.name,
        kind="constructed" if scenario.source.startswith("constructed:") else "published",
        expected_status=scenario.expect.status,
        status=result.status,
        expectations_met=not failures,
        failures=failures,
        objective=result.objective,
        bound=result.best_bound,
        gap=None if result.objective is None else result.objective - (result.best_bound or 0),
        time_median_ms=round(statistics.median(all_times), 3),
        time_max_ms=round(max(all_times), 3),
        sessions=result.session_count,
        plan=result.plan,
        week=describe_plan(result.plan, result.starts),
        cost_per_goal={goal: cost.get(goal, 0) for goal in SOFT_GOALS},
        conflicts=[conflict.rule for conflict in result.conflicts],
        same_week_all_seeds=len({seed_run.week for seed_run in seed_runs}) == 1,
        seeds=seed_runs,
        checker_agrees=checker_agrees,
        greedy_status=greedy.status,
        greedy_objective=greedy.objective,
        greedy_extra_cost=extra,
        greedy_week=describe_plan(greedy.plan) if greedy.status == "found" else "",
    )


def describe_plan(
    plan: dict[str, list[str]], starts: dict[str, list[int | None]] | None = None
) -> str:
    """'tue:bodyweight_circuit sat:lower_body_core'; empty for a week with no session. With
    `starts`, a session with a start reads 'tue:bodyweight_circuit@12:00'."""
    given = starts or {}
    return " ".join(
        f"{day}:{session}{_at(given.get(day, []), place)}"
        for day, sessions in plan.items()
        for place, session in enumerate(sessions)
    )


def _at(starts: list[int | None], place: int) -> str:
    start = starts[place] if place < len(starts) else None
    return "" if start is None else f"@{clock_of(start)}"


def placements_to_try(request: WeekRequest) -> int:
    """How many placements brute force would try, counted without trying them."""
    options = [len(sessions) for sessions in day_options(request, Scorer(request))]
    # ways[k]: placements of k sessions over the days seen so far (one session a day at most).
    ways = [1] + [0] * len(options)
    for count in options:
        for k in range(len(options), 0, -1):
            ways[k] += ways[k - 1] * count
    low, high = request.strength.min_sessions, request.strength.max_sessions
    return sum(ways[low : high + 1])


def _brute_force(row: Row, request: WeekRequest, limit: int) -> None:
    placements = placements_to_try(request)
    row.brute_force_placements = placements
    if placements > limit:
        return
    started = time.perf_counter()
    optimum = brute_force_optimum(request)
    row.brute_force_ms = round((time.perf_counter() - started) * 1000, 3)
    row.brute_force_agrees = optimum.objective == row.objective
