"""`solve(request, seed=...)`: the benchmark's seeds change the search, never the week."""

from __future__ import annotations

from solver import solve
from solver.library import load_library


def test_the_seed_is_recorded_and_defaults_to_the_fixed_one():
    """The answer says which seed found it; without one it is the service's fixed seed."""
    request = load_library()[0]["hansons-beginner-10-weeks-out"].request
    assert solve(request, seed=12345).solver.seed == 12345
    assert solve(request).solver.seed == 7


def test_every_library_week_is_the_same_whatever_the_seed():
    """The objective's tie-break makes the optimum unique, so seeds cannot change the week."""
    for scenario in load_library()[0].values():
        weeks = {str(solve(scenario.request, seed=seed).plan) for seed in (1, 2, 3)}
        assert len(weeks) == 1, scenario.name
