"""Replan a week as it happens: pin the past, take what changed, re-solve the rest.

A runner holds a week `POST /v1/weeks/solve` answered; days go by, a session is missed, the long
run moves, the legs feel heavy. `replan()` reads the week as it now stands (`Replanning`: the
week the runner holds, the settled days, the pinned sessions, what the legs cannot take) and
solves it again with the same CP-SAT model, whose `stability` goal counts each open day that
changes. The answer is the usual `WeekResult` with what changed and why (docs/domain.md,
"Replanning").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from solver.catalogue import catalogue, session_by_id
from solver.checker import check_horizon, parse_plan
from solver.cpsat.solve import solve
from solver.domain import (
    DAY_NAMES,
    DAYS,
    CalendarDate,
    Day,
    DayId,
    Run,
    RunType,
    WeekRequest,
    date_only,
)
from solver.horizon import Horizon, LegsRest, Replanning
from solver.result import Plan, WeekResult
from solver.rules import HardRuleId, SoftGoalId

LegsFeel = Literal["fresh", "normal", "heavy", "sore"]
HEAVY_SORENESS = 4
"""Soreness (0-10) from which the legs count as heavy: no heavy legs for 48 h."""
SORE_SORENESS = 7
"""Soreness (0-10) from which the legs count as sore: no leg work but mobility for 72 h."""
HEAVY_LEGS_REST_DAYS = 2
SORE_LEGS_REST_DAYS = 3


def _day_or_date(value: object) -> object:
    """A day id passes as it is; anything else must be a date as YYYY-MM-DD."""
    if isinstance(value, str) and value in DAYS:
        return value
    return date_only(value)


def _known_session(session_id: str) -> str:
    """Refuse a session id the catalogue does not have, naming the ones it has."""
    known = session_by_id()
    if session_id not in known:
        raise ValueError(f"unknown session '{session_id}'; known: {', '.join(known)}")
    return session_id


# A catalogue session's id, its enum in the schema too.
SessionId = Annotated[
    str,
    AfterValidator(_known_session),
    Field(json_schema_extra={"enum": [session.id for session in catalogue()]}),
]


# A day of the week being replanned: mon..sun, or its date (the request needs week_of).
DayRef = Annotated[DayId | CalendarDate, BeforeValidator(_day_or_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Happened(_Strict):
    """One thing that happened (or did not): a strength session or a run on a day."""

    # Exactly one of session and run, said in the schema too.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"oneOf": [{"required": ["session"]}, {"required": ["run"]}]},
    )

    day: DayRef = Field(description="The day it was planned on: mon..sun, or its date.")
    session: SessionId | None = Field(
        default=None, description="A strength session's catalogue id, as the week placed it."
    )
    run: RunType | None = Field(
        default=None, description="A run's type, as the day's runs hold it (the first such run)."
    )

    @model_validator(mode="after")
    def _session_or_run(self) -> Happened:
        if (self.session is None) == (self.run is None):
            raise ValueError("give exactly one of session and run")
        return self


class Moved(Happened):
    """A session or run that moved to another day."""

    to: DayRef = Field(description="The day it moved to: mon..sun, or its date.")


class Added(_Strict):
    """A run the week did not have."""

    day: DayRef = Field(description="The day of the run: mon..sun, or its date.")
    run: Run = Field(description="The run, as in a week request.")


class PlacedStrength(BaseModel):
    """A strength session of the week being replanned, as /v1/weeks/solve answered it."""

    # The answer's other fields (name, dose, exercises...) come along and are not needed.
    model_config = ConfigDict(extra="ignore")

    session: SessionId = Field(description="Catalogue id of the session.")


class HeldDay(BaseModel):
    """One day of the week being replanned: its strength (its runs are the request's)."""

    model_config = ConfigDict(extra="ignore")

    strength: list[PlacedStrength] = Field(
        default_factory=list, max_length=1, description="The day's strength: none or one."
    )


class WhatHappened(_Strict):
    """What happened since a week was solved, and how the legs feel: a replan without the week
    itself (an athlete's replan takes the week from their history)."""

    today: DayRef = Field(
        description="Today: mon..sun, or a date in the request's week_of week. Days before it "
        "are past and kept as they happened; today stays open but for what is done."
    )
    done: list[Happened] = Field(
        default_factory=list,
        max_length=14,
        description="Sessions and runs done, today or before (the past's unreported ones count "
        "as done).",
    )
    missed: list[Happened] = Field(
        default_factory=list, max_length=14, description="Sessions and runs that did not happen."
    )
    skipped: list[Happened] = Field(
        default_factory=list,
        max_length=14,
        description="Sessions and runs left out on purpose: treated as missed.",
    )
    moved: list[Moved] = Field(
        default_factory=list,
        max_length=14,
        description="Sessions and runs moved to another day (`to`); a moved session stays there.",
    )
    added: list[Added] = Field(
        default_factory=list, max_length=14, description="Runs the week did not plan."
    )
    unavailable: list[DayRef] = Field(
        default_factory=list,
        max_length=7,
        description="Days from today on that became unavailable for strength.",
    )
    legs: LegsFeel | Annotated[int, Field(ge=0, le=10, strict=True)] = Field(
        default="normal",
        description="How the legs feel: fresh, normal, heavy (no heavy legs for 48 h) or sore "
        "(no leg work but mobility for 72 h); or soreness from 0 to 10 (4-6 heavy, 7+ sore).",
    )


class ReplanRequest(WhatHappened):
    """A week the runner holds, what happened since, and how the legs feel."""

    request: WeekRequest = Field(description="The week request the week was solved from.")
    week: dict[DayId, HeldDay] = Field(
        description="The `days` of the answer being replanned (day -> {runs, strength}); a day "
        "left out held no strength."
    )


class ReplanError(ValueError):
    """A replan names something the week does not hold: where (`field`) and what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


Change = Literal["added", "removed", "moved"]
Reason = HardRuleId | SoftGoalId


class SessionChange(BaseModel):
    """One strength session that is not where the replanned week had it."""

    day: DayId = Field(description="The day the session was on (added: the day it is on now).")
    session: str = Field(description="Catalogue id of the session.")
    change: Change = Field(description="added, removed, or moved (to `to`).")
    to: DayId | None = Field(default=None, description="For a move: the day it is on now.")
    reasons: list[Reason] = Field(
        description="Why, as rule and goal ids: past_as_it_happened for what the runner "
        "reported, else the rules the old week now breaks there and the goals the new week "
        "misses less."
    )
    because: str = Field(description="The change in words.")


class ReplanResult(WeekResult):
    """The replanned week, and what changed from the week the runner held."""

    today: DayId = Field(description="Today: days before it were kept as they happened.")
    changes: list[SessionChange] = Field(
        description="Each strength session added, removed or moved, and why."
    )


@dataclass(frozen=True)
class _Resolved:
    """A replan read against its week: the request as it now stands, and how to replan it."""

    request: WeekRequest
    replanning: Replanning
    held: Plan
    reported: dict[tuple[str, str], Report]
    """(day, session) -> what the runner said of the session the week held there."""


@dataclass(frozen=True)
class Report:
    """What the runner said of a session: 'missed', 'skipped', 'moved to Sat' (`to`: 'sat')."""

    said: str
    to: str | None = None


def replan(body: ReplanRequest) -> ReplanResult:
    """Re-solve the rest of the week: the past as it happened, as few changes as the stability
    weight asks, recovering legs spared. ReplanError when the body names what the week lacks."""
    return replanned(body)[1]


def replanned(body: ReplanRequest) -> tuple[WeekRequest, ReplanResult]:
    """`replan`, with the request it solved: the week's as it now stands (missed runs gone,
    moved ones moved)."""
    resolved = resolve(body)
    result = solve(resolved.request, replanning=resolved.replanning)
    today = DAYS[resolved.replanning.today]
    changes = [] if result.status == "infeasible" else _changes(resolved, result.plan)
    return resolved.request, ReplanResult(**dict(result), today=today, changes=changes)


def resolve(body: ReplanRequest) -> _Resolved:
    """Read the body against its week: the runs and availability as they now stand, the week
    the runner holds, what is settled and pinned, and what the legs cannot take."""
    return _Reader(body).resolved()


class _Reader:
    """Reads a replan's reports one kind at a time, each against the week as the ones before
    left it: misses, then moves, added runs, what was done, the days now unavailable."""

    def __init__(self, body: ReplanRequest) -> None:
        self.body = body
        self.today = self.day_index(body.today, "today")
        held_days: dict[str, HeldDay] = {str(day): held for day, held in body.week.items()}
        self.held: Plan = {
            day: [s.session for s in held_days.get(day, HeldDay()).strength] for day in DAYS
        }
        self.holding = {day: list(sessions) for day, sessions in self.held.items()}
        self.runs = {day: list(body.request.day(day).runs) for day in DAYS}
        self.pinned: dict[str, list[str]] = {day: [] for day in DAYS}
        self.reported: dict[tuple[str, str], Report] = {}
        self.unavailable: set[str] = set()
        self.settled: set[int] = set(range(self.today))
        self.not_done = 0
        """Sessions missed or skipped."""

    def resolved(self) -> _Resolved:
        """The request as it now stands and the `Replanning` to solve it with."""
        self._missed_and_skipped()
        self._moved()
        self._added()
        self._done()
        self._unavailable()
        for day_index in self.settled:
            self.pinned[DAYS[day_index]] = list(self.holding[DAYS[day_index]])
        replanning = Replanning(
            today=self.today,
            reference=tuple(tuple(self.holding[day]) for day in DAYS),
            pinned=tuple(tuple(dict.fromkeys(self.pinned[day])) for day in DAYS),
            settled=frozenset(self.settled),
            resting=_legs_rest(self.body.legs, self.today),
            legs=_legs_words(self.body.legs),
        )
        return _Resolved(self._request(), replanning, self.held, self.reported)

    def day_index(self, ref: dt.date | str, field: str) -> int:
        """The index (Monday 0) of a day given as mon..sun or as a date of the week."""
        return _day_index(ref, field, self.body.request.week_of)

    def _up_to_today(self, ref: dt.date | str, field: str, what: str) -> int:
        day_index = self.day_index(ref, field)
        if day_index > self.today:
            raise ReplanError(field, f"{_name(day_index)} is after today: {what}")
        return day_index

    def _missed_and_skipped(self) -> None:
        """What did not happen leaves its day; a session missed today settles today."""
        for kind in ("missed", "skipped"):
            for index, item in enumerate(getattr(self.body, kind)):
                field = f"{kind}[{index}]"
                later = "a later day can be made unavailable, or its session moved"
                day_index = self._up_to_today(item.day, f"{field}.day", later)
                day = DAYS[day_index]
                if item.session is None:
                    _take_run(self.runs, day, item.run, field)
                    continue
                _take_session(self.holding, day, item.session, field)
                self.reported[(day, item.session)] = Report(f"{kind} on {_named(day)}")
                self.not_done += 1
                if day_index == self.today:
                    self.settled.add(day_index)

    def _moved(self) -> None:
        """A moved session is pinned where the runner put it; a moved run changes both days."""
        for index, move in enumerate(self.body.moved):
            field = f"moved[{index}]"
            day = DAYS[self.day_index(move.day, f"{field}.day")]
            to_index = self.day_index(move.to, f"{field}.to")
            to = DAYS[to_index]
            if move.session is None:
                self.runs[to].append(_take_run(self.runs, day, move.run, field))
                _fits_the_day(self.body.request, self.runs, to, f"{field}.to")
                continue
            _take_session(self.holding, day, move.session, field)
            if self.holding[to]:
                raise ReplanError(
                    f"{field}.to",
                    f"{_name(to_index)} already holds {self.holding[to][0]}; one strength "
                    "session a day",
                )
            self.holding[to].append(move.session)
            self.pinned[to].append(move.session)
            self.reported[(day, move.session)] = Report(f"moved to {_named(to)} by the runner", to)

    def _added(self) -> None:
        """An added run joins its day, within the day's minutes."""
        for index, added in enumerate(self.body.added):
            field = f"added[{index}]"
            day = DAYS[self.day_index(added.day, f"{field}.day")]
            self.runs[day].append(added.run)
            _fits_the_day(self.body.request, self.runs, day, f"{field}.day")

    def _done(self) -> None:
        """What was done must be in the week; a session done today settles today."""
        for index, item in enumerate(self.body.done):
            field = f"done[{index}]"
            day_index = self._up_to_today(item.day, f"{field}.day", "not done yet")
            day = DAYS[day_index]
            if item.session is None:
                if not any(run.type == item.run for run in self.runs[day]):
                    raise ReplanError(f"{field}.run", f"no {item.run} run on {_name(day_index)}")
                continue
            if item.session not in self.holding[day]:
                raise ReplanError(
                    f"{field}.session",
                    f"{item.session} was never planned on {_name(day_index)} (the week holds "
                    f"{', '.join(self.holding[day]) or 'no strength'} there)",
                )
            if day_index == self.today:
                self.settled.add(day_index)

    def _unavailable(self) -> None:
        """Days from today on that can no longer take strength."""
        for index, ref in enumerate(self.body.unavailable):
            field = f"unavailable[{index}]"
            day_index = self.day_index(ref, field)
            if day_index < self.today:
                raise ReplanError(field, f"{_name(day_index)} is past; it stays as it happened")
            self.unavailable.add(DAYS[day_index])

    def _request(self) -> WeekRequest:
        """The week request as the week now stands.

        A session that did not happen still counts towards min_sessions: a miss late in the
        week must not leave no week at all (the target still asks for it back).
        """
        request = self.body.request
        days = {
            day: request.day(day).model_copy(
                update={"runs": self.runs[day]}
                | ({"available": False} if day in self.unavailable else {})
            )
            for day in DAYS
        }
        fewest = max(0, request.strength.min_sessions - self.not_done)
        strength = request.strength.model_copy(update={"min_sessions": fewest})
        return request.model_copy(update={"days": days, "strength": strength})


