"""Packages for setuptools; everything else about the build is in pyproject.toml.

pyproject's `packages.find` only finds packages by their folders, and the scenario library must
stay at the top-level `scenarios/` (data, not code) yet ship inside `solver` so that
importlib.resources finds it in any install, editable or not. So: find the code packages as
before, and map `scenarios/` to the data-only package `solver.library_data`.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["solver*", "api*"]), "solver.library_data"],
    package_dir={"solver.library_data": "scenarios"},
)
