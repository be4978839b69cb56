"""Learn a coach's weights from weeks they placed: inverse optimisation by cutting planes.

Each week P has a vector of goal counts c(P) (the checker's misses per soft goal), and costs
w . c(P) under weights w. The coach's week P_e for request e is *the solver's choice* under w
when every other week Q costs more, or costs the same and loses the tie-break
(`solver.rules.tie_break`): w . (c(P_e) - c(Q)) + [Q wins ties] <= 0.

There are too many weeks Q to list, so the loop finds the ones that matter (Ahuja & Orlin 2001,
"Inverse optimization"; the cutting-plane scheme of preference elicitation for constraint
models, see docs/learning.md):

1. the master, a small CP-SAT model over integer weights, picks weights that satisfy the
   inequalities of every week found so far, with a slack per example for weeks no weights can
   keep: fewest examples with slack first, then the least slack; their sum stays within half
   and twice the base's, so the answer is on the scale of the defaults. Of the weights that
   fit it answers the *centre* (a Bayes point, Herbrich et al. 2001: an unseen week tips a
   corner of the weights that fit either way, their centre less often): the least distance to
   the base (each goal's move relative to its base weight) is found first; then, within
   `CENTRE_REACH` times that distance, the least and the greatest weight of each goal some
   example trades off (each a whole weight vector, a corner), and the weights closest to those
   corners' average. Goals no example trades off keep the base's weight; when the base fits
   (distance 0) it is the answer;
2. the week solver (`solver.solve`) is the oracle: under those weights it returns each
   example's optimal week; a week other than the coach's is a new inequality;
3. repeat until no example has a new better week, or the iteration or time budget ends.

An example is *reproduced* when the coach's week costs the same as the optimal week under the
learned weights (regret 0), and *identical* when the solver returns exactly it (it also wins
the tie-break). The master aims at identical; the answer reports both.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model
from pydantic import BaseModel, Field

from solver.budget import OverBudget, SolveBudget
from solver.catalogue import catalogue
from solver.checker import Scorer, evaluate, goal_details, parse_plan
from solver.compare import with_weights
from solver.cpsat.engine import SEED, Model
from solver.cpsat.solve import solve
from solver.domain import DAY_NAMES, DAYS, MAX_WEIGHT, WeekRequest
from solver.result import Plan
from solver.rules import DEFAULT_WEIGHTS, SOFT_GOAL_IDS, SoftGoalId, tie_break

MAX_EXAMPLES = 50
MAX_ITERATIONS = 40
"""Rounds of master and oracle at most; a clean set of 20 weeks settles in about ten."""
EXAMPLE_TIME_LIMIT_S = 1.0
"""The longest one example's week may be solved in a round (a week takes milliseconds)."""
MIN_SOLVE_SECONDS = 0.01
"""The least time a solve is given once the first round is done (a week takes milliseconds)."""
MASTER_TIME_LIMIT_S = 1.0
"""The longest each stage of the master may search."""
MASTER_STAGES = 5
"""The master's stages at most: examples with slack, slack, distance, the centre's corners
(which share one stage's seconds), the weights closest to their average."""
SCALE_RANGE = 2
"""The learned weights' sum lies between the base's divided and multiplied by this."""
CENTRE_REACH = 8
"""The centre is taken among the weights that fit within this many times the least distance
to the base: far enough from the closest weights to leave the edge (2 and 4 left more regret
in benchmarks/bench_learn.py), near enough that the base still counts."""
CORNER_DETERMINISTIC_TIME = 0.05
"""CP-SAT's deterministic time a corner may take (about seconds on a typical machine): a
hundred times what the library's corners took at most (0.0005), so a corner is always proven."""
RELATIVE_SCALE = 27720
"""A goal's move from its base weight counts RELATIVE_SCALE / base weight per unit (the least
common multiple of 1..12, so the defaults' moves are counted exactly in integers)."""

WHAT = "learning weights from these weeks"
ADVICE = "send fewer examples, or raise the solving budget's seconds"
UNLIMITED = SolveBudget(max_solves=2**62, max_seconds=math.inf)

Counts = tuple[int, ...]
"""A week's misses of each soft goal, in rule-book order."""