def _day_index(ref: dt.date | str, field: str, week_of: dt.date | None) -> int:
    """The index (Monday 0) of a day given as mon..sun or as a date in the week."""
    if isinstance(ref, str):
        return DAYS.index(ref)
    if week_of is None:
        raise ReplanError(field, "a date needs the request's week_of; or give mon..sun")
    offset = (ref - week_of).days
    if not 0 <= offset < len(DAYS):
        sunday = week_of + dt.timedelta(days=len(DAYS) - 1)
        raise ReplanError(
            field, f"{ref.isoformat()} is outside the week {week_of.isoformat()}..{sunday}"
        )
    return offset


def _name(day_index: int) -> str:
    return _named(DAYS[day_index])


def _take_session(holding: Plan, day: str, session: str, field: str) -> None:
    if session not in holding[day]:
        raise ReplanError(
            f"{field}.session",
            f"{session} was never planned on {_named(day)} "
            f"(the week holds {', '.join(holding[day]) or 'no strength'} there)",
        )
    holding[day].remove(session)


def _take_run(runs: dict[str, list[Run]], day: str, run_type: str | None, field: str) -> Run:
    for index, run in enumerate(runs[day]):
        if run.type == run_type:
            return runs[day].pop(index)
    raise ReplanError(f"{field}.run", f"no {run_type} run on {_named(day)}")


