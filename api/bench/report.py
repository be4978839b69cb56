"""Write a bench run as `results.csv`, `results.json` and one self-contained `report.html`.

The HTML has no external resource: CSS inline, charts as base64 PNG from matplotlib (Agg).
Every piece of text that comes from a scenario, a preset or a result is escaped.
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
from html import escape
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display, no GUI backend warnings

import matplotlib.pyplot as plt

from api.bench.runner import BenchRun, Row
from solver import DAYS, SOFT_GOALS, catalogue
from solver.domain import DAY_NAMES, WeekRequest

CSV_GOAL_PREFIX = "cost_"
SESSION_ABBREVIATIONS = {
    "lower_body_core": "LB",
    "strength_control": "SC",
    "bodyweight_circuit": "BW",
    "upper_body_core": "UB",
    "mobility_core": "MC",
    "plyometrics": "PL",
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
LEG_COLOURS = {"heavy": "#b2182b", "light": "#ef8a62", "none": "#4393c3"}
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

CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto;
       max-width: 1320px; color: #222; padding: 0 16px; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { margin-top: 36px; border-bottom: 1px solid #ddd; }
p.lead, p.note { color: #555; max-width: 900px; }
code { background: #f3f3f3; padding: 1px 4px; border-radius: 3px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #e0e0e0; padding: 4px 8px; text-align: left; vertical-align: middle; }
th { background: #f6f6f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary td.num { font-size: 16px; font-weight: 600; }
.ok { color: #1a7f37; } .bad { color: #c62828; font-weight: 600; }
.week { display: inline-flex; gap: 2px; }
.slot { width: 17px; height: 18px; border-radius: 3px; font-size: 9px; line-height: 18px;
        text-align: center; color: #fff; background: #eee; }
.slot.empty { color: #aaa; } .slot.run { background: #fff; color: #333; border: 1px solid #ccc;
        line-height: 16px; font-size: 8px; } .slot.run.key { border-color: #333; font-weight: 700; }
.slot.race { background: #222; color: #fff; }
.heavy { background: #b2182b; } .light { background: #ef8a62; } .none { background: #4393c3; }
td.changed { outline: 2px solid #f0b400; outline-offset: -2px; background: #fffbea; }
td.noweek { color: #777; font-style: italic; }
.matrix td, .matrix th { padding: 3px 5px; } .matrix th.scenario { width: 200px; }
.wide { overflow-x: auto; }
.legend span.slot { display: inline-block; vertical-align: middle; margin-right: 4px; }
.legend { margin: 6px 0; color: #444; }
img { max-width: 100%; }
.small { font-size: 12px; color: #666; }
"""


def report_html(run: BenchRun, command: str) -> str:
    """The whole report as one HTML document."""
    presets = list(run.presets)
    totals = summary(run.rows)
    sections = [
        _header(run, command),
        _summary_section(totals),
        _failures_section(run.rows),
        _matrix_section(run),
        "<h2>Solve time</h2>",
        _img(solve_time_chart(run.rows), "Solve time per scenario"),
        "<h2>What each preset pays for</h2>",
        _img(penalty_chart(run.rows, presets), "Penalty breakdown per preset"),
        _greedy_section(run),
        _brute_force_section(run),
        _scenario_list(run),
    ]
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<title>trainweek bench report</title>"
        f"<style>{CSS}</style></head><body>\n" + "\n".join(sections) + "\n</body></html>\n"
    )


def _img(png: str | None, alt: str) -> str:
    if png is None:
        return "<p class='note'>Nothing to chart.</p>"
    return f"<img alt='{escape(alt)}' src='data:image/png;base64,{png}'>"


def _header(run: BenchRun, command: str) -> str:
    info = machine(run)
    config = run.config
    return (
        "<h1>trainweek bench</h1>"
        f"<p class='lead'>{len(run.scenarios)} scenarios &times; {len(run.presets)} presets "
        f"&times; {config.seeds} seed(s) &times; {config.repeat} repeat(s), "
        f"{run.wall_time_s:.1f} s in all. Command: <code>{escape(command)}</code>. "
        f"Python {escape(info['python'])}, OR-Tools {escape(info['ortools'])}, "
        f"{escape(info['platform'])}.</p>"
    )