@dataclass(frozen=True)
class Example:
    """A week request and the week a coach placed for it."""

    request: WeekRequest
    plan: Plan


class DayDifference(BaseModel):
    """A day where the coach's week and the optimal week differ."""

    day: str = Field(description="The day, mon..sun.")
    example: list[str] = Field(description="Session ids the coach placed that day.")
    optimal: list[str] = Field(description="Session ids of the optimal week that day.")


class ExampleFit(BaseModel):
    """How one example week fares under the learned weights."""

    index: int = Field(description="The example's position in `examples`, from 0.")
    reproduced: bool = Field(
        description="Whether the coach's week is optimal under the learned weights (it costs "
        "the same as the optimal week: regret 0)."
    )
    identical: bool = Field(
        description="Whether the solver returns exactly the coach's week (it also wins the "
        "tie-break among weeks of equal cost)."
    )
    optimal: Plan = Field(description="The optimal week under the learned weights.")
    differences: list[DayDifference] = Field(
        description="The days where the coach's week and the optimal week differ."
    )
    regret: int = Field(
        description="How much more the coach's week costs than the optimal week, in the "
        "learned weights' terms (0 when reproduced)."
    )
    reason: str | None = Field(
        default=None,
        description="When not identical: why no weights make it the solver's week (a hard "
        "rule it breaks, a week no worse on any goal, or the examples it contradicts).",
    )


class Learned(BaseModel):
    """The weights learned from the examples, and how each example fares under them."""

    weights: dict[SoftGoalId, int] = Field(description="Every soft goal's learned weight.")
    examples: int = Field(description="How many examples were given.")
    reproduced: int = Field(description="How many example weeks are optimal under them.")
    identical: int = Field(description="How many the solver returns exactly.")
    per_example: list[ExampleFit] = Field(description="Each example, in the order given.")
    iterations: int = Field(description="Rounds of master and oracle run.")
    converged: bool = Field(
        description="Whether the loop ended because no example had a new better week "
        "(false: the iteration or time budget ended it first)."
    )


def counts_of(request: WeekRequest, plan: Plan) -> Counts:
    """The week's misses of each soft goal, in rule-book order (weights play no part)."""
    details = goal_details(request, plan)
    return tuple(len(details[goal]) for goal in SOFT_GOAL_IDS)


def cost(weights: Mapping[SoftGoalId, int], counts: Counts) -> int:
    """The week's total penalty under `weights`."""
    return sum(weights[goal] * count for goal, count in zip(SOFT_GOAL_IDS, counts, strict=True))


def same_week(a: Plan, b: Plan) -> bool:
    """Whether two plans place the same sessions on every day."""
    return all(sorted(a.get(day, [])) == sorted(b.get(day, [])) for day in DAYS)


@dataclass
class _Cut:
    """A week found for an example: the coach's week must not lose to it."""

    plan: Plan
    counts: Counts
    wins_ties: bool
    """Whether this week beats the coach's on the tie-break, so it must cost strictly more."""


@dataclass
class _Case:
    """One example as the loop sees it: its counts, the weeks found against it, its last
    optimal week."""

    index: int
    example: Example
    counts: Counts
    rank: int
    broken_rules: list[str]
    cuts: list[_Cut] = field(default_factory=list)
    optimal: Plan = field(default_factory=dict)
    optimal_counts: Counts = ()

    def add_cut(self, plan: Plan, counts: Counts) -> bool:
        """Remember a week the coach's must not lose to; False when it adds nothing: already
        known, or no worse than the coach's on no goal (no weights let it win)."""
        wins_ties = tie_break(plan) < self.rank
        never_wins = all(own <= other for own, other in zip(self.counts, counts, strict=True))
        if never_wins and not wins_ties:
            return False
        if any(same_week(cut.plan, plan) for cut in self.cuts):
            return False
        self.cuts.append(_Cut(plan, counts, wins_ties=wins_ties))
        return True


