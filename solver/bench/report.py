"""Write a bench run as `results.csv`, `results.json` and one self-contained `report.html`.

The HTML, rendered from `templates/report.html.j2`, has no external resource: CSS inline,
charts as base64 PNG from matplotlib (Agg). Jinja2 escapes every piece of text that comes from a
scenario, a preset or a result.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import platform
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display, no GUI backend warnings

import matplotlib.pyplot as plt
from jinja2 import Environment, PackageLoader, StrictUndefined

from solver import DAYS, SOFT_GOALS, catalogue
from solver.bench.runner import BenchRun, Row
from solver.catalogue import dose_for, dose_summary, session_by_id
from solver.domain import DAY_NAMES, WeekRequest

CSV_GOAL_PREFIX = "cost_"
SESSION_ABBREVIATIONS = {
    "short_strength": "SS",
    "strength_control": "SC",
    "hinge_and_calves": "HC",
    "lower_body_core": "LB",
    "home_weights": "HW",
    "bodyweight_circuit": "BW",
    "plyometrics_low": "pl",
    "plyometrics": "PL",
    "upper_body_core": "UB",
    "mobility_core": "MC",
}
RUN_LETTERS = {
    "easy": "E",
    "recovery": "R",
    "long": "L",
    "tempo": "T",
    "intervals": "I",
    "hills": "H",
    "race": "RC",
    "cross_train": "X",
}
LEG_COLOURS = {
    "heavy": "#b2182b",
    "moderate": "#d6604d",
    "plyometric": "#8c510a",
    "light": "#ef8a62",
    "none": "#4393c3",
}
GOAL_COLOURS = [
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
    "#1f78b4",
    "#fb9a99",
    "#b15928",
    "#6a3d9a",
    "#33a02c",
]


def write_outputs(run: BenchRun, out_dir: Path, command: str = "trainweek bench") -> list[Path]:
    """Write the three files into `out_dir` (created if needed); return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "results.csv", out_dir / "results.json", out_dir / "report.html"]
    write_csv(run, paths[0])
    paths[1].write_text(json.dumps(results_json(run, command), indent=2) + "\n", encoding="utf-8")
    paths[2].write_text(report_html(run, command), encoding="utf-8")
    return paths


# --- results.csv and results.json ------------------------------------------------------------


CSV_COLUMNS = [
    "scenario",
    "preset",
    "kind",
    "expected_status",
    "status",
    "expectations_met",
    "objective",
    "bound",
    "gap",
    "time_median_ms",
    "time_max_ms",
    "sessions",
    "week",
    "same_week_all_seeds",
    "checker_agrees",
    "greedy_status",
    "greedy_objective",
    "greedy_extra_cost",
    "greedy_week",
    "brute_force_placements",
    "brute_force_ms",
    "brute_force_agrees",
]


def write_csv(run: BenchRun, path: Path) -> None:
    """One row per scenario x preset; the cost of each goal in its own `cost_<goal>` column."""
    goal_columns = [CSV_GOAL_PREFIX + goal for goal in SOFT_GOALS]
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=[*CSV_COLUMNS, *goal_columns])
        writer.writeheader()
        for row in run.rows:
            record: dict[str, Any] = {column: getattr(row, column) for column in CSV_COLUMNS}
            record.update({CSV_GOAL_PREFIX + g: c for g, c in row.cost_per_goal.items()})
            writer.writerow({key: "" if value is None else value for key, value in record.items()})


def results_json(run: BenchRun, command: str) -> dict[str, Any]:
    """The run as JSON: settings, summary and every row with its per-seed detail."""
    config = run.config
    return {
        "command": command,
        "settings": {
            "scenarios": config.scenarios,
            "presets": list(run.presets),
            "seeds": config.seed_values,
            "repeat": config.repeat,
            "brute_force_limit": config.brute_force_limit,
        },
        "machine": machine(run),
        "wall_time_s": round(run.wall_time_s, 3),
        "summary": summary(run.rows).as_dict(),
        "phases": [phase.as_dict() for phase in phase_summary(run)],
        "rows": [row.as_dict() for row in run.rows],
    }


