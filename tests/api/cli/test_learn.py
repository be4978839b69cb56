"""`trainweek learn FILE|-`: weights learned from placed weeks, in the terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from api.cli import main
from api.cli.learn import TOKEN_VARIABLE
from api.services.learn import EXAMPLE_BODY


@pytest.fixture
def examples_file(tmp_path: Path) -> str:
    """The OpenAPI example's body in a file."""
    path = tmp_path / "weeks.json"
    path.write_text(json.dumps(EXAMPLE_BODY), encoding="utf-8")
    return str(path)


def test_learn_prints_the_weights_and_the_agreement(examples_file, capsys):
    """Exit 0, a table of weights and how many weeks were reproduced."""
    assert main(["learn", examples_file]) == 0
    out = capsys.readouterr().out
    assert "level_fit" in out
    assert "2 of 2 weeks optimal under these weights, 2 placed exactly as given." in out


def test_learn_reads_stdin_and_prints_json(capsys, monkeypatch):
    """'-' reads the examples from stdin; --json prints the answer as the API does."""
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(EXAMPLE_BODY)))
    assert main(["learn", "-", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["agreement"] == {"examples": 2, "reproduced": 2, "identical": 2}
    assert answer["profile"] is None


def test_a_week_that_cannot_be_reproduced_is_listed_with_why(tmp_path, capsys):
    """A week breaking a hard rule is still exit 0: the week is listed with the rule."""
    broken = {**EXAMPLE_BODY["examples"][0], "plan": {"wed": [{"session": "lower_body_core"}]}}
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"examples": [broken]}), encoding="utf-8")
    assert main(["learn", str(path)]) == 0
    out = capsys.readouterr().out
    assert "week 0" in out and "no_heavy_legs_before_key_run" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"examples": []}', "examples: List should have at least 1 item"),
        ("[1]", "expected a JSON object"),
        ('{"examples": [{"request": {}, "plan": {"tue": [{"session": "x"}]}}]}', "unknown"),
        ('{"examples": [{"request": {}, "plan": {}}], "base": "nope"}', "unknown preset"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, content, message):
    """Malformed examples, an unknown session or preset: exit 2 and one line saying what."""
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["learn", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_save_without_a_token_exits_2(examples_file, capsys, monkeypatch):
    """--save needs the coach's token in the environment: without it, exit 2 saying where."""
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    assert main(["learn", examples_file, "--save", "--name", "mine"]) == 2
    assert TOKEN_VARIABLE in capsys.readouterr().err


def test_save_with_a_token_creates_the_profile(examples_file, capsys, monkeypatch):
    """With a coach's token, --save --name saves a profile; saving it again exits 2 (taken)."""
    assert main(["coach", "add", "Ana", "--json"]) == 0
    token = json.loads(capsys.readouterr().out)["token"]
    monkeypatch.setenv(TOKEN_VARIABLE, token)
    assert main(["learn", examples_file, "--save", "--name", "mine", "--json"]) == 0
    profile = json.loads(capsys.readouterr().out)["profile"]
    assert profile["name"] == "mine"
    assert main(["learn", examples_file, "--save", "--name", "mine"]) == 2
    assert "already exists" in capsys.readouterr().err
