"""The week cache: the same request is solved once and answered again from memory; only
optimal answers are kept, each caller gets its own copy, the least recently asked leaves first."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from api.services import week_cache
from api.services.week_cache import WeekCache
from solver import DAYS, WeekRequest, WeekResult, solve
from tests.helpers import runs, week

Solves = list[WeekRequest]


@pytest.fixture
def solves(monkeypatch: pytest.MonkeyPatch) -> Solves:
    """The requests the cache hands to the solver, in order. Each request's first answer is
    given again for it (its wall time, so its size as JSON, stays the same)."""
    asked: Solves = []
    answers: dict[str, WeekResult] = {}

    def counted(request: WeekRequest) -> WeekResult:
        asked.append(request)
        key = request.model_dump_json()
        if key not in answers:
            answers[key] = solve(request)
        return answers[key].model_copy(deep=True)

    monkeypatch.setattr(week_cache, "solve", counted)
    return asked


def hard_week(**fields: object) -> WeekRequest:
    """A week of intervals, tempo and a long run, easy days between, two rest days."""
    types = ("intervals", "easy", None, "tempo", "easy", "long", None)
    days = {day: runs(kind) if kind else runs() for day, kind in zip(DAYS, types, strict=True)}
    return week(days, **fields)


def test_the_same_request_is_solved_once_and_answered_again(solves: Solves) -> None:
    """The second answer is the first week, marked cached, with the first solve's time."""
    cache = WeekCache()
    first = cache.solve(hard_week())
    again = cache.solve(hard_week())
    assert len(solves) == 1
    assert first.status == "optimal" and not first.solver.cached
    assert again.solver.cached
    assert again.model_dump(exclude={"solver"}) == first.model_dump(exclude={"solver"})
    assert again.solver.wall_time_ms == first.solver.wall_time_ms


def test_a_request_that_differs_in_anything_is_solved(solves: Solves) -> None:
    """Other weights are another request: solved, and its own week."""
    cache = WeekCache()
    cache.solve(hard_week())
    other = cache.solve(hard_week(weights={"spread_sessions": 0, "strength_on_hard_days": 9}))
    assert len(solves) == 2
    assert not other.solver.cached


def test_each_caller_gets_its_own_copy(solves: Solves) -> None:
    """Changing an answer does not change what the cache gives next."""
    cache = WeekCache()
    cache.solve(hard_week())
    mine = cache.solve(hard_week())
    mine.days["mon"].strength.clear()
    mine.penalties.clear()
    again = cache.solve(hard_week())
    assert again.penalties and any(day.strength for day in again.days.values())


def test_only_optimal_answers_are_kept(solves: Solves, monkeypatch: pytest.MonkeyPatch) -> None:
    """A week the time limit cut short, and a week that cannot exist, are solved each time."""

    def with_status(status: str) -> Callable[[WeekRequest], WeekResult]:
        def solved(request: WeekRequest) -> WeekResult:
            solves.append(request)
            return solve(request).model_copy(update={"status": status})

        return solved

    for status in ("feasible", "infeasible"):
        solves.clear()
        monkeypatch.setattr(week_cache, "solve", with_status(status))
        cache = WeekCache()
        cache.solve(hard_week())
        assert not cache.solve(hard_week()).solver.cached
        assert len(solves) == 2 and len(cache) == 0


def kept_bytes(request: WeekRequest) -> int:
    """What the request and its answer take in a cache."""
    cache = WeekCache()
    cache.solve(request)
    return cache.nbytes


def test_the_least_recently_asked_leaves_first(solves: Solves) -> None:
    """With room for two weeks: a, b, a, c keeps a and c; b is solved again."""
    a, b, c = (hard_week(strength={"target_sessions": n}) for n in (1, 2, 3))
    room = sum(kept_bytes(request) for request in (a, b, c)) - 1
    solves.clear()
    cache = WeekCache(room)
    for request in (a, b, a, c):
        cache.solve(request)
    assert len(solves) == 3 and len(cache) == 2 and cache.nbytes <= room
    assert cache.solve(a).solver.cached and cache.solve(c).solver.cached
    assert not cache.solve(b).solver.cached


@pytest.mark.parametrize("room", [0, 1000])
def test_a_week_larger_than_the_room_is_not_kept(solves: Solves, room: int) -> None:
    """No room (or less than the week takes) keeps nothing."""
    assert kept_bytes(hard_week()) > 1000
    solves.clear()
    cache = WeekCache(room)
    cache.solve(hard_week())
    assert not cache.solve(hard_week()).solver.cached
    assert len(solves) == 2 and len(cache) == 0 and cache.nbytes == 0


def test_a_week_two_callers_solve_at_once_is_kept_once(
    solves: Solves, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other caller's answer lands while this one solves: the cache counts it once."""
    cache, request = WeekCache(), hard_week()
    alone = kept_bytes(request)
    one_solve = week_cache.solve

    def other_caller_first(asked: WeekRequest) -> WeekResult:
        monkeypatch.setattr(week_cache, "solve", one_solve)
        cache.solve(asked)
        return one_solve(asked)

    monkeypatch.setattr(week_cache, "solve", other_caller_first)
    cache.solve(request)
    assert len(cache) == 1 and cache.nbytes == alone