def machine(run: BenchRun) -> dict[str, str]:
    """Where the run happened: Python, platform, OR-Tools."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "ortools": run.ortools_version,
    }


# --- summary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """The headline numbers of a run."""

    solves: int
    solved: int
    optimal: int
    expected_infeasible: int
    infeasible_as_expected: int
    expectations_met: int
    median_time_ms: float
    max_time_ms: float
    same_week_all_seeds: int
    checker_agrees: int
    greedy_worse: int
    greedy_failed_where_week_exists: int
    brute_force_runs: int
    brute_force_agrees: int

    def as_dict(self) -> dict[str, Any]:
        """The summary as plain data."""
        return dict(self.__dict__)


def summary(rows: list[Row]) -> Summary:
    """Count what went right and wrong over every scenario x preset."""
    feasible_rows = [r for r in rows if r.status != "infeasible"]
    brute = [r for r in rows if r.brute_force_ms is not None]
    return Summary(
        solves=len(rows),
        solved=len(feasible_rows),
        optimal=sum(r.status == "optimal" for r in rows),
        expected_infeasible=sum(r.expected_status == "infeasible" for r in rows),
        infeasible_as_expected=sum(
            r.expected_status == r.status == "infeasible" and r.expectations_met for r in rows
        ),
        expectations_met=sum(r.expectations_met for r in rows),
        median_time_ms=round(statistics.median(r.time_median_ms for r in rows), 2),
        max_time_ms=round(max(r.time_max_ms for r in rows), 2),
        same_week_all_seeds=sum(r.same_week_all_seeds for r in rows),
        checker_agrees=sum(bool(r.checker_agrees) for r in feasible_rows),
        greedy_worse=sum((r.greedy_extra_cost or 0) > 0 for r in rows),
        greedy_failed_where_week_exists=sum(
            r.greedy_status == "failed" and r.status != "infeasible" for r in rows
        ),
        brute_force_runs=len(brute),
        brute_force_agrees=sum(bool(r.brute_force_agrees) for r in brute),
    )


@dataclass(frozen=True)
class PhaseSummary:
    """What the weeks of one training phase got: sessions, heavy-leg ones, and their doses."""

    phase: str
    weeks: int
    sessions: int
    heavy_sessions: int
    doses: dict[str, int]
    """Each main-lift dose placed in the phase ('3 x 5 @ RPE 7'), with how often."""

    @property
    def sessions_per_week(self) -> float:
        """Mean sessions a week."""
        return round(self.sessions / self.weeks, 2) if self.weeks else 0.0

    @property
    def heavy_per_week(self) -> float:
        """Mean heavy-leg sessions a week."""
        return round(self.heavy_sessions / self.weeks, 2) if self.weeks else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The phase's summary as plain data, means included."""
        return {
            **self.__dict__,
            "sessions_per_week": self.sessions_per_week,
            "heavy_per_week": self.heavy_per_week,
        }


