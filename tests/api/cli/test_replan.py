"""`trainweek replan FILE|-`: the week as it happens, in the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from api.cli import main
from solver import solve
from tests.helpers import runs, week

REQUEST: dict[str, Any] = {
    "days": {"mon": runs("easy"), "tue": runs("intervals"), "thu": runs("easy")},
    "week_of": "2026-11-30",
}


def replan_file(tmp_path: Path, **happened: Any) -> str:
    """A replan body for REQUEST's solved week, written to a file; its path."""
    held = solve(week(**REQUEST)).model_dump(mode="json")["days"]
    path = tmp_path / "replan.json"
    path.write_text(json.dumps({"request": REQUEST, "week": held, **happened}))
    return str(path)


def held_session() -> tuple[str, str]:
    """The first day of REQUEST's solved week holding strength, and its session."""
    plan = solve(week(**REQUEST)).plan
    day = next(d for d, sessions in plan.items() if sessions)
    return day, plan[day][0]


def test_replan_prints_the_week_and_its_changes(tmp_path, capsys):
    """A missed session: the table, then what changed with the rule id, exit 0."""
    day, session = held_session()
    path = replan_file(tmp_path, today="sun", missed=[{"day": day, "session": session}])
    assert main(["replan", path]) == 0
    out = capsys.readouterr().out
    assert "Replanned from Sun" in out
    assert "past_as_it_happened" in out and "missed" in out


def test_replan_json_is_the_result_with_changes(tmp_path, capsys):
    """--json prints the replan result: the week, today and changes."""
    assert main(["replan", replan_file(tmp_path, today="mon"), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["today"] == "mon" and answer["changes"] == []
    assert answer["status"] == "optimal"


def test_replan_reads_stdin(tmp_path, capsys, monkeypatch):
    """`-` reads the body from stdin."""
    import io

    body = Path(replan_file(tmp_path, today="wed")).read_text()
    monkeypatch.setattr("sys.stdin", io.StringIO(body))
    assert main(["replan", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["today"] == "wed"


@pytest.mark.parametrize(
    ("happened", "where"),
    [
        ({"today": "2026-12-08"}, "today"),
        ({"today": "wed", "done": [{"day": "mon", "session": "plyometrics"}]}, "done[0].session"),
        ({"today": "wed", "legs": "wobbly"}, "legs"),
    ],
)
def test_bad_input_is_exit_2_with_one_line(tmp_path, capsys, happened, where):
    """What the week does not hold, or a schema error: exit 2, one line naming the field."""
    assert main(["replan", replan_file(tmp_path, **happened)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and where in err


def test_no_week_is_exit_3_with_the_conflicts(tmp_path, capsys):
    """A runner's move that breaks a rule: exit 3, the conflicting rules printed."""
    path = tmp_path / "replan.json"
    path.write_text(
        json.dumps(
            {
                "request": {**REQUEST, "days": {**REQUEST["days"], "sat": runs("long")}},
                "week": {"mon": {"strength": [{"session": "strength_control"}]}},
                "today": "mon",
                "moved": [{"day": "mon", "session": "strength_control", "to": "fri"}],
            }
        )
    )
    assert main(["replan", str(path)]) == 3
    assert "no_heavy_legs_before_key_run" in capsys.readouterr().out
