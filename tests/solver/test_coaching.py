"""What a coach checks, over the whole scenario library under every preset (issue 11, Done when).

Each test reads every solved week: the hard rules keep some of these facts, the goals others;
here they are stated as a coach would, once, over every week.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from solver import catalogue, evaluate, solve
from solver.catalogue import Session, session_by_id
from solver.domain import DAYS, WeekRequest
from solver.library import load_library
from solver.result import WeekResult
from solver.rules import HardRuleId

SCENARIOS, PRESETS = load_library()


@cache
def solved(scenario: str, preset: str) -> tuple[WeekRequest, WeekResult]:
    """The scenario's request under the preset, and its solved week."""
    request = PRESETS[preset].apply(SCENARIOS[scenario].request)
    return request, solve(request)


def weeks() -> Iterator[tuple[str, WeekRequest, WeekResult]]:
    """Every solved week of the library under every preset, with its name."""
    for scenario in SCENARIOS:
        for preset in PRESETS:
            request, result = solved(scenario, preset)
            if result.status != "infeasible":
                yield f"{scenario}@{preset}", request, result


def placed(result: WeekResult) -> Iterator[tuple[int, Session]]:
    """Each placed session with its day index."""
    sessions = session_by_id()
    for day_index, day in enumerate(DAYS):
        for session_id in result.plan[day]:
            yield day_index, sessions[session_id]


def test_no_heavy_legs_on_or_after_a_long_run_of_two_hours():
    """Never heavy legs on the day of, or the day after, a long run of 2 h or more."""
    for name, request, result in weeks():
        days = request.week
        for day_index, session in placed(result):
            if not session.heavy_legs:
                continue
            if not request.relaxes(HardRuleId.NO_HEAVY_LEGS_ON_VERY_LONG_RUN_DAY):
                assert not days[day_index].has_very_long_run, name
            if day_index and not request.relaxes(HardRuleId.NO_HEAVY_LEGS_AFTER_VERY_LONG_RUN):
                assert not days[day_index - 1].has_very_long_run, name


def test_no_heavy_legs_inside_a_race_window_and_no_strength_on_race_day():
    """No heavy legs in the 2 days before a race or its recovery after; nothing on race day."""
    for name, request, result in weeks():
        days = request.week
        recovering = request.races_recovering()
        for day_index, session in placed(result):
            assert not days[day_index].is_race_day, name
            if session.heavy_legs:
                assert day_index not in recovering, name
                ahead = days[day_index + 1 : day_index + 3]
                assert not any(day.is_race_day for day in ahead), name


def test_race_week_is_mobility_and_upper_body_only():
    """In race week every session leaves the legs alone."""
    for name, request, result in weeks():
        if request.athlete.phase == "race_week":
            assert all(not session.works_legs for _, session in placed(result)), name


def test_no_heavy_session_repeats_where_an_alternative_fits():
    """A heavy session that repeats the previous heavy one had no other heavy session that
    keeps every hard rule on its day."""
    heavy_sessions = [s for s in catalogue() if s.heavy_legs]
    for name, request, result in weeks():
        previous: Session | None = None
        for day_index, session in placed(result):
            if not session.heavy_legs:
                continue
            if previous is not None and previous.id == session.id:
                day = DAYS[day_index]
                for other in heavy_sessions:
                    if other.id == session.id:
                        continue
                    swapped = {**result.plan, day: [other.id]}
                    assert not evaluate(request, swapped).feasible, (name, day, other.id)
            previous = session


def test_every_catalogue_session_is_chosen_somewhere():
    """Every session in the catalogue is the answer for some week of the library."""
    used = {session.id for _, _, result in weeks() for _, session in placed(result)}
    assert used == {session.id for session in catalogue()}