def _fits_the_day(request: WeekRequest, runs: dict[str, list[Run]], day: str, field: str) -> None:
    """A run moved or added must leave the day valid (its runs within available_minutes)."""
    posted = request.day(day)
    try:
        Day.model_validate({**dict(posted), "runs": runs[day]})
    except ValidationError as error:
        problem = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise ReplanError(field, f"{_named(day)} would break its limits: {problem}") from None


def legs_level(legs: LegsFeel | int) -> LegsFeel:
    """A soreness from 0 to 10 read as a feeling: 7 or more sore, 4 to 6 heavy."""
    if isinstance(legs, str):
        return legs
    if legs >= SORE_SORENESS:
        return "sore"
    return "heavy" if legs >= HEAVY_SORENESS else "normal"


def _legs_rest(legs: LegsFeel | int, today: int) -> tuple[tuple[int, LegsRest], ...]:
    """The days from today the legs rest, and what they cannot take each day."""
    level = legs_level(legs)
    if level == "heavy":
        rest, count = "heavy", HEAVY_LEGS_REST_DAYS
    elif level == "sore":
        rest, count = "legs", SORE_LEGS_REST_DAYS
    else:
        return ()
    return tuple((d, rest) for d in range(today, min(today + count, len(DAYS))))


def _legs_words(legs: LegsFeel | int) -> str:
    if isinstance(legs, int):
        return f"soreness {legs}/10"
    return f"{legs} legs"


