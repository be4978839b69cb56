"""`trainweek plan` end to end: the published plan, bad input (exit 2), no plan (exit 3)."""

from __future__ import annotations

import json

from api.cli import main
from solver import PlanRequest, evaluate_plan
from tests.helpers import ROOT

HIGDON = str(ROOT / "scenarios" / "plans" / "higdon-marathon-novice1.json")


def test_plan_json_is_the_result_and_keeps_every_rule(capsys):
    """--format json prints the result, which the plan checker finds feasible, same objective."""
    assert main(["plan", HIGDON, "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    placement = {d["date"]: [s["session"] for s in d["strength"]] for d in result["days"]}
    with open(HIGDON, encoding="utf-8") as file:
        request = PlanRequest.model_validate(json.load(file))
    scored = evaluate_plan(request, placement)
    assert result["status"] == "optimal"
    assert scored.feasible and scored.objective == result["objective"]


def test_plan_table_shows_a_row_per_week(capsys):
    """The table has each week's Monday, phase and step, and the penalty breakdown."""
    assert main(["plan", HIGDON]) == 0
    out = capsys.readouterr().out
    assert "2026-12-28" in out and "race_week" in out and "deload" in out
    assert "strength_on_hard_days" in out


def test_level_equipment_and_weights_override_the_file(capsys):
    """--level beginner and --equipment home: no heavy gym session anywhere in the plan."""
    args = ["plan", HIGDON, "--format", "json", "--level", "beginner", "--equipment", "home"]
    assert main([*args, "--weights", "routine=0"]) == 0
    result = json.loads(capsys.readouterr().out)
    sessions = {s["session"] for d in result["days"] for s in d["strength"]}
    assert sessions and not sessions & {"lower_body_core", "strength_control"}
    assert all(p["goal"] != "routine" for p in result["penalties"])


def test_bad_plans_exit_2_with_one_line(tmp_path, capsys):
    """A Tuesday start, an unknown preset and a bad weight each exit 2 with one line."""
    path = tmp_path / "tuesday.json"
    path.write_text(json.dumps({"start": "2027-03-02", "weeks": [{}]}), encoding="utf-8")
    assert main(["plan", str(path)]) == 2
    assert main(["plan", HIGDON, "--preset", "nope"]) == 2
    assert main(["plan", HIGDON, "--weights", "routine=x"]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3
    assert "start: 2027-03-02 is a Tuesday" in errors[0] and "unknown preset 'nope'" in errors[1]


def test_no_plan_exits_3_with_dated_conflicts(tmp_path, capsys):
    """A closed week exits 3; the JSON names the conflicts' dates and what to relax."""
    closed = {d: {"available": False} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    path = tmp_path / "closed.json"
    body = {"start": "2027-03-01", "weeks": [{}, {"days": closed}]}
    path.write_text(json.dumps(body), encoding="utf-8")
    assert main(["plan", str(path), "--format", "json"]) == 3
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "infeasible"
    assert any("2027-03-10" in c["dates"] for c in answer["conflicts"])
    assert answer["suggestions"]