def phase_summary(run: BenchRun) -> list[PhaseSummary]:
    """Per training phase (in plan order; 'none' for weeks without one), over every solved
    scenario x preset: weeks, sessions, heavy-leg sessions and the doses placed."""
    order = ["base", "build", "peak", "taper", "race_week", "deload", "recovery", "post_race"]
    sessions = session_by_id()
    tallies: dict[str, dict[str, Any]] = {}
    for row in run.rows:
        if row.status == "infeasible":
            continue
        request = run.scenarios[row.scenario].request
        athlete = request.athlete
        tally = tallies.setdefault(
            athlete.phase or "none", {"weeks": 0, "sessions": 0, "heavy": 0, "doses": {}}
        )
        tally["weeks"] += 1
        for session_id in (i for ids in row.plan.values() for i in ids):
            session = sessions[session_id]
            tally["sessions"] += 1
            tally["heavy"] += session.heavy_legs
            prescription = dose_for(
                session,
                athlete.lifting_level,
                athlete.phase,
                request.progression_step,
                athlete.avoid,
            )
            dose = dose_summary(prescription)
            tally["doses"][dose] = tally["doses"].get(dose, 0) + 1
    ranked = sorted(tallies, key=lambda p: order.index(p) if p in order else len(order))
    return [
        PhaseSummary(
            phase=phase,
            weeks=tallies[phase]["weeks"],
            sessions=tallies[phase]["sessions"],
            heavy_sessions=tallies[phase]["heavy"],
            doses=dict(sorted(tallies[phase]["doses"].items(), key=lambda item: -item[1])),
        )
        for phase in ranked
    ]


# --- charts ----------------------------------------------------------------------------------


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    # Constrained layout, not bbox_inches="tight": that draws every figure twice.
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _by_scenario(rows: Iterable[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.scenario, []).append(row)
    return grouped


def solve_time_chart(rows: list[Row]) -> str:
    """Median solve time per scenario over the presets, a whisker to the slowest solve."""
    grouped = _by_scenario(rows)
    names = list(grouped)[::-1]  # first scenario on top
    medians = [statistics.median(r.time_median_ms for r in grouped[n]) for n in names]
    maxima = [max(r.time_max_ms for r in grouped[n]) for n in names]
    infeasible = [grouped[n][0].status == "infeasible" for n in names]
    figure, axes = plt.subplots(figsize=(9, 0.26 * len(names) + 1.2), layout="constrained")
    colours = ["#999999" if bad else "#2166ac" for bad in infeasible]
    axes.barh(names, medians, color=colours)
    axes.errorbar(
        maxima, names, xerr=0, fmt="|", color="#333333", markersize=8, label="slowest solve"
    )
    axes.set_xlabel(
        "milliseconds (build + solve; infeasible weeks, in grey, include the explanation)"
    )
    axes.set_title("Solve time per scenario: median over presets, tick at the slowest")
    axes.tick_params(axis="y", labelsize=8)
    axes.legend(loc="lower right", fontsize=8)
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)


def penalty_chart(rows: list[Row], presets: list[str]) -> str:
    """Total cost per soft goal over all scenarios, one stacked bar per preset."""
    figure, axes = plt.subplots(figsize=(10, 0.5 * len(presets) + 1.8), layout="constrained")
    left = [0] * len(presets)
    for goal, colour in zip(SOFT_GOALS, GOAL_COLOURS, strict=False):
        costs = [sum(r.cost_per_goal[goal] for r in rows if r.preset == p) for p in presets]
        if not any(costs):
            continue
        axes.barh(presets[::-1], costs[::-1], left=left[::-1], color=colour, label=goal)
        left = [a + b for a, b in zip(left, costs, strict=True)]
    axes.set_xlabel("total penalty over the scenarios (each preset weighs the goals its own way)")
    axes.set_title("Penalty breakdown per preset")
    axes.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), title="soft goal")
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)


def brute_force_chart(rows: list[Row]) -> str | None:
    """Solver and brute-force times side by side for the weeks small enough to enumerate."""
    brute = [r for r in rows if r.brute_force_ms is not None and r.status != "infeasible"]
    if not brute:
        return None
    names = [r.scenario for r in brute][::-1]
    solver_ms = [r.time_median_ms for r in brute][::-1]
    brute_ms = [r.brute_force_ms or 0.0 for r in brute][::-1]
    positions = list(range(len(names)))
    figure, axes = plt.subplots(figsize=(9, 0.5 * len(names) + 1.2), layout="constrained")
    axes.barh(
        [p + 0.2 for p in positions], brute_ms, height=0.4, color="#b2abd2", label="brute force"
    )
    axes.barh([p - 0.2 for p in positions], solver_ms, height=0.4, color="#2166ac", label="CP-SAT")
    axes.set_yticks(positions, names, fontsize=8)
    axes.set_xscale("log")
    axes.set_xlabel("milliseconds (log scale)")
    axes.set_title("CP-SAT beside exhaustive enumeration")
    axes.legend(fontsize=8, loc="lower right")
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)


