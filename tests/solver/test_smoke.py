"""The published Hansons week solves with every hard rule kept."""

from solver import evaluate, solve


def test_hansons_week_solves_optimally_and_keeps_every_hard_rule(hansons_week):
    """The model's week passes the independent checker with the same objective."""
    result = solve(hansons_week)
    assert result.status == "optimal"
    scored = evaluate(hansons_week, result.plan)
    assert scored.feasible
    assert scored.objective == result.objective
