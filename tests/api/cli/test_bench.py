"""`trainweek bench` on the command line: flags, the three files, exit codes and messages."""

from __future__ import annotations

import argparse
import json

import pytest

from api.cli import main
from api.cli.bench import add_commands, command_line, config_from
from solver.library import library_dir


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers())
    return parser.parse_args(["bench", *argv])


def test_presets_may_be_comma_or_space_separated():
    """`--presets a,b c` names three presets, in order, and the command line spells them back."""
    config = config_from(_parse("--presets", "default,hard-days-hard", "protect-recovery"))
    assert config.presets == ["default", "hard-days-hard", "protect-recovery"]
    assert "--presets default,hard-days-hard,protect-recovery" in command_line(config, "out")


def test_without_presets_the_bench_runs_every_preset():
    """No `--presets`: the config names none, so the runner takes the whole library's."""
    assert config_from(_parse()).presets is None


def test_a_small_run_writes_the_three_files(tmp_path):
    """Exit 0 when every expectation holds, and results.csv, results.json, report.html in --out."""
    argv = ["bench", "--scenarios", "higdon-5k-novice-week-01", "--presets", "default"]
    assert main([*argv, "--seeds", "1", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report.html",
        "results.csv",
        "results.json",
    ]
    command = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))["command"]
    assert "--presets default" in command


def test_a_failed_expectation_makes_the_bench_exit_1(tmp_path):
    """A scenario whose expectation does not hold is reported, and the exit code says so."""
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    data = json.loads((library_dir() / "coach-sample-week.json").read_text(encoding="utf-8"))
    data["expect"]["must"] = [{"days": ["wed"], "why": "made to fail"}]
    (scenarios / "coach-sample-week.json").write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out"
    argv = ["bench", "--scenario-dir", str(scenarios), "--presets", "default", "--out", str(out)]
    assert main(argv) == 1
    assert "made to fail" in (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--presets", "default,no-such-preset"], "unknown preset(s) no-such-preset"),
        (["--scenarios", "no-such-week-*"], "no scenario"),
    ],
)
def test_bad_options_exit_2_with_a_message(options, message, tmp_path, capsys):
    """An unknown preset or a glob that matches nothing is bad input, said in one line."""
    assert main(["bench", *options, "--out", str(tmp_path)]) == 2
    assert message in capsys.readouterr().out.replace("\n", " ")
    assert not list(tmp_path.iterdir())