def _changes(resolved: _Resolved, plan: Plan) -> list[SessionChange]:
    """What moved from the week the runner held, each with why.

    What the runner reported (missed, skipped, moved) says `past_as_it_happened`; what the
    solver changed gives the rules the held week now breaks on that day and the goals the new
    week misses less than the held one would.
    """
    held = resolved.held
    removed = [(d, s) for d in DAYS for s in held[d] if s not in plan.get(d, [])]
    added = [(d, s) for d in DAYS for s in plan.get(d, []) if s not in held[d]]
    horizon = Horizon.of_week(resolved.request, resolved.replanning)
    reference = dict(zip(DAYS, resolved.replanning.reference, strict=True))
    breaches, held_penalties = check_horizon(horizon, parse_plan(reference))
    _, new_penalties = check_horizon(horizon, parse_plan(plan))
    new_counts = {p.goal: p.count for p in new_penalties}
    better = [
        p.goal
        for p in held_penalties
        if p.count > new_counts.get(p.goal, 0) and p.goal != SoftGoalId.STABILITY
    ]

    def why(day: str) -> list[Reason]:
        rules = [b.rule for b in breaches if DAYS.index(day) in b.days]
        return list(dict.fromkeys([*rules, *better]))

    by_id = session_by_id()
    changes = []
    for day, session in removed:
        name = by_id[session].name
        report = resolved.reported.get((day, session))
        to = report.to if report and report.to else _placed_again(added, session)
        reasons: list[Reason] = [HardRuleId.PAST_AS_IT_HAPPENED] if report else []
        if to is None:
            because = f"{name} {report.said}" if report else f"{name} is taken off {_named(day)}"
            reasons += [] if report else why(day)
            changes.append(_change(day, session, "removed", None, reasons, because))
            continue
        added.remove((to, session))
        if report is None:
            because = f"{name} moves from {_named(day)} to {_named(to)}"
            reasons += why(day) + [r for r in why(to) if r not in why(day)]
        elif report.to is None:
            because = f"{name} {report.said}, placed again on {_named(to)}"
            reasons += why(to)
        else:
            because = f"{name} {report.said}"
        changes.append(_change(day, session, "moved", to, reasons, because))
    for day, session in added:
        because = f"{by_id[session].name} is added on {_named(day)}"
        changes.append(_change(day, session, "added", None, why(day), because))
    order: list[Change] = ["removed", "moved", "added"]
    return sorted(changes, key=lambda c: (DAYS.index(c.day), order.index(c.change), c.session))


def _placed_again(added: list[tuple[str, str]], session: str) -> str | None:
    """The first day the new week adds the session on, if any: where a removed one went."""
    return next((day for day, placed in added if placed == session), None)


def _change(
    day: str, session: str, change: Change, to: str | None, reasons: list[Reason], because: str
) -> SessionChange:
    return SessionChange.model_validate(
        {
            "day": day,
            "session": session,
            "change": change,
            "to": to,
            "reasons": list(dict.fromkeys(reasons)),
            "because": because,
        }
    )


def _named(day: str) -> str:
    return DAY_NAMES[day]
