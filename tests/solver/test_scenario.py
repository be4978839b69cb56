"""The scenario file format: `expect` is validated, and checking a week says what failed."""

from __future__ import annotations

import json

import pytest

from solver import solve
from solver.library import load_library
from solver.scenario import Expect, Scenario, ScenarioError, load_scenarios
from tests.helpers import runs, week


def _expect(**fields) -> Expect:
    return Expect.model_validate({"status": "optimal", **fields})


@pytest.fixture
def long_run_saturday():
    """A week whose answer holds sessions: easy Tue, tempo Thu, long Sat; two sessions."""
    request = week(
        {"tue": runs("easy"), "thu": runs("tempo"), "sat": runs("long", minutes=100)},
        strength={"min_sessions": 2, "max_sessions": 2},
    )
    return solve(request)


def test_a_never_fact_that_holds_reports_nothing(long_run_saturday):
    """No session lands on Fri (the day before the long run), so the fact holds."""
    expect = _expect(never=[{"days": ["fri"], "leg_load": "heavy", "why": "long run next"}])
    assert expect.check(long_run_saturday) == []


def test_a_never_fact_that_breaks_names_the_day_and_session(long_run_saturday):
    """A fact forbidding any session on the days the solver used fails, naming what it found."""
    used = [day for day, sessions in long_run_saturday.plan.items() if sessions]
    expect = _expect(never=[{"days": used, "why": "made to fail"}])
    failures = expect.check(long_run_saturday)
    assert len(failures) == 1
    assert "made to fail" in failures[0]
    assert "found" in failures[0]


def test_a_must_fact_fails_when_no_matching_session_is_placed(long_run_saturday):
    """Asking for a gym-free session on Mon, a day left empty, fails."""
    expect = _expect(must=[{"days": ["mon"], "needs_gym": False, "why": "made to fail"}])
    assert expect.check(long_run_saturday) == [
        f"must have a session without a gym on Mon (made to fail): none in "
        f"{_placed(long_run_saturday)}"
    ]


def _placed(result) -> str:
    return (
        "["
        + ", ".join(f"{d.title()} {s}" for d, sessions in result.plan.items() for s in sessions)
        + "]"
    )


def test_a_fact_scoped_to_another_preset_is_not_checked(long_run_saturday):
    """A fact for `hard-days-hard` is skipped under `default` and checked under its preset."""
    fact = {"days": ["mon"], "why": "only for hard days", "presets": ["hard-days-hard"]}
    expect = _expect(must=[fact])
    assert expect.check(long_run_saturday, "default") == []
    assert len(expect.check(long_run_saturday, "hard-days-hard")) == 1


def test_session_count_outside_the_range_fails(long_run_saturday):
    """Two sessions placed against an expected range of exactly three fails."""
    expect = _expect(sessions=[{"min": 3, "max": 3, "why": "base phase"}])
    assert expect.check(long_run_saturday)[0].startswith("sessions 3..3 (base phase): 2 placed")


def test_a_wrong_status_is_reported_alone(long_run_saturday):
    """Expecting infeasible of a week that solves reports the status and nothing else."""
    expect = Expect(status="infeasible", conflicts=["session_count"])
    assert expect.check(long_run_saturday) == ["status: expected infeasible, got optimal"]


def test_an_infeasible_week_must_name_the_expected_rules():
    """A rule the explanation does not name is reported with the rules it does name."""
    impossible = solve(_race_only())
    expect = Expect(
        status="infeasible", conflicts=["no_strength_on_race_day", "heavy_legs_48h_apart"]
    )
    failures = expect.check(impossible)
    assert len(failures) == 1
    assert "heavy_legs_48h_apart" in failures[0]


def _race_only():
    unavailable = {"available": False}
    days = {day: unavailable for day in ("mon", "tue", "wed", "thu", "fri", "sat")}
    return week({**days, "sun": runs("race", minutes=200)})


