"""`trainweek import`: a plan file in, plan JSON on stdout, the report on stderr or in a file."""

from __future__ import annotations

import io
import json
import sys

import pytest

from api.cli import main
from tests.solver.importers.conftest import FIXTURES

GARMIN = str(FIXTURES / "garmin_all_day.ics")
FRR = str(FIXTURES / "frr_5k_01_structure.yaml")


def test_import_prints_the_plan_and_the_report_table(capsys):
    """The plan JSON on stdout; the table with the unclassified Fartlek on stderr."""
    assert main(["import", GARMIN]) == 0
    out, err = capsys.readouterr()
    plan = json.loads(out)
    assert plan["start"] == "2026-03-02" and plan["goal_race"]["distance"] == "half"
    assert "Fartlek" in err and "1 unclassified" in err


def test_map_and_report_file(capsys, tmp_path):
    """--map classifies the Fartlek; --report writes the report as JSON instead of stderr."""
    report = tmp_path / "report.json"
    assert main(["import", GARMIN, "--map", "Fartlek=intervals", "--report", str(report)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    written = json.loads(report.read_text())
    assert written["unclassified"] == [] and len(written["events"]) == 9
    assert "Fartlek" in out


def test_calendar_hack_needs_and_takes_the_race_date(capsys):
    """Without --race-date: exit 2 and one line; with it: twelve weeks ending on race day."""
    assert main(["import", FRR]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "race date" in err
    assert main(["import", FRR, "--race-date", "2026-06-07", "--paces", "easy=5.5"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert len(plan["weeks"]) == 12 and plan["athlete"]["paces"]["easy"] == 5.5


def test_stdin_is_read_with_a_dash(capsys, monkeypatch):
    """`-` reads the file from stdin."""
    monkeypatch.setattr(
        sys,
        "stdin",
        io.TextIOWrapper(io.BytesIO(FIXTURES.joinpath("garmin_all_day.ics").read_bytes())),
    )
    assert main(["import", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["start"] == "2026-03-02"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "nowhere.ics"], "nowhere.ics: no such file"),
        (["import", GARMIN, "--race-date", "March"], "--race-date March: expected a date"),
        (["import", GARMIN, "--race-date", "2026-01-01"], "is before the plan"),
        (["import", GARMIN, "--map", "Fartlek"], "expected PATTERN=TYPE"),
        (["import", GARMIN, "--paces", "easy=fast"], "--paces easy=fast"),
        (["import", GARMIN, "--format", "json"], "invalid JSON"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, message):
    """Each bad input: exit 2, one line on stderr saying what, nothing on stdout."""
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and message in err