def learn_weights(
    examples: Sequence[Example],
    base: Mapping[SoftGoalId, int] | None = None,
    *,
    budget: SolveBudget = UNLIMITED,
    max_iterations: int = MAX_ITERATIONS,
) -> Learned:
    """The weights under which the example weeks are the solver's: the centre of those that
    fit near `base`.

    `base` (default: the defaults) is kept when it fits, keeps the goals no example trades
    off, bounds how far the centre is sought and sets the scale. Examples that break a hard
    rule take no part.

    Only the budget's seconds apply: every round solves every example, so its count of solves
    does not (the iteration cap bounds the rounds). OverBudget when the seconds run out before
    one round has solved every example; later, the loop stops while a last round still fits.
    """
    base_weights = {goal: (base or {}).get(goal, DEFAULT_WEIGHTS[goal]) for goal in SOFT_GOAL_IDS}
    clock = _Clock(budget)
    cases = [_case(index, example) for index, example in enumerate(examples)]
    usable = [case for case in cases if not case.broken_rules]
    master = _Master(base_weights)
    # The weeks one edit away are cuts already: fit them before the first round.
    weights = dict(base_weights)
    if any(case.cuts for case in usable):
        weights = master.fit(usable, weights, clock.master_seconds())
    iterations = 0
    converged = False
    while True:
        round_started = time.perf_counter()
        found_new = _oracle_round(cases, weights, clock, first=iterations == 0)
        iterations += 1
        if not found_new:
            converged = True
            break
        round_seconds = time.perf_counter() - round_started
        # Stop while there is time for the master and a round under the final weights.
        needed = 2 * round_seconds + MASTER_STAGES * clock.master_seconds()
        if iterations > max_iterations or clock.left() < needed:
            break
        weights = master.fit(usable, weights, clock.master_seconds())
    fits = [_fit(case, weights, master, usable) for case in cases]
    return Learned(
        weights=weights,
        examples=len(cases),
        reproduced=sum(fit.reproduced for fit in fits),
        identical=sum(fit.identical for fit in fits),
        per_example=fits,
        iterations=iterations,
        converged=converged,
    )


@dataclass
class _Clock:
    """The seconds of the budget spent so far, and what the next solve may take."""

    budget: SolveBudget
    started: float = field(default_factory=time.perf_counter)

    def left(self) -> float:
        """Seconds of the budget left."""
        return self.budget.max_seconds - (time.perf_counter() - self.started)

    def solve_seconds(self, wanted: float, *, first: bool) -> float:
        """`wanted`, cut to the seconds left; OverBudget when none are left in the first
        round (later rounds stop before the seconds run out, and may only overrun a little)."""
        left = self.left()
        if left <= 0 and first:
            raise OverBudget(
                f"{WHAT} needs more than {self.budget.max_seconds:g} s of solving; {ADVICE}",
                self.budget,
            )
        return max(MIN_SOLVE_SECONDS, min(wanted, left))

    def master_seconds(self) -> float:
        """What each stage of the master may search: its own limit, within a share of the
        seconds left (every stage, and a round of solving after them)."""
        return max(MIN_SOLVE_SECONDS, min(MASTER_TIME_LIMIT_S, self.left() / (MASTER_STAGES + 1)))


def _case(index: int, example: Example) -> _Case:
    evaluation = evaluate(example.request, example.plan)
    broken = [f"{v.rule} ({v.message})" for v in evaluation.violations]
    case = _Case(
        index=index,
        example=example,
        counts=counts_of(example.request, example.plan),
        rank=tie_break(example.plan),
        broken_rules=broken,
    )
    if not broken:
        # The weeks one edit away say most about what the coach weighed: start with them.
        scorer = Scorer(example.request)
        for neighbour in neighbours(example.plan):
            if not scorer.breaks_hard_rule(parse_plan(neighbour)):
                case.add_cut(neighbour, counts_of(example.request, neighbour))
    return case


def neighbours(plan: Plan) -> list[Plan]:
    """The weeks one edit away from `plan`: a session moved to a free day, swapped for
    another, taken out, or one added on a free day."""
    session_ids = [session.id for session in catalogue()]
    placed = {day: list(plan.get(day, [])) for day in DAYS}
    free_days = [day for day in DAYS if not placed[day]]
    edits: list[Plan] = []
    for day in DAYS:
        for session_id in placed[day]:
            without = {**placed, day: [s for s in placed[day] if s != session_id]}
            edits.append(without)
            edits.extend({**without, free: [session_id]} for free in free_days)
            edits.extend(
                {**without, day: [*without[day], other]}
                for other in session_ids
                if other != session_id
            )
    edits.extend({**placed, free: [other]} for free in free_days for other in session_ids)
    return edits


