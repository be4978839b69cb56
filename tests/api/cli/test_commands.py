"""The `trainweek` command line end to end, on scenario files and bad files."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from api.cli import build_parser, main
from solver import catalogue, evaluate
from solver.scenario import Scenario
from tests.helpers import ROOT

HANSONS = str(ROOT / "scenarios" / "hansons-beginner-10-weeks-out.json")


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command as a user would, in a process of its own."""
    command = [sys.executable, "-m", "api.cli", *args]
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, check=False, cwd=ROOT
    )


@pytest.mark.slow
def test_solve_prints_the_week_and_exits_0():
    """A published week is printed as a table, each session with its dose, and the penalty
    breakdown."""
    done = run_cli("solve", HANSONS)
    assert done.returncode == 0, done.stderr
    assert "Thu" in done.stdout and "Strength and control" in done.stdout
    assert "3 x 5 @ RPE 7" in done.stdout
    assert "strength_on_easy_days" in done.stdout


def test_solve_json_is_the_result_and_keeps_every_rule(capsys):
    """--json prints the result, which the checker finds feasible with the same objective."""
    assert main(["solve", HANSONS, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    request = Scenario.load(Path(HANSONS)).request
    plan = {day: [s["session"] for s in d["strength"]] for day, d in result["days"].items()}
    scored = evaluate(request, plan)
    assert result["status"] == "optimal"
    assert scored.feasible and scored.objective == result["objective"]


def test_weights_override_changes_the_week(capsys):
    """--weights moves strength off key-run days when easy days weigh more."""
    main(["solve", HANSONS, "--json", "--weights", "strength_on_easy_days=20"])
    result = json.loads(capsys.readouterr().out)
    placed = {day for day, d in result["days"].items() if d["strength"]}
    assert placed and not placed & {"tue", "thu", "sun"}


def test_infeasible_week_exits_3_with_conflicts(tmp_path, capsys):
    """A week with no possible placement exits 3 and lists conflicts as JSON."""
    path = tmp_path / "closed.json"
    closed = {
        day: {"available": False} for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    }
    path.write_text(json.dumps({"days": closed}))
    assert main(["solve", str(path), "--json"]) == 3
    result = json.loads(capsys.readouterr().out)
    assert {c["rule"] for c in result["conflicts"]} == {"session_count", "fits_availability"}
    assert main(["solve", str(path)]) == 3
    assert "No week keeps every hard rule" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "invalid JSON at line 1 column 2"),
        ("[1, 2]", "expected a JSON object"),
        (
            '{"days": {"tue": {"runs": [{"type": "easy", "minutes": -5}]}}}',
            "days.tue.runs[0].minutes",
        ),
        ('{"weights": {"nope": 1}}', "unknown goal id(s) nope"),
    ],
)
def test_bad_file_exits_2_with_one_line(tmp_path, content, message):
    """A missing or invalid file gives exit 2 and one line saying what and where, no traceback."""
    path = tmp_path / "week.json"
    if content is not None:
        path.write_text(content)
    done = run_cli("solve", str(path))
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_bad_weights_option_exits_2():
    """A malformed --weights pair is a one-line error."""
    done = run_cli("solve", HANSONS, "--weights", "spread_sessions=lots")
    assert done.returncode == 2 and "expected GOAL=N" in done.stderr


def test_sessions_json_lists_the_catalogue(capsys):
    """`sessions --json` prints every catalogue session with its fields."""
    assert main(["sessions", "--json"]) == 0
    sessions = json.loads(capsys.readouterr().out)["sessions"]
    assert {"id", "name", "leg_load", "equipment", "needs_gym", "minutes", "exercises"} <= set(
        sessions[0]
    )
    assert len(sessions) == len(catalogue())


def test_rules_lists_hard_rules_and_soft_goals(capsys):
    """`rules` shows every rule id and goal id with its default weight."""
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "no_heavy_legs_before_key_run" in out and "keep_recovery_days_easy" in out


def test_serve_defaults_to_loopback_port_8000(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PORT or flags, serve binds 127.0.0.1:8000."""
    monkeypatch.delenv("PORT", raising=False)
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_port_from_the_environment_and_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    """PORT overrides the default port, and --port overrides PORT."""
    monkeypatch.setenv("PORT", "9123")
    assert build_parser().parse_args(["serve"]).port == 9123
    assert build_parser().parse_args(["serve", "--port", "9200"]).port == 9200


@pytest.mark.parametrize("port", ["http", "0", "70000"])
def test_a_bad_port_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A port that is not 1-65535 stops with argparse's usage error (exit 2) naming it."""
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["serve", "--port", port])
    assert stopped.value.code == 2
    assert port in capsys.readouterr().err


def test_coach_add_prints_the_id_and_a_token_the_api_accepts(capsys):
    """`trainweek coach add NAME` registers the coach in the app's database; the token works."""
    from api.app import create_app
    from api.store import EXTENSION

    assert main(["coach", "add", "Ana", "--json"]) == 0
    coach = json.loads(capsys.readouterr().out)
    app = create_app()
    response = app.test_client().get(
        "/v1/coaches/me", headers={"Authorization": f"Bearer {coach['token']}"}
    )
    app.extensions[EXTENSION].dispose()
    assert response.status_code == 200
    assert response.get_json()["id"] == coach["id"]


