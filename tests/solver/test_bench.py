"""The bench: a small run writes the three files, with the right rows, self-contained."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest

from solver.bench.report import phase_summary, report_html, results_json, write_outputs
from solver.bench.runner import BenchConfig, BenchError, placements_to_try, run_bench
from solver.brute_force import brute_force_optimum
from solver.library import library_dir
from tests.helpers import runs, week

SMALL_RUN = BenchConfig(
    scenarios="higdon-5k-novice-week-0*", presets=["default", "hard-days-hard"], seeds=2
)
EXPECTED_PAIRS = {
    (scenario, preset)
    for scenario in ("higdon-5k-novice-week-01", "higdon-5k-novice-week-08-race")
    for preset in ("default", "hard-days-hard")
}


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """Two scenarios x two presets benched once into a temporary folder."""
    out = tmp_path_factory.mktemp("bench-out")
    write_outputs(run_bench(SMALL_RUN), out)
    return out


def test_the_three_files_are_written(small_run):
    """results.csv, results.json and report.html land in --out."""
    assert sorted(p.name for p in small_run.iterdir()) == [
        "report.html",
        "results.csv",
        "results.json",
    ]


def test_the_csv_has_one_row_per_scenario_and_preset(small_run):
    """Four rows, each solved optimally, with times, the week and a cost column per goal."""
    with (small_run / "results.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert {(row["scenario"], row["preset"]) for row in rows} == EXPECTED_PAIRS
    assert len(rows) == 4
    for row in rows:
        assert row["status"] == "optimal"
        assert row["expectations_met"] == "True"
        assert row["same_week_all_seeds"] == "True"
        assert float(row["time_median_ms"]) <= float(row["time_max_ms"])
        assert int(row["objective"]) == sum(
            int(value) for key, value in row.items() if key.startswith("cost_")
        )


def test_the_json_holds_settings_summary_and_per_seed_detail(small_run):
    """Two seeds, each with its week and times; the summary counts four solves."""
    data = json.loads((small_run / "results.json").read_text(encoding="utf-8"))
    assert data["settings"]["seeds"] == [7, 8]
    assert data["summary"]["solves"] == 4
    assert data["summary"]["expectations_met"] == 4
    assert all(len(row["seeds"]) == 2 for row in data["rows"])


def test_the_report_is_self_contained(small_run):
    """No script, stylesheet link or URL: charts are inline PNGs, so it opens anywhere."""
    html = (small_run / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://", html)
    assert "<script" not in html and "<link" not in html
    assert html.count("src='data:image/png;base64,") >= 2
    for heading in ("Summary", "Where each session landed", "Greedy baseline", "Brute force"):
        assert heading in html


def test_text_from_scenarios_is_escaped(tmp_path):
    """A description holding markup shows as text, never as HTML."""
    source = library_dir() / "higdon-5k-novice-week-01.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["description"] = "<script>alert('coach')</script> & <b>bold</b>"
    (tmp_path / source.name).write_text(json.dumps(data), encoding="utf-8")
    config = BenchConfig(presets=["default"], scenario_dir=tmp_path)
    (html_path,) = [
        p for p in write_outputs(run_bench(config), tmp_path / "out") if p.suffix == ".html"
    ]
    html = html_path.read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#39;coach&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold" in html


def test_a_failed_expectation_is_a_row_and_in_the_report(tmp_path):
    """A scenario whose expectation does not hold is flagged in its row and listed in the report."""
    data = json.loads((library_dir() / "coach-sample-week.json").read_text(encoding="utf-8"))
    data["expect"]["must"] = [{"days": ["wed"], "why": "made to fail"}]
    (tmp_path / "coach-sample-week.json").write_text(json.dumps(data), encoding="utf-8")
    run = run_bench(BenchConfig(presets=["default"], scenario_dir=tmp_path))
    (row,) = run.rows
    assert not row.expectations_met
    write_outputs(run, tmp_path / "out")
    assert "made to fail" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (BenchConfig(presets=["default", "no-such-preset"]), "unknown preset(s) no-such-preset"),
        (BenchConfig(scenarios="no-such-week-*"), "no scenario"),
    ],
)
def test_bad_options_are_a_bench_error(config, message):
    """An unknown preset or a glob that matches nothing is refused before anything is solved."""
    with pytest.raises(BenchError, match=re.escape(message)):
        run_bench(config)


def test_importing_the_bench_leaves_matplotlib_to_the_report():
    """Only the report draws charts: `solver` and `solver.bench` load without matplotlib."""
    code = "import sys, solver, solver.bench; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_placements_are_counted_exactly_as_brute_force_tries_them():
    """The size estimate that decides whether to enumerate matches the enumerator's own count."""
    request = week(
        {"mon": {"available": False}, "tue": runs("tempo"), "sat": runs("race")},
        strength={"min_sessions": 1, "max_sessions": 2},
    )
    assert placements_to_try(request) == brute_force_optimum(request).placements_tried


def test_brute_force_runs_only_on_small_weeks_and_agrees_with_the_solver():
    """Under the limit brute force runs and finds the solver's optimum; over it, it is skipped."""
    config = BenchConfig(scenarios="tight-minutes", presets=["default"], brute_force_limit=3000)
    (row,) = run_bench(config).rows
    # Three short sessions (15-20 min) fit the 25 free minutes; no plyometrics on hard-run days.
    assert row.brute_force_placements == 1258
    assert row.brute_force_agrees is True
    config = BenchConfig(scenarios="tight-minutes", presets=["default"], brute_force_limit=1000)
    (row,) = run_bench(config).rows
    assert row.brute_force_ms is None


def test_the_report_sums_up_each_phase_with_its_doses():
    """Per phase: weeks, sessions, heavy sessions and doses; race week has no heavy sessions,
    deload-type weeks light doses, and the HTML shows the table."""
    config = BenchConfig(scenarios="higdon-*", presets=["default"], brute_force_limit=0)
    run = run_bench(config)
    phases = {phase.phase: phase for phase in phase_summary(run)}
    assert {"base", "build", "race_week"} <= set(phases)
    assert phases["race_week"].heavy_sessions == 0
    assert sum(p.weeks for p in phases.values()) == sum(r.status != "infeasible" for r in run.rows)
    assert all(sum(p.doses.values()) == p.sessions for p in phases.values())
    assert "2 x 8 @ RPE 5" in phases["race_week"].doses
    assert "By phase" in report_html(run, "test") and "race_week" in report_html(run, "test")
    assert results_json(run, "test")["phases"][0]["phase"] == "base"
