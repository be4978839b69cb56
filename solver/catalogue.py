"""The strength sessions trainweek can place, and their doses, read from `data/sessions.json`.

The file is what a coach signs: each session's exercises, and one dose table (sets, reps and
intensity, by dose class, exercise role and lifting level). `dose_for` reads a placed session's
prescription from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

# heavy: heavy squats and deadlifts; moderate: goblet squats and dumbbells; plyometric: jumps
# (low or high intensity, their own kind: docs/domain.md); light: bodyweight; none: upper body,
# core, mobility.
LegLoad = Literal["heavy", "moderate", "plyometric", "light", "none"]
PlyometricIntensity = Literal["low", "high"]
# What a session needs, from least to most: bodyweight, dumbbells or a kettlebell, a gym.
SessionEquipment = Literal["bodyweight", "home_weights", "gym"]
Role = Literal["main", "accessory", "core", "mobility", "plyometric"]
# Why an athlete may skip an exercise (an injury, a joint that objects).
Avoid = Literal["jumps", "deep_knee_flexion", "spinal_loading"]
DoseClass = Literal["heavy", "strength_endurance", "maintenance", "light"]
LiftingLevel = Literal["beginner", "intermediate", "advanced"]

# Each progression step (1, 2, 3... through base and build) raises the intensity this much.
RPE_PER_STEP = 0.5
PERCENT_1RM_PER_STEP = 2.5
STEPS_PER_EXTRA_SET = 2


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Exercise(_Frozen):
    """One exercise of a session."""

    name: str = Field(description="What the exercise is, e.g. 'Goblet squat'.")
    role: Role = Field(description="main lift, accessory, core, mobility or plyometric.")
    avoid_if: tuple[Avoid, ...] = Field(
        default=(), description="Leave the exercise out for an athlete who avoids any of these."
    )
    swap: str | None = Field(
        default=None, description="What replaces it for such an athlete; none: the session goes."
    )

    def for_athlete(self, avoid: Iterable[str]) -> str | None:
        """The exercise's name as this athlete does it: itself, its swap, or None (cannot)."""
        if not set(self.avoid_if) & set(avoid):
            return self.name
        return self.swap