def test_coach_add_shows_the_token_once_in_words(capsys):
    """Without --json the id, name and token are printed, with the warning it is shown once."""
    assert main(["coach", "add", "Ben"]) == 0
    out = capsys.readouterr().out
    assert "coach 1: Ben" in out
    assert "token: " in out and "Shown only now" in out


@pytest.mark.slow
def test_coach_add_with_a_blank_name_exits_2():
    """A name of only spaces is bad input: exit 2 and a one-line message."""
    done = run_cli("coach", "add", "  ")
    assert done.returncode == 2
    assert "name" in done.stderr


def test_version_names_the_installed_release(capsys):
    """`trainweek --version` prints the package's version and exits 0."""
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"trainweek {version('trainweek')}"


def test_solve_reads_the_week_from_stdin(monkeypatch, capsys):
    """`-` reads the request from standard input, as a file would be read."""
    monkeypatch.setattr("sys.stdin", io.StringIO(Path(HANSONS).read_text()))
    assert main(["solve", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "optimal"


def test_bad_json_on_stdin_names_stdin(monkeypatch, capsys):
    """A broken request on stdin exits 2 with one line that says it came from stdin."""
    monkeypatch.setattr("sys.stdin", io.StringIO("{not json"))
    assert main(["solve", "-"]) == 2
    assert capsys.readouterr().err.strip() == (
        "trainweek: error: stdin: invalid JSON at line 1 column 2: "
        "Expecting property name enclosed in double quotes"
    )


@pytest.mark.slow
def test_output_into_a_closed_pipe_ends_quietly():
    """Output into a pipe whose reader has gone (`| head -1`) ends without a traceback."""
    command = [sys.executable, "-m", "api.cli", "sessions", "--json"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        # Closed before the command has started up, so its first write finds no reader.
        process.stdout.close()
        errors = process.stderr.read().decode()
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
    assert process.returncode == 141


def test_scenarios_lists_the_library_and_the_presets(capsys):
    """`trainweek scenarios --json` lists every scenario and every preset that ship."""
    assert main(["scenarios", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed["scenarios"]) >= 30
    assert "hard-days-hard" in {preset["name"] for preset in listed["presets"]}


def file_commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> dict:
    """Every command (at any depth) with its FILE argument, if it takes one."""
    found: dict[tuple[str, ...], argparse.Action | None] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(file_commands(sub, (*prefix, name)))
    if prefix and not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions):
        found[prefix] = next((a for a in parser._actions if a.metavar == "FILE"), None)
    return found


def test_every_command_that_reads_a_file_takes_dash_for_stdin():
    """Each FILE argument says '-' reads stdin, and no command module opens files itself:
    they all read through read_json_object (api/cli/common.py), which does."""
    commands = file_commands(build_parser())
    assert ("solve",) in commands and ("coach", "add") in commands
    for command, action in commands.items():
        if action is not None:
            assert "- reads stdin" in (action.help or ""), command
    for module in (ROOT / "api" / "cli").glob("*.py"):
        if module.name != "common.py":
            source = module.read_text()
            assert "read_text(" not in source and "open(" not in source, module.name


def test_version_holds_beside_every_command():
    """`trainweek --version` answers before any command's own arguments are needed."""
    for command in file_commands(build_parser()):
        with pytest.raises(SystemExit) as exited:
            main(["--version", *command])
        assert exited.value.code == 0


def test_the_cli_reads_whole_numbers_as_the_api_does(monkeypatch, capsys):
    """`120.0` minutes on stdin is 120, as over HTTP; `120.5` is the one-line exit 2."""
    week = '{"days": {"sun": {"runs": [{"type": "long", "minutes": %s}]}}}'
    monkeypatch.setattr("sys.stdin", io.StringIO(week % "120.0"))
    assert main(["solve", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["days"]["sun"]["runs"][0]["minutes"] == 120
    monkeypatch.setattr("sys.stdin", io.StringIO(week % "120.5"))
    assert main(["solve", "-"]) == 2
    assert "days.sun.runs[0].minutes" in capsys.readouterr().err


TIMED_WEEK = {
    "days": {
        "tue": {"runs": [{"type": "intervals", "minutes": 60, "at": "07:00"}]},
        "thu": {"runs": [{"type": "easy", "minutes": 40, "slot": "am"}]},
    },
    "strength": {"min_sessions": 2, "max_sessions": 2},
}


def test_solve_shows_the_times_of_a_timed_week(tmp_path, capsys):
    """The table shows each timed run's start or slot and each session's start."""
    path = tmp_path / "week.json"
    path.write_text(json.dumps(TIMED_WEEK))
    assert main(["solve", str(path), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    starts = [s["at"] for day in answer["days"].values() for s in day["strength"]]
    assert len(starts) == 2 and all(starts)
    assert main(["solve", str(path)]) == 0
    table = capsys.readouterr().out
    assert "07:00 intervals" in table and "am easy" in table
    assert all(f"{start} " in table for start in starts)


def test_a_bad_window_exits_2_naming_it(tmp_path):
    """A window that ends before it starts: exit 2, one line naming days.tue.windows."""
    path = tmp_path / "week.json"
    path.write_text(json.dumps({"days": {"tue": {"windows": [["09:00", "07:00"]]}}}))
    done = run_cli("solve", str(path))
    assert done.returncode == 2
    assert "days.tue.windows" in done.stderr and "ends before it starts" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