# --- HTML ------------------------------------------------------------------------------------
# The page is templates/report.html.j2; these functions only shape the run into what it shows.


@dataclass(frozen=True)
class Slot:
    """One day of a Mon..Sun strip: a session, a run day or an empty day."""

    css: str
    title: str
    label: str


@dataclass(frozen=True)
class MatrixCell:
    """A scenario under a preset: the sessions placed, or the rules that leave no week."""

    slots: list[Slot] | None
    conflicts: str
    changed: bool


@dataclass(frozen=True)
class GreedyCell:
    """How much more the greedy week costs than the optimum, or why there is no number."""

    css: str
    text: str


def report_html(run: BenchRun, command: str) -> str:
    """The whole report as one HTML document."""
    presets = list(run.presets)
    brute = [r for r in run.rows if r.brute_force_placements is not None]
    template = _environment().get_template("report.html.j2")
    return template.render(
        run=run,
        command=command,
        machine=machine(run),
        presets=presets,
        reference=presets[0],
        summary_cells=_summary_cells(summary(run.rows)),
        phases=phase_summary(run),
        failed=[r for r in run.rows if not r.expectations_met],
        legend_sessions=[(SESSION_ABBREVIATIONS.get(s.id, "?"), s) for s in catalogue()],
        run_letters=[(letter, kind.replace("_", " ")) for kind, letter in RUN_LETTERS.items()],
        matrix=_matrix_rows(run, presets),
        solve_time_png=solve_time_chart(run.rows),
        penalty_png=penalty_chart(run.rows, presets),
        greedy=_greedy_rows(run, presets),
        brute=brute,
        brute_force_png=brute_force_chart(run.rows) if brute else None,
        brute_force_ran=[r for r in brute if r.brute_force_ms is not None],
        brute_force_skipped=sum(r.brute_force_ms is None for r in brute),
        brute_force_largest=max((r.brute_force_placements or 0) for r in brute) if brute else 0,
    )