def _oracle_round(
    cases: list[_Case], weights: dict[SoftGoalId, int], clock: _Clock, *, first: bool
) -> bool:
    """Solve every example under `weights`; True when some example met a week not seen yet."""
    found_new = False
    for case in cases:
        request = with_weights(case.example.request, weights)
        limit = clock.solve_seconds(min(request.time_limit_s, EXAMPLE_TIME_LIMIT_S), first=first)
        result = solve(request.model_copy(update={"time_limit_s": limit}))
        if result.status == "infeasible":
            # No week keeps the hard rules, so the coach's breaks one: it has no cut to give.
            case.optimal, case.optimal_counts = {day: [] for day in DAYS}, case.counts
            continue
        case.optimal = result.plan
        case.optimal_counts = counts_of(case.example.request, result.plan)
        if case.broken_rules or same_week(case.optimal, case.example.plan):
            continue
        found_new |= case.add_cut(case.optimal, case.optimal_counts)
    return found_new


class _Master:
    """The weights that keep the coach's weeks ahead of every week found so far."""

    def __init__(self, base: dict[SoftGoalId, int]) -> None:
        self.base = base
        self.corners: list[dict[SoftGoalId, int]] = []
        """The corners of the last centre: each traded goal's least and greatest weight."""
        # The weights' sum stays within half and twice the base's: on the base's scale, never
        # shrinking towards nothing (where every week ties) nor widening margins by scaling.
        self.least_sum = max(sum(base.values()) // SCALE_RANGE, len(SOFT_GOAL_IDS))
        self.most_sum = SCALE_RANGE * max(sum(base.values()), len(SOFT_GOAL_IDS))

    def fit(
        self, cases: Sequence[_Case], current: dict[SoftGoalId, int], seconds: float
    ) -> dict[SoftGoalId, int]:
        """Fewest examples with slack, then the least slack, then the centre of the weights
        within `CENTRE_REACH` times the least distance to the base.

        Each stage may search `seconds` (the centre's solves share them); a stage that finds
        nothing in time (never seen at this size) keeps the weights of the stage before, or
        `current`.
        """
        self.corners = []
        model = _MasterModel(self.base, (self.least_sum, self.most_sum), cases, seconds)
        if model.violated:
            slacked = model.minimise(sum(model.violated.values()), fix=True)
            if slacked is None:
                return current
            if slacked and model.minimise(sum(model.slack.values()), fix=True) is None:
                return model.weights()
        closest = model.minimise(model.distance, fix=False)
        if closest is None:
            return current
        if closest == 0:
            return model.weights()
        model.model.add(model.distance <= CENTRE_REACH * closest)
        model.keep_untraded()
        self.corners = model.corners()
        return model.closest_to_average(self.corners)

    def consistent(self, cases: Sequence[_Case]) -> bool:
        """Whether some weights keep every one of these coach's weeks ahead of its cuts."""
        model = _MasterModel(self.base, (self.least_sum, self.most_sum), cases)
        for violated in model.violated.values():
            model.model.add(violated == 0)
        return model.feasible()


class _MasterModel:
    """The master's CP-SAT model: integer weights, one slack per example, solved in stages."""

    def __init__(
        self,
        base: dict[SoftGoalId, int],
        sum_range: tuple[int, int],
        cases: Sequence[_Case],
        seconds: float = MASTER_TIME_LIMIT_S,
    ):
        self.model = Model()
        self.found: dict[SoftGoalId, int] = {}
        self.base = base
        self.weight = {
            goal: self.model.new_int_var(0, MAX_WEIGHT, f"w_{goal}") for goal in SOFT_GOAL_IDS
        }
        least_sum, most_sum = sum_range
        self.model.add_linear_constraint(sum(self.weight.values()), least_sum, most_sum)
        self.violated: dict[int, cp_model.IntVar] = {}
        self.slack: dict[int, cp_model.IntVar] = {}
        self.traded = {
            goal
            for case in cases
            for cut in case.cuts
            for goal, own, other in zip(SOFT_GOAL_IDS, case.counts, cut.counts, strict=True)
            if own != other
        }
        """The goals some example trades off: a week found misses them more or less often."""
        for case in cases:
            if case.cuts:
                self._keep_ahead(case)
        gaps = []
        for goal in SOFT_GOAL_IDS:
            gap = self.model.new_int_var(0, MAX_WEIGHT, f"gap_{goal}")
            self.model.add_abs_equality(gap, self.weight[goal] - base[goal])
            gaps.append(max(1, round(RELATIVE_SCALE / max(base[goal], 1))) * gap)
        self.distance = sum(gaps)
        """Each goal's move from the base relative to its base weight: a weight of 1 moved to 2
        is as far as one of 6 moved to 12."""
        self.seconds = seconds
        self.solver = cp_model.CpSolver()
        self.solver.parameters.num_workers = 1
        self.solver.parameters.random_seed = SEED
        self.solver.parameters.max_time_in_seconds = seconds

    def _keep_ahead(self, case: _Case) -> None:
        """Each week found costs at least the coach's (strictly more when it wins ties),
        unless the example takes slack."""
        bound = max(
            MAX_WEIGHT * sum(max(0, a - b) for a, b in zip(case.counts, cut.counts, strict=True))
            + 1
            for cut in case.cuts
        )
        violated = self.model.new_bool_var(f"violated_{case.index}")
        slack = self.model.new_int_var(0, bound, f"slack_{case.index}")
        self.model.add(slack == 0).only_enforce_if(~violated)
        for cut in case.cuts:
            self.model.add(self._gap(case, cut) + int(cut.wins_ties) <= slack)
        self.violated[case.index] = violated
        self.slack[case.index] = slack

    def _gap(self, case: _Case, cut: _Cut) -> cp_model.LinearExprT:
        """How much more the coach's week costs than the week found (negative: less)."""
        return sum(
            self.weight[goal] * (own - other)
            for goal, own, other in zip(SOFT_GOAL_IDS, case.counts, cut.counts, strict=True)
            if own != other
        )

    def minimise(self, objective: cp_model.LinearExprT, *, fix: bool) -> int | None:
        """Minimise `objective`; with `fix`, keep it at its best for the later stages. None
        when no solution was found in time."""
        self.model.minimize(objective)
        status = self.solver.solve(self.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        best = int(self.solver.objective_value)
        if fix:
            self.model.add(objective <= best)
        self._keep_solution()
        return best

    def _keep_solution(self) -> None:
        """Remember the weights just found, and start the next stage from them."""
        self.found = {goal: int(self.solver.value(var)) for goal, var in self.weight.items()}
        self.model.clear_hints()
        for var in self.weight.values():
            self.model.add_hint(var, self.solver.value(var))

    def keep_untraded(self) -> None:
        """Keep the weights of the goals no example trades off (each week found misses them
        as often as the coach's) as the last stage found them: the examples say nothing of
        them, and a search left free would push them to an end of their range."""
        for goal, weight in self.weight.items():
            if goal not in self.traded:
                self.model.add(weight == self.found[goal])

    def corners(self) -> list[dict[SoftGoalId, int]]:
        """The least and the greatest weight of each goal some example trades off, within the
        model's constraints, as whole weight vectors: corners of the weights that fit, the
        other weights as the search left them. The solves share the stage's seconds; one that
        finds nothing adds no corner.

        Each solve is bounded by CP-SAT's deterministic time, not only by the clock: a corner
        takes milliseconds, and a clock share cut short under load would give other corners,
        so other weights, for the same examples."""
        corners = []
        traded = [goal for goal in SOFT_GOAL_IDS if goal in self.traded]
        stage_ends = time.perf_counter() + self.seconds
        self.solver.parameters.max_deterministic_time = CORNER_DETERMINISTIC_TIME
        for goal in traded:
            for sense in (1, -1):
                left = stage_ends - time.perf_counter()
                self.solver.parameters.max_time_in_seconds = max(MIN_SOLVE_SECONDS, left)
                if self.minimise(sense * self.weight[goal], fix=False) is not None:
                    corners.append(self.weights())
        self.solver.parameters.max_deterministic_time = math.inf
        return corners

    def closest_to_average(self, corners: Sequence[dict[SoftGoalId, int]]) -> dict[SoftGoalId, int]:
        """The integer weights within the model's constraints closest (L1) to the corners'
        average; the last weights found when there are no corners or no time."""
        if not corners:
            return self.weights()
        deviations = []
        for goal in SOFT_GOAL_IDS:
            # |len * w - sum| is len times |w - average|: integers throughout.
            total = sum(corner[goal] for corner in corners)
            deviation = self.model.new_int_var(0, len(corners) * MAX_WEIGHT, f"off_{goal}")
            self.model.add_abs_equality(deviation, len(corners) * self.weight[goal] - total)
            deviations.append(deviation)
        self.solver.parameters.max_time_in_seconds = self.seconds
        self.minimise(sum(deviations), fix=False)
        return self.weights()

    def feasible(self) -> bool:
        """Whether the model has any solution."""
        return self.solver.solve(self.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    def weights(self) -> dict[SoftGoalId, int]:
        """The weights of the last stage that found a solution."""
        return dict(self.found)


def _fit(
    case: _Case, weights: dict[SoftGoalId, int], master: _Master, usable: Sequence[_Case]
) -> ExampleFit:
    regret = max(0, cost(weights, case.counts) - cost(weights, case.optimal_counts))
    identical = not case.broken_rules and same_week(case.optimal, case.example.plan)
    reproduced = not case.broken_rules and regret == 0
    return ExampleFit(
        index=case.index,
        reproduced=reproduced,
        identical=identical,
        optimal={day: list(case.optimal.get(day, [])) for day in DAYS},
        differences=_differences(case.example.plan, case.optimal),
        regret=regret,
        reason=None if identical else _reason(case, weights, master, usable),
    )


def _differences(example: Plan, optimal: Plan) -> list[DayDifference]:
    return [
        DayDifference(day=day, example=list(example.get(day, [])), optimal=list(optimal[day]))
        for day in DAYS
        if sorted(example.get(day, [])) != sorted(optimal.get(day, []))
    ]


def _reason(
    case: _Case, weights: dict[SoftGoalId, int], master: _Master, usable: Sequence[_Case]
) -> str:
    """Why the example is not the solver's week under the learned weights, in words."""
    if case.broken_rules:
        return "breaks hard rule " + "; ".join(case.broken_rules)
    if case.counts == case.optimal_counts:
        return (
            "misses every goal exactly as often as the optimal week (no goal tells them apart), "
            "and the solver picks that one on the tie-break (later days empty, earlier "
            "catalogue sessions)"
        )
    if cost(weights, case.counts) == cost(weights, case.optimal_counts):
        return (
            "ties with the optimal week, which the solver prefers on the tie-break (later days "
            "empty, earlier catalogue sessions)"
        )
    if not master.consistent([case]):
        dominating = next(
            (
                cut
                for cut in case.cuts
                if all(o <= c for o, c in zip(cut.counts, case.counts, strict=True))
            ),
            None,
        )
        if dominating is not None:
            return (
                f"no weights make it optimal: {_week_words(dominating.plan)} misses no goal "
                "more often and some less"
            )
        return "no weights make it optimal: the weeks found beat it under every weighing"
    # The examples the learned weights do reproduce exactly: those it may contradict.
    others = [
        other
        for other in usable
        if other.index != case.index and other.cuts and same_week(other.optimal, other.example.plan)
    ]
    clashing = [other.index for other in others if not master.consistent([case, other])]
    if clashing:
        names = ", ".join(str(index) for index in clashing)
        return f"contradicts example(s) {names}: no weights make both optimal"
    if not master.consistent([case, *others]):
        return "contradicts the other examples taken together: no weights make all optimal"
    return "the iteration or time budget ended before weights were found that make it optimal"


def _week_words(plan: Plan) -> str:
    placed = [f"{DAY_NAMES[day]} {', '.join(plan[day])}" for day in DAYS if plan.get(day)]
    return "the week " + ("; ".join(placed) if placed else "with no session")