def _summary_section(totals: Summary) -> str:
    cells = [
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
    body = "".join(
        f"<tr><th>{label}</th><td class='num'>{value}</td></tr>" for label, value in cells
    )
    return f"<h2>Summary</h2><table class='summary'>{body}</table>"


def _failures_section(rows: list[Row]) -> str:
    failed = [r for r in rows if not r.expectations_met]
    if not failed:
        return "<p class='ok'>Every scenario's expectations hold under every preset.</p>"
    items = "".join(
        f"<li><b>{escape(r.scenario)}</b> @ {escape(r.preset)}: "
        + "; ".join(escape(f) for f in r.failures)
        + "</li>"
        for r in failed
    )
    return f"<h2 class='bad'>Expectations that do not hold</h2><ul>{items}</ul>"


def _legend() -> str:
    sessions = "".join(
        f"<span class='slot {s.leg_load}'>{SESSION_ABBREVIATIONS.get(s.id, '?')}</span>"
        f"{escape(s.name)} ({s.leg_load} legs) &nbsp; "
        for s in catalogue()
    )
    runs = ", ".join(
        f"{letter} {escape(kind.replace('_', ' '))}" for kind, letter in RUN_LETTERS.items()
    )
    return (
        f"<div class='legend'>{sessions}</div>"
        f"<div class='legend small'>Runs row: {runs}; a bold border marks a key run.</div>"
    )


def _session_strip(plan: dict[str, list[str]]) -> str:
    by_id = {s.id: s for s in catalogue()}
    slots = []
    for day in DAYS:
        sessions = plan.get(day, [])
        if sessions:
            session = by_id[sessions[0]]
            label = SESSION_ABBREVIATIONS.get(session.id, "?")
            title = f"{DAY_NAMES[day]}: {session.name}"
            slots.append(
                f"<span class='slot {session.leg_load}' title='{escape(title)}'>{label}</span>"
            )
        else:
            slots.append(f"<span class='slot empty' title='{DAY_NAMES[day]}'>&middot;</span>")
    return f"<span class='week'>{''.join(slots)}</span>"


def _run_strip(request: WeekRequest) -> str:
    slots = []
    for day_id in DAYS:
        day = request.day(day_id)
        if not day.runs:
            slots.append(
                f"<span class='slot empty' title='{DAY_NAMES[day_id]}: rest'>"
                f"{DAY_NAMES[day_id][:2]}</span>"
            )
            continue
        letters = "+".join(RUN_LETTERS[run.type] for run in day.runs)
        classes = (
            "slot run" + (" key" if day.has_key_run else "") + (" race" if day.is_race_day else "")
        )
        runs = ", ".join(f"{run.type.replace('_', ' ')} {run.minutes} min" for run in day.runs)
        title = f"{DAY_NAMES[day_id]}: {runs}" + ("" if day.available else " (no strength)")
        slots.append(
            f"<span class='{classes}' title='{escape(title)}'>{escape(letters[:4])}</span>"
        )
    return f"<span class='week'>{''.join(slots)}</span>"


def _matrix_section(run: BenchRun) -> str:
    presets = list(run.presets)
    reference = presets[0]
    head = "".join(f"<th>{escape(p)}</th>" for p in presets)
    body = []
    for name, rows in _by_scenario(run.rows).items():
        by_preset = {r.preset: r for r in rows}
        scenario = run.scenarios[name]
        cells = []
        for preset in presets:
            row = by_preset[preset]
            if row.status == "infeasible":
                rules = ", ".join(row.conflicts)
                cells.append(f"<td class='noweek'>no week: {escape(rules)}</td>")
                continue
            changed = preset != reference and row.plan != by_preset[reference].plan
            mark = " class='changed'" if changed else ""
            cells.append(f"<td{mark}>{_session_strip(row.plan)}</td>")
        body.append(
            f"<tr><th class='scenario' title='{escape(scenario.description)}'>{escape(name)}"
            f"<br>{_run_strip(scenario.request)}</th>{''.join(cells)}</tr>"
        )
    return (
        "<h2>Where each session landed (scenario &times; preset)</h2>"
        "<p class='note'>Each strip is Mon..Sun. Under the scenario name are its runs; in each "
        f"preset's column the sessions placed. A yellow cell differs from the "
        f"<b>{escape(reference)}</b> column: that is the weight change at work.</p>"
        + _legend()
        + f"<div class='wide'><table class='matrix'><tr><th>scenario</th>{head}</tr>"
        + f"{''.join(body)}</table></div>"
    )


def _greedy_section(run: BenchRun) -> str:
    presets = list(run.presets)
    reference = presets[0]
    head = "".join(f"<th>{escape(p)}</th>" for p in presets)
    body = []
    for name, rows in _by_scenario(run.rows).items():
        by_preset = {r.preset: r for r in rows}
        if all(r.status == "infeasible" for r in rows):
            greedy_too = all(r.greedy_status == "failed" for r in rows)
            note = "no week exists" + ("; greedy finds none either" if greedy_too else "")
            body.append(
                f"<tr><th>{escape(name)}</th>"
                f"<td class='noweek' colspan='{len(presets) + 2}'>{note}</td></tr>"
            )
            continue
        cells = []
        for preset in presets:
            row = by_preset[preset]
            if row.greedy_status == "failed" and row.status != "infeasible":
                cells.append("<td class='bad'>no week found; one exists</td>")
            elif row.status == "infeasible":
                cells.append("<td class='noweek'>none exists</td>")
            else:
                extra = row.greedy_extra_cost or 0
                css = "num bad" if extra > 0 else "num ok"
                cells.append(f"<td class='{css}'>{'+' + str(extra) if extra else '='}</td>")
        ref = by_preset[reference]
        weeks = ""
        if ref.status != "infeasible":
            greedy_plan = _plan_from(ref.greedy_week)
            weeks = (
                f"<td>{_session_strip(ref.plan)} <span class='small'>{ref.objective}</span></td>"
                f"<td>{_session_strip(greedy_plan)} "
                f"<span class='small'>{ref.greedy_objective}</span></td>"
            )
        else:
            weeks = "<td class='noweek' colspan='2'>no week exists</td>"
        body.append(f"<tr><th>{escape(name)}</th>{''.join(cells)}{weeks}</tr>")
    return (
        "<h2>Greedy baseline</h2><p class='note'>A hand-written rules app: walk Mon..Sun, place "
        "the first session that breaks no hard rule, stop at the target. Each cell is how much "
        "more its week costs than the optimum under that preset (= means it found an optimal "
        f"week). The last two columns show both weeks under <b>{escape(reference)}</b> with "
        "their cost.</p>"
        f"<table><tr><th>scenario</th>{head}<th>solver week</th><th>greedy week</th></tr>"
        f"{''.join(body)}</table>"
    )


def _plan_from(week: str) -> dict[str, list[str]]:
    plan: dict[str, list[str]] = {}
    for item in week.split():
        day, _, session = item.partition(":")
        plan.setdefault(day, []).append(session)
    return plan


def _brute_force_section(run: BenchRun) -> str:
    brute = [r for r in run.rows if r.brute_force_placements is not None]
    if not brute:
        return ""
    preset = brute[0].preset
    body = []
    for row in brute:
        if row.brute_force_ms is None:
            continue
        agrees = "yes" if row.brute_force_agrees else "<span class='bad'>NO</span>"
        if row.status == "infeasible":
            agrees += " (no week)"
        ratio = row.brute_force_ms / row.time_median_ms if row.time_median_ms else 0.0
        body.append(
            f"<tr><th>{escape(row.scenario)}</th><td class='num'>{row.brute_force_placements}</td>"
            f"<td class='num'>{row.time_median_ms:.1f}</td>"
            f"<td class='num'>{row.brute_force_ms:.1f}</td>"
            f"<td class='num'>{ratio:.1f}&times;</td><td>{agrees}</td></tr>"
        )
    skipped = [r for r in brute if r.brute_force_ms is None]
    limit = run.config.brute_force_limit
    return (
        "<h2>Brute force beside the solver</h2>"
        f"<p class='note'>Weeks with at most {limit} placements to try were also solved by "
        f"exhaustive enumeration under <b>{escape(preset)}</b>; {len(skipped)} larger weeks "
        f"(up to {max((r.brute_force_placements or 0) for r in brute)} placements, about a "
        "second each) were skipped to keep the run short (<code>--brute-force-limit</code> "
        "raises the bar). For a week with no solution the day-by-day filters leave nothing to "
        "try, so brute force answers at once, while CP-SAT's time includes the explanation of "
        "which rules conflict.</p>"
        + _img(brute_force_chart(run.rows), "CP-SAT and brute force times")
        + "<table><tr><th>scenario</th><th>placements</th><th>CP-SAT ms</th>"
        "<th>brute force ms</th><th>ratio</th><th>same optimum</th></tr>"
        + "".join(body)
        + "</table>"
    )


def _scenario_list(run: BenchRun) -> str:
    body = "".join(
        f"<tr><th>{escape(s.name)}</th><td>{escape(s.expect.status)}</td>"
        f"<td>{escape(s.description)}</td><td class='small'>{escape(s.source)}</td></tr>"
        for s in run.scenarios.values()
    )
    return (
        "<h2>The scenarios</h2><table><tr><th>name</th><th>expected</th><th>week</th>"
        f"<th>source</th></tr>{body}</table>"
    )
