"""`trainweek busy` and `trainweek solve --busy`: the free windows as a table or JSON, a week
solved inside them, and each bad input exit 2 with one line."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from api.cli import main
from solver.times import minutes_of
from tests.solver.importers.conftest import FIXTURES

WORK = str(FIXTURES / "busy" / "work.ics")


def test_busy_prints_the_week_as_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    """One row a day; Saturday busy all day."""
    assert main(["busy", WORK, "--week-of", "2026-03-04", "--tz", "Europe/Paris"]) == 0
    out = capsys.readouterr().out
    assert "05:00-08:30, 12:30-13:30, 17:30-22:00" in out
    assert "busy all day" in out and "week of 2026-03-02" in out


def test_busy_json_of_a_date_range_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-` reads stdin; --start/--end answer each date; --day clips."""
    stdin = io.TextIOWrapper(io.BytesIO(Path(WORK).read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    arguments = ["busy", "-", "--start", "2026-03-08", "--end", "2026-03-09"]
    assert main([*arguments, "--tz", "Europe/Paris", "--day", "06:00-21:00", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["dates"] == {
        "2026-03-08": [["06:00", "16:00"], ["16:10", "21:00"]],
        "2026-03-09": [["06:00", "08:30"], ["12:30", "13:30"], ["17:30", "21:00"]],
    }


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["busy", str(FIXTURES / "garmin_all_day.ics"), "--week-of", "2026-03-02"], None),
        (["busy", __file__, "--week-of", "2026-03-02"], "not a calendar"),
        (["busy", WORK, "--week-of", "2026-03-02", "--tz", "Mars/Olympus"], "--tz"),
        (["busy", WORK, "--week-of", "2026-03-02", "--day", "22:00-05:00"], "--day"),
        (["busy", WORK, "--week-of", "2026-02-30"], "--week-of"),
        (["busy", WORK, "--start", "2026-03-09", "--end", "2026-03-02"], "--end"),
        (["busy", WORK, "--start", "2026-03-09"], "--start needs --end"),
        (["busy", "no-such.ics", "--week-of", "2026-03-02"], "no such file"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], arguments: list[str], says: str | None
) -> None:
    """Not a calendar, an unknown zone, a backwards day, bad dates: exit 2, one line naming it
    (a training calendar is a calendar too: its events are busy time, exit 0)."""
    code = main(arguments)
    err = capsys.readouterr().err.strip()
    if says is None:
        assert code == 0 and err == ""
        return
    assert code == 2 and len(err.splitlines()) == 1 and says in err, err


def test_solve_with_busy_places_strength_in_the_free_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--busy fills the windows before solving: every session lies inside Paris free time
    (the day from 07:00), none on the all-day-busy Saturday."""
    request = {
        "week_of": "2026-03-02",
        "days": {
            "tue": {"runs": [{"type": "intervals", "minutes": 60, "at": "06:30"}]},
            "sun": {"runs": [{"type": "long", "minutes": 120, "at": "08:00"}]},
        },
    }
    path = tmp_path / "week.json"
    path.write_text(json.dumps(request))
    options = ["--tz", "Europe/Paris", "--day", "07:00-22:00"]
    assert main(["busy", WORK, "--week-of", "2026-03-02", *options, "--json"]) == 0
    free = json.loads(capsys.readouterr().out)["days"]
    assert main(["solve", str(path), "--busy", WORK, *options, "--json"]) == 0
    week = json.loads(capsys.readouterr().out)
    placed = [(d, s) for d, day in week["days"].items() for s in day["strength"]]
    assert placed
    for day_id, session in placed:
        start = minutes_of(session["at"])
        assert any(
            minutes_of(low) <= start and start + session["minutes"] <= minutes_of(high)
            for low, high in free[day_id]
        ), (day_id, session)
    assert "sat" not in {day_id for day_id, _ in placed}


def test_solve_with_busy_needs_week_of(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A request without week_of cannot say which week to read: exit 2, one line."""
    path = tmp_path / "week.json"
    path.write_text(json.dumps({"days": {}}))
    assert main(["solve", str(path), "--busy", WORK]) == 2
    assert "--week-of" in capsys.readouterr().err
