"""`trainweek plan` end to end: the published plan, bad input (exit 2), no plan (exit 3)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar
from rich.console import Console

from api.cli import common, main
from api.cli import plans as plans_cli
from api.cli.common import InputError
from api.services.busy import busy_dates
from api.services.plans import ProfiledPlanRequest
from solver import PlanRequest, evaluate_plan
from solver.times import minutes_of
from tests.api.routes.test_plans_timed import timed_plan_calendar
from tests.helpers import ROOT
from tests.solver.importers.conftest import FIXTURES

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


GARMIN = str(FIXTURES / "garmin_all_day.ics")
FRR = str(FIXTURES / "frr_5k_01_structure.yaml")
INPUTS = {
    "json": [HIGDON],
    "ics": [GARMIN],
    "calendar-hack": [FRR, "--race-date", "2026-06-07"],
}


@pytest.mark.parametrize("source", INPUTS)
@pytest.mark.parametrize("output", ["json", "ics", "html", "table"])
def test_each_input_format_gives_each_output(tmp_path, capsys, source, output):
    """Three formats in x four outputs, to stdout and the same bytes to --out."""
    args = ["plan", *INPUTS[source], "--format", output]
    assert main(args) == 0
    printed = capsys.readouterr().out
    out = tmp_path / f"plan.{output}"
    assert main([*args, "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    written = out.read_text(encoding="utf-8")
    if output == "json":
        assert json.loads(written)["status"] == json.loads(printed)["status"] == "optimal"
    elif output == "ics":
        calendar = Calendar.from_ical(written)
        assert any("strength.trainweek" in str(e["UID"]) for e in calendar.walk("VEVENT"))
    elif output == "html":
        assert written.startswith("<!doctype html>") and written == printed
    else:
        assert "Week of" in written and written == printed


def test_an_ics_output_keeps_the_calendars_events(capsys):
    """Every event of the Garmin export comes back with its UID."""
    assert main(["plan", GARMIN, "--format", "ics"]) == 0
    uids = {str(e["UID"]) for e in Calendar.from_ical(capsys.readouterr().out).walk("VEVENT")}
    source = {str(e["UID"]) for e in Calendar.from_ical(Path(GARMIN).read_bytes()).walk("VEVENT")}
    assert source < uids


def test_unclassified_events_are_in_the_json_and_the_table(capsys):
    """The Fartlek: listed in `unclassified` and under the table; --map classifies it."""
    assert main(["plan", GARMIN, "--format", "json"]) == 0
    unclassified = json.loads(capsys.readouterr().out)["unclassified"]
    assert len(unclassified) == 1 and "Fartlek" in unclassified[0]
    assert main(["plan", GARMIN]) == 0
    assert "1 unclassified" in capsys.readouterr().out
    assert main(["plan", GARMIN, "--map", "Fartlek=intervals", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["unclassified"] == []


def test_input_format_forces_the_reader(capsys):
    """--input-format ics on plan JSON: exit 2 naming the file and the problem."""
    assert main(["plan", HIGDON, "--input-format", "ics"]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and HIGDON in error and "calendar" in error


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([FRR], "race date"),
        ([GARMIN, "--race-date", "2020-01-01"], "before the plan"),
        ([GARMIN, "--race-date", "tomorrow"], "YYYY-MM-DD"),
        ([GARMIN, "--map", "Fartlek"], "Fartlek"),
        ([GARMIN, "--paces", "easy=fast"], "--paces"),
        (["/no/such/file.ics"], "no such file"),
    ],
)
def test_bad_files_and_flags_exit_2_with_one_line(capsys, args, words):
    """Each bad input: exit 2, one line on stderr naming it, nothing on stdout."""
    assert main(["plan", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and words in err


def test_out_is_all_or_nothing(tmp_path, capsys):
    """A bad input leaves the old --out file as it was and no temporary file behind; a good one
    replaces it whole."""
    out = tmp_path / "plan.json"
    out.write_text("old", encoding="utf-8")
    assert main(["plan", FRR, "--format", "json", "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "old"
    assert main(["plan", GARMIN, "--format", "json", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["status"] == "optimal"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]
    capsys.readouterr()


def test_out_in_a_missing_folder_exits_2(tmp_path, capsys):
    """--out where no file can be written: exit 2, one line."""
    assert main(["plan", GARMIN, "--out", str(tmp_path / "nope" / "plan.json")]) == 2
    assert "--out" in capsys.readouterr().err


def test_a_failed_write_removes_its_temporary_file(tmp_path, monkeypatch):
    """The rename fails: the target is untouched and the temporary file is gone."""
    out = tmp_path / "plan.ics"
    out.write_bytes(b"old")

    def refuse(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(common.os, "replace", refuse)
    with pytest.raises(InputError, match="No space left"):
        common.write_atomically(out, b"new")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]


def test_no_progress_when_stderr_is_not_a_terminal(capsys):
    """Piped (as under pytest), stderr stays empty: the spinner is for terminals only."""
    assert main(["plan", GARMIN, "--format", "json"]) == 0
    assert capsys.readouterr().err == ""


def test_progress_on_a_terminal_names_the_weeks(monkeypatch):
    """On a terminal the spinner is told the weeks and dates being solved."""
    told: list[str] = []

    class Status:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def update(self, text):
            told.append(text)

    console = Console(stderr=True, force_terminal=True)
    monkeypatch.setattr(console, "status", lambda text: Status())
    with plans_cli._solving(console) as on_solve:
        assert on_solve is not None
        on_solve(ProfiledPlanRequest.model_validate({"start": "2027-03-01", "weeks": [{}, {}]}))
    assert told == ["Solving 2 weeks, 2027-03-01 to 2027-03-14, as one model..."]


def test_plan_tz_starts_timed_events_in_the_runners_zone(capsys, tmp_path):
    """--tz: a calendar's timed runs start at their local time there, and --format ics writes
    the timed strength with TZID at the JSON answer's starts."""
    source = tmp_path / "timed.ics"
    source.write_bytes(timed_plan_calendar())
    assert main(["plan", str(source), "--tz", "Europe/Paris", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {run["at"] for day in result["days"] for run in day["runs"]} >= {"06:30", "18:00"}
    expected = {d["date"]: s["at"] for d in result["days"] for s in d["strength"]}
    assert main(["plan", str(source), "--tz", "Europe/Paris", "--format", "ics"]) == 0
    calendar = Calendar.from_ical(capsys.readouterr().out)
    written = {
        e.decoded("DTSTART").date().isoformat(): f"{e.decoded('DTSTART'):%H:%M}"
        for e in calendar.walk("VEVENT")
        if str(e.get("X-TRAINWEEK-KIND")) == "strength"
        and str(e.decoded("DTSTART").tzinfo) == "Europe/Paris"
    }
    assert written == expected
    assert main(["plan", str(source), "--tz", "Mars/Olympus"]) == 2
    assert "unknown time zone" in capsys.readouterr().err


def test_plan_busy_places_strength_in_the_free_time(capsys, tmp_path):
    """--busy fills each date's windows from the work calendar (read in --tz): every strength
    session of the plan lies inside its date's free time, none on the busy Saturday."""
    source = tmp_path / "timed.ics"
    source.write_bytes(timed_plan_calendar())
    work = FIXTURES / "busy" / "work.ics"
    arguments = ["plan", str(source), "--tz", "Europe/Paris", "--busy", str(work)]
    assert main([*arguments, "--day", "07:00-22:00", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    first, last = result["days"][0]["date"], result["days"][-1]["date"]
    free = busy_dates(
        work.read_bytes(),
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
        timezone="Europe/Paris",
        day="07:00-22:00",
    ).dates
    placed = [(d["date"], s) for d in result["days"] for s in d["strength"]]
    assert placed
    for date, session in placed:
        start = minutes_of(session["at"])
        assert any(
            minutes_of(low) <= start and start + session["minutes"] <= minutes_of(high)
            for low, high in free[date]
        ), (date, session["at"], free[date])
    assert "2026-03-07" not in {date for date, _ in placed}
    assert main([*arguments, "--day", "22:00-07:00"]) == 2
    assert "--day" in capsys.readouterr().err
