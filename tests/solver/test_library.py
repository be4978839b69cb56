"""The scenario library: found as package data, overridden by TRAINWEEK_SCENARIOS, in the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from solver.library import ENV_VAR, library_dir, load_library

ROOT = Path(__file__).resolve().parents[2]


def test_the_library_is_the_repositorys_scenarios_folder(monkeypatch):
    """Without an override the shipped data is found, here the checkout's own scenarios/."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert library_dir().resolve() == (ROOT / "scenarios").resolve()
    scenarios, presets = load_library()
    assert len(scenarios) == len(list((ROOT / "scenarios").glob("*.json")))
    assert "default" in presets


def test_the_environment_variable_points_at_another_library(monkeypatch, tmp_path):
    """TRAINWEEK_SCENARIOS names a folder of scenarios with its presets/, used instead."""
    shutil.copy(ROOT / "scenarios" / "coach-sample-week.json", tmp_path)
    shutil.copytree(ROOT / "scenarios" / "presets", tmp_path / "presets")
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert library_dir() == tmp_path
    scenarios, presets = load_library()
    assert list(scenarios) == ["coach-sample-week"]
    assert "hard-days-hard" in presets


def test_an_explicit_folder_beats_the_environment(monkeypatch, tmp_path):
    """An app's own setting (SCENARIO_DIR) wins over TRAINWEEK_SCENARIOS."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "elsewhere"))
    assert library_dir(tmp_path) == tmp_path


@pytest.mark.slow
def test_the_wheel_ships_every_scenario_and_preset(tmp_path):
    """A regular (non-editable) install gets the whole library: every file is in the wheel."""
    # Built from a clean copy: a stale build/ in the checkout could hide a missing file.
    source = tmp_path / "source"
    junk = shutil.ignore_patterns(
        ".*", "build", "*.egg-info", "__pycache__", "bench-out", "instance"
    )
    shutil.copytree(ROOT, source, ignore=junk)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)],
        check=True,
    )
    (wheel,) = wheels.glob("trainweek-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        *(f"solver/library_data/{p.name}" for p in (ROOT / "scenarios").glob("*.json")),
        *(
            f"solver/library_data/presets/{p.name}"
            for p in (ROOT / "scenarios/presets").glob("*.json")
        ),
    ]
    assert len(expected) > 30
    assert [name for name in expected if name not in names] == []
    assert "solver/bench/templates/report.html.j2" in names
