"""The scenario library: its folder and its contents, loaded once per folder.

The library is the repository's top-level `scenarios/` folder. setup.py installs it as the
data-only package `solver.library_data`, so a regular `pip install` serves the same library as a
checkout, found through importlib.resources rather than a path relative to this file. Set
`TRAINWEEK_SCENARIOS` to a folder of scenario files with a `presets/` subfolder to use another.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from pathlib import Path

from solver.presets import Preset, load_presets
from solver.scenario import Scenario, load_scenarios

ENV_VAR = "TRAINWEEK_SCENARIOS"
DATA_PACKAGE = "solver.library_data"
PRESETS_FOLDER = "presets"


class LibraryError(RuntimeError):
    """The shipped library cannot be read as a folder (e.g. installed inside a zip file)."""


def library_dir(override: str | Path | None = None) -> Path:
    """The library folder: `override`, else $TRAINWEEK_SCENARIOS, else the installed data."""
    chosen = override or os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen)
    shipped = files(DATA_PACKAGE)
    if not isinstance(shipped, Path):
        raise LibraryError(f"{DATA_PACKAGE} is not a folder on disk ({shipped}); set {ENV_VAR}")
    return shipped


def presets_dir(override: str | Path | None = None) -> Path:
    """The presets folder of the library `library_dir(override)` names."""
    return library_dir(override) / PRESETS_FOLDER


def load_library(
    override: str | Path | None = None,
) -> tuple[dict[str, Scenario], dict[str, Preset]]:
    """Every scenario and preset of the library `library_dir(override)` names, by name."""
    return _load(library_dir(override).resolve())


@cache
def _load(folder: Path) -> tuple[dict[str, Scenario], dict[str, Preset]]:
    # Cached per folder: the library is data that ships with the code, read once per process.
    presets = load_presets(folder / PRESETS_FOLDER)
    return load_scenarios(folder, presets=presets), presets
