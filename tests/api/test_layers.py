"""api/ knows HTTP and calls the solver package: it never reaches into ortools itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

API = Path(__file__).resolve().parents[2] / "api"


def imported_modules(path: Path) -> set[str]:
    """Every module a Python file imports, by its dotted name."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("path", sorted(API.glob("*.py")), ids=lambda path: path.name)
def test_api_never_imports_ortools(path: Path) -> None:
    """No api/ module imports ortools or the solver's CP-SAT internals (solver.cpsat)."""
    forbidden = {
        module
        for module in imported_modules(path)
        if module.split(".")[0] == "ortools" or module.startswith("solver.cpsat")
    }
    assert not forbidden, f"{path.name} imports {sorted(forbidden)}"
