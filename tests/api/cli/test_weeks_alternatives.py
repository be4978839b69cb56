"""`trainweek alternatives FILE|-`: every other day for one session, as the route answers it."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from api.cli import main
from api.contract import REQUEST_EXAMPLES
from api.services.alternatives import AlternativesBody, week_alternatives

BODY: dict[str, Any] = REQUEST_EXAMPLES["week_alternatives"]


@pytest.fixture
def body_file(tmp_path):
    """The documented request body in a file."""
    path = tmp_path / "alternatives.json"
    path.write_text(json.dumps(BODY))
    return str(path)


def test_table_lists_every_other_day_with_its_verdict(body_file, capsys):
    """The table has a row for each of the six other days: the allowed ones with their cost,
    the forbidden one with its rule."""
    assert main(["alternatives", body_file]) == 0
    out = capsys.readouterr().out
    for day in ("Mon", "Tue", "Wed", "Fri", "Sat", "Sun"):
        assert f"│ {day} │" in out
    assert "one_session_per_day" in out
    assert "costs the same" in out


def test_json_is_the_services_answer(body_file, capsys):
    """--json prints what POST /v1/weeks/alternatives answers for the same body."""
    assert main(["alternatives", body_file, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = week_alternatives(AlternativesBody.model_validate(BODY))
    assert printed == expected.model_dump(mode="json")


def test_day_and_session_options_pick_another_session(monkeypatch, capsys):
    """--day and --session override the file's, read from stdin."""
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(BODY)))
    assert (
        main(["alternatives", "-", "--day", "tue", "--session", "lower_body_core", "--json"]) == 0
    )
    answer = json.loads(capsys.readouterr().out)
    assert (answer["day"], answer["session"]) == ("tue", "lower_body_core")
    assert {a["day"] for a in answer["alternatives"]} == {"mon", "wed", "thu", "fri", "sat", "sun"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--day", "wed"], "session: week.wed has no session 'upper_body_core'"),
        (["--day", "someday"], "day: Input should be"),
    ],
)
def test_bad_input_exits_2_with_one_line(body_file, capsys, args, message):
    """A session not on that day or an unknown day: exit 2, one line naming the field."""
    assert main(["alternatives", body_file, *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_timed_week_gets_an_at_column(tmp_path, capsys):
    """A week with times: the table has an At column, each window's row its start, and the
    title the session's own start."""
    scenario = json.loads(
        (
            Path(__file__).resolve().parents[3]
            / "scenarios"
            / "evening-lift-before-0700-intervals.json"
        ).read_text()
    )
    request = {key: scenario[key] for key in ("days", "athlete")}
    week = {"tue": {"strength": [{"session": "strength_control", "at": "17:00"}]}}
    path = tmp_path / "timed.json"
    path.write_text(
        json.dumps({"request": request, "week": week, "day": "tue", "session": "strength_control"})
    )
    assert main(["alternatives", str(path)]) == 0
    out = capsys.readouterr().out
    assert "strength_control on Tue 17:00" in out
    assert "┃ At " in out
    assert "│ Mon │ 18:00 │ no" in out  # the evening before the 07:00 intervals
    assert "no_heavy_legs_before_key_run" in out


def test_an_untimed_week_has_no_at_column(body_file, capsys):
    """The documented (untimed) body: no At column."""
    assert main(["alternatives", body_file]) == 0
    assert "┃ At " not in capsys.readouterr().out