class Session(_Frozen):
    """A strength session from the catalogue."""

    id: str = Field(description="Stable id of the session, e.g. 'lower_body_core'.")
    name: str = Field(description="What a runner calls it.")
    leg_load: LegLoad = Field(
        description="heavy: squats, deadlifts; moderate: goblet squats, dumbbells; plyometric: "
        "jumps; light: bodyweight; none: upper body, core, mobility."
    )
    plyometric_intensity: PlyometricIntensity | None = Field(
        default=None, description="For plyometrics: low (pogos, skips) or high (bounds, boxes)."
    )
    equipment: SessionEquipment = Field(
        description="What it needs: bodyweight, home_weights (dumbbells or a kettlebell) or gym."
    )
    minutes: int = Field(gt=0, description="How long it takes, in minutes.")
    short_of: str | None = Field(
        default=None, description="For a short version (tight days): the full session's id."
    )
    exercises: tuple[Exercise, ...] = Field(description="What the session holds, main lift first.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def needs_gym(self) -> bool:
        """Whether the session needs a gym."""
        return self.equipment == "gym"

    @property
    def heavy_legs(self) -> bool:
        """Whether the legs need 48 h after it: heavy or moderate lifting, or high plyometrics.

        Every rule about "heavy legs" uses this; a goblet squat at RPE 7 still leaves the legs
        sore the next day.
        """
        return self.leg_load in ("heavy", "moderate") or self.plyometric_intensity == "high"

    @property
    def heavy_strength(self) -> bool:
        """Whether it is heavy strength work (heavy lifting or high plyometrics): what improves
        running economy, as `lower_body_in_week` asks of experienced lifters."""
        return self.leg_load == "heavy" or self.plyometric_intensity == "high"

    @property
    def plyometric(self) -> bool:
        """Whether the session is jumps and bounds (plyometrics)."""
        return self.leg_load == "plyometric"

    @property
    def works_legs(self) -> bool:
        """Whether the session works the legs at all."""
        return self.leg_load != "none"

    def blocked_by(self, avoid: Iterable[str]) -> list[str]:
        """The exercises an athlete avoiding `avoid` cannot do and that have no swap."""
        avoid = list(avoid)
        if not avoid:
            return []
        return [e.name for e in self.exercises if e.for_athlete(avoid) is None]


class Dose(_Frozen):
    """Sets, reps and intensity for one exercise role at one level, with how it progresses."""

    sets: int = Field(ge=1, le=10)
    reps: str = Field(description="Reps per set ('6', '8-10', '30 s', '10 contacts').")
    rpe: float | None = Field(default=None, ge=1, le=10, description="Effort, CR-10 RPE.")
    pct_1rm: float | None = Field(default=None, gt=0, le=100, description="Load, % of 1RM.")
    max_sets: int | None = Field(default=None, description="Most sets progression reaches.")
    max_intensity: float | None = Field(default=None, description="Highest RPE or %1RM reached.")

    def progressed(self, step: int) -> Dose:
        """The dose at progression step `step` (1: as written): a set more every two steps and
        a little more intensity each step, up to the caps; without caps it holds."""
        extra = step - 1
        sets = self.sets
        if self.max_sets is not None:
            sets = min(self.max_sets, self.sets + extra // STEPS_PER_EXTRA_SET)
        rpe, pct = self.rpe, self.pct_1rm
        if self.max_intensity is not None:
            if rpe is not None:
                rpe = min(self.max_intensity, rpe + RPE_PER_STEP * extra)
            if pct is not None:
                pct = min(self.max_intensity, pct + PERCENT_1RM_PER_STEP * extra)
        return self.model_copy(update={"sets": sets, "rpe": rpe, "pct_1rm": pct})

    @property
    def intensity(self) -> str:
        """'RPE 7' or '80% 1RM'."""
        if self.pct_1rm is not None:
            return f"{self.pct_1rm:g}% 1RM"
        return f"RPE {self.rpe:g}" if self.rpe is not None else "easy"


class Prescription(_Frozen):
    """One exercise of a placed session with its dose."""

    exercise: str = Field(description="The exercise (its swap, for an athlete who avoids it).")
    sets: int = Field(description="Sets.")
    reps: str = Field(description="Reps per set: '6', '8-10', '30 s', '10 contacts'.")
    intensity: str = Field(description="'RPE 7' or '80% 1RM'.")


class _Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doses: dict[DoseClass, dict[Role, dict[str, Dose]]]
    sessions: tuple[Session, ...]


@cache
def _read() -> _Catalogue:
    text = resources.files("solver").joinpath("data/sessions.json").read_text(encoding="utf-8")
    return _Catalogue.model_validate(json.loads(text))


def catalogue() -> tuple[Session, ...]:
    """Every session, in the catalogue's order: a coach's order of preference among sessions
    the goals rate equal (and so the solver's tie-break order)."""
    return _read().sessions


@cache
def session_by_id() -> dict[str, Session]:
    """The catalogue keyed by session id (one shared dict: do not change it)."""
    return {session.id: session for session in catalogue()}


def dose_class(phase: str | None, lifting_level: LiftingLevel, session: Session) -> DoseClass:
    """Which doses a session gets: light in deload, post-race and race weeks; strength-endurance
    for bodyweight sessions (no load to lift heavy); maintenance at peak and in taper;
    otherwise heavy, or strength-endurance for someone new to lifting."""
    if phase in ("deload", "recovery", "post_race", "race_week"):
        return "light"
    if session.leg_load in ("light", "none"):
        return "strength_endurance"
    if phase in ("peak", "taper"):
        return "maintenance"
    if lifting_level == "beginner":
        return "strength_endurance"
    return "heavy"


def progresses(dose_class_: DoseClass) -> bool:
    """Whether doses build step by step in this class (through base and build)."""
    return dose_class_ in ("heavy", "strength_endurance")


def dose_for(
    session: Session,
    level: LiftingLevel,
    phase: str | None,
    step: int = 1,
    avoid: Iterable[str] = (),
) -> list[Prescription]:
    """The session's prescription for a lifter of `level` in `phase` at progression `step`.

    Exercises the athlete avoids become their swap; the caller keeps sessions with no swap off
    the week (hard rule `avoided_exercises`).
    """
    return list(_dose_for(session.id, level, phase, step, tuple(sorted(set(avoid)))))


@cache
def _dose_for(
    session_id: str, level: LiftingLevel, phase: str | None, step: int, avoid: tuple[str, ...]
) -> tuple[Prescription, ...]:
    session = session_by_id()[session_id]
    kind = dose_class(phase, level, session)
    table = _read().doses[kind]
    prescription = []
    for exercise in session.exercises:
        name = exercise.for_athlete(avoid)
        if name is None:
            continue
        by_level = table[exercise.role]
        dose = by_level.get(level) or by_level["all"]
        if progresses(kind):
            dose = dose.progressed(step)
        prescription.append(
            Prescription(exercise=name, sets=dose.sets, reps=dose.reps, intensity=dose.intensity)
        )
    return tuple(prescription)


def dose_summary(prescription: list[Prescription]) -> str:
    """The session's dose in a few characters: its main exercise's, e.g. '3 x 6 @ RPE 7'."""
    if not prescription:
        return ""
    main = prescription[0]
    return f"{main.sets} x {main.reps} @ {main.intensity}"
