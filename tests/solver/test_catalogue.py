"""The catalogue a coach signs: sessions, exercises and the dose table behind `dose_for`."""

from __future__ import annotations

import pytest

from solver import solve
from solver.catalogue import (
    Dose,
    catalogue,
    dose_class,
    dose_for,
    dose_summary,
    session_by_id,
)
from tests.helpers import runs, week

LEVELS = ("beginner", "intermediate", "advanced")
PHASES = (None, "base", "build", "peak", "taper", "race_week", "deload", "post_race", "recovery")


def test_the_catalogue_holds_what_a_coach_asks_for():
    """A/B heavy sessions, a moderate goblet-squat session, a short version, a loaded home
    session, low and high plyometrics, calf and foot work, upper body and mobility."""
    sessions = session_by_id()
    heavy = [s for s in catalogue() if s.leg_load == "heavy" and s.short_of is None]
    assert len(heavy) >= 2
    assert sessions["lower_body_core"].leg_load == "moderate"
    assert any(15 <= s.minutes <= 25 and s.heavy_strength for s in catalogue())
    assert any(s.equipment == "home_weights" and s.works_legs for s in catalogue())
    intensities = {s.plyometric_intensity for s in catalogue() if s.plyometric}
    assert intensities == {"low", "high"}
    names = " ".join(e.name.lower() for s in catalogue() for e in s.exercises)
    assert "soleus" in names and "foot" in names and "hip" in names


def test_short_versions_name_a_full_session_of_the_same_leg_load():
    """A short version stands in for a longer session of the same kind."""
    sessions = session_by_id()
    for session in catalogue():
        if session.short_of is not None:
            full = sessions[session.short_of]
            assert full.leg_load == session.leg_load
            assert full.minutes > session.minutes


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("phase", PHASES)
def test_every_session_has_a_dose_for_every_level_and_phase(level, phase):
    """The dose table covers every exercise role of every session at every level and phase."""
    for session in catalogue():
        prescription = dose_for(session, level, phase)
        assert len(prescription) == len(session.exercises)
        assert all(p.sets >= 1 and p.reps and p.intensity for p in prescription)


def test_doses_follow_level_and_phase():
    """Heavy doses for an experienced lifter in build, maintenance at peak, light in deload,
    strength-endurance for a beginner."""
    squat = session_by_id()["strength_control"]
    assert dose_class("build", "advanced", squat) == "heavy"
    assert dose_class("peak", "advanced", squat) == "maintenance"
    assert dose_class("deload", "advanced", squat) == "light"
    assert dose_class("post_race", "intermediate", squat) == "light"
    assert dose_class("base", "beginner", squat) == "strength_endurance"
    assert dose_summary(dose_for(squat, "advanced", "build")) == "3 x 4 @ 80% 1RM"
    assert dose_summary(dose_for(squat, "intermediate", "build")) == "3 x 5 @ RPE 7"
    assert dose_summary(dose_for(squat, "intermediate", "peak")) == "2 x 4 @ RPE 8"
    assert dose_summary(dose_for(squat, "intermediate", "deload")) == "2 x 8 @ RPE 5"


def test_doses_progress_by_step_up_to_their_caps():
    """Each step adds intensity, every second step a set; caps hold; maintenance holds."""
    squat = session_by_id()["strength_control"]
    steps = [dose_for(squat, "intermediate", "build", step)[0] for step in (1, 2, 3, 9)]
    assert [(p.sets, p.intensity) for p in steps] == [
        (3, "RPE 7"),
        (3, "RPE 7.5"),
        (4, "RPE 8"),
        (4, "RPE 8"),
    ]
    assert dose_for(squat, "intermediate", "peak", 5) == dose_for(squat, "intermediate", "peak")


def test_dose_without_caps_holds():
    """A dose with no caps does not progress."""
    dose = Dose(sets=2, reps="30 s", rpe=6)
    assert dose.progressed(5) == dose


def test_placed_sessions_carry_dose_and_prescription():
    """A solved week's sessions carry the dose for the athlete's level and the week's phase."""
    request = week(
        {"tue": runs("intervals"), "sat": runs("long")},
        athlete={"level": "advanced", "phase": "build"},
        progression_step=3,
    )
    placed = [s for day in solve(request).days.values() for s in day.strength]
    heavy = next(s for s in placed if s.leg_load == "heavy")
    assert heavy.dose == "4 x 4 @ 85% 1RM"
    assert heavy.prescription[0].exercise == heavy.exercises[0]
    assert all(s.dose for s in placed)


def test_new_to_lifting_gets_light_doses_whatever_the_running_level():
    """An advanced runner with three months in the gym gets beginner strength-endurance doses
    and no heavy session (level_fit)."""
    request = week(
        {"tue": runs("intervals"), "sat": runs("long")},
        athlete={"level": "advanced", "phase": "build", "strength_training_age": 0.25},
    )
    assert request.athlete.lifting_level == "beginner"
    placed = [s for day in solve(request).days.values() for s in day.strength]
    assert placed and all(s.leg_load != "heavy" for s in placed)
    assert all("RPE 6" in s.dose or "RPE 5" in s.dose for s in placed)


def test_dumbbell_and_bodyweight_sessions_are_dosed_by_effort_not_by_one_rep_max():
    """Only barbell (gym, heavy) sessions are dosed in % of 1RM; a goblet squat goes by RPE."""
    for session in catalogue():
        for level in LEVELS:
            for phase in PHASES:
                prescription = dose_for(session, level, phase, step=5)
                if session.leg_load != "heavy":
                    assert all("1RM" not in p.intensity for p in prescription), session.id
