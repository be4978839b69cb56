"""Learning weights from placed weeks: hidden weights recovered, coaches' slips named."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from solver import DEFAULT_WEIGHTS, SoftGoalId, WeekRequest, evaluate, solve
from solver.budget import OverBudget, SolveBudget
from solver.compare import with_weights
from solver.learn import (
    CENTRE_REACH,
    Example,
    _Case,
    _Cut,
    _Master,
    counts_of,
    learn_weights,
    neighbours,
    same_week,
)
from solver.library import load_library
from solver.result import Plan
from solver.rules import SOFT_GOAL_IDS
from tests.helpers import runs, week

# A coach far from the defaults: strength away from key runs, spread out, rest days kept free,
# heavy legs fine on the long-run day.
HIDDEN = {
    **DEFAULT_WEIGHTS,
    SoftGoalId.STRENGTH_ON_HARD_DAYS: 0,
    SoftGoalId.STRENGTH_ON_EASY_DAYS: 6,
    SoftGoalId.SPREAD_SESSIONS: 7,
    SoftGoalId.HEAVY_LEGS_ON_LONG_RUN_DAY: 0,
    SoftGoalId.KEEP_RECOVERY_DAYS_EASY: 9,
}

TRACK_WEEK = week(
    {"mon": runs("easy"), "tue": runs("intervals"), "thu": runs("tempo"), "sat": runs("long")}
)


def placed(request: WeekRequest, weights: Mapping[SoftGoalId, int]) -> Plan:
    """The week the solver places under `weights`."""
    return solve(with_weights(request, weights)).plan


def library_weeks() -> list[WeekRequest]:
    """Every library week that has a solution, by scenario name."""
    scenarios, _ = load_library()
    requests = [scenarios[name].request for name in sorted(scenarios)]
    return [request for request in requests if solve(request).status != "infeasible"]


def test_learning_recovers_hidden_weights_on_weeks_it_has_not_seen():
    """Learned from half the library's weeks placed under hidden weights, the weights place the
    other half as the hidden ones do, which the defaults mostly do not."""
    weeks = library_weeks()
    train, test = weeks[::2], weeks[1::2]
    learned = learn_weights([Example(request, placed(request, HIDDEN)) for request in train])
    assert learned.converged and learned.identical == len(train)

    def agreeing(weights: Mapping[SoftGoalId, int]) -> int:
        return sum(same_week(placed(r, weights), placed(r, HIDDEN)) for r in test)

    assert agreeing(learned.weights) >= 0.9 * len(test)
    assert agreeing(DEFAULT_WEIGHTS) < 0.5 * len(test)


def test_weeks_the_defaults_place_teach_the_defaults():
    """Weeks placed under the default weights are reproduced without moving any weight."""
    weeks = library_weeks()[:6]
    learned = learn_weights([Example(r, placed(r, DEFAULT_WEIGHTS)) for r in weeks])
    assert learned.weights == DEFAULT_WEIGHTS
    assert learned.reproduced == learned.identical == len(weeks)
    assert all(fit.reason is None and fit.differences == [] for fit in learned.per_example)


def test_every_soft_goal_gets_a_weight():
    """The answer weighs every goal of the rule book, whichever the examples touch."""
    learned = learn_weights([Example(TRACK_WEEK, placed(TRACK_WEEK, HIDDEN))])
    assert list(learned.weights) == list(SOFT_GOAL_IDS)


def test_two_placements_of_one_week_contradict_each_other_and_are_named():
    """The same week placed two ways: one is reproduced, the other says which it contradicts."""
    first = placed(TRACK_WEEK, DEFAULT_WEIGHTS)
    second = placed(TRACK_WEEK, HIDDEN)
    assert not same_week(first, second)
    learned = learn_weights([Example(TRACK_WEEK, first), Example(TRACK_WEEK, second)])
    assert learned.identical == 1
    missed = next(fit for fit in learned.per_example if not fit.identical)
    other = 1 - missed.index
    assert missed.reason == f"contradicts example(s) {other}: no weights make both optimal"
    assert missed.differences and missed.regret > 0


def test_a_week_that_breaks_a_hard_rule_is_reported_not_refused():
    """Heavy legs on consecutive days: not reproduced, the reason names the rule, and the other
    example still teaches the weights."""
    broken = {"mon": ["lower_body_core"], "tue": ["lower_body_core"]}
    assert not evaluate(TRACK_WEEK, broken).feasible
    good = placed(TRACK_WEEK, HIDDEN)
    learned = learn_weights([Example(TRACK_WEEK, broken), Example(TRACK_WEEK, good)])
    fit = learned.per_example[0]
    assert not fit.reproduced and not fit.identical
    assert fit.reason is not None and "heavy_legs_48h_apart" in fit.reason
    assert fit.optimal == good
    assert learned.per_example[1].identical


def test_a_week_no_goal_tells_from_the_solvers_loses_the_tie_break_and_says_so():
    """Two sessions the goals weigh alike (bodyweight circuit, upper body): the solver's
    tie-break picks its own week, with the same cost, so the coach's is reproduced, not
    identical."""
    mine = placed(TRACK_WEEK, DEFAULT_WEIGHTS)
    day = next(day for day, ids in mine.items() if ids == ["bodyweight_circuit"])
    swapped = {**mine, day: ["upper_body_core"]}
    assert counts_of(TRACK_WEEK, swapped) == counts_of(TRACK_WEEK, mine)
    fit = learn_weights([Example(TRACK_WEEK, swapped)]).per_example[0]
    assert fit.reproduced and not fit.identical and fit.regret == 0
    assert fit.reason is not None and "no goal tells them apart" in fit.reason


def test_the_base_is_kept_where_the_weeks_say_nothing():
    """A base far from the defaults stays as it is when it already reproduces the weeks."""
    base = {goal: 3 for goal in SOFT_GOAL_IDS}
    example = Example(TRACK_WEEK, placed(TRACK_WEEK, base))
    assert learn_weights([example], base).weights == base


def test_the_weights_are_the_centre_of_those_that_fit_not_a_corner():
    """A hand-made week the defaults do not keep ahead: the coach's misses keeping a recovery
    day easy once, a week that wins ties misses strength on a hard day once. The weights
    closest to the base only just keep the coach's week ahead (recovery 2, hard days 3); the
    answer is the centre of the corners of the weights that fit near the base (each traded
    goal's least and greatest), with room to spare, and the goals no week trades keep the
    base."""
    recovery, hard = SoftGoalId.KEEP_RECOVERY_DAYS_EASY, SoftGoalId.STRENGTH_ON_HARD_DAYS
    base = dict(DEFAULT_WEIGHTS)
    assert base[recovery] + 1 > base[hard]

    def misses(goal: SoftGoalId) -> tuple[int, ...]:
        return tuple(int(g == goal) for g in SOFT_GOAL_IDS)

    plan: Plan = {"mon": ["upper_body_core"]}
    case = _Case(0, Example(TRACK_WEEK, plan), misses(recovery), rank=0, broken_rules=[])
    case.cuts.append(_Cut({"tue": ["upper_body_core"]}, misses(hard), wins_ties=True))
    master = _Master(base)
    weights = master.fit([case], base, seconds=1.0)

    corners = master.corners
    assert len(corners) == 4
    assert all(p[recovery] + 1 <= p[hard] for p in corners)
    assert (min(p[recovery] for p in corners), min(p[hard] for p in corners)) == (0, 1)
    assert max(p[hard] for p in corners) > base[hard] + CENTRE_REACH
    for goal in (recovery, hard):
        average = sum(p[goal] for p in corners) / len(corners)
        assert abs(weights[goal] - average) < 1
    assert weights[hard] - weights[recovery] >= 2
    assert all(
        weights[goal] == base[goal] for goal in SOFT_GOAL_IDS if goal not in {recovery, hard}
    )


def test_a_budget_too_small_for_one_round_is_refused():
    """Seconds that cannot cover solving each week once: OverBudget, before any answer."""
    example = Example(TRACK_WEEK, placed(TRACK_WEEK, HIDDEN))
    with pytest.raises(OverBudget, match="s of solving; send fewer examples"):
        learn_weights([example], budget=SolveBudget(max_solves=1000, max_seconds=1e-9))


def test_neighbours_are_one_edit_away():
    """Moves, swaps, removals and additions: each neighbour differs from the week on one or
    two days."""
    plan: Plan = {"tue": ["lower_body_core"], "thu": ["upper_body_core"]}
    found = neighbours(plan)
    assert {"tue": [], "thu": ["upper_body_core"]}.items() <= found[0].items()
    for neighbour in found:
        changed = [d for d in neighbour if sorted(neighbour[d]) != sorted(plan.get(d, []))]
        assert 1 <= len(changed) <= 2
    moved = {**{d: [] for d in neighbour}, "wed": ["lower_body_core"], "thu": ["upper_body_core"]}
    assert any(same_week(n, moved) for n in found)