@pytest.mark.parametrize(
    ("expect", "message"),
    [
        ({"status": "infeasible"}, "must name the rules in conflict"),
        (
            {"status": "infeasible", "conflicts": ["session_count"], "never": [{"why": "x"}]},
            "no week to state facts about",
        ),
        ({"status": "optimal", "conflicts": ["session_count"]}, "only for infeasible"),
        ({"status": "optimal", "never": [{"session": "squats", "why": "x"}]}, "unknown session"),
        ({"status": "optimal", "never": [{"days": ["fri"]}]}, "why"),
        ({"status": "optimal", "never": [{"days": ["friday"], "why": "x"}]}, "days"),
        ({"status": "optimal", "sessions": [{"min": 3, "max": 1, "why": "x"}]}, "min (3)"),
        ({"status": "maybe"}, "status"),
    ],
)
def test_invalid_expectations_are_rejected(expect, message):
    """An expectation that cannot be checked, or checks nothing, is a validation error."""
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Expect.model_validate(expect)


def test_a_scenario_file_must_be_named_after_the_scenario(tmp_path):
    """`name` and the file name agree, so `--scenarios GLOB` and the API find the same week."""
    path = tmp_path / "other-name.json"
    path.write_text(
        json.dumps(
            {"name": "a-week", "description": "d", "source": "s", "expect": {"status": "optimal"}}
        )
    )
    with pytest.raises(ScenarioError, match="must match the file name"):
        Scenario.load(path)


def test_a_fact_scoped_to_an_unknown_preset_is_an_error(tmp_path):
    """A typo in a preset name would silently switch a fact off: loading the library refuses it."""
    fact = {"days": ["mon"], "why": "x", "presets": ["hard-days-hardd"]}
    scenario = {
        "name": "a-week",
        "description": "d",
        "source": "s",
        "expect": {"status": "optimal", "never": [fact]},
    }
    (tmp_path / "a-week.json").write_text(json.dumps(scenario))
    assert load_scenarios(tmp_path)  # without presets to check against, it loads
    with pytest.raises(ScenarioError, match="unknown preset"):
        load_scenarios(tmp_path, presets=["default", "hard-days-hard"])


def test_to_dict_round_trips_a_scenario_file(tmp_path):
    """A scenario written back with `to_dict` loads to the same scenario."""
    scenario = load_library()[0]["coach-sample-week"]
    path = tmp_path / "coach-sample-week.json"
    path.write_text(json.dumps(scenario.to_dict()))
    assert Scenario.load(path) == scenario


@pytest.fixture
def commuter():
    """A timed library week: runs at 06:30, lifts at lunch or after 18:00."""
    scenarios, _ = load_library()
    return solve(scenarios["commuter-0630-runs-lunch-or-evening-lifts"].request)


def test_a_between_fact_reads_the_sessions_start(commuter):
    """`between` keeps only sessions starting in the span: the commuter's lifts start at 12:00
    or later, so a fact about the morning finds none and one about the day finds them all."""
    starts = sorted(s.at for plan in commuter.days.values() for s in plan.strength if s.at)
    assert starts and starts[0] >= "12:00"
    morning = {"between": ["00:00", "11:59"], "why": "made to fail"}
    assert _expect(never=[morning]).check(commuter) == []
    failures = _expect(must=[morning]).check(commuter)
    assert len(failures) == 1
    assert "starting 00:00-11:59" in failures[0]
    day = {"between": ["00:00", "23:59"], "why": "made to fail"}
    failures = _expect(never=[day]).check(commuter)
    assert len(failures) == 1
    assert all(f" {at}: " in failures[0] for at in starts)


def test_a_between_fact_finds_nothing_in_a_week_without_times(long_run_saturday):
    """No session has a start in a week without times: a `between` fact matches none."""
    whole_day = {"between": ["00:00", "23:59"], "why": "no times"}
    assert _expect(never=[whole_day]).check(long_run_saturday) == []
