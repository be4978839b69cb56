"""Learn weights from weeks placed under hidden weights; test on the library's other weeks.

Each trial draws hidden weights at random (fixed seed), places every solvable week of the
scenario library under them, learns from 20 of those weeks and tests on the rest: the share of
test weeks the learned weights place exactly as the hidden ones do, and the regret of the
learned weeks under the hidden weights (their extra cost over the hidden optimum, summed over the
test weeks, relative to the optimum's total). The default weights are scored beside them, as
what a coach gets without learning. A second run perturbs 2 of the 20 examples (one session
moved to another free day, the week still keeping every hard rule): a coach's slips.

Hidden weights come in two draws: `coach` scales each default weight by a random factor in
0..2 (a coach who tunes the defaults), `uniform` draws every weight from 0..10 (no relation to
the defaults, which the learning uses as its tie-break).

Usage: .venv/bin/python benchmarks/bench_learn.py [--trials N] [--seed S]
    [--draw coach|uniform|both]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from solver import DEFAULT_WEIGHTS, SoftGoalId, WeekRequest, solve
from solver.checker import Scorer, parse_plan
from solver.compare import with_weights
from solver.learn import Example, cost, counts_of, learn_weights, neighbours, same_week
from solver.library import load_library
from solver.result import Plan
from solver.rules import SOFT_GOAL_IDS

TRAIN = 20
PERTURBED = 2
GOALS = {"reproduced": 0.90, "regret": 0.02, "seconds": 5.0, "reproduced_perturbed": 0.85}

Weights = dict[SoftGoalId, int]


def coach_weights(rng: random.Random) -> Weights:
    """Each default weight scaled by a random factor in 0..2."""
    return {goal: round(DEFAULT_WEIGHTS[goal] * rng.uniform(0, 2)) for goal in SOFT_GOAL_IDS}


def uniform_weights(rng: random.Random) -> Weights:
    """Each weight drawn from 0..10."""
    return {goal: rng.randint(0, 10) for goal in SOFT_GOAL_IDS}


DRAWS: dict[str, Callable[[random.Random], Weights]] = {
    "coach": coach_weights,
    "uniform": uniform_weights,
}


def placed(request: WeekRequest, weights: Mapping[SoftGoalId, int]) -> Plan:
    """The week the solver places under `weights`."""
    return solve(with_weights(request, weights)).plan


def moved(request: WeekRequest, plan: Plan, rng: random.Random) -> Plan | None:
    """The week with one session moved to a free day, still keeping every hard rule."""
    scorer = Scorer(request)
    moves = [
        week
        for week in neighbours(plan)
        if sorted(s for d in week for s in week[d]) == sorted(s for d in plan for s in plan[d])
        and not same_week(week, plan)
        and not scorer.breaks_hard_rule(parse_plan(week))
    ]
    return rng.choice(moves) if moves else None


@dataclass
class Score:
    """How one set of weights fares on the test weeks under the hidden weights."""

    reproduced: int
    weeks: int
    regret: int
    optimum: int


def score(test: list[WeekRequest], hidden: Weights, weights: Weights) -> Score:
    """Test weeks placed exactly as the hidden weights place them, and the regret."""
    reproduced = regret = optimum = 0
    for request in test:
        truth, mine = placed(request, hidden), placed(request, weights)
        reproduced += same_week(truth, mine)
        best = cost(hidden, counts_of(request, truth))
        regret += cost(hidden, counts_of(request, mine)) - best
        optimum += best
    return Score(reproduced, len(test), regret, optimum)


@dataclass
class Totals:
    """Scores summed over trials, and the seconds each learning took."""

    reproduced: int = 0
    weeks: int = 0
    regret: int = 0
    optimum: int = 0
    seconds: list[float] | None = None

    def add(self, result: Score, seconds: float | None = None) -> None:
        self.reproduced += result.reproduced
        self.weeks += result.weeks
        self.regret += result.regret
        self.optimum += result.optimum
        if seconds is not None:
            self.seconds = [*(self.seconds or []), seconds]

    @property
    def share(self) -> float:
        return self.reproduced / self.weeks

    @property
    def relative_regret(self) -> float:
        return self.regret / self.optimum if self.optimum else 0.0

    def line(self, label: str) -> str:
        timing = ""
        if self.seconds:
            timing = (
                f"  learn median {statistics.median(self.seconds):.2f} s,"
                f" max {max(self.seconds):.2f} s"
            )
        return (
            f"  {label:<22} reproduced {self.reproduced:>3}/{self.weeks} = {self.share:6.1%}"
            f"  regret {self.relative_regret:6.2%}{timing}"
        )


def run(draw: str, trials: int, seed: int, weeks: list[WeekRequest]) -> dict[str, Totals]:
    """The trials of one draw of hidden weights: defaults, learned, learned from slips."""
    rng = random.Random(f"{seed}-{draw}")
    totals = {"defaults": Totals(), "learned": Totals(), "learned, 2 perturbed": Totals()}
    for _ in range(trials):
        hidden = DRAWS[draw](rng)
        order = list(weeks)
        rng.shuffle(order)
        train, test = order[:TRAIN], order[TRAIN:]
        examples = [Example(request, placed(request, hidden)) for request in train]
        totals["defaults"].add(score(test, hidden, dict(DEFAULT_WEIGHTS)))

        started = time.perf_counter()
        learned = learn_weights(examples)
        totals["learned"].add(score(test, hidden, learned.weights), time.perf_counter() - started)

        slipped = list(examples)
        changed = 0
        for index in rng.sample(range(TRAIN), TRAIN):
            week = moved(slipped[index].request, slipped[index].plan, rng)
            if week is not None:
                slipped[index] = Example(slipped[index].request, week)
                changed += 1
            if changed == PERTURBED:
                break
        started = time.perf_counter()
        learned = learn_weights(slipped)
        totals["learned, 2 perturbed"].add(
            score(test, hidden, learned.weights), time.perf_counter() - started
        )
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10, help="hidden weight vectors per draw")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the draws and splits")
    parser.add_argument(
        "--draw", choices=[*DRAWS, "both"], default="both", help="which hidden weights to draw"
    )
    args = parser.parse_args()
    scenarios, _ = load_library()
    requests = [scenarios[name].request for name in sorted(scenarios)]
    weeks = [request for request in requests if solve(request).status != "infeasible"]
    print(
        f"{len(weeks)} solvable library weeks: learn from {TRAIN}, test on {len(weeks) - TRAIN};"
        f" {args.trials} trials per draw, seed {args.seed}"
    )
    for draw in DRAWS if args.draw == "both" else [args.draw]:
        totals = run(draw, args.trials, args.seed, weeks)
        print(f"hidden weights: {draw}")
        for label, total in totals.items():
            print(total.line(label))
        clean, slipped = totals["learned"], totals["learned, 2 perturbed"]
        met = (
            clean.share >= GOALS["reproduced"]
            and clean.relative_regret < GOALS["regret"]
            and max(clean.seconds or [0.0]) < GOALS["seconds"]
            and slipped.share >= GOALS["reproduced_perturbed"]
        )
        print(
            f"  goals (>= 90% reproduced, regret < 2%, < 5 s, >= 85% with 2 perturbed): "
            f"{'met' if met else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