@cache
def _environment() -> Environment:
    # Autoescape: every scenario, preset and result string reaches the page as text, never markup.
    return Environment(
        loader=PackageLoader("solver.bench"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _summary_cells(totals: Summary) -> list[tuple[str, str]]:
    return [
        (
            "weeks found where one should exist",
            f"{totals.solved} / {totals.solves - totals.expected_infeasible}",
        ),
        ("proven optimal", f"{totals.optimal} / {totals.solved}"),
        (
            "infeasible as expected (rules named)",
            f"{totals.infeasible_as_expected} / {totals.expected_infeasible}",
        ),
        ("expectations met", f"{totals.expectations_met} / {totals.solves}"),
        ("median solve time", f"{totals.median_time_ms:.1f} ms"),
        ("slowest solve", f"{totals.max_time_ms:.1f} ms"),
        ("same week under every seed", f"{totals.same_week_all_seeds} / {totals.solves}"),
        ("checker agrees (feasible, same cost)", f"{totals.checker_agrees} / {totals.solved}"),
        ("greedy week costs more", f"{totals.greedy_worse} / {totals.solved}"),
        ("greedy finds no week where one exists", str(totals.greedy_failed_where_week_exists)),
        (
            "brute force agrees on the optimum",
            f"{totals.brute_force_agrees} / {totals.brute_force_runs}",
        ),
    ]


def session_slots(plan: dict[str, list[str]]) -> list[Slot]:
    """Mon..Sun: the session placed each day (its leg load as colour), or an empty day."""
    by_id = {s.id: s for s in catalogue()}
    slots = []
    for day in DAYS:
        sessions = plan.get(day, [])
        if sessions:
            session = by_id[sessions[0]]
            label = SESSION_ABBREVIATIONS.get(session.id, "?")
            title = f"{DAY_NAMES[day]}: {session.name}"
            slots.append(Slot(f"slot {session.leg_load}", title, label))
        else:
            slots.append(Slot("slot empty", DAY_NAMES[day], "\u00b7"))
    return slots


def run_slots(request: WeekRequest) -> list[Slot]:
    """Mon..Sun: each day's runs as letters, key runs and race days marked, or a rest day."""
    slots = []
    for day_id in DAYS:
        day = request.day(day_id)
        if not day.runs:
            slots.append(Slot("slot empty", f"{DAY_NAMES[day_id]}: rest", DAY_NAMES[day_id][:2]))
            continue
        letters = "+".join(RUN_LETTERS[run.type] for run in day.runs)
        classes = (
            "slot run" + (" key" if day.has_key_run else "") + (" race" if day.is_race_day else "")
        )
        runs = ", ".join(f"{run.type.replace('_', ' ')} {run.minutes} min" for run in day.runs)
        title = f"{DAY_NAMES[day_id]}: {runs}" + ("" if day.available else " (no strength)")
        slots.append(Slot(classes, title, letters[:4]))
    return slots


def _matrix_rows(run: BenchRun, presets: list[str]) -> list[dict[str, Any]]:
    reference = presets[0]
    rows = []
    for name, scenario_rows in _by_scenario(run.rows).items():
        by_preset = {r.preset: r for r in scenario_rows}
        cells = []
        for preset in presets:
            row = by_preset[preset]
            if row.status == "infeasible":
                cells.append(MatrixCell(None, ", ".join(row.conflicts), changed=False))
                continue
            changed = preset != reference and row.plan != by_preset[reference].plan
            cells.append(MatrixCell(session_slots(row.plan), "", changed))
        scenario = run.scenarios[name]
        rows.append(
            {
                "name": name,
                "description": scenario.description,
                "runs": run_slots(scenario.request),
                "cells": cells,
            }
        )
    return rows


def _greedy_rows(run: BenchRun, presets: list[str]) -> list[dict[str, Any]]:
    reference = presets[0]
    rows: list[dict[str, Any]] = []
    for name, scenario_rows in _by_scenario(run.rows).items():
        by_preset = {r.preset: r for r in scenario_rows}
        if all(r.status == "infeasible" for r in scenario_rows):
            greedy_too = all(r.greedy_status == "failed" for r in scenario_rows)
            note = "no week exists" + ("; greedy finds none either" if greedy_too else "")
            rows.append({"name": name, "no_week": note})
            continue
        cells = []
        for preset in presets:
            row = by_preset[preset]
            if row.greedy_status == "failed" and row.status != "infeasible":
                cells.append(GreedyCell("bad", "no week found; one exists"))
            elif row.status == "infeasible":
                cells.append(GreedyCell("noweek", "none exists"))
            else:
                extra = row.greedy_extra_cost or 0
                css = "num bad" if extra > 0 else "num ok"
                cells.append(GreedyCell(css, f"+{extra}" if extra else "="))
        ref = by_preset[reference]
        weeks = None
        if ref.status != "infeasible":
            weeks = {
                "solver": session_slots(ref.plan),
                "solver_cost": ref.objective,
                "greedy": session_slots(_plan_from(ref.greedy_week)),
                "greedy_cost": ref.greedy_objective,
            }
        rows.append({"name": name, "no_week": None, "cells": cells, "weeks": weeks})
    return rows


def _plan_from(week: str) -> dict[str, list[str]]:
    plan: dict[str, list[str]] = {}
    for item in week.split():
        day, _, session = item.partition(":")
        plan.setdefault(day, []).append(session)
    return plan
