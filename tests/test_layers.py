"""The layers: api/ never reaches into ortools, and solver/ never into the web layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

API = Path(__file__).resolve().parents[1] / "api"


def imported_modules(path: Path) -> set[str]:
    """Every module a Python file imports, by its dotted name."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize(
    "path", sorted(API.rglob("*.py")), ids=lambda path: str(path.relative_to(API))
)
def test_api_never_imports_ortools(path: Path) -> None:
    """No api/ module imports ortools or the solver's CP-SAT internals (solver.cpsat)."""
    forbidden = {
        module
        for module in imported_modules(path)
        if module.split(".")[0] == "ortools" or module.startswith("solver.cpsat")
    }
    assert not forbidden, f"{path.name} imports {sorted(forbidden)}"


SOLVER = API.parent / "solver"


@pytest.mark.parametrize(
    "path", sorted(SOLVER.rglob("*.py")), ids=lambda path: str(path.relative_to(SOLVER))
)
def test_solver_never_imports_the_web_layer(path: Path) -> None:
    """No solver/ module imports Flask, werkzeug, flask-openapi3 or the api package."""
    web = {"flask", "flask_openapi3", "werkzeug", "api"}
    forbidden = {module for module in imported_modules(path) if module.split(".")[0] in web}
    assert not forbidden, f"{path.name} imports {sorted(forbidden)}"
